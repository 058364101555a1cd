"""Integrity flags for the instructor to review — never automatic zeros.

A flag says what was seen and where: an answer cell that reaches for the answer key
(``crmlab.registry``, ``crmlab.answers``, ``.reference(``, ``%run``, ``solutions/``), an
answer equal to the published solution's code, a written answer equal to the model
answer, a literal typed in where the exercise asks for a computation, and answers
identical to another student's (:func:`shared_answers`). The comparison ignores
blank lines and spacing at the ends of lines, but not comments.
"""

from __future__ import annotations

import ast
import hashlib
import re
from itertools import combinations
from typing import Any

from crmlab.exercises import CODE_BEGIN, CODE_END, TEXT_BEGIN, TEXT_END
from crmlab.grading.rebuild import Rebuilt, check_calls, source, syntax_tree, without_checks

ANSWER_KEY = re.compile(r"crmlab\.registry|crmlab\.answers|from\s+crmlab\s+import\s+[^\n]*\b(?:registry|"
                        r"answers)\b|\.reference\(|%run|solutions/|\blookup\(")
STUB = re.compile(r"(\w+\s*=\s*)?\.\.\.")  # the exercise's blank: `answer = ...`
SHARED_MIN = 3  # identical answers that make two submissions worth a look


def normal_code(code: str) -> str:
    """Code as compared: without check lines, blank lines and trailing spaces.

    >>> normal_code("x = ...\\nx = 1  \\n\\n# why\\ncheck('ch0.ex1', x)\\n")
    'x = 1\\n# why'
    """
    lines = [line.rstrip() for line in without_checks(code).splitlines()]
    return "\n".join(line for line in lines if line.strip() and not STUB.fullmatch(line.strip())
                     and line.strip() not in ("# your code here", CODE_BEGIN, CODE_END))


def is_literal(code: str) -> bool:
    """Whether the code only assigns values typed in (numbers, text, lists of them, a Series
    of them), computing nothing.

    >>> is_literal("x = 0.42"), is_literal("s = pd.Series({'a': 1})"), is_literal("x = df.a.sum()")
    (True, True, False)
    """
    tree = syntax_tree(code)
    if tree is None or not tree.body:
        return False
    return all(isinstance(n, ast.Assign) and _typed_in(n.value) for n in tree.body)


def _typed_in(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.UnaryOp):
        return _typed_in(node.operand)
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return all(_typed_in(e) for e in node.elts)
    if isinstance(node, ast.Dict):
        return all(k is not None and _typed_in(k) for k in node.keys) and all(map(_typed_in, node.values))
    if isinstance(node, ast.Call):
        name = ast.unparse(node.func)
        return name in ("pd.Series", "dict", "set", "list", "tuple", "frozenset") and all(
            _typed_in(a) for a in node.args) and all(_typed_in(k.value) for k in node.keywords)
    return False


def solution_code(solution: dict[str, Any]) -> dict[str, str]:
    """The published solution's answer code per exercise (its marked region)."""
    found = {}
    for cell in solution.get("cells", []):
        text = source(cell)
        if cell.get("cell_type") != "code" or CODE_BEGIN not in text:
            continue
        body = text.split(CODE_BEGIN, 1)[1].split(CODE_END, 1)[0]
        for exercise, _, _, _ in check_calls(text):
            found[exercise] = normal_code(body)
    return found


def model_answers(solution: dict[str, Any]) -> list[str]:
    """The model answers of the written exercises, as text."""
    texts = []
    for cell in solution.get("cells", []):
        text = source(cell)
        if cell.get("cell_type") == "markdown" and TEXT_BEGIN in text:
            texts.append(text.split(TEXT_BEGIN, 1)[1].split(TEXT_END, 1)[0])
    return texts


def _words(text: str) -> str:
    return " ".join(re.sub(r"[*_`#>|-]", " ", text).lower().split())


def flags(rebuilt: Rebuilt, solution: dict[str, Any]) -> list[str]:
    """The flags of one submission (see the module text)."""
    found = []
    published = solution_code(solution)
    for label, code in [*rebuilt.answer_code.items(), *rebuilt.own_code.items()]:
        hit = ANSWER_KEY.search(code)
        if hit:
            found.append(f"{label}: uses {hit[0].strip()!r} (the answer key or the solutions)")
    for exercise, code in rebuilt.answer_code.items():
        mine, theirs = normal_code(code), published.get(exercise, "")
        if mine and theirs and mine == theirs and not is_literal(theirs):
            found.append(f"{exercise}: the answer cell is the published solution's code")
        elif mine and theirs and is_literal(mine) and not is_literal(theirs):
            found.append(f"{exercise}: the answer is a value typed in; the exercise asks for a computation")
    models = [m for m in map(_words, model_answers(solution)) if len(m) >= 20]
    for exercise, text in rebuilt.written.items():
        if TEXT_BEGIN in rebuilt.written_raw.get(exercise, ""):
            found.append(f"{exercise}: the written answer contains the solution's model answer (markers "
                         "and all); that part was not taken")
        elif len(_words(text)) >= 20 and any(_words(text) in m or m in _words(text) for m in models):
            found.append(f"{exercise}: the written answer is the model answer")
    return found


def fingerprints(rebuilt: Rebuilt, solution: dict[str, Any]) -> dict[str, str]:
    """A hash of each answer the student wrote themselves (not blank, not typed-in values,
    not the published code), for comparing submissions with each other."""
    published = solution_code(solution)
    prints = {}
    for exercise, code in rebuilt.answer_code.items():
        mine = normal_code(code)
        theirs = published.get(exercise, "")
        if mine and mine != theirs and not is_literal(theirs or mine):
            prints[exercise] = hashlib.sha256(mine.encode()).hexdigest()[:16]
    return prints


def shared_answers(records: list[dict[str, Any]]) -> dict[str, list[str]]:
    """submission -> flags naming each other submission of the same chapter with at least
    :data:`SHARED_MIN` identical answers.

    >>> same = {"x": "1", "y": "2", "z": "3"}
    >>> a = {"submission": "a", "student": "Ann", "chapter": 0, "fingerprints": same}
    >>> b = {"submission": "b", "student": "Bob", "chapter": 0, "fingerprints": same}
    >>> shared_answers([a, b])["a"]
    ["3 answers identical to Bob's (b): ['x', 'y', 'z']"]
    """
    found: dict[str, list[str]] = {}
    for one, other in combinations(records, 2):
        if one.get("chapter") != other.get("chapter") or one.get("student") == other.get("student"):
            continue
        mine, theirs = one.get("fingerprints") or {}, other.get("fingerprints") or {}
        same = sorted(e for e in mine if theirs.get(e) == mine[e])
        if len(same) >= SHARED_MIN:
            for a, b in ((one, other), (other, one)):
                found.setdefault(a["submission"], []).append(
                    f"{len(same)} answers identical to {b['student']}'s ({b['submission']}): {same}")
    return found

