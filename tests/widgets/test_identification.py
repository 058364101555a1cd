"""Chapter 3 Burnett explorer, driven through its controls as a student would."""

import pytest

from crmlab.identification import ATTRACTIVENESS, burnett_matrix, default_weights
from crmlab.widgets import BurnettExplorer


@pytest.fixture(scope="module")
def explorer():
    return BurnettExplorer.on_course_data()


def test_every_control_at_its_extremes(explorer, extremes):
    extremes(explorer)
    assert explorer.result is not None and explorer.result["changed"].empty


def test_any_indicator_of_either_index_is_weighted_and_normalised_live(explorer):
    explorer.set_controls(indicator="our_margin", weight=0.0)
    weights = explorer.result["weights"]
    assert explorer.result["index"] == "attractiveness" and weights["our_margin"] == 0
    assert weights.sum() == pytest.approx(1)
    assert weights["volume"] == pytest.approx(0.08 / 0.92)  # the others rescaled to 100 %
    by_hand = burnett_matrix(explorer.scores, {**default_weights(), "our_margin": 0.0})
    assert explorer.result["changed"].index.tolist() == \
        by_hand.index[by_hand["strategy"] != explorer.default].tolist()
    assert "normalised to 100 %" in explorer.table.value
    explorer.controls["indicator"].value = "service_view"  # a relationship indicator
    assert explorer.controls["weight"].value == 1.0 and explorer.result["changed"].empty
    explorer.controls["weight"].value = 4.0
    assert explorer.result["index"] == "relationship"
    assert explorer.result["weights"]["service_view"] == pytest.approx(4 / 10)
    assert len(explorer.result["changed"]) > 0 and "Strategy changed" in explorer.table.value
    explorer.set_controls(indicator="volume")
    assert explorer.result["changed"].empty and len(ATTRACTIVENESS) == 19


def test_cuts_move_accounts_and_crossed_cuts_give_a_message(explorer):
    explorer.controls["a_high"].value = 4.5
    assert explorer.result["counts"].get("develop and defend", 0) < 16
    explorer.controls["a_low"].value = 4.6  # above the high cut
    assert explorer.result is None and "rise strictly" in explorer.message
    explorer.controls["a_low"].value, explorer.controls["a_high"].value = 2.5, 3.5
    assert explorer.result["changed"].empty
