"""``crmlab grade``: grade submitted exercise notebooks into a gradebook, with feedback.

For each submission: read it (never write to it), recognise its chapter, rebuild it from
the pristine exercise notebook, execute it safely (``run.py``), and compare the captured
answers with the registry's references **in this process** (``crmlab.checks.evaluate``),
computed once per chapter per run. Submissions run in parallel processes (``jobs``).

Writes into ``out``: ``grades.csv`` (one row per submission), ``feedback/<name>.md`` and
``written.csv`` (written answers with the rubric and an empty ``points`` column);
:func:`merge_written` adds the instructor's points to ``grades.csv``.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crmlab.chapters import CHAPTERS, Chapter
from crmlab.errors import CRMDataError
from crmlab.grading.rebuild import rebuild, rubric
from crmlab.grading.run import Execution, Limits, execute

STATUSES = ("ok", "timeout", "crashed", "unreadable", "wrong-notebook")
ID_PATTERN = re.compile(r"ch(\d+)\.ex\d+")
CELL_ID = re.compile(r'"id": "sol(\d\d)-\d+"')  # cell ids of the solution and exercise notebooks


@dataclass
class Graded:
    """One submission's result: the gradebook row, its feedback and written answers."""

    name: str
    chapter: int | None
    status: str
    points: dict[str, int] = field(default_factory=dict)
    max_points: dict[str, int] = field(default_factory=dict)
    messages: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    written: dict[str, str] = field(default_factory=dict)
    answers: dict[str, Any] = field(default_factory=dict)  # captured, before scoring


