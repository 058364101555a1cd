"""crmlab grade on the generated corpus (tests/grading/submissions.py), in the real sandbox:
every submission gets the points written here; after grading the package, the masters and
every submission are byte-identical, no process of a student is left, no instructor
variable is readable in any output, and honest students have full points."""

import csv
import hashlib
import os
import time
from pathlib import Path

import pytest

from crmlab.cli import main
from crmlab.grading.gradebook import merge_written
from tests.grading.conftest import requires_sandbox
from tests.grading.submissions import EXPECTED, MARKER, protected_paths, write

SECRET = "crmlab-instructor-secret-token-5c1e"

pytestmark = requires_sandbox


def _tree_hash(paths):
    digest = {}
    for base in paths:
        for path in sorted(Path(base).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digest


def _processes_with(text):
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and text in (entry / "cmdline").read_bytes().decode(errors="replace"):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def _rows(out):
    with open(out / "grades.csv", newline="", encoding="utf-8-sig") as handle:
        return {Path(r["submission"]).stem: r for r in csv.DictReader(handle)}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("submissions")
    out = tmp_path_factory.mktemp("grades")
    paths = write(folder, out)
    before = _tree_hash(protected_paths() + [folder])
    os.environ["CRMLAB_TEST_SECRET"] = SECRET
    try:
        code = main(["grade", str(folder), "--out", str(out), "-j", "2", "--timeout", "10",
                     "--total-timeout", "120"])
    finally:
        del os.environ["CRMLAB_TEST_SECRET"]
    csv_after_run = (out / "grades.csv").read_bytes()
    time.sleep(6)  # the detached daemon would write 4 s after it started
    return {"code": code, "before": before, "after": _tree_hash(protected_paths() + [folder]),
            "rows": _rows(out), "out": out, "csv": csv_after_run, "paths": paths}


def test_exit_code_zero_when_every_submission_got_a_row(graded):
    assert graded["code"] == 0
    assert set(graded["rows"]) == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_submission_is_graded_as_it_should_be(graded, name):
    status, chapter, total = EXPECTED[name]
    row = graded["rows"][name]
    assert (row["status"], row["chapter"], int(row["total"])) == (
        status, "" if chapter is None else str(chapter), total), row["flags"]


def test_package_masters_solutions_and_submissions_are_byte_identical(graded):
    assert graded["after"] == graded["before"]


def test_no_student_process_is_left_and_the_daemon_wrote_nothing(graded):
    assert _processes_with(MARKER) == []
    assert (graded["out"] / "grades.csv").read_bytes() == graded["csv"]


def test_no_instructor_variable_is_readable_in_any_output(graded):
    for path in graded["out"].rglob("*"):
        if path.is_file():
            assert SECRET not in path.read_text(encoding="utf-8", errors="replace"), path


def test_columns_and_points_per_exercise(graded):
    rows = graded["rows"]
    assert list(rows["all_correct"])[:9] == ["student", "student_id", "submission", "chapter", "status",
                                            "late", "total", "max_total", "flags"]
    assert rows["half_right"]["ch0.ex1"] == "1" and rows["half_right"]["ch0.ex6"] == "0"
    assert rows["lying_objects"]["ch0.ex3"] == "0" and rows["lying_objects"]["ch0.ex1"] == "0"
    assert rows["infinite_loop"]["ch0.ex1"] == "0" and rows["infinite_loop"]["ch0.ex2"] == "1"
    assert rows["os_exit"]["ch0.ex3"] == "1" and rows["os_exit"]["ch0.ex5"] == "0"
    assert rows["swallow_interrupts"]["ch0.ex4"] == "1" and rows["swallow_interrupts"]["ch0.ex5"] == "0"
    assert rows["all_correct"]["max_total"] == "12"
    assert (graded["out"] / "grades.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def _feedback(graded, name):
    return next(graded["out"].glob(f"feedback/{name}-{name}.md")).read_text(encoding="utf-8")


def test_feedback_says_what_the_student_would_have_seen(graded):
    text = _feedback(graded, "half_right")
    assert "status: **ok**" in text and "✔ ch0.ex1 correct" in text and "Hint:" in text
    vscode = _feedback(graded, "vscode_ids_and_print")
    assert vscode.count("cell ids of the exercise notebook were lost") == 1
    assert "kernel died" in _feedback(graded, "os_exit")
    assert "ignored the interrupt" in _feedback(graded, "swallow_interrupts")
    own = _feedback(graded, "own_error")
    assert "your cell raised NameError: name 'np' is not defined" in own
    assert "the last one run counts" in _feedback(graded, "duplicated_answer_cell")


def test_integrity_flags_are_listed_for_review_never_taken_as_points(graded):
    rows = graded["rows"]
    assert "the answer key" in rows["answer_key"]["flags"] and "%run" in rows["answer_key"]["flags"]
    assert "published solution's code" in rows["all_correct"]["flags"]
    assert "model answer" in rows["all_correct"]["flags"]
    assert "a value typed in" in rows["copied_values"]["flags"]
    assert rows["copied_values"]["total"] == "8"
    assert "3 answers identical to classmate_copy's" in rows["added_cells"]["flags"]
    assert "identical to added_cells's" in rows["classmate_copy"]["flags"]
    assert "identical to" not in rows["half_right"]["flags"]
    assert "answer key" not in rows["vscode_ids_and_print"]["flags"]
    review = (graded["out"] / "integrity.md").read_text(encoding="utf-8")
    assert "answer_key.ipynb" in review and "Sandbox: bwrap" in review


def test_written_answers_never_take_the_model_answer_and_merge_idempotently(graded, tmp_path):
    out = graded["out"]
    with open(out / "written.csv", newline="", encoding="utf-8-sig") as handle:
        written = list(csv.DictReader(handle))
    solution = next(r for r in written if r["submission"].endswith("all_correct.ipynb"))
    assert solution["answer"] == "" and "BEGIN SOLUTION" not in (out / "written.csv").read_text("utf-8")
    assert "Rubric (4 points)" in solution["rubric"]
    for row in written:
        row["points"] = "3" if row["submission"].endswith("all_correct.ipynb") else ""
    filled = tmp_path / "written.csv"  # as Excel on Windows saves it: cp1252 and semicolons
    with open(filled, "w", newline="", encoding="cp1252", errors="replace") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(written[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(written)
    for _ in range(2):
        merge_written(filled, out)
        rows = _rows(out)
        assert rows["all_correct"]["ch0.ex9 written"] == "3"
        assert rows["all_correct"]["total"] == "11" and rows["all_correct"]["max_total"] == "12"
        assert rows["half_right"]["total"] == "4"
