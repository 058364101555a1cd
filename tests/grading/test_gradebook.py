"""crmlab grade on generated submissions, honest and not: each gets the points written
here, the originals stay byte for byte, and the gradebook, feedback and written answers
are written (tests/grading/submissions.py makes the submissions from the solutions)."""

import csv
import hashlib

import pytest

from crmlab.cli import main
from crmlab.grading.gradebook import merge_written
from tests.grading.submissions import EXPECTED, write


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("submissions")
    paths = write(folder)
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}
    out = tmp_path_factory.mktemp("grades")
    code = main(["grade", str(folder), "--out", str(out), "-j", "2", "--timeout", "10",
                 "--total-timeout", "120"])
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}
    with open(out / "grades.csv", newline="", encoding="utf-8") as handle:
        rows = {r["submission"]: r for r in csv.DictReader(handle)}
    return {"code": code, "before": before, "after": after, "rows": rows, "out": out}


def test_exit_code_zero_when_every_submission_got_a_row(graded):
    assert graded["code"] == 0
    assert set(graded["rows"]) == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_submission_is_graded_as_it_should_be(graded, name):
    status, chapter, total = EXPECTED[name]
    row = graded["rows"][name]
    assert (row["status"], row["chapter"], int(row["total"])) == (
        status, "" if chapter is None else str(chapter), total)


def test_originals_are_byte_identical_and_nothing_was_written_beside_them(graded):
    assert graded["after"] == graded["before"]


def test_columns_and_points_per_exercise(graded):
    rows = graded["rows"]
    assert list(rows["all_correct"])[:5] == ["submission", "chapter", "status", "total", "max_total"]
    assert rows["half_right"]["ch0.ex1"] == "1" and rows["half_right"]["ch0.ex6"] == "0"
    assert rows["lying_objects"]["ch0.ex3"] == "0" and rows["lying_objects"]["ch0.ex1"] == "0"
    assert rows["infinite_loop"]["ch0.ex1"] == "0" and rows["infinite_loop"]["ch0.ex2"] == "1"
    assert rows["os_exit"]["ch0.ex3"] == "1" and rows["os_exit"]["ch0.ex5"] == "0"
    assert rows["all_correct"]["max_total"] == "8"


def test_feedback_says_what_the_student_would_have_seen(graded):
    text = (graded["out"] / "feedback" / "half_right.md").read_text(encoding="utf-8")
    assert "status: **ok**" in text and "✔ ch0.ex1 correct" in text and "Hint:" in text
    stripped = (graded["out"] / "feedback" / "ids_stripped.md").read_text(encoding="utf-8")
    assert "cell ids were lost" in stripped
    crashed = (graded["out"] / "feedback" / "os_exit.md").read_text(encoding="utf-8")
    assert "kernel died" in crashed


def test_written_answers_exported_with_rubric_and_merged_idempotently(graded, tmp_path):
    out = graded["out"]
    with open(out / "written.csv", newline="", encoding="utf-8") as handle:
        written = list(csv.DictReader(handle))
    blank = next(r for r in written if r["submission"] == "all_blank")
    assert blank["exercise"] == "ch0.ex9" and blank["answer"] == ""
    assert "Rubric (4 points)" in blank["rubric"]
    for row in written:
        row["points"] = "3" if row["submission"] == "all_correct" else ""
    filled = tmp_path / "written.csv"
    with open(filled, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(written[0]))
        writer.writeheader()
        writer.writerows(written)
    for _ in range(2):  # merging twice gives the same gradebook
        merge_written(filled, out)
        with open(out / "grades.csv", newline="", encoding="utf-8") as handle:
            rows = {r["submission"]: r for r in csv.DictReader(handle)}
        assert rows["all_correct"]["ch0.ex9 written"] == "3"
        assert rows["all_correct"]["total"] == "11" and rows["all_correct"]["max_total"] == "12"
        assert rows["half_right"]["total"] == "4"
