"""Self-checks: right, wrong, blank and absurd answers; never an exception."""

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import crmlab.answers.intro as intro
from crmlab.checks import check, evaluate
from crmlab.registry import all_exercises

REGISTRY = all_exercises()


def test_right_answer_passes_with_points():
    result = evaluate("ch0.ex3", 0.7 ** (1 / 3))
    assert result.passed and result.points == 1
    assert result.record() == {"exercise": "ch0.ex3", "answered": True, "passed": True,
                               "points": 1, "max_points": 1}


def test_blank_answer_is_not_answered():
    for blank in (..., None):
        result = evaluate("ch0.ex1", blank)
        assert not result.answered and not result.passed
        assert "not answered yet" in result.message


def test_wrong_answer_gives_hint():
    result = evaluate("ch0.ex3", 0.9)
    assert result.answered and not result.passed
    assert "Hint:" in result.message and result.message.startswith("✘")


def test_series_answer_checked_by_index_and_value():
    right = intro.revenue_by_channel_2025()
    assert evaluate("ch0.ex2", right).passed
    assert evaluate("ch0.ex2", right.to_dict()).passed
    wrong = right.copy()
    wrong.iloc[0] += 1
    assert "1 value(s) differ" in evaluate("ch0.ex2", wrong).message
    assert "entries" in evaluate("ch0.ex2", right.iloc[:2]).message


def test_text_answers_ignore_case_and_space():
    assert evaluate("ch0.ex6", " C ").passed
    assert not evaluate("ch0.ex6", "b").passed


def test_unknown_exercise():
    assert "unknown exercise id" in evaluate("ch9.ex9", 1).message


def test_check_prints_outside_ipython(capsys):
    check("ch0.ex3", ...)
    assert "not answered yet" in capsys.readouterr().out


def test_every_registered_reference_computes():
    for ex in REGISTRY.values():
        assert ex.reference() is not None, ex.id


anything = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(), st.binary(), st.lists(st.integers()), st.dictionaries(st.text(), st.floats()),
    st.builds(pd.Series, st.lists(st.floats(), max_size=4)),
    st.builds(lambda: pd.DataFrame({"a": [1, 2]})), st.just(math.nan), st.just(object()),
)


@settings(max_examples=200, deadline=None)
@given(exercise_id=st.sampled_from(sorted(REGISTRY) + ["bogus", ""]), answer=anything)
def test_no_answer_of_any_type_raises(exercise_id, answer):
    result = evaluate(exercise_id, answer)
    assert result.message[0] in "✔✘…"


@pytest.mark.parametrize("exercise_id", sorted(REGISTRY))
def test_reference_answers_pass_their_own_check(exercise_id):
    assert evaluate(exercise_id, REGISTRY[exercise_id].reference()).passed
