"""Chapter 6 explorers, driven through their controls."""

import pytest

from crmlab.widgets import LoyaltyMatrixExplorer, RetentionExplorer, ZoneExplorer


@pytest.mark.parametrize("cls", [ZoneExplorer, LoyaltyMatrixExplorer, RetentionExplorer])
def test_every_control_at_its_extremes(cls, extremes):
    explorer = cls.on_course_data()
    extremes(explorer)
    assert explorer.result is not None


def test_zone_bounds_move_customers_and_crossed_bounds_are_a_message():
    explorer = ZoneExplorer.on_course_data()
    assert abs(explorer.result.loc["zone", "slope"]) < 0.03  # the found zone is flat
    explorer.controls["high"].value = 10
    assert explorer.result.loc["zone", "slope"] > 0.03  # the top box is not indifferent
    explorer.controls["low"].value = 10
    explorer.controls["high"].value = 3
    assert explorer.result is None and "above where it ends (3)" in explorer.message


def test_matrix_cuts_move_customers():
    explorer = LoyaltyMatrixExplorer.on_course_data()
    assert explorer.result["Dick & Basu"]["moved"] == 0
    explorer.controls["patronage_cut"].value = 5.0
    part = explorer.result["Dick & Basu"]
    assert part["moved"] > 0 and part["counts"]["latent loyalty"] > 197
    explorer.controls["satisfaction_cut"].value = 9.0
    assert explorer.result["Jones & Sasser"]["counts"]["hostage"] > 151
    assert "change cell" not in explorer.table.value and "customers" in explorer.table.value


def test_retention_calculator():
    explorer = RetentionExplorer()
    default = explorer.result["uplift"].uplift
    assert 0.25 <= default <= 0.85
    explorer.controls["growth"].value = 0.0
    explorer.controls["referral"].value = 0.0
    explorer.controls["acquisition_cost"].value = 0.0
    assert explorer.result["uplift"].uplift < default - 0.25  # (cost savings, premium remain)
    assert "NPV per customer" in explorer.table.value
    explorer.controls["retention"].value = 0.94
    assert explorer.result["uplift"].lifetime_after > 80


def test_zone_explorer_says_what_is_wrong_at_degenerate_settings():
    from crmlab.widgets import ZoneExplorer

    explorer = ZoneExplorer.on_course_data()
    explorer.set_controls(low=5, high=5)
    assert explorer.result is not None
    title = explorer.figure.axes[0].get_title()
    assert "single level" in title and "nan" not in title
    explorer.set_controls(high=4)
    assert explorer.result is None
    assert explorer.message.startswith("the zone starts at 5, above where it ends (4)")
    assert "inf" not in explorer.message and "9.99" not in explorer.message


def test_matrix_explorer_says_when_a_cut_separates_no_one():
    explorer = LoyaltyMatrixExplorer.on_course_data()
    assert explorer.result["Jones & Sasser"]["note"] == ""
    explorer.set_controls(satisfaction_cut=1.0)
    note = explorer.result["Jones & Sasser"]["note"]
    assert note == "all 1000 high on satisfaction: the cut splits no one"
    assert note in explorer.figure.axes[1].get_title() and note in explorer.table.value
    assert explorer.result["Dick & Basu"]["note"] == ""
