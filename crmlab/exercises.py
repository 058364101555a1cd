"""Build the exercise notebooks from the solution notebooks (the single source).

In a code cell, the lines between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` are
removed; in a markdown cell, the text between ``<!-- BEGIN SOLUTION -->`` and
``<!-- END SOLUTION -->`` becomes a prompt for the student's own answer. Outputs and
execution counts are cleared; cell ids stay as they are. Only files in ``exercises/``
are written, and an exercise notebook a student has edited is never overwritten unless
``force=True``.
"""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path
from typing import Any

from crmlab.chapters import ready_chapters
from crmlab.errors import CRMDataError

CODE_BEGIN, CODE_END = "### BEGIN SOLUTION", "### END SOLUTION"
TEXT_BEGIN, TEXT_END = "<!-- BEGIN SOLUTION -->", "<!-- END SOLUTION -->"
TEXT_PROMPT = "*Write your answer here.*"
CODE_PROMPT = "# your code here"


def strip_solution(source: str, cell_type: str) -> str:
    """Remove the marked solution from one cell's source.

    >>> print(strip_solution("x = ...\\n### BEGIN SOLUTION\\nx = 42\\n### END SOLUTION\\ncheck(x)",
    ...                      "code"))
    x = ...
    # your code here
    check(x)
    """
    begin, end, prompt = ((CODE_BEGIN, CODE_END, CODE_PROMPT) if cell_type == "code"
                          else (TEXT_BEGIN, TEXT_END, TEXT_PROMPT))
    out, inside = [], False
    for number, line in enumerate(source.split("\n"), start=1):
        marker = line.strip()
        if marker == begin:
            if inside:
                raise CRMDataError(f"nested {begin!r} at line {number} of a {cell_type} cell",
                                   fix=f"close the first block with {end!r}")
            inside = True
            indent = line[: len(line) - len(line.lstrip())]
            out.append(indent + prompt)
        elif marker == end:
            if not inside:
                raise CRMDataError(f"{end!r} without {begin!r} at line {number}",
                                   fix="mark the start of the solution")
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise CRMDataError(f"{begin!r} is never closed", fix=f"add {end!r}")
    return "\n".join(out)


def _fingerprint(cells: list[dict[str, Any]]) -> str:
    text = json.dumps([[c["cell_type"], "".join(c["source"])] for c in cells], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _split_lines(text: str) -> list[str]:
    lines = text.split("\n")
    return [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])


def exercise_notebook(solution: dict[str, Any], source_name: str) -> dict[str, Any]:
    """The exercise version of a solution notebook (a new dict; the input is unchanged)."""
    nb = copy.deepcopy(solution)
    for cell in nb["cells"]:
        text = "".join(cell["source"])
        cell["source"] = _split_lines(strip_solution(text, cell["cell_type"]))
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
    nb["metadata"]["crmlab"] = {"generated_from": f"solutions/{source_name}",
                                "fingerprint": _fingerprint(nb["cells"])}
    return nb


def notebook_text(nb: dict[str, Any]) -> str:
    """Notebook JSON as Jupyter writes it (one-space indent, sorted keys)."""
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def _edited_by_student(path: Path) -> bool:
    nb = json.loads(path.read_text(encoding="utf-8"))
    recorded = nb.get("metadata", {}).get("crmlab", {}).get("fingerprint")
    return recorded is None or recorded != _fingerprint(nb["cells"])


def planned_exercises(root: str | Path) -> dict[Path, str]:
    """Every exercise notebook a fresh build writes: path -> text, one per ready chapter of
    ``crmlab.chapters`` (a solution notebook the table does not list is an error)."""
    root = Path(root)
    wanted = {c.notebook for c in ready_chapters()}
    found = {p.name for p in (root / "solutions").glob("*.ipynb")}
    if not found:
        raise CRMDataError("no solution notebooks found", where=str(root / "solutions"),
                           fix="run from the repository root or pass --root")
    if found != wanted:
        raise CRMDataError(
            f"solutions/ has {sorted(found - wanted) or 'nothing extra'} beyond the chapter table "
            f"and lacks {sorted(wanted - found) or 'nothing'}", where=str(root / "solutions"),
            fix="run from the repository root, or add the chapter to crmlab/chapters.py as ready")
    plan = {}
    for name in sorted(wanted):
        solution = json.loads((root / "solutions" / name).read_text(encoding="utf-8"))
        plan[root / "exercises" / name] = notebook_text(exercise_notebook(solution, name))
    return plan


def stale_exercises(root: str | Path) -> list[str]:
    """Names of exercise notebooks that differ from a fresh build (or are missing)."""
    return [path.name for path, text in planned_exercises(root).items()
            if not path.is_file() or path.read_text(encoding="utf-8") != text]


def build_exercises(root: str | Path, *, force: bool = False) -> list[Path]:
    """Write ``exercises/`` from ``solutions/``; return the files that changed.

    A target whose cells a student has changed since it was generated is left alone
    (``CRMDataError`` names it) unless ``force=True``.
    """
    plan = planned_exercises(root)
    edited = [p for p in plan if p.is_file() and not force and _edited_by_student(p)]
    if edited:
        raise CRMDataError(
            f"these exercise notebooks were edited since they were generated: "
            f"{[p.name for p in edited]}; nothing was written",
            where=str(Path(root) / "exercises"),
            fix="copy your work elsewhere first, or rebuild with --force to overwrite",
        )
    changed = []
    for path, text in plan.items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed
