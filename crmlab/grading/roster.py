"""Class lists in, grades out: rosters from Canvas and Moodle, CSV files Excel can open.

A roster is recognised from its header: a **Canvas** gradebook export (``Student, ID,
SIS User ID, SIS Login ID, Section, …`` with its "Points Possible" row), a **Moodle**
grading worksheet (``Identifier, Full name, Email address, Status, Grade, …``; the
identifier is ``Participant <id>``) or a plain ``student_id,name,email`` file.
:func:`read_table` reads any CSV as Excel saves it (UTF-8 with or without BOM, UTF-16,
cp1252; ``,`` ``;`` or tab); :func:`write_table` writes UTF-8 with BOM and escapes cells
that a spreadsheet would run as a formula.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from crmlab.errors import CRMDataError

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CANVAS_IDENTITY = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")


def escape(value: object) -> str:
    """A cell as text a spreadsheet shows rather than runs (CSV injection).

    >>> escape('=HYPERLINK("http://x")'), escape("-3"), escape(5), escape("Ann")
    ('\\'=HYPERLINK("http://x")', "'-3", '5', 'Ann')
    """
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def unescape(text: str) -> str:
    """The cell as written before :func:`escape`.

    >>> unescape("'=1+1"), unescape("'quoted'")
    ('=1+1', "'quoted'")
    """
    return text[1:] if text.startswith("'") and text[1:2] and text[1] in "=+-@\t\r" else text


def read_table(path: str | Path) -> tuple[list[str], list[dict[str, str]]]:
    """Header and rows of a CSV file however Excel saved it (see the module text)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise CRMDataError(f"cannot read the file ({type(err).__name__})", where=str(path),
                           fix="give the path of a CSV file") from err
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    first = text.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=first.count)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not rows:
        raise CRMDataError("the file is empty", where=str(path), fix="export it again")
    header = [h.strip() for h in rows[0]]
    return header, [dict(zip(header, [unescape(v) for v in r], strict=False)) for r in rows[1:] if any(r)]


def write_table(path: Path, header: list[str], rows: list[dict[str, object]]) -> None:
    """Write a CSV (UTF-8 with BOM, every cell escaped) atomically: a reader never sees half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    with open(partial, "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow([escape(h) for h in header])
        for row in rows:
            writer.writerow([escape(row.get(h, "")) for h in header])
    os.replace(partial, path)


@dataclass
class Student:
    """A student on the roster: the id submissions are matched by, name, and their row."""

    student_id: str
    name: str
    row: dict[str, str]
    late: bool = False


@dataclass
class Roster:
    """A class list as read from a file, kept whole so grades can be written back into it."""

    kind: str
    header: list[str]
    students: list[Student]
    points_row: dict[str, str] | None = None
    path: str = ""
    extra_rows: list[dict[str, str]] = field(default_factory=list)

    def find(self, student_id: str, name: str) -> Student | None:
        """The roster student with this id, else with this name (case and spaces ignored)."""
        if student_id:
            for s in self.students:
                if s.student_id == student_id:
                    return s
        key = _key(name)
        matches = [s for s in self.students if key and _key(s.name) == key]
        return matches[0] if len(matches) == 1 else None


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def read_roster(path: str | Path) -> Roster:
    """The roster in ``path`` (Canvas, Moodle or plain; recognised from the header)."""
    header, rows = read_table(path)
    if {"Student", "ID"} <= set(header):
        points = next((r for r in rows if r.get("Student", "").strip().lower().startswith(
            "points possible")), None)
        students = [Student(r["ID"].strip(), r["Student"].strip(), r) for r in rows
                    if r is not points and r.get("ID", "").strip()]
        return Roster("canvas", header, students, points, str(path))
    if {"Identifier", "Full name"} <= set(header):
        students = [Student(re.sub(r"\D", "", r["Identifier"]), r["Full name"].strip(), r,
                            late=" late" in r.get("Status", "").lower()) for r in rows]
        return Roster("moodle", header, students, None, str(path))
    if "student_id" in header:
        students = [Student(r["student_id"].strip(), (r.get("name") or "").strip(), r)
                    for r in rows if r.get("student_id", "").strip()]
        return Roster("plain", header, students, None, str(path))
    raise CRMDataError("not a roster this grader knows", where=f"{path}: header {header[:6]}",
                       fix="give a Canvas gradebook export, a Moodle grading worksheet, or a CSV "
                           "with the columns student_id,name,email")


def _number(value: object) -> str:
    try:
        number = float(str(value))
    except ValueError:
        return ""
    return f"{number:g}"


def export(roster: Roster, totals: dict[str, tuple[str, str]], out: Path, lms: str,
           column: str | None = None, title: str = "CRM Lab") -> Path:
    """Write the roster back with the grades, for import into the LMS.

    ``totals`` maps a roster student id to (total, max_total). Canvas: ``out/canvas.csv``
    with the identity columns and the assignment's column (``column``, else a new column
    named ``title``; Canvas then makes a new assignment on import). Moodle: ``out/moodle.csv``,
    the worksheet with its Grade column filled. Students without a grade keep an empty cell.
    """
    if lms != roster.kind:
        raise CRMDataError(f"the roster is a {roster.kind} file, not a {lms} one", where=roster.path,
                           fix=f"export from {lms} and pass that file with --roster")
    if lms == "canvas":
        name = column or title
        header = [h for h in CANVAS_IDENTITY if h in roster.header] + [name]
        rows: list[dict[str, object]] = []
        maximum = next((m for _, m in totals.values() if m), "")
        if roster.points_row is not None:
            rows.append({**{h: roster.points_row.get(h, "") for h in header}, name: _number(maximum)})
        for s in roster.students:
            total = totals.get(s.student_id, ("", ""))[0]
            rows.append({**{h: s.row.get(h, "") for h in header}, name: _number(total)})
        target = out / "canvas.csv"
    elif lms == "moodle":
        header = list(roster.header)
        rows = []
        for s in roster.students:
            total = totals.get(s.student_id, ("", ""))[0]
            rows.append({**s.row, "Grade": _number(total) if total != "" else s.row.get("Grade", "")})
        target = out / "moodle.csv"
    else:
        raise CRMDataError(f"unknown LMS {lms!r}", fix="use --export canvas or --export moodle")
    write_table(target, header, rows)
    return target
