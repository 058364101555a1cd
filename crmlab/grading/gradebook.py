"""``crmlab grade``: grade handed-in exercise notebooks into a gradebook an LMS takes back.

For each submission: take it in (``intake.py``: LMS names, zips), read it (never write to
it), recognise its chapter, rebuild it (``rebuild.py``), run it in its sandbox
(``run.py``) and compare the captured answers with the references **in this process**
(``crmlab.checks.evaluate``), which are computed before any student code runs.
Submissions run ``jobs`` at a time; each finished one is saved at once
(``OUT/.crmlab/<key>.json``), so a grader that is stopped keeps every finished row and
``resume`` grades only the rest; grading some submissions again replaces just their rows.

Writes into ``out`` (rebuilt from the saved rows after every submission):
``grades.csv`` (one row per submission, and per roster student who handed nothing in),
``feedback/<student>-<file>.md``, ``written.csv`` (written answers with the rubric and a
``points`` column whose typed-in points are kept) and ``integrity.md``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from crmlab.chapters import CHAPTERS, Chapter
from crmlab.errors import CRMDataError
from crmlab.grading import integrity
from crmlab.grading.intake import Submission, find_submissions, read_notebook
from crmlab.grading.rebuild import rebuild, rubric
from crmlab.grading.roster import Roster, export, read_roster, read_table, write_table
from crmlab.grading.run import Execution, Limits, execute
from crmlab.grading.sandbox import Sandbox

STATUSES = ("ok", "timeout", "crashed", "unreadable", "wrong-notebook", "not-a-notebook", "missing")
ID_PATTERN = re.compile(r"ch(\d+)\.ex\d+")
CELL_ID = re.compile(r'"id": "sol(\d\d)-\d+"')  # cell ids of the solution and exercise notebooks
STATE = ".crmlab"
FIRST_COLUMNS = ["student", "student_id", "submission", "chapter", "status", "late", "total",
                 "max_total", "flags"]


@dataclass
class Graded:
    """One submission's result: identity, status, points, feedback, written answers, flags."""

    submission: str
    student: str
    chapter: int | None = None
    status: str = "ok"
    student_id: str = ""
    late: bool = False
    points: dict[str, int] = field(default_factory=dict)
    max_points: dict[str, int] = field(default_factory=dict)
    messages: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    written: dict[str, str] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    fingerprints: dict[str, str] = field(default_factory=dict)
    sandbox: str = ""

    @property
    def total(self) -> int:
        return sum(self.points.values())

    @property
    def max_total(self) -> int:
        return sum(self.max_points.values()) if self.max_points else _max_for(self.chapter)


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


def parse_assignment(text: str) -> Chapter:
    """The chapter an assignment names: ``ch4``, ``4`` or ``04_tiering``.

    >>> parse_assignment("ch4").number, parse_assignment("04_tiering.ipynb").number
    (4, 4)
    """
    found = re.fullmatch(r"(?:ch)?0*(\d+)(?:_.*)?", str(text).strip().lower())
    row = next((c for c in CHAPTERS if found and c.number == int(found[1]) and c.ready), None)
    if row is None:
        raise CRMDataError(f"no chapter {text!r}", where="--assignment",
                           fix="name a chapter as ch0 … ch6 (or its notebook, e.g. 04_tiering)")
    return row


def _max_for(chapter: int | None) -> int:
    if chapter is None:
        return 0
    from crmlab.registry import all_exercises

    return sum(e.points for i, e in all_exercises().items() if i.startswith(f"ch{chapter}."))


def _chapter_exercises(chapter: int) -> list[Any]:
    from crmlab.registry import all_exercises

    return [e for i, e in all_exercises().items() if i.startswith(f"ch{chapter}.")]


@dataclass
class _Job:
    graded: Graded
    rebuilt: Any = None


