"""Exercise notebooks are built from solutions, match them, and never clobber a student's work."""

import json
import shutil

import pytest

from crmlab import CRMDataError
from crmlab.exercises import (
    CODE_PROMPT,
    TEXT_PROMPT,
    build_exercises,
    stale_exercises,
    strip_solution,
)


def test_code_solution_is_removed_and_stub_kept():
    source = "x = ...\n    ### BEGIN SOLUTION\n    x = 42\n    ### END SOLUTION\ncheck('a', x)"
    assert strip_solution(source, "code") == f"x = ...\n    {CODE_PROMPT}\ncheck('a', x)"


def test_markdown_answer_becomes_prompt():
    source = "Q?\n<!-- BEGIN SOLUTION -->\nModel answer.\n<!-- END SOLUTION -->\nEnd"
    assert strip_solution(source, "markdown") == f"Q?\n{TEXT_PROMPT}\nEnd"


@pytest.mark.parametrize("source", ["### BEGIN SOLUTION\nx", "### END SOLUTION",
                                    "### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION"])
def test_unbalanced_markers_are_refused(source):
    with pytest.raises(CRMDataError):
        strip_solution(source, "code")


def test_committed_exercises_equal_a_fresh_build(root):
    assert stale_exercises(root) == []


def test_exercises_contain_no_solution_and_keep_cell_ids(root):
    for solution_path in (root / "solutions").glob("*.ipynb"):
        solution = json.loads(solution_path.read_text(encoding="utf-8"))
        exercise = json.loads((root / "exercises" / solution_path.name).read_text(encoding="utf-8"))
        assert [c["id"] for c in exercise["cells"]] == [c["id"] for c in solution["cells"]]
        text = json.dumps(exercise)
        assert "BEGIN SOLUTION" not in text and "Model answer" not in text
        assert all(not c.get("outputs") for c in exercise["cells"])


@pytest.fixture
def course_copy(tmp_path, root):
    shutil.copytree(root / "solutions", tmp_path / "solutions")
    return tmp_path


def test_build_writes_only_into_exercises(course_copy):
    written = build_exercises(course_copy)
    assert written and all(p.parent == course_copy / "exercises" for p in written)
    assert sorted(p.name for p in course_copy.iterdir()) == ["exercises", "solutions"]
    assert build_exercises(course_copy) == []  # a second build changes nothing


def test_student_work_is_never_overwritten(course_copy):
    (target,) = build_exercises(course_copy)[:1]
    nb = json.loads(target.read_text(encoding="utf-8"))
    nb["cells"][1]["source"] = ["my own work\n"]
    edited = json.dumps(nb)
    target.write_text(edited, encoding="utf-8")
    with pytest.raises(CRMDataError, match="edited since they were generated"):
        build_exercises(course_copy)
    assert target.read_text(encoding="utf-8") == edited
    assert target in build_exercises(course_copy, force=True)


def test_executed_but_unedited_exercise_may_be_rebuilt(course_copy):
    (target,) = build_exercises(course_copy)[:1]
    nb = json.loads(target.read_text(encoding="utf-8"))
    nb["cells"][1]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["hi\n"]}]
    target.write_text(json.dumps(nb), encoding="utf-8")
    assert target in build_exercises(course_copy)
