"""Chapter 5 explorers, driven through their controls."""

import pandas as pd
import pytest

from crmlab.widgets import (
    ControlChartExplorer,
    DisconfirmationExplorer,
    IPAExplorer,
    KanoExplorer,
    SatisfactionCycleExplorer,
)


@pytest.mark.parametrize("cls", [DisconfirmationExplorer, SatisfactionCycleExplorer, KanoExplorer,
                                 IPAExplorer, ControlChartExplorer])
def test_every_control_at_its_extremes(cls, extremes):
    explorer = cls.on_course_data()
    extremes(explorer)
    assert explorer.result is not None


def test_disconfirmation_tolerance_moves_guests_into_the_middle():
    explorer = DisconfirmationExplorer.on_course_data()
    before = explorer.result["moderately satisfied"].copy()
    explorer.controls["tolerance"].value = 1
    difference = explorer.result.copy()
    assert (difference["moderately satisfied"] > before + 0.2).all()  # whole points move guests
    explorer.controls["method"].value = "ratio"
    pd.testing.assert_frame_equal(explorer.result, difference)  # the band means the same
    assert "mean c (b / a)" in explorer.table.value


def test_kano_rule_changes_the_close_call():
    explorer = KanoExplorer.on_course_data()
    explorer.controls["feature"].value = "robot room service"
    assert explorer.result["table"].loc["robot room service", "category"] == "I"
    image = explorer.image.value
    explorer.controls["rule"].value = "relevance"
    assert explorer.result["table"].loc["robot room service", "category"] == "A"
    assert explorer.image.value != image and "relevance" in explorer.table.value


def test_ipa_chosen_crosshair_moves_attributes():
    explorer = IPAExplorer.on_course_data()
    explorer.controls["crosshair"].value = "chosen"
    explorer.controls["importance_at"].value = 1.0
    assert set(explorer.result["quadrant"]) <= {"advantage", "repair"}
    explorer.controls["importance_at"].value = 5.0
    assert set(explorer.result["quadrant"]) <= {"opportunity", "maintain"}


def test_control_chart_sigma_and_rules():
    explorer = ControlChartExplorer.on_course_data()
    assert list(explorer.result["flagged"].index) == ["2024-08", "2024-08"]  # both charts
    explorer.controls["sigma"].value = 1.0
    assert len(explorer.result["flagged"]) > 2
    explorer.controls["sigma"].value = 4.0
    explorer.controls["rules"].value = True
    assert "Months out of control" in explorer.table.value or "No month" in explorer.table.value


def test_cycle_without_drift_has_no_dissatisfaction():
    explorer = SatisfactionCycleExplorer()
    assert (explorer.result["stage"] == "dissatisfaction").any()
    explorer.controls["expectation_drift"].value = 0.0
    assert not (explorer.result["stage"] == "dissatisfaction").any()
    assert "Periods per stage" in explorer.table.value


def test_cycle_explorer_shows_both_utilities_and_clips_nothing():
    explorer = SatisfactionCycleExplorer()
    explorer.set_controls(expectation_drift=0.03, react_after=12, improvement_step=0.2)
    (low_u, high_u), (low_r, high_r) = (explorer.figure.axes[i].get_ylim() for i in (0, 1))
    result = explorer.result
    assert low_u <= result[["actual", "expected"]].min().min()
    assert result[["actual", "expected"]].max().max() <= high_u
    assert low_r <= result["ratio"].min() and result["ratio"].max() <= high_r
    assert "stages in order" in explorer.table.value
