"""Self-checks for exercises: ``check("ch0.ex1", answer)`` prints ✔ or ✘ with a hint.

The reference answer is computed by crmlab from the course data (see
``crmlab.answers`` and ``crmlab.registry``), never typed in, except for conceptual
choices. This module only compares and displays. A check never
raises, whatever the answer. Besides the message, it leaves a machine-readable record
(mimetype ``application/vnd.crmlab.check+json``) in the cell output for grading.

>>> check("ch0.ex3", ...)
… ch0.ex3 not answered yet: replace ... with your answer.
>>> check("ch0.ex3", 0.7 ** (1 / 3))
✔ ch0.ex3 correct (1/1 point).
>>> check("ch0.ex3", "ninety per cent")
✘ ch0.ex3 not yet: expected a number, got a str. Hint: If a share r stays each year, ...
"""

from __future__ import annotations

import itertools
import math
import numbers
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from crmlab.answer_data import Unsupported, from_plain, make_converter
from crmlab.registry import Exercise, lookup

MIMETYPE = "application/vnd.crmlab.check+json"


@dataclass(frozen=True)
class CheckResult:
    """What a check found: answered or not, passed or not, and the message shown."""

    exercise: str
    answered: bool
    passed: bool
    points: int
    max_points: int
    message: str

    def record(self) -> dict[str, Any]:
        """The machine-readable record left in the cell output."""
        return {"exercise": self.exercise, "answered": self.answered, "passed": self.passed,
                "points": self.points, "max_points": self.max_points}


MAX_ITEMS = 100_000  # an answer iterable is read at most this far (itertools.repeat ends)
_CONVERT = make_converter()  # the same conversion the grader applies to a captured answer


def as_plain(answer: Any) -> Any:
    """The answer as the grader reads it: plain Python and pandas data (``crmlab.answer_data``).

    >>> import numpy as np
    >>> as_plain(np.array([0.5]))
    [0.5]
    """
    return from_plain(_CONVERT(answer))


def _shown(value: Any, limit: int = 60) -> str:
    """``repr(value)`` cut to ``limit`` characters; a repr that fails shows the type name."""
    try:
        text = repr(value)
        text = text if isinstance(text, str) else object.__repr__(value)
    except Exception:
        return f"a {_kind(value)}"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _kind(value: Any) -> str:
    try:
        return str(type(value).__name__)
    except Exception:  # pragma: no cover - a type without a usable name
        return "value"


def _text(value: Any) -> str:
    """A plain ``str`` of ``value``, trimmed and lower case: a str subclass is copied to a
    real str first, so its own strip/lower/__eq__ cannot fake a match."""
    plain = str.__str__(value) if isinstance(value, str) else str(value)
    return str.__str__(plain).strip().lower()


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


SIGNIFICANT = 3  # a number passes when it agrees with the reference to this many figures


def tolerance(expected: Any, ex: Exercise, significant: int = SIGNIFICANT) -> Any:
    """How far an answer may be from ``expected`` (a number or an array) and still pass: half a
    unit in the reference's third significant figure; whole numbers (counts) exactly; a
    question that asks for ``decimals`` in its own words, half a unit in the last of them; an
    exercise's own wider ``atol``/``rtol`` where it has one.

    >>> from crmlab.registry import lookup
    >>> ex = lookup("ch0.ex3")
    >>> [round(float(tolerance(value, ex)), 4) for value in (0.8879, 1234.5, 7)]
    [0.0005, 5.0, 0.0]
    """
    values = np.abs(np.asarray(expected, dtype=float))
    if ex.decimals is not None:
        policy = np.full_like(values, 0.5 * 10.0 ** -ex.decimals)
    elif np.asarray(expected).dtype.kind in "iu" or isinstance(expected, numbers.Integral):
        policy = np.zeros_like(values)
    else:
        exponent = np.floor(np.log10(np.where(values > 0, values, 1.0)))
        policy = np.where(values > 0, 0.5 * 10.0 ** (exponent - (significant - 1)), 0.0)
    return np.maximum(policy * (1 + 1e-9), np.maximum(ex.atol, ex.rtol * values))


def _agrees(answer: Any, expected: Any, ex: Exercise, significant: int = SIGNIFICANT) -> Any:
    with np.errstate(over="ignore", invalid="ignore"):
        gap = np.abs(np.asarray(answer, dtype=float) - np.asarray(expected, dtype=float))
        return gap <= tolerance(expected, ex, significant)


