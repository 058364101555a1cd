"""Exercise notebooks are built from solutions, match them, and never clobber a student's work."""

import json
import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
    assert stale_exercises(root) == {}


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


NEAR_MISSES = [
    ("code", "### begin solution\nx = 42\n### END SOLUTION"),  # case
    ("code", "##  BEGIN SOLUTION\nx = 42\n### END SOLUTION"),  # ##
    ("code", "### BEGIN SOLUTION  # the answer\nx = 42\n### END SOLUTION"),  # trailing comment
    ("code", "x = 42  ### BEGIN SOLUTION"),  # inline
    ("code", "<!-- BEGIN SOLUTION -->\nx = 42\n<!-- END SOLUTION -->"),  # markdown markers
    ("markdown", "### BEGIN SOLUTION\nThe answer is 42.\n### END SOLUTION"),  # code markers
    ("markdown", "<!--BEGIN SOLUTION-->\nThe answer is 42.\n<!--END SOLUTION-->"),  # spacing
    ("markdown", "Answer: <!-- BEGIN SOLUTION --> 42 <!-- END SOLUTION -->"),  # inline
    ("markdown", "<!-- Begin Solution -->\n42\n<!-- End Solution -->"),  # case
]


@pytest.mark.parametrize(("cell_type", "source"), NEAR_MISSES)
def test_near_miss_markers_are_located_errors_not_leaks(cell_type, source):
    from crmlab.exercises import exercise_notebook

    cell = {"cell_type": cell_type, "id": "q7", "metadata": {}, "source": [source]}
    if cell_type == "code":
        cell.update(outputs=[], execution_count=None)
    nb = {"cells": [{"cell_type": "markdown", "id": "q1", "metadata": {}, "source": ["# T"]}, cell],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    with pytest.raises(CRMDataError) as err:
        exercise_notebook(nb, "04_tiering.ipynb")
    message = str(err.value)
    assert "solutions/04_tiering.ipynb, cell 2 (id q7" in message and "line " in message


def test_metadata_that_could_carry_a_solution_is_dropped():
    from crmlab.exercises import exercise_notebook

    nb = {"cells": [{"cell_type": "markdown", "id": "a", "source": ["Q"],
                     "metadata": {"tags": ["q"], "notes": "answer 42"},
                     "attachments": {"answer.png": {"image/png": "AAAA"}}},
                    {"cell_type": "code", "id": "b", "source": ["x = ..."], "outputs": [],
                     "execution_count": 3, "metadata": {"solution": "x = 42"}}],
          "metadata": {"kernelspec": {"name": "python3"}, "answers": {"q": 42}},
          "nbformat": 4, "nbformat_minor": 5}
    built = exercise_notebook(nb, "00_introduction.ipynb")
    assert built["cells"][0]["metadata"] == {"tags": ["q"]} and "attachments" not in built["cells"][0]
    assert built["cells"][1]["metadata"] == {} and built["cells"][1]["execution_count"] is None
    assert set(built["metadata"]) == {"kernelspec", "crmlab"} and "42" not in json.dumps(built)


def solution_regions(source: str, cell_type: str) -> list[str]:
    """The text between the markers of one cell (each region as one string)."""
    begin, end = (("### BEGIN SOLUTION", "### END SOLUTION") if cell_type == "code"
                  else ("<!-- BEGIN SOLUTION -->", "<!-- END SOLUTION -->"))
    regions, current = [], None
    for line in source.split("\n"):
        if line.strip() == begin:
            current = []
        elif line.strip() == end:
            regions.append("\n".join(current))
            current = None
        elif current is not None:
            current.append(line)
    return regions


def test_no_solution_region_appears_in_any_exercise_notebook(root):
    exercises = "\n".join((p.read_text(encoding="utf-8")) for p in (root / "exercises").glob("*.ipynb"))
    sources = "\n".join("".join(c["source"]) for p in (root / "exercises").glob("*.ipynb")
                        for c in json.loads(p.read_text(encoding="utf-8"))["cells"])
    regions = [(p.name, region) for p in (root / "solutions").glob("*.ipynb")
               for c in json.loads(p.read_text(encoding="utf-8"))["cells"]
               for region in solution_regions("".join(c["source"]), c["cell_type"])]
    assert len(regions) > 60
    leaked = [(name, region[:60]) for name, region in regions
              if region.strip() and (region.strip() in sources or json.dumps(region)[1:-1] in exercises)]
    assert leaked == []


MARKERS = ["### BEGIN SOLUTION", "### END SOLUTION", "<!-- BEGIN SOLUTION -->", "<!-- END SOLUTION -->"]


def perturb(marker: str, how: int) -> str:
    return [marker.lower(), marker.replace("### ", "## "), marker + "  # note",
            "x = 1  " + marker, marker.replace(" SOLUTION", "  SOLUTION"),
            marker.replace("<!-- ", "<!--").replace(" -->", "-->"), "  " + marker][how % 7]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["code", "markdown"]), st.integers(0, 3), st.integers(0, 6))
def test_any_perturbed_marker_builds_without_leaking_or_fails_located(cell_type, which, how):
    from crmlab.exercises import exercise_notebook

    begin, end = (MARKERS[0], MARKERS[1]) if cell_type == "code" else (MARKERS[2], MARKERS[3])
    lines = ["stub = ...", begin, "SECRET = 4242", end]
    target = lines.index(MARKERS[which]) if MARKERS[which] in lines else 1
    lines[target] = perturb(lines[target], how)
    cell = {"cell_type": cell_type, "id": "s1", "metadata": {}, "source": ["\n".join(lines)],
            "outputs": [], "execution_count": None}
    nb = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    try:
        built = exercise_notebook(nb, "00_introduction.ipynb")
    except CRMDataError as err:
        assert "solutions/00_introduction.ipynb, cell 1 (id s1" in str(err)
    else:
        assert "SECRET" not in json.dumps(built)


def test_exercises_check_reports_crlf_and_unreadable_files(course_copy, capsys):
    from crmlab.cli import main

    build_exercises(course_copy)
    first, second = sorted((course_copy / "exercises").glob("*.ipynb"))[:2]
    first.write_bytes(first.read_bytes().replace(b"\n", b"\r\n"))
    second.write_bytes(b"\xff\xfe not a notebook")
    assert stale_exercises(course_copy) == {first.name: "has Windows line endings (CRLF)",
                                            second.name: "is not valid UTF-8 (byte 0)"}
    assert main(["exercises", "--check", "--root", str(course_copy)]) == 1
    out = capsys.readouterr().out
    assert out.count("FAIL") == 2 and "CRLF" in out


def test_an_unreadable_solution_is_a_located_error(course_copy):
    (course_copy / "solutions" / "00_introduction.ipynb").write_bytes(b"\xff not json")
    with pytest.raises(CRMDataError, match="00_introduction.ipynb: cannot read the notebook"):
        build_exercises(course_copy)