def _prepare(sub: Submission, root: Path, assignment: Chapter | None, sandbox: Sandbox,
             solutions: dict[int, dict[str, Any]]) -> _Job:
    graded = Graded(sub.path, sub.student, student_id=sub.student_id, late=sub.late,
                    sandbox=sandbox.kind)
    if sub.problem:
        graded.status, graded.notes = "unreadable", [sub.problem]
        return _Job(graded)
    if not sub.is_notebook:
        graded.status = "not-a-notebook"
        graded.notes = [f"a {sub.file.suffix or 'file without an ending'} file, not a Jupyter notebook "
                        "(.ipynb): hand in the notebook itself"]
        return _Job(graded)
    nb, why = read_notebook(sub.file)
    if nb is None:
        graded.status, graded.notes = "unreadable", [why]
        return _Job(graded)
    chapter = recognise_chapter(nb)
    if chapter is None:
        graded.status, graded.notes = "wrong-notebook", ["no exercise of any chapter was found in it"]
        return _Job(graded)
    graded.chapter = chapter.number
    if assignment is not None and chapter.number != assignment.number:
        graded.status = "wrong-notebook"
        graded.notes = [f"this is the chapter {chapter.number} notebook; the assignment is chapter "
                        f"{assignment.number} ({assignment.notebook})"]
        graded.chapter = assignment.number
        return _Job(graded)
    master = json.loads((root / "exercises" / chapter.notebook).read_text(encoding="utf-8"))
    rebuilt = rebuild(master, nb["cells"], chapter.number)
    if chapter.number not in solutions:
        solutions[chapter.number] = json.loads(
            (root / "solutions" / chapter.notebook).read_text(encoding="utf-8"))
    graded.points = {e: 0 for e in rebuilt.exercises}
    graded.notes = list(rebuilt.warnings)
    graded.written = dict(rebuilt.written)
    graded.flags = integrity.flags(rebuilt, solutions[chapter.number])
    graded.fingerprints = integrity.fingerprints(rebuilt, solutions[chapter.number])
    return _Job(graded, rebuilt)


def score(graded: Graded, run: Execution) -> Graded:
    """Compare the captured answers with the references, in this process."""
    from crmlab.checks import evaluate
    from crmlab.registry import lookup

    graded.status = run.status
    graded.notes += run.notes
    for exercise in graded.points:
        result = evaluate(exercise, run.answers.get(exercise, ...))
        ex = lookup(exercise)
        graded.points[exercise] = result.points
        graded.max_points[exercise] = ex.points if ex else result.max_points
        graded.messages[exercise] = result.message
    for label, error in run.errors.items():
        graded.errors[label] = error
    return graded


