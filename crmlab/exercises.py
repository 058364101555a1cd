"""Build the exercise notebooks from the solution notebooks (the single source).

In a code cell, the lines between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` are
removed; in a markdown cell, the text between ``<!-- BEGIN SOLUTION -->`` and
``<!-- END SOLUTION -->`` becomes a prompt for the student's own answer. Outputs and
execution counts are cleared, and metadata that could carry solution text (cell
metadata other than tags, attachments, notebook metadata other than the kernel) is
dropped; cell ids stay as they are. A line that looks like a marker but is not exactly one
(wrong cell type, case, spacing, ``##``, a trailing comment, inline) is an error that names
the notebook, cell and line: a solution never leaks silently. Only files in ``exercises/``
are written, byte for byte as planned, and an exercise notebook a student has edited is
never overwritten unless ``force=True``.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from pathlib import Path
from typing import Any

from crmlab.chapters import ready_chapters
from crmlab.errors import CRMDataError
from crmlab.files import drift

CODE_BEGIN, CODE_END = "### BEGIN SOLUTION", "### END SOLUTION"
TEXT_BEGIN, TEXT_END = "<!-- BEGIN SOLUTION -->", "<!-- END SOLUTION -->"
TEXT_PROMPT = "*Write your answer here.*"
CODE_PROMPT = "# your code here"
NEAR_MARKER = re.compile(r"(#|<!--).*\b(begin|end)[\s_-]*solution\b", re.IGNORECASE)
KEPT_CELL_METADATA = ("tags",)
KEPT_NOTEBOOK_METADATA = ("kernelspec", "language_info")


def strip_solution(source: str, cell_type: str) -> str:
    """Remove the marked solution from one cell's source.

    >>> print(strip_solution("x = ...\\n### BEGIN SOLUTION\\nx = 42\\n### END SOLUTION\\ncheck(x)",
    ...                      "code"))
    x = ...
    # your code here
    check(x)
    >>> strip_solution("x = 1  ### BEGIN SOLUTION", "code")
    Traceback (most recent call last):
    ...
    crmlab.errors.CRMDataError: line 1 looks like a solution marker but is not one: ...
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
        elif NEAR_MARKER.search(line):
            raise CRMDataError(
                f"line {number} looks like a solution marker but is not one: {marker[:60]!r}",
                fix=f"in a {cell_type} cell write {begin!r} and {end!r} alone on their lines")
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
    """The exercise version of a solution notebook (a new dict; the input is unchanged).

    A marker problem raises :class:`CRMDataError` naming the notebook, the cell (number and
    id) and the line.
    """
    nb = copy.deepcopy(solution)
    for number, cell in enumerate(nb["cells"], start=1):
        text = "".join(cell["source"])
        try:
            cell["source"] = _split_lines(strip_solution(text, cell["cell_type"]))
        except CRMDataError as err:
            raise CRMDataError(err.what, fix=err.fix, where=f"solutions/{source_name}, cell "
                               f"{number} (id {cell.get('id', '?')}, {cell['cell_type']})"
                               ) from err
        cell["metadata"] = {k: v for k, v in cell.get("metadata", {}).items()
                            if k in KEPT_CELL_METADATA}
        cell.pop("attachments", None)
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
    nb["metadata"] = {k: v for k, v in nb.get("metadata", {}).items()
                      if k in KEPT_NOTEBOOK_METADATA}
    nb["metadata"]["crmlab"] = {"generated_from": f"solutions/{source_name}",
                                "fingerprint": _fingerprint(nb["cells"])}
    return nb


def notebook_text(nb: dict[str, Any]) -> str:
    """Notebook JSON as Jupyter writes it (one-space indent, sorted keys)."""
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def _edited_by_student(path: Path) -> bool:
    try:
        nb = json.loads(path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return True  # unreadable: treat as a student's file, never overwrite without --force
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
        path = root / "solutions" / name
        try:
            solution = json.loads(path.read_bytes().decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            raise CRMDataError(f"cannot read the notebook ({err})", where=str(path),
                               fix="open and save it in JupyterLab, or restore it with git"
                               ) from err
        plan[root / "exercises" / name] = notebook_text(exercise_notebook(solution, name))
    return plan


def stale_exercises(root: str | Path) -> dict[str, str]:
    """Exercise notebooks that are not byte for byte a fresh build: name -> why."""
    stale = {path.name: drift(path, text.encode("utf-8"))
             for path, text in planned_exercises(root).items()}
    return {name: why for name, why in stale.items() if why}


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
        if drift(path, text.encode("utf-8")):
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(text.encode("utf-8"))  # the same bytes on every system
            changed.append(path)
    return changed
