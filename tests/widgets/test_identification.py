"""Chapter 3 Burnett explorer, driven through its controls as a student would."""

import pytest

from crmlab.widgets import BurnettExplorer


@pytest.fixture(scope="module")
def explorer():
    return BurnettExplorer.on_course_data()


def test_every_control_at_its_extremes(explorer, extremes):
    extremes(explorer)
    assert explorer.result is not None and explorer.result["changed"].empty


def test_weights_are_normalised_live_and_shown(explorer):
    explorer.controls["w_business"].value = 1.0
    weights = explorer.result["group_weights"]
    assert sum(weights.values()) == pytest.approx(1)
    assert weights["business status"] == pytest.approx(1 / (1 + 0.2 + 0.24 + 0.29))
    assert "normalised to 100 %" in explorer.table.value
    assert len(explorer.result["changed"]) > 0 and "Strategy changed" in explorer.table.value
    explorer.controls["w_business"].value = 0.27
    assert explorer.result["changed"].empty


def test_all_weights_zero_is_a_message(explorer):
    for name in ("w_business", "w_product", "w_industry", "w_joint"):
        explorer.controls[name].value = 0.0
    assert explorer.result is None and "all weights are 0" in explorer.message
    for name, value in zip(("w_business", "w_product", "w_industry", "w_joint"),
                           (0.27, 0.20, 0.24, 0.29), strict=True):
        explorer.controls[name].value = value
    assert explorer.result is not None


def test_cuts_move_accounts_and_crossed_cuts_give_a_message(explorer):
    explorer.controls["a_high"].value = 4.5
    assert explorer.result["counts"].get("develop and defend", 0) < 16
    explorer.controls["a_low"].value = 4.6  # above the high cut
    assert explorer.result is None and "rise strictly" in explorer.message
    explorer.controls["a_low"].value, explorer.controls["a_high"].value = 2.5, 3.5
    assert explorer.result["changed"].empty