class Store:
    """The saved rows of an output folder: one JSON file per submission, written atomically."""

    def __init__(self, out: Path) -> None:
        self.folder = out / STATE
        self.folder.mkdir(parents=True, exist_ok=True)

    def _path(self, submission: str) -> Path:
        return self.folder / (hashlib.sha256(submission.encode()).hexdigest()[:20] + ".json")

    def has(self, submission: str) -> bool:
        return self._path(submission).is_file()

    def save(self, graded: Graded) -> None:
        path = self._path(graded.submission)
        partial = path.with_suffix(".partial")
        partial.write_text(json.dumps(asdict(graded), ensure_ascii=False), encoding="utf-8")
        os.replace(partial, path)

    def all(self) -> list[Graded]:
        rows = []
        for path in sorted(self.folder.glob("*.json")):
            try:
                rows.append(Graded(**json.loads(path.read_text(encoding="utf-8"))))
            except (ValueError, TypeError):
                continue
        return rows

    def remember(self, name: str, value: Any) -> None:
        (self.folder / f"{name}.setting").write_text(json.dumps(value), encoding="utf-8")

    def recall(self, name: str) -> Any:
        path = self.folder / f"{name}.setting"
        return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def grade(paths: list[str | Path], out: str | Path = "grades", *, jobs: int | None = None,
          limits: Limits | None = None, root: str | Path | None = None, sandbox: Sandbox,
          roster: str | Path | None = None, assignment: str | None = None, resume: bool = False,
          report: Any = None) -> list[Graded]:
    """Grade every submission into ``out`` (see the module text); returns this run's rows.

    ``report`` is called with each finished row (the command line prints it)."""
    root = Path(root) if root else Path(__file__).resolve().parents[2]
    if not (root / "exercises").is_dir():
        raise CRMDataError("the pristine exercise notebooks were not found", where=str(root),
                           fix="run from the course repository or pass --root")
    out = Path(out)
    store = Store(out)
    store.remember("root", str(root.resolve()))
    if roster is not None:
        read_roster(roster)  # refuse an unknown roster before grading anything
        store.remember("roster", str(Path(roster).resolve()))
    bound = parse_assignment(assignment) if assignment else None
    if bound is not None:
        store.remember("assignment", bound.number)
    limits = limits or Limits()
    with tempfile.TemporaryDirectory(prefix="crmlab-intake-") as workdir:
        submissions, skipped = find_submissions(paths, Path(workdir))
        if not submissions:
            raise CRMDataError("no submissions found", where=", ".join(map(str, paths)),
                               fix="give .ipynb files, folders of them or a .zip download")
        if resume:
            submissions = [s for s in submissions if not store.has(s.path)]
        store.remember("skipped", sorted(set(store.recall("skipped") or []) | set(skipped)))
        solutions: dict[int, dict[str, Any]] = {}
        prepared = [_prepare(s, root, bound, sandbox, solutions) for s in submissions]
        for chapter in sorted({j.graded.chapter for j in prepared if j.rebuilt is not None}):
            for exercise in _chapter_exercises(chapter):
                exercise.reference()  # before any student code runs
        finished: list[Graded] = []

        def done(graded: Graded) -> None:
            store.save(graded)
            finished.append(graded)
            write_outputs(out, root)
            if report:
                report(graded)

        for job in prepared:
            if job.rebuilt is None:
                done(job.graded)
        runnable = [j for j in prepared if j.rebuilt is not None]
        with ThreadPoolExecutor(max_workers=max(1, jobs or os.cpu_count() or 1)) as pool:
            futures = {pool.submit(execute, j.rebuilt, limits, sandbox): j for j in runnable}
            for future in as_completed(futures):
                job = futures[future]
                try:
                    run = future.result()
                except Exception as err:  # noqa: BLE001 - one submission never stops the batch
                    run = Execution("crashed", notes=[f"the grader could not run it: {type(err).__name__}"])
                done(score(job.graded, run))
    write_outputs(out, root)
    return finished


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("_")[:60] or "submission"


def feedback_name(graded: Graded) -> str:
    """The feedback file's name: the student and the file they handed in.

    >>> feedback_name(Graded("class/ann/04_tiering.ipynb", "Ann Lee"))
    'Ann_Lee-04_tiering.md'
    """
    return f"{_slug(graded.student)}-{_slug(Path(graded.submission.split('!')[-1]).stem)}.md"


def feedback_text(r: Graded) -> str:
    """A submission's feedback as Markdown: status, notes, each exercise's message with the
    student's own error, their own cells' errors, written answers, and flags.

    >>> print(feedback_text(Graded("ann.ipynb", "ann", 0, "ok", points={"ch0.ex1": 1},
    ...       max_points={"ch0.ex1": 1}, messages={"ch0.ex1": "✔ ch0.ex1 correct"})).splitlines()[-1])
    - **ch0.ex1** (1/1): ✔ ch0.ex1 correct
    """
    lines = [f"# Feedback: {r.student}", "", f"- submission: {r.submission}",
             f"- chapter: {'unknown' if r.chapter is None else r.chapter}",
             f"- status: **{r.status}**" + (" (handed in late)" if r.late else ""),
             f"- points: {r.total} of {r.max_total} (written answers are graded by the instructor)", ""]
    if r.notes:
        lines += ["## Notes", *[f"- {n}" for n in dict.fromkeys(r.notes)], ""]
    if r.messages:
        lines.append("## Exercises")
        for e, m in r.messages.items():
            lines.append(f"- **{e}** ({r.points[e]}/{r.max_points.get(e, 1)}): {m}")
            mine = next((err for label, err in r.errors.items() if e in label.split(", ")), None)
            if mine:
                lines.append(f"  - your cell raised {mine}")
        lines.append("")
    own = {label: err for label, err in r.errors.items() if label.startswith("your own cell")}
    if own:
        lines += ["## Your own cells", *[f"- {label} raised {err}" for label, err in own.items()], ""]
    if r.written:
        lines += ["## Written answers", *[f"- {e}: {'answered' if t else 'not answered'}"
                                          for e, t in r.written.items()], ""]
    if r.flags:
        lines += ["## For your instructor to look at", "These are notes for review, not a grade.",
                  *[f"- {f}" for f in r.flags], ""]
    return "\n".join(lines)