def _near_miss(answer: Any, expected: Any, ex: Exercise) -> str | None:
    """What a wrong number (or all numbers of a Series) most likely is: a percentage for a
    fraction or the reverse, or the right value rounded too far."""
    with np.errstate(over="ignore", invalid="ignore"):
        return _likely_slip(np.asarray(answer, dtype=float), np.asarray(expected, dtype=float), expected, ex)


def _likely_slip(mine: Any, want: Any, expected: Any, ex: Exercise) -> str | None:
    whole = np.asarray(expected).dtype.kind in "iu" or isinstance(expected, numbers.Integral)
    if whole and np.all(_agrees(mine, want, ex)):
        return "is close: give the exact whole number (a count is not rounded)"
    if np.all(np.abs(want) <= 1) and np.all(_agrees(mine / 100, want, ex)) and np.any(want != 0):
        return ("looks like a percentage: give it as a fraction (e.g. 0.25, not 25)")
    if np.all(np.abs(want) > 1) and np.all(_agrees(mine * 100, want, ex)):
        return "looks like a fraction: give it as a percentage (e.g. 25, not 0.25)"
    if ex.decimals is None and np.all(_agrees(mine, want, ex, significant=2)):
        return (f"is close but rounded too far: keep at least {SIGNIFICANT} significant figures "
                "(e.g. 0.123 or 12.3, not 0.12 or 12)")
    if ex.decimals is not None and np.all(np.abs(mine - want) <= 0.05 * 10.0 ** -(ex.decimals - 2)):
        return f"is close: give it to {ex.decimals} decimals"
    return None


def _compare_numbers(answer: Any, expected: float, ex: Exercise) -> str | None:
    if not _is_number(answer):
        return f"expected a number, got a {type(answer).__name__}"
    if not math.isfinite(float(answer)):
        return f"{answer} is not a finite number"
    if _agrees(answer, expected, ex):
        return None
    return f"{_shown(answer)} {_near_miss(answer, expected, ex) or 'is not the expected value'}"


def _compare_series(answer: Any, expected: pd.Series, ex: Exercise) -> str | None:
    if isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:
        answer = answer.iloc[:, 0]
    if isinstance(answer, dict):
        answer = pd.Series(answer)
    if not isinstance(answer, pd.Series):
        return f"expected a pandas Series, got a {_kind(answer)}"
    if len(answer) != len(expected):
        return f"your Series has {len(answer)} entries, the answer has {len(expected)}"
    if ex.synonyms:
        answer = answer.rename(index=lambda k: ex.synonyms.get(_text(k), k) if isinstance(k, str) else k)
    have = set(answer.index)
    missing = [k for k in expected.index if k not in have]
    if missing:
        return f"your index lacks {missing[:3]} (index the result by {expected.index.name!r})"
    mine = answer.reindex(expected.index)
    if pd.api.types.is_numeric_dtype(expected):
        try:
            mine_values = mine.to_numpy(dtype=float)
        except (TypeError, ValueError):
            return "your values are not numbers"
        want = expected.to_numpy(dtype=float)
        ok = _agrees(mine_values, want, ex)
        if not ok.all() and not np.isnan(mine_values).any():
            miss = _near_miss(mine_values[~ok], want[~ok], ex)
            if miss:
                return f"your values are wrong as a whole: each {miss}"
    else:
        ok = np.array([_said(a, ex) == _text(b) for a, b in zip(mine, expected, strict=True)])
    if ok.all():
        return None
    wrong = list(expected.index[~ok][:3])
    return f"{int((~ok).sum())} value(s) differ, e.g. at {wrong}"


def _compare_text(answer: Any, expected: str, ex: Exercise) -> str | None:
    if not isinstance(answer, str):
        return f"expected text, got a {_kind(answer)}"
    if _said(answer, ex) == _text(expected):
        return None
    if len(_text(expected)) == 1 and _text(expected).isalpha() and len(_text(answer)) > 1:
        return (f"{_shown(str.__str__(answer))}: answer with the letter of the option "
                f"(one of a, b, c, …), not its words")
    return f"{_shown(str.__str__(answer))} is not the answer"


def _said(value: Any, ex: Exercise) -> str:
    """A text answer as compared: trimmed, lower case, a known synonym read as the course's term."""
    text = _text(value)
    return ex.synonyms.get(text, text)


