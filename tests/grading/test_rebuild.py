"""Rebuilding a submission from the master: which cells are the student's, how they are
matched, what is dropped, and what is captured."""

import pytest

from crmlab.answer_data import from_plain as decode
from crmlab.grading.capture import read_capture
from crmlab.grading.rebuild import check_calls, rebuild, without_checks, written_answer

MASTER = {"cells": [
    {"cell_type": "markdown", "id": "m1", "source": "# Exercises"},
    {"cell_type": "code", "id": "c1", "source": "import pandas as pd\nfrom crmlab.checks import check"},
    {"cell_type": "code", "id": "c2", "source": 'x = ...\n# your code here\ncheck("ch0.ex1", x)'},
    {"cell_type": "markdown", "id": "m2",
     "source": "## Exercise 2 — written\nWhy?\n\n*Write your answer here.*\n"},
]}


def test_setup_from_the_master_answers_from_the_student_and_a_capture_after_each():
    student = [{"cell_type": "code", "id": "c1", "source": "import os  # edited setup"},
               {"cell_type": "code", "id": "c2", "source": "x = 41 + 1\ncheck('ch0.ex1', x)"},
               {"cell_type": "markdown", "id": "m2",
                "source": "## Exercise 2 — written\nWhy?\n\nBecause.\n"}]
    rebuilt = rebuild(MASTER, student, 0)
    sources = [c["source"] for c in rebuilt.cells]
    assert sources[0].startswith("import pandas")  # the master's setup, not the student's
    assert sources[1] == "x = 41 + 1"  # the student's check call is gone
    assert sources[2] == "__crmlab_capture__('ch0.ex1', lambda: (x))"
    assert rebuilt.exercises == ["ch0.ex1"] and rebuilt.written == {"ch0.ex2": "Because."}
    assert rebuilt.warnings == []


def test_cells_without_ids_are_found_by_their_check_line_with_one_note():
    student = [{"cell_type": "code", "source": "x = 1"},
               {"cell_type": "code", "source": "x = 2\ncheck('ch0.ex1', x)"}]
    rebuilt = rebuild(MASTER, student, 0)
    sources = [c["source"] for c in rebuilt.cells]
    assert sources[0].startswith("import pandas")
    assert sources[1:4] == ["x = 1", "x = 2", "__crmlab_capture__('ch0.ex1', lambda: (x))"]
    assert len(rebuilt.warnings) == 1 and "cell ids" in rebuilt.warnings[0]


def test_an_answer_without_id_or_check_line_is_found_by_its_variable():
    student = [{"cell_type": "code", "id": "new1", "source": "import numpy as np"},
               {"cell_type": "code", "id": "new2", "source": "x = np.int64(41) + 1\nprint(x)"}]
    rebuilt = rebuild(MASTER, student, 0)
    sources = [c["source"] for c in rebuilt.cells]
    assert sources.index("import numpy as np") < sources.index("x = np.int64(41) + 1\nprint(x)")
    assert sources[sources.index("x = np.int64(41) + 1\nprint(x)") + 1].startswith("__crmlab_capture__")


def test_the_students_own_cells_stay_in_their_order_after_the_cell_they_follow():
    student = [{"cell_type": "code", "id": "c1", "source": "import pandas as pd"},
               {"cell_type": "code", "id": "h1", "source": "def helper():\n    return 2"},
               {"cell_type": "code", "id": "h2", "source": "y = helper()"},
               {"cell_type": "code", "id": "c2", "source": "x = y * 21\ncheck('ch0.ex1', x)"}]
    sources = [c["source"] for c in rebuild(MASTER, student, 0).cells]
    assert sources[1:4] == ["def helper():\n    return 2", "y = helper()", "x = y * 21"]


def test_two_cells_answering_one_exercise_the_last_counts():
    student = [{"cell_type": "code", "id": "c2", "source": "x = 1\ncheck('ch0.ex1', x)"},
               {"cell_type": "code", "id": "dup", "source": "x = 42\ncheck('ch0.ex1', x)"}]
    rebuilt = rebuild(MASTER, student, 0)
    sources = [c["source"] for c in rebuilt.cells]
    assert sources.index("x = 1") < sources.index("x = 42") == sources.index(
        "__crmlab_capture__('ch0.ex1', lambda: (x))") - 1
    assert "the last one run counts" in rebuilt.warnings[0]


def test_a_missing_answer_cell_is_unanswered():
    rebuilt = rebuild(MASTER, [{"cell_type": "raw", "id": "c2", "source": "x"}], 0)
    assert rebuilt.cells[1]["source"] == "" and rebuilt.written == {"ch0.ex2": ""}


@pytest.mark.parametrize(("code", "expected"), [
    ("check('ch1.ex2', a.b[0])", [("ch1.ex2", "a.b[0]", 1, 1)]),
    ("x = check('ch1.ex2', 1)", []),  # not a statement of its own
    ("def f(:", []),
    ("check(\n 'ch0.ex1',\n y)", [("ch0.ex1", "y", 1, 3)]),
])
def test_check_calls(code, expected):
    assert check_calls(code) == expected


def test_a_check_in_a_cell_that_does_not_parse_is_still_dropped():
    assert without_checks("x = (\ncheck('ch0.ex1', x)") == "x = ("


def test_written_answer_keeps_only_the_students_words():
    assert written_answer("Q\n*Write your answer here.*\n", "Q\n*Write your answer here.*\n") == ""
    assert written_answer("Q\n*Write your answer here.*\n", "Totally different") == "Totally different"


@pytest.mark.parametrize(("value", "expected"), [
    ({"t": "float", "v": 0.5}, 0.5), ({"t": "int", "v": 3}, 3), ({"t": "str", "v": "c"}, "c"),
    ({"t": "bool", "v": True}, True), ({"t": "none"}, None), ({"t": "ellipsis"}, ...),
    ({"t": "list", "v": [{"t": "int", "v": 1}]}, [1]),
    ({"t": "set", "v": [{"t": "str", "v": "a"}]}, {"a"}),
    ({"t": "dict", "v": [[{"t": "str", "v": "k"}, {"t": "int", "v": 2}]]}, {"k": 2}),
])
def test_decode_plain_values(value, expected):
    assert decode(value) == expected


def test_decode_frames_and_unsupported():
    frame = decode({"t": "frame", "columns": [[{"t": "str", "v": "a"}, {
        "t": "series", "index": [{"t": "int", "v": 0}], "values": [{"t": "float", "v": 1.5}]}]]})
    assert frame["a"].tolist() == [1.5]
    assert repr(decode({"t": "unsupported", "type": "Liar"})) == "<unsupported: Liar>"


def test_only_this_runs_nonce_is_accepted():
    text = '{"nonce": "abc", "exercise": "ch0.ex1", "value": {"t": "int", "v": 7}}'
    assert read_capture(text, "abc") == ("ch0.ex1", 7)
    assert read_capture(text, "other") is None
    assert read_capture("not json", "abc") is None