def _exercise_order(exercise: str) -> tuple[int, int]:
    chapter, number = re.findall(r"\d+", exercise)[:2]
    return int(chapter), int(number)


def _written_points(out: Path) -> dict[tuple[str, str], str]:
    path = out / "written.csv"
    if not path.is_file():
        return {}
    _, rows = read_table(path)
    return {(r.get("submission", ""), r.get("exercise", "")): (r.get("points") or "").strip()
            for r in rows}


def write_outputs(out: Path, root: Path) -> None:
    """grades.csv, written.csv, feedback/ and integrity.md from every saved row."""
    store = Store(out)
    rows = store.all()
    shared = integrity.shared_answers([asdict(r) for r in rows if r.fingerprints])
    roster_path, assignment = store.recall("roster"), store.recall("assignment")
    roster = read_roster(roster_path) if roster_path and Path(roster_path).is_file() else None
    unmatched = _apply_roster(rows, roster)
    typed = _written_points(out)
    solutions: dict[int, dict[str, Any]] = {}
    written_rows, maxima = [], {}
    for r in rows:
        for exercise, text in sorted(r.written.items(), key=lambda i: _exercise_order(i[0])):
            if r.chapter not in solutions:
                row = next(c for c in CHAPTERS if c.number == r.chapter)
                solutions[r.chapter] = json.loads((root / "solutions" / row.notebook).read_text("utf-8"))
            text_rubric = rubric(solutions[r.chapter], exercise, r.chapter)
            found = re.search(r"Rubric \((\d+) points?\)", text_rubric)
            maxima[exercise] = float(found[1]) if found else 0.0
            written_rows.append({"submission": r.submission, "student": r.student, "exercise": exercise,
                                 "answer": text, "rubric": text_rubric,
                                 "points": typed.get((r.submission, exercise), "")})
    write_table(out / "written.csv", ["submission", "student", "exercise", "answer", "rubric", "points"],
                written_rows)
    auto = sorted({e for r in rows for e in r.points}, key=_exercise_order)
    extra = sorted({f"{e} written" for r in rows for e in r.written}, key=_exercise_order)
    table = []
    for r in rows:
        flags = list(r.flags) + shared.get(r.submission, [])
        if r.sandbox == "none":
            flags.append("graded without a sandbox (--no-sandbox)")
        if r.submission in unmatched:
            flags.append("not on the roster")
        manual = {f"{e} written": typed.get((r.submission, e), "") for e in r.written}
        total = r.total + sum(float(v) for v in manual.values() if _is_number(v))
        line = {"student": r.student, "student_id": r.student_id, "submission": r.submission,
                "chapter": "" if r.chapter is None else r.chapter, "status": r.status,
                "late": "yes" if r.late else "", "total": _number(total),
                "max_total": _number(r.max_total + sum(maxima.get(e, 0) for e in r.written)),
                "flags": "; ".join(flags), **{e: r.points.get(e, "") for e in auto},
                **{c: _number(v) if _is_number(v) else "" for c, v in manual.items()}}
        table.append(line)
        r.flags = flags
    if roster is not None:
        handed = {r.student_id for r in rows if r.student_id}
        for s in roster.students:
            if s.student_id not in handed:
                table.append({"student": s.name, "student_id": s.student_id, "status": "missing",
                              "chapter": assignment if assignment is not None else "", "total": 0,
                              "max_total": _max_for(assignment) if assignment is not None else "",
                              "flags": "nothing handed in"})
    table.sort(key=lambda t: (str(t["student"]).lower(), str(t.get("submission", ""))))
    write_table(out / "grades.csv", FIRST_COLUMNS + auto + extra, table)
    feedback = out / "feedback"
    feedback.mkdir(exist_ok=True)
    names: Counter[str] = Counter()
    for r in rows:
        name = feedback_name(r)
        names[name] += 1
        if names[name] > 1:
            name = name[:-3] + f"-{names[name]}.md"
        (feedback / name).write_text(feedback_text(r), encoding="utf-8")
    _write_integrity(out, rows, store.recall("skipped") or [], unmatched)


