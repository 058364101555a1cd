"""Rebuilding a submission from the pristine exercise notebook.

Only the student's answer cells are taken — code cells whose master holds the prompt
``# your code here`` and markdown cells whose master holds ``*Write your answer here.*`` —
matched by cell id, else by the exercise id the cell checks (or the heading of a written
answer), else by position (each fallback leaves a warning). The student's ``check(...)``
calls are dropped; every other cell comes from the master, and after each answer cell the
grader inserts its own capture of the answer named in the master's ``check`` line.
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
    """The cells to execute, the exercises they capture, written answers and warnings."""

    cells: list[dict[str, Any]] = field(default_factory=list)
    exercises: list[str] = field(default_factory=list)
    written: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def source(cell: dict[str, Any]) -> str:
    """A cell's source as one string (notebooks store a string or a list of lines)."""
    text = cell.get("source", "")
    return "".join(text) if isinstance(text, list) else str(text)


def check_calls(code: str) -> list[tuple[str, str, int, int]]:
    """(exercise id, answer expression, first line, last line) of each top-level
    ``check("chN.exM", answer)`` statement in ``code``; none if it does not parse.

    >>> check_calls("x = 1\\ncheck('ch0.ex1', x + 1)")
    [('ch0.ex1', 'x + 1', 2, 2)]
    """
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
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
        return "\n".join(line for line in lines if not CHECK_ID.search(line))
    return "\n".join(line for n, line in enumerate(lines, start=1) if n not in drop)


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


def _student_cell(master_cell: dict[str, Any], position: int, student: list[dict[str, Any]],
                  chapter: int, rebuilt: Rebuilt) -> dict[str, Any] | None:
    by_id = {c.get("id"): c for c in student if c.get("id")}
    if master_cell.get("id") in by_id:
        found = by_id[master_cell["id"]]
        return found if found.get("cell_type") == master_cell.get("cell_type") else None
    key = answer_key(master_cell, chapter)
    same_kind = [c for c in student if c.get("cell_type") == master_cell.get("cell_type")]
    matches = [c for c in same_kind if key and answer_key(c, chapter) == key]
    if matches:
        rebuilt.warnings.append(f"{key}: cell ids were lost; the answer cell was found by its "
                                "exercise id")
        return matches[0]
    if position < len(student) and student[position].get("cell_type") == master_cell.get(
            "cell_type") and not by_id:
        rebuilt.warnings.append(f"{key or 'cell ' + str(position + 1)}: cell ids were lost; "
                                "the answer cell was taken by its position")
        return student[position]
    return None


def written_answer(master_text: str, student_text: str) -> str:
    """The student's own words in a written-answer cell (the question text removed).

    >>> written_answer("Q?\\n*Write your answer here.*\\n", "Q?\\nMy answer.\\n")
    'My answer.'
    """
    before, _, after = master_text.partition(TEXT_PROMPT)
    text = student_text
    if before and text.startswith(before):
        text = text[len(before):]
    if after.strip() and text.endswith(after):
        text = text[: len(text) - len(after)]
    text = text.strip()
    return "" if text in ("", TEXT_PROMPT) else text


def rebuild(master: dict[str, Any], student_cells: list[dict[str, Any]], chapter: int
            ) -> Rebuilt:
    """The notebook to execute for a submission: master cells, the student's answer cells
    with their checks removed, and a capture after each answer."""
    rebuilt = Rebuilt()
    cells = student_cell_list(student_cells)
    for position, cell in enumerate(master["cells"]):
        kind, text = cell.get("cell_type"), source(cell)
        if not is_answer_cell(cell):
            if kind == "code":
                rebuilt.cells.append({"cell_type": "code", "source": text})
            continue
        mine = _student_cell(cell, position, cells, chapter, rebuilt)
        key = answer_key(cell, chapter)
        if kind != "code":
            if key:
                rebuilt.written[key] = written_answer(text, source(mine) if mine else "")
            continue
        answer_code = without_checks(source(mine)) if mine else ""
        rebuilt.cells.append({"cell_type": "code", "source": answer_code})
        for exercise, expression, _, _ in check_calls(text):
            rebuilt.cells.append({"cell_type": "code", "source": capture_source(exercise,
                                                                                  expression),
                                  "capture": exercise})
            rebuilt.exercises.append(exercise)
    return rebuilt


def student_cell_list(cells: Any) -> list[dict[str, Any]]:
    """The student's cells that look like cells (anything else is ignored)."""
    return [c for c in cells if isinstance(c, dict)] if isinstance(cells, list) else []


def rubric(solution: dict[str, Any], exercise: str, chapter: int) -> str:
    """The model answer and rubric of a written exercise, from the solution notebook."""
    for cell in solution.get("cells", []):
        if cell.get("cell_type") == "markdown" and answer_key(cell, chapter) == exercise:
            text = source(cell)
            if TEXT_BEGIN in text:
                return text.split(TEXT_BEGIN, 1)[1].split(TEXT_END, 1)[0].strip()
    return ""
