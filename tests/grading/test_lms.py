"""LMS downloads in, grades back out: Canvas names and a Canvas roster, a Moodle zip, files
that are not notebooks, an assignment binding, regrading one student without losing typed
points, export for Canvas and Moodle, and a grader killed halfway that resumes."""

import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crmlab.cli import main
from crmlab.grading import intake
from crmlab.grading.roster import read_table
from tests.grading.conftest import requires_sandbox
from tests.grading.submissions import LMS_EXPECTED, build_lms, write

pytestmark = requires_sandbox


def _rows(out):
    with open(out / "grades.csv", newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def lms(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lms")
    build_lms(folder)
    out = folder / "grades"
    code = main(["grade", str(folder / "canvas"), "--out", str(out), "--roster", str(folder / "roster.csv"),
                 "--assignment", "ch0", "-j", "2"])
    return {"folder": folder, "out": out, "code": code, "rows": _rows(out)}


def test_canvas_names_give_student_id_and_late_flag(lms):
    assert lms["code"] == 0
    rows = {Path(r["submission"]).name: r for r in lms["rows"] if r["submission"]}
    assert set(rows) == set(LMS_EXPECTED)
    for name, (student, student_id, status, chapter, total, late) in LMS_EXPECTED.items():
        row = rows[name]
        assert (row["student"], row["student_id"], row["status"], row["total"], row["late"]) == (
            student, student_id, status, str(total), "yes" if late else ""), name
        assert row["chapter"] == ("" if chapter is None else str(chapter))


def test_roster_students_without_a_submission_are_missing_and_the_mac_file_is_skipped(lms):
    missing = [r for r in lms["rows"] if r["status"] == "missing"]
    assert [(r["student"], r["student_id"]) for r in missing] == [("Person, Missing", "56789")]
    review = (lms["out"] / "integrity.md").read_text(encoding="utf-8")
    assert "._smithjane" in review and "system file" in review


def test_another_chapter_is_wrong_notebook_for_the_assignment(lms):
    feedback = (lms["out"] / "feedback").glob("Lee_Ann-*.md")
    assert "the assignment is chapter 0" in next(feedback).read_text(encoding="utf-8")


def test_moodle_zip_gives_names_ids_two_chapters_and_refuses_zip_slip(tmp_path):
    build_lms(tmp_path / "m")
    found, skipped = intake.find_submissions([tmp_path / "m" / "moodle.zip"], tmp_path / "work")
    people = sorted((s.student, s.student_id, s.file.name) for s in found)
    assert people == [("Li Na", "4712", "00_introduction.ipynb"),
                      ("Wei Zhang", "4711", "00_introduction.ipynb"),
                      ("Wei Zhang", "4711", "01_relationship_types.ipynb")]
    assert any("escaped.ipynb (points outside the archive)" in s for s in skipped)
    assert not (tmp_path / "escaped.ipynb").exists() and not (tmp_path / "m" / "escaped.ipynb").exists()


def test_a_zip_bomb_is_refused_with_a_row(tmp_path, monkeypatch):
    import zipfile

    monkeypatch.setattr(intake, "MAX_UNPACKED", 1 << 20)
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("big.ipynb", b"0" * (8 << 20))
    found, _ = intake.find_submissions([bomb], tmp_path / "work")
    assert len(found) == 1 and "unpacks to more than 1 MB" in found[0].problem


def test_regrading_one_student_keeps_other_rows_and_typed_points_then_exports(lms):
    out, folder = lms["out"], lms["folder"]
    header, written = read_table(out / "written.csv")
    for row in written:
        row["points"] = "4" if row["student"] == "Smith, Jane" else "2"
    with open(out / "written.csv", "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(written)
    before = {r["submission"]: r for r in _rows(out)}
    code = main(["grade", str(folder / "canvas" / "smithjane_12345_678901_00_introduction.ipynb"),
                 "--out", str(out), "-j", "1"])
    after = {r["submission"]: r for r in _rows(out)}
    assert code == 0 and set(after) == set(before)
    jane = next(r for r in after.values() if r["student"] == "Smith, Jane")
    assert jane["total"] == "12" and jane["ch0.ex9 written"] == "4"
    john = next(r for r in after.values() if r["student"] == "Doe, John")
    assert john["total"] == "2"
    roster = str(folder / "roster.csv")
    assert main(["grade", "--export", "canvas", "--roster", roster, "--out", str(out)]) == 0
    header, rows = read_table(out / "canvas.csv")
    assert header == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "CRM Lab chapter 0"]
    values = {r["ID"]: r["CRM Lab chapter 0"] for r in rows}
    assert values["12345"] == "12" and values["23456"] == "2" and values["56789"] == ""
    assert rows[0]["Student"].strip() == "Points Possible" and rows[0]["CRM Lab chapter 0"] == "12"


def test_moodle_worksheet_gets_its_grade_column(tmp_path):
    build_lms(tmp_path)
    out = tmp_path / "grades"
    assert main(["grade", str(tmp_path / "moodle.zip"), "--out", str(out), "--roster",
                 str(tmp_path / "worksheet.csv"), "--assignment", "ch0", "-j", "2"]) == 0
    rows = {r["student"]: r for r in _rows(out) if r["status"] != "missing"}
    assert rows["Li Na"]["late"] == "yes"  # the worksheet's status says late
    assert main(["grade", "--export", "moodle", "--roster", str(tmp_path / "worksheet.csv"),
                 "--out", str(out)]) == 0
    header, sheet = read_table(out / "moodle.csv")
    grades = {r["Identifier"]: r["Grade"] for r in sheet}
    assert grades == {"Participant 4711": "8", "Participant 4712": "0", "Participant 4713": ""}
    assert header[:5] == ["Identifier", "Full name", "Email address", "Status", "Grade"]


def test_a_grader_killed_halfway_keeps_finished_rows_and_resumes(tmp_path):
    folder, out = tmp_path / "subs", tmp_path / "grades"
    folder.mkdir()
    names = ["all_correct", "half_right", "all_blank", "copied_values"]
    for path in write(tmp_path / "all", out):
        if path.stem in names:
            path.rename(folder / path.name)
    grader = subprocess.Popen([sys.executable, "-m", "crmlab.cli", "grade", str(folder), "--out", str(out),
                               "-j", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not ((out / "grades.csv").is_file() and len(_rows(out)) >= 1):
        time.sleep(0.2)
    os.killpg(grader.pid, signal.SIGKILL)
    grader.wait()
    kept = {r["submission"] for r in _rows(out)}
    assert 1 <= len(kept) < len(names)
    printed = subprocess.run([sys.executable, "-m", "crmlab.cli", "grade", str(folder), "--out", str(out),
                              "--resume", "-j", "2"], capture_output=True, text=True, check=True).stdout
    rows = {Path(r["submission"]).stem: r for r in _rows(out)}
    assert set(rows) == set(names)
    assert printed.count(" ch0 ") == len(names) - len(kept)  # only the missing ones were graded
    assert rows["all_correct"]["total"] == "8" and rows["half_right"]["total"] == "4"
