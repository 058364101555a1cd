"""Importance-performance analysis on four attributes at each crosshair, including a point
exactly on the crosshair; the strategic matrix; derived importance; bad input."""

import pandas as pd
import pytest

from crmlab import CRMDataError
from crmlab.datasets import GUEST_ATTRIBUTES, load_guest_survey
from crmlab.ipa import derived_importance, importance_performance, strategic_matrix

IMP = pd.Series({"a": 5.0, "b": 4.0, "c": 2.0, "d": 1.0})
PERF = pd.Series({"a": 4.0, "b": 1.0, "c": 2.0, "d": 5.0})


@pytest.mark.parametrize(("crosshair", "expected"), [
    # means: importance 3.0, performance 3.0
    ("mean", ["advantage", "repair", "opportunity", "maintain"]),
    # medians: importance 3.0, performance 3.0 as well
    ("median", ["advantage", "repair", "opportunity", "maintain"]),
    # scale (1, 5): midpoint 3
    ("scale", ["advantage", "repair", "opportunity", "maintain"]),
    # chosen (4.0, 2.0): b sits exactly on the importance line (high), c on the performance
    # line (high): at or above counts as high
    ((4.0, 2.0), ["advantage", "repair", "maintain", "maintain"]),
])
def test_quadrants_at_each_crosshair(crosshair, expected):
    assert importance_performance(IMP, PERF, crosshair)["quadrant"].tolist() == expected


def test_a_point_exactly_on_the_crosshair_is_high_on_both():
    result = importance_performance(pd.Series({"x": 3.0, "y": 1.0, "z": 5.0}),
                                    pd.Series({"x": 3.0, "y": 1.0, "z": 5.0}))
    assert result.attrs["crosshair"] == (3.0, 3.0)
    assert result.loc["x", "quadrant"] == "advantage" and result.loc["x", "zone"] == "A"


def test_medians_differ_from_means_when_skewed():
    imp = pd.Series({"a": 1.0, "b": 2.0, "c": 3.0, "d": 10.0})
    perf = pd.Series({"a": 1.0, "b": 1.0, "c": 1.0, "d": 1.0})
    assert importance_performance(imp, perf, "median").attrs["crosshair"] == (2.5, 1.0)
    assert importance_performance(imp, perf, "mean").attrs["crosshair"] == (4.0, 1.0)


def test_strategic_matrix_cells():
    impact = pd.Series({"w1": 0.1, "w2": 0.1, "s1": 0.6, "s2": 0.6})
    perf = pd.Series({"w1": 4.0, "w2": 2.0, "s1": 4.0, "s2": 2.0})
    actions = strategic_matrix(impact, perf)["action"]
    assert actions["w1"].startswith("maintain or cut")
    assert actions["w2"].startswith("unimportant")
    assert actions["s1"].startswith("keep improving")
    assert actions["s2"].startswith("focus improvement here")


def test_derived_importance_finds_what_guests_do_not_say():
    """Built into the survey: Wi-Fi is said to matter little but moves satisfaction strongly;
    price is said to matter a lot but hardly moves it."""
    survey = load_guest_survey()
    perf = survey[[f"perf_{a}" for a in GUEST_ATTRIBUTES]].set_axis(GUEST_ATTRIBUTES, axis=1)
    derived = derived_importance(perf, survey["sat_overall"])
    stated = pd.Series({a: survey[f"imp_{a}"].mean() for a in GUEST_ATTRIBUTES})
    assert derived.rank()["wifi"] > stated.rank()["wifi"] + 3
    assert derived.rank()["price"] < stated.rank()["price"] - 3
    assert derived_importance(perf, survey["sat_overall"], "regression")["wifi"] > 0.1


@pytest.mark.parametrize(("call", "words"), [
    (lambda: importance_performance(IMP, PERF.rename({"d": "e"})), r"differ in \['d', 'e'\]"),
    (lambda: importance_performance(IMP, PERF, "centre"), "unknown crosshair"),
    (lambda: importance_performance(IMP, PERF, (1, "x")), "two numbers"),
    (lambda: importance_performance(IMP, PERF, "scale", (5, 1)), "scale must be"),
    (lambda: importance_performance(pd.Series(dtype=float), pd.Series(dtype=float)), "no attributes"),
    (lambda: derived_importance(pd.DataFrame({"a": [1.0]}), pd.Series([1.0], index=[9])), "same index"),
    (lambda: derived_importance(pd.DataFrame({"a": [1.0, 2]}), pd.Series([1.0, 2]), "magic"),
     "unknown method"),
])
def test_bad_input(call, words):
    with pytest.raises(CRMDataError, match=words):
        call()


def test_a_point_on_the_crosshair_is_called_a_close_call():
    # the course data: location's importance 3.775 against the mean 3.77525
    imp = pd.Series({"a": 4.5, "b": 3.0, "location": 3.775, "d": 3.80100})
    perf = pd.Series({"a": 4.0, "b": 2.0, "location": 4.2, "d": 2.5})
    assert imp.mean() == pytest.approx(3.769)
    ipa = importance_performance(imp, perf)
    assert ipa.loc["location", "on_line"] == "importance"  # 0.006 from the line, spread 1.5
    assert ipa.loc["location", "action"] == ("on the importance line: a close call between "
                                             "advantage and maintain")
    assert ipa.loc["a", "on_line"] == "" and ipa.loc["a", "quadrant"] == "advantage"
    matrix = strategic_matrix(pd.Series({"x": 0.1, "y": 0.5, "z": 0.3}),
                              pd.Series({"x": 2.0, "y": 4.0, "z": 3.0}))
    assert matrix.loc["z", "on_line"] == "impact and performance"
