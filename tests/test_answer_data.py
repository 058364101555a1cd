"""One conversion for the self-check and the grader: whatever passes check(...) passes the
grader. The grader's path is the converter, JSON text and back (as a capture travels)."""

import json
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmlab.answer_data import Unsupported, from_plain, make_converter
from crmlab.checks import evaluate
from crmlab.registry import all_exercises

CONVERT = make_converter()


def as_graded(answer):
    """The answer as the grader sees it after capture in the kernel."""
    return from_plain(json.loads(json.dumps(CONVERT(answer))))


class MyFloat(float):
    def __eq__(self, other):
        return True

    __hash__ = float.__hash__


class MyStr(str):
    pass


class MyList(list):
    def __iter__(self):
        return iter(["fake"])


def number_forms(value):
    yield value
    yield np.float64(value)
    yield np.array(value)
    yield np.array([value])
    yield pd.Series([value])
    yield MyFloat(value)
    yield Fraction(value).limit_denominator(10**12)
    yield Decimal(repr(value))
    if float(value).is_integer():
        yield int(value)
        yield np.int64(int(value))
        yield np.array(int(value))


def series_forms(value):
    yield value
    yield value.to_dict()
    if pd.api.types.is_numeric_dtype(value):
        yield value.astype("Float64")
    else:
        yield value.astype("string")
    yield value.to_frame()


NUMERIC = [e for e in all_exercises().values()
           if isinstance(e.reference(), (int, float)) and not isinstance(e.reference(), bool)]
SERIES = [e for e in all_exercises().values() if isinstance(e.reference(), pd.Series)]


@pytest.mark.parametrize("exercise", NUMERIC, ids=lambda e: e.id)
def test_every_form_of_a_right_number_passes_both_the_check_and_the_grader(exercise):
    for form in number_forms(exercise.reference()):
        assert evaluate(exercise.id, form).passed, (exercise.id, type(form))
        assert evaluate(exercise.id, as_graded(form)).passed, (exercise.id, type(form))


@pytest.mark.parametrize("exercise", SERIES, ids=lambda e: e.id)
def test_every_form_of_a_right_series_passes_both(exercise):
    for form in series_forms(exercise.reference()):
        assert evaluate(exercise.id, form).passed == evaluate(exercise.id, as_graded(form)).passed, \
            (exercise.id, type(form))
        assert evaluate(exercise.id, as_graded(form)).passed, (exercise.id, type(form))


ANSWERS = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False)
    | st.text(max_size=8) | st.builds(MyStr, st.text(max_size=4))
    | st.builds(Fraction, st.integers(-99, 99), st.integers(1, 99))
    | st.builds(np.float64, st.floats(allow_nan=False)) | st.builds(np.int32, st.integers(-99, 99)),
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner) | st.frozensets(
        st.integers(0, 9) | st.text(max_size=3), max_size=4)
    | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=10)


@settings(max_examples=300, deadline=None)
@given(answer=ANSWERS, exercise=st.sampled_from(sorted(all_exercises())))
def test_the_check_and_the_grader_agree_on_any_answer(answer, exercise):
    mine, graded = evaluate(exercise, answer), evaluate(exercise, as_graded(answer))
    assert (mine.passed, mine.answered) == (graded.passed, graded.answered)


def test_subclasses_are_read_by_their_base_type():
    assert from_plain(CONVERT(MyFloat(0.1))) == 0.1
    assert from_plain(CONVERT(MyList([1, 2]))) == [1, 2]
    assert type(from_plain(CONVERT(MyStr("a")))) is str


def test_what_cannot_be_read_says_why():
    assert isinstance(from_plain(CONVERT(object())), Unsupported)
    assert "more than" in from_plain(CONVERT(iter(range(10**9)))).kind
    assert isinstance(from_plain(CONVERT(b"bytes")), Unsupported)
    nested = []
    for _ in range(50):
        nested = [nested]
    assert isinstance(from_plain(CONVERT(nested)), Unsupported)
