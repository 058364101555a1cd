"""Rebuilding a submission: the student's notebook as written, its protected cells restored.

The master is the pristine exercise notebook. Its cells are *protected* (setup code, the
task text), *answer* cells (code holding ``# your code here`` and a ``check`` line) or
*written* answers (``*Write your answer here.*``). A student cell is matched to a master
cell by its cell id; an answer cell that lost its id is found by its ``check`` line for the
exercise, else by an assignment to the exercise's answer variable; a protected cell by
its id or its unchanged text. The notebook that runs is the master's cells in the
master's order — protected cells from the master, each answer slot with the student's
code — with every other cell of the student's (their imports, helpers, scratch work)
kept after the matched cell it follows in their notebook. The student's own ``check(...)``
statements are dropped, and right after each answer the grader captures the value named
in the master's check line, i.e. where the student's check would have run. When two
cells answer one exercise, the last one counts.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from typing import Any

from crmlab.exercises import CODE_PROMPT, TEXT_BEGIN, TEXT_END, TEXT_PROMPT
from crmlab.grading.capture import capture_source

CHECK_ID = re.compile(r"""check\(\s*["'](ch\d+\.ex\d+)["']""")
HEADING_ID = re.compile(r"#+\s*Exercise\s+(\d+)", re.IGNORECASE)


@dataclass
class Rebuilt:
    """The cells to execute, the exercises they capture, written answers, the student's
    code per exercise and of their own cells, and notes for the feedback."""

    cells: list[dict[str, Any]] = field(default_factory=list)
    exercises: list[str] = field(default_factory=list)
    written: dict[str, str] = field(default_factory=dict)
    written_raw: dict[str, str] = field(default_factory=dict)  # the cells as handed in
    answer_code: dict[str, str] = field(default_factory=dict)
    own_code: dict[str, str] = field(default_factory=dict)  # label -> code of added cells
    warnings: list[str] = field(default_factory=list)


def source(cell: dict[str, Any]) -> str:
    """A cell's source as one string (notebooks store a string or a list of lines)."""
    text = cell.get("source", "")
    return "".join(text) if isinstance(text, list) else str(text)


def python_source(code: str) -> str:
    """``code`` with IPython's magics and ``!`` lines turned into Python, so it parses.

    >>> python_source("!ls\\nx = 1").splitlines()[-1]
    'x = 1'
    """
    try:
        from IPython.core.inputtransformer2 import TransformerManager

        return TransformerManager().transform_cell(code)
    except Exception:  # noqa: BLE001 - a cell IPython cannot read is taken as it is
        return code


def syntax_tree(code: str) -> ast.Module | None:
    """The parsed cell (magics turned into Python first), or None when it does not parse.

    >>> type(syntax_tree("%time x = 1")).__name__, syntax_tree("def f(:")
    ('Module', None)
    """
    try:
        return ast.parse(python_source(code))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def check_calls(code: str) -> list[tuple[str, str, int, int]]:
    """(exercise id, answer expression, first line, last line) of each top-level
    ``check("chN.exM", answer)`` statement in ``code``; none if it does not parse.

    >>> check_calls("x = 1\\ncheck('ch0.ex1', x + 1)")
    [('ch0.ex1', 'x + 1', 2, 2)]
    """
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    calls = []
    for node in tree.body:
        call = node.value if isinstance(node, ast.Expr) else None
        if (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
                and call.func.id == "check" and len(call.args) == 2
                and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str)):
            calls.append((call.args[0].value, ast.unparse(call.args[1]), node.lineno,
                          node.end_lineno or node.lineno))
    return calls


def without_checks(code: str) -> str:
    """``code`` without its top-level ``check(...)`` statements (a student's own).

    >>> without_checks("x = 2\\ncheck('ch0.ex1',\\n      x)\\ny = 3")
    'x = 2\\ny = 3'
    """
    lines = code.split("\n")
    drop = {n for _, _, first, last in check_calls(code) for n in range(first, last + 1)}
    if not drop:
        return "\n".join(line for line in lines if not re.match(r"\s*" + CHECK_ID.pattern, line))
    return "\n".join(line for n, line in enumerate(lines, start=1) if n not in drop)


def assigned_names(code: str) -> set[str]:
    """The names a cell assigns at its top level.

    >>> sorted(assigned_names("a = 1\\nb, c = 2, 3\\nd += 1\\nprint(e)"))
    ['a', 'b', 'c', 'd']
    """
    tree = syntax_tree(code)
    names: set[str] = set()
    for node in tree.body if tree else []:
        targets = (node.targets if isinstance(node, ast.Assign)
                   else [node.target] if isinstance(node, (ast.AugAssign, ast.AnnAssign)) else [])
        for target in targets:
            names |= {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}
    return names


def answer_key(cell: dict[str, Any], chapter: int) -> str | None:
    """The exercise a master or student answer cell belongs to: its check id, or for a
    written answer the number in its 'Exercise N' heading."""
    text = source(cell)
    if cell.get("cell_type") == "code":
        found = CHECK_ID.search(text)
        return found[1] if found else None
    heading = HEADING_ID.search(text)
    return f"ch{chapter}.ex{heading[1]}" if heading else None


def is_answer_cell(cell: dict[str, Any]) -> bool:
    """Whether a master cell is where the student writes (code or text)."""
    text = source(cell)
    return (CODE_PROMPT in text) if cell.get("cell_type") == "code" else (TEXT_PROMPT in text)


def written_answer(master_text: str, student_text: str) -> str:
    """The student's own words in a written-answer cell: the question text and any model
    answer copied from the solution (between its markers) removed.

    >>> written_answer("Q?\\n*Write your answer here.*\\n", "Q?\\nMy answer.\\n")
    'My answer.'
    >>> copied = "Q?\\n<!-- BEGIN SOLUTION -->\\nModel.\\n<!-- END SOLUTION -->"
    >>> written_answer("Q?\\n*Write your answer here.*", copied)
    ''
    """
    before, _, after = master_text.partition(TEXT_PROMPT)
    text = re.sub(re.escape(TEXT_BEGIN) + r".*?(" + re.escape(TEXT_END) + r"|$)", "", student_text,
                  flags=re.DOTALL)
    if before and text.startswith(before):
        text = text[len(before):]
    if after.strip() and text.endswith(after):
        text = text[: len(text) - len(after)]
    text = text.strip()
    return "" if text in ("", TEXT_PROMPT) else text


def _normal(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


def _match(master: list[dict[str, Any]], student: list[dict[str, Any]], chapter: int,
           rebuilt: Rebuilt) -> dict[int, int]:
    """student cell index -> master cell index for every student cell that is a master cell."""
    ids = {c.get("id"): i for i, c in enumerate(master) if c.get("id")}
    role: dict[int, int] = {}
    taken: set[int] = set()
    for s, cell in enumerate(student):
        i = ids.get(cell.get("id"))
        if i is not None and i not in taken and master[i].get("cell_type") == cell.get("cell_type"):
            role[s] = i
            taken.add(i)
    if ids and not role and student:
        rebuilt.warnings.append("the cell ids of the exercise notebook were lost (e.g. the notebook "
                                "was saved by another editor); answers were found by their check "
                                "lines or answer variables")
    for i, cell in enumerate(master):
        if cell.get("cell_type") != "code" or not is_answer_cell(cell):
            continue
        exercises = [e for e, _, _, _ in check_calls(source(cell))]
        by_check = [s for s, c in enumerate(student) if s not in role and c.get("cell_type") == "code"
                    and {e for e, _, _, _ in check_calls(source(c))} & set(exercises)]
        mine = [s for s, m in role.items() if m == i]
        candidates = sorted(mine + by_check)
        if not candidates:
            names = {expr for _, expr, _, _ in check_calls(source(cell)) if expr.isidentifier()}
            candidates = [s for s, c in enumerate(student) if s not in role
                          and c.get("cell_type") == "code" and names & assigned_names(source(c))][-1:]
        if len(candidates) > 1:
            rebuilt.warnings.append(f"{', '.join(exercises)}: {len(candidates)} cells answer it; the "
                                    "last one run counts")
        for s in mine:
            del role[s]
        if candidates:
            role[candidates[-1]] = i
            taken.add(i)
    for i, cell in enumerate(master):
        key = answer_key(cell, chapter)
        if i in taken or cell.get("cell_type") == "code" or not is_answer_cell(cell) or not key:
            continue
        same = [s for s, c in enumerate(student) if s not in role and c.get("cell_type") == "markdown"
                and answer_key(c, chapter) == key]
        if same:
            role[same[-1]] = i
            taken.add(i)
    for i, cell in enumerate(master):
        if i in taken or is_answer_cell(cell):
            continue
        text = _normal(source(cell))
        same = [s for s, c in enumerate(student) if s not in role and c.get("cell_type") ==
                cell.get("cell_type") and _normal(source(c)) == text]
        if same:
            role[same[0]] = i
            taken.add(i)
    return role


def rebuild(master: dict[str, Any], student_cells: list[dict[str, Any]], chapter: int) -> Rebuilt:
    """The notebook to execute for a submission (see the module text)."""
    rebuilt = Rebuilt()
    cells = master["cells"]
    role = _match(cells, student_cells, chapter, rebuilt)
    slot = {i: s for s, i in role.items()}
    first_code = next((i for i, c in enumerate(cells) if c.get("cell_type") == "code"), -1)
    after: dict[int, list[int]] = {}
    anchor = first_code
    for s, cell in enumerate(student_cells):
        if s in role:
            anchor = role[s]
        elif cell.get("cell_type") == "code" and source(cell).strip():
            after.setdefault(anchor, []).append(s)
    for s in after.pop(-1, []):
        _own(rebuilt, s, student_cells[s])
    for i, cell in enumerate(cells):
        kind, text = cell.get("cell_type"), source(cell)
        mine = student_cells[slot[i]] if i in slot else None
        if is_answer_cell(cell) and kind != "code":
            key = answer_key(cell, chapter)
            if key:
                rebuilt.written[key] = written_answer(text, source(mine) if mine else "")
                rebuilt.written_raw[key] = source(mine) if mine else ""
        elif is_answer_cell(cell):
            calls = check_calls(text)
            code = without_checks(source(mine)) if mine else ""
            label = ", ".join(e for e, _, _, _ in calls)
            rebuilt.cells.append({"source": code, "label": label})
            for exercise, expression, _, _ in calls:
                rebuilt.cells.append({"source": capture_source(exercise, expression), "capture": exercise})
                rebuilt.exercises.append(exercise)
                rebuilt.answer_code[exercise] = code
        elif kind == "code":
            rebuilt.cells.append({"source": text})
        for s in after.get(i, []):
            _own(rebuilt, s, student_cells[s])
    return rebuilt


def _own(rebuilt: Rebuilt, position: int, cell: dict[str, Any]) -> None:
    label = f"your own cell {position + 1}"
    code = without_checks(source(cell))
    rebuilt.cells.append({"source": code, "label": label})
    rebuilt.own_code[label] = code


def rubric(solution: dict[str, Any], exercise: str, chapter: int) -> str:
    """The model answer and rubric of a written exercise, from the solution notebook."""
    for cell in solution.get("cells", []):
        if cell.get("cell_type") == "markdown" and answer_key(cell, chapter) == exercise:
            text = source(cell)
            if TEXT_BEGIN in text:
                return text.split(TEXT_BEGIN, 1)[1].split(TEXT_END, 1)[0].strip()
    return ""