def _is_number(value: str) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True


def _number(value: float) -> str:
    return f"{float(value):g}"


def _apply_roster(rows: list[Graded], roster: Roster | None) -> set[str]:
    """Give each row its roster name, id and late flag; the submissions matching nobody."""
    unmatched = set()
    if roster is None:
        return unmatched
    for r in rows:
        student = roster.find(r.student_id, r.student)
        if student is None:
            unmatched.add(r.submission)
            continue
        r.student, r.student_id, r.late = student.name, student.student_id, r.late or student.late
    return unmatched


def _write_integrity(out: Path, rows: list[Graded], skipped: list[str], unmatched: set[str]) -> None:
    kinds = sorted({r.sandbox for r in rows if r.sandbox})
    lines = ["# Integrity review", "",
             f"Sandbox: {', '.join(kinds) or 'none used'}. Flags are for review; no points were taken "
             "for them.", ""]
    flagged = [r for r in rows if r.flags]
    lines += [f"## {r.student} — {r.submission}\n" + "\n".join(f"- {f}" for f in r.flags) + "\n"
              for r in flagged] or ["No flags.", ""]
    if unmatched:
        lines += ["## Submissions that match no roster student", *[f"- {u}" for u in sorted(unmatched)], ""]
    if skipped:
        lines += ["## Files skipped", *[f"- {s}" for s in skipped], ""]
    (out / "integrity.md").write_text("\n".join(lines), encoding="utf-8")


def merge_written(written_csv: str | Path, out: str | Path = "grades") -> Path:
    """Take the points typed into ``written_csv`` (saved by Excel or any editor) into
    ``out``: ``written.csv`` and ``grades.csv`` are rewritten with them (idempotent)."""
    out = Path(out)
    if not Store(out).all():
        raise CRMDataError("no graded submissions to merge into", where=str(out),
                           fix="run crmlab grade first")
    _, rows = read_table(written_csv)
    for row in rows:
        points = (row.get("points") or "").strip().replace(",", ".")
        if points and not _is_number(points):
            raise CRMDataError(f"points {points!r} is not a number",
                               where=f"{written_csv}, {row.get('submission')} {row.get('exercise')}",
                               fix="write a number or leave it blank")
        row["points"] = points
    current = _written_points(out)
    current.update({(r.get("submission", ""), r.get("exercise", "")): r["points"] for r in rows})
    header, existing = read_table(out / "written.csv")
    for r in existing:
        r["points"] = current.get((r.get("submission", ""), r.get("exercise", "")), "")
    write_table(out / "written.csv", header, existing)
    write_outputs(out, Path(Store(out).recall("root") or Path(__file__).resolve().parents[2]))
    return out / "grades.csv"


def export_grades(out: str | Path, roster_path: str | Path, lms: str, column: str | None = None) -> Path:
    """Write ``out/canvas.csv`` or ``out/moodle.csv``: the roster with each student's total
    (automatic and written points; the best of several submissions)."""
    out = Path(out)
    roster = read_roster(roster_path)
    _, rows = read_table(out / "grades.csv") if (out / "grades.csv").is_file() else ([], [])
    if not rows:
        raise CRMDataError("no grades.csv to export", where=str(out), fix="run crmlab grade first")
    totals: dict[str, tuple[str, str]] = {}
    chapters = {r.get("chapter") for r in rows if r.get("chapter")}
    for r in rows:
        sid = r.get("student_id", "")
        if not sid or r.get("status") == "missing":
            continue
        if sid not in totals or float(r.get("total") or 0) > float(totals[sid][0] or 0):
            totals[sid] = (r.get("total", ""), r.get("max_total", ""))
    chapter = next(iter(chapters)) if len(chapters) == 1 else None
    title = "CRM Lab" + (f" chapter {chapter}" if chapter else "")
    return export(roster, totals, out, lms, column, title)