def _compare(answer: Any, expected: Any, ex: Exercise) -> str | None:
    """None when ``answer`` matches ``expected``; otherwise what is wrong."""
    if isinstance(expected, pd.Series):
        return _compare_series(answer, expected, ex)
    if isinstance(expected, str):
        return _compare_text(answer, expected, ex)
    if isinstance(expected, list):
        if not isinstance(answer, (list, tuple, pd.Series, np.ndarray)):
            return f"expected a list, got a {_kind(answer)}"
        mine = [_text(a) for a in itertools.islice(iter(answer), len(expected) + 1)]
        want = [_text(e) for e in expected]
        if len(mine) != len(want):
            return f"your list has {len(answer)} items, the answer has {len(want)}"
        wrong = [i + 1 for i, (a, b) in enumerate(zip(mine, want, strict=True)) if a != b]
        return None if not wrong else f"items {wrong[:5]} (counting from 1) are not right"
    if isinstance(expected, (set, frozenset)):
        if isinstance(answer, (str, bytes)) or not isinstance(answer, Iterable):
            return f"expected a collection, got a {_kind(answer)}"
        items = list(itertools.islice(iter(answer), MAX_ITEMS + 1))
        if len(items) > MAX_ITEMS:
            return f"your collection has more than {MAX_ITEMS:,} items"
        mine, want = {_text(a) for a in items}, {_text(e) for e in expected}
        return None if mine == want else f"{len(mine ^ want)} item(s) are missing or extra"
    if _is_number(expected):
        if isinstance(answer, (list, pd.Series)) and len(answer) == 1:
            answer = answer[0] if isinstance(answer, list) else answer.iloc[0]
        return _compare_numbers(answer, expected, ex)
    return None if answer == expected else "that is not the answer"


def evaluate(exercise_id: str, answer: Any) -> CheckResult:
    """Check ``answer`` without displaying anything or counting a try. Never raises."""
    return _evaluate(exercise_id, answer, tries=1)


def _evaluate(exercise_id: Any, answer: Any, tries: int) -> CheckResult:
    ex = None
    try:
        ex = lookup(exercise_id)
        if ex is None:
            return CheckResult(_shown(exercise_id), False, False, 0, 0,
                               f"✘ unknown exercise id {_shown(exercise_id)}: copy the id from "
                               "the exercise's own check line, e.g. 'ch0.ex1'.")
        if answer is ... or answer is None:
            return CheckResult(ex.id, False, False, 0, ex.points,
                               f"… {ex.id} not answered yet: replace ... with your answer.")
        answer = as_plain(answer)
        if isinstance(answer, Unsupported):
            return CheckResult(ex.id, True, False, 0, ex.points,
                               f"✘ {ex.id} not yet: your answer could not be read ({answer.kind}); "
                               f"give a number, text, list, set, dict or pandas Series. "
                               f"Hint: {ex.hint(tries)}")
        problem = _compare(answer, ex.reference(), ex)
    except Exception as err:  # a check must never raise, whatever the answer
        hint = f" Hint: {ex.hint(tries)}" if ex else ""
        return CheckResult(ex.id if ex else _shown(exercise_id), True, False, 0,
                           ex.points if ex else 0,
                           f"✘ {_shown(exercise_id)} could not be checked ({_kind(err)}: "
                           f"{_shown(err, 120)}).{hint}")
    if problem is None:
        plural = "" if ex.points == 1 else "s"
        return CheckResult(ex.id, True, True, ex.points, ex.points,
                           f"✔ {ex.id} correct ({ex.points}/{ex.points} point{plural}).")
    return CheckResult(ex.id, True, False, 0, ex.points,
                       f"✘ {ex.id} not yet: {problem}. Hint: {ex.hint(tries)}")


_WRONG_TRIES: dict[str, int] = {}  # wrong answers so far per exercise, in this kernel


def check(exercise_id: str, answer: Any) -> None:
    """Check an exercise answer: print ✔ or ✘ with a hint and leave a grading record."""
    key = exercise_id if type(exercise_id) is str else _shown(exercise_id)
    result = _evaluate(exercise_id, answer, tries=_WRONG_TRIES.get(key, 0) + 1)
    if result.answered and not result.passed:
        _WRONG_TRIES[key] = _WRONG_TRIES.get(key, 0) + 1
    try:
        from IPython import get_ipython
        from IPython.display import display

        if get_ipython() is not None:
            display({"text/plain": result.message, MIMETYPE: result.record()}, raw=True)
            return
    except Exception:  # no IPython: plain print below
        pass
    print(result.message)