def find_submissions(paths: list[str | Path]) -> list[tuple[str, Path]]:
    """(name, path) of every notebook named or inside a named folder; a folder holding one
    notebook names it after the folder. Names are made unique."""
    found: list[tuple[str, Path]] = []
    for item in map(Path, paths):
        if item.is_dir():
            notebooks = sorted(p for p in item.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
            if len(notebooks) == 1:
                found.append((item.name, notebooks[0]))
            else:
                found += [(p.stem, p) for p in notebooks]
        elif item.exists():
            found.append((item.stem, item))
        else:
            raise CRMDataError("no such file or folder", where=str(item),
                               fix="give submitted notebooks or folders of them")
    seen: Counter[str] = Counter()
    unique = []
    for name, path in found:
        seen[name] += 1
        unique.append((name if seen[name] == 1 else f"{name}-{seen[name]}", path))
    return unique


def read_notebook(path: Path) -> dict[str, Any] | None:
    """The submission as a dict, or None when it is not a readable version-4 notebook.

    >>> read_notebook(Path("no/such/file.ipynb")) is None
    True
    """
    try:
        nb = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    ok = isinstance(nb, dict) and isinstance(nb.get("cells"), list) and nb.get("nbformat") == 4
    return nb if ok else None


def recognise_chapter(nb: dict[str, Any]) -> Chapter | None:
    """The chapter of a submission: from its metadata, else the exercise ids it checks and
    its cell ids (``sol04-12`` is chapter 4).

    >>> recognise_chapter({"cells": [{"source": 'check("ch3.ex2", x)'}]}).number
    3
    >>> recognise_chapter({"cells": []}) is None
    True
    """
    origin = str(nb.get("metadata", {}).get("crmlab", {}).get("generated_from", ""))
    for row in CHAPTERS:
        if row.ready and origin.endswith(row.notebook):
            return row
    text = json.dumps(nb.get("cells", []))
    numbers = Counter(int(n) for n in ID_PATTERN.findall(text))
    numbers += Counter(int(n) for n in CELL_ID.findall(text))
    for number, _ in numbers.most_common():
        row = next((c for c in CHAPTERS if c.number == number and c.ready), None)
        if row:
            return row
    return None


def run_submission(name: str, path: Path, root: Path, limits: Limits) -> Graded:
    """Read, rebuild and execute one submission (in a worker process); not yet scored."""
    nb = read_notebook(path)
    if nb is None:
        return Graded(name, None, "unreadable", notes=["not a readable Jupyter notebook"])
    chapter = recognise_chapter(nb)
    if chapter is None:
        return Graded(name, None, "wrong-notebook",
                      notes=["no exercise of any chapter was found in this notebook"])
    master = json.loads((root / "exercises" / chapter.notebook).read_text(encoding="utf-8"))
    rebuilt = rebuild(master, nb["cells"], chapter.number)
    run: Execution = execute(rebuilt, limits)
    return Graded(name, chapter.number, run.status, points={e: 0 for e in rebuilt.exercises},
                  notes=rebuilt.warnings + run.notes, written=rebuilt.written,
                  answers=run.answers)


def score(graded: Graded) -> Graded:
    """Compare the captured answers with the references, in this process."""
    from crmlab.checks import evaluate
    from crmlab.registry import lookup

    for exercise in graded.points:
        result = evaluate(exercise, graded.answers.get(exercise, ...))
        ex = lookup(exercise)
        graded.points[exercise] = result.points
        graded.max_points[exercise] = ex.points if ex else result.max_points
        graded.messages[exercise] = result.message
    graded.answers = {}
    return graded


def _worker(args: tuple[str, Path, Path, Limits]) -> Graded:
    return run_submission(*args)


def grade(paths: list[str | Path], out: str | Path = "grades", *, jobs: int | None = None,
          limits: Limits | None = None, root: str | Path | None = None) -> list[Graded]:
    """Grade every submission into ``out``; returns the results (see the module text)."""
    import os

    root = Path(root) if root else Path(__file__).resolve().parents[2]
    if not (root / "exercises").is_dir():
        raise CRMDataError("the pristine exercise notebooks were not found", where=str(root),
                           fix="run from the course repository or pass --root")
    submissions = find_submissions(paths)
    if not submissions:
        raise CRMDataError("no notebooks found", fix="give .ipynb files or folders of them")
    limits = limits or Limits()
    jobs = max(1, jobs or os.cpu_count() or 1)
    tasks = [(name, path, root, limits) for name, path in submissions]
    if jobs == 1:
        runs = [_worker(t) for t in tasks]
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            runs = list(pool.map(_worker, tasks))
    results = [score(r) for r in runs]
    write_gradebook(results, Path(out), root)
    return results


def _exercise_order(exercise: str) -> tuple[int, int]:
    chapter, number = re.findall(r"\d+", exercise)
    return int(chapter), int(number)


def write_gradebook(results: list[Graded], out: Path, root: Path) -> None:
    """``grades.csv``, ``feedback/*.md`` and ``written.csv`` in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    columns = sorted({e for r in results for e in r.points}, key=_exercise_order)
    with open(out / "grades.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["submission", "chapter", "status", "total", "max_total", *columns])
        for r in results:
            maximum = sum(r.max_points.values()) if r.max_points else _max_for(r.chapter)
            writer.writerow([r.name, "" if r.chapter is None else r.chapter, r.status,
                             sum(r.points.values()), maximum,
                             *[r.points.get(c, "") for c in columns]])
    feedback = out / "feedback"
    feedback.mkdir(exist_ok=True)
    for r in results:
        (feedback / f"{r.name}.md").write_text(feedback_text(r), encoding="utf-8")
    with open(out / "written.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["submission", "exercise", "answer", "rubric", "points"])
        solutions: dict[int, dict[str, Any]] = {}
        for r in results:
            for exercise, text in sorted(r.written.items(), key=lambda i: _exercise_order(i[0])):
                if r.chapter not in solutions:
                    row = next(c for c in CHAPTERS if c.number == r.chapter)
                    solutions[r.chapter] = json.loads(
                        (root / "solutions" / row.notebook).read_text(encoding="utf-8"))
                writer.writerow([r.name, exercise, text,
                                 rubric(solutions[r.chapter], exercise, r.chapter), ""])


def _max_for(chapter: int | None) -> int | str:
    if chapter is None:
        return ""
    from crmlab.registry import all_exercises

    return sum(e.points for i, e in all_exercises().items() if i.startswith(f"ch{chapter}."))


def feedback_text(r: Graded) -> str:
    """A submission's feedback as Markdown: status, notes, and each exercise's message.

    >>> print(feedback_text(Graded("ann", 0, "ok", {"ch0.ex1": 1}, {"ch0.ex1": 1},
    ...                            {"ch0.ex1": "✔ ch0.ex1 correct"})).splitlines()[-1])
    - **ch0.ex1** (1/1): ✔ ch0.ex1 correct
    """
    lines = [f"# Feedback: {r.name}", "",
             f"- chapter: {'unknown' if r.chapter is None else r.chapter}",
             f"- status: **{r.status}**",
             f"- points: {sum(r.points.values())} of {sum(r.max_points.values())} (written answers are "
             "graded by the instructor)", ""]
    if r.notes:
        lines += ["## Notes", *[f"- {n}" for n in r.notes], ""]
    if r.messages:
        lines += ["## Exercises", *[f"- **{e}** ({r.points[e]}/{r.max_points.get(e, 1)}): {m}"
                                    for e, m in r.messages.items()], ""]
    if r.written:
        lines += ["## Written answers", *[f"- {e}: {'answered' if t else 'not answered'}"
                                          for e, t in r.written.items()], ""]
    return "\n".join(lines)


def merge_written(written_csv: str | Path, out: str | Path = "grades") -> Path:
    """Add the instructor's points from ``written_csv`` to ``out/grades.csv`` as one column
    per written exercise (``<id> written``); totals are recomputed, so re-running is
    idempotent. Blank points count 0."""
    grades_path = Path(out) / "grades.csv"
    if not grades_path.is_file():
        raise CRMDataError("no grades.csv to merge into", where=str(grades_path),
                           fix="run crmlab grade first")
    with open(written_csv, newline="", encoding="utf-8") as handle:
        written = list(csv.DictReader(handle))
    manual: dict[str, dict[str, float]] = {}
    maxima: dict[str, float] = {}
    for row in written:
        try:
            points = float(row.get("points") or 0)
        except ValueError as err:
            raise CRMDataError(f"points {row.get('points')!r} is not a number",
                               where=f"{written_csv}, {row.get('submission')} {row.get('exercise')}",
                               fix="write a number or leave it blank") from err
        column = f"{row['exercise']} written"
        manual.setdefault(row["submission"], {})[column] = points
        found = re.search(r"Rubric \((\d+) points?\)", row.get("rubric", ""))
        maxima[column] = float(found[1]) if found else maxima.get(column, 0.0)
    with open(grades_path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        header, rows = list(reader.fieldnames or []), list(reader)
    auto = [c for c in header if ID_PATTERN.fullmatch(c)]
    extra = sorted({c for m in manual.values() for c in m} | {c for c in header if c.endswith(" written")},
                   key=lambda c: _exercise_order(c.split()[0]))
    for row in rows:
        mine = manual.get(row["submission"], {})
        chapter = int(row["chapter"]) if row["chapter"] else None
        own = [c for c in extra if chapter is not None and c.startswith(f"ch{chapter}.")]
        for column in extra:
            row[column] = _number(mine.get(column, row.get(column) or 0)) if column in own else ""
        row["total"] = _number(sum(float(row[c] or 0) for c in auto + own))
        auto_max = _max_for(chapter) if chapter is not None else 0
        row["max_total"] = _number(float(auto_max) + sum(maxima.get(c, 0) for c in own))
    fields = [c for c in header if c not in extra] + extra
    with open(grades_path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return grades_path


def _number(value: float) -> str:
    return f"{float(value):g}"
