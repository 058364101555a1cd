"""Chapter 4 tiering explorers, driven through its controls as a student would."""

import pytest

from crmlab.datasets import load_customers, load_transactions


@pytest.fixture(scope="module")
def margin_values():
    from crmlab.overview import customer_profit

    return customer_profit(load_transactions(), load_customers())["gross margin"]


def test_abc_explorer(margin_values, extremes):
    from crmlab.widgets import ABCExplorer

    explorer = ABCExplorer(margin_values)
    extremes(explorer)
    assert explorer.result["summary"]["customers"].tolist() == [800, 2800, 400]
    explorer.controls["by"].value = "value"
    assert explorer.controls["first"].value == 0.8
    assert explorer.result["summary"].loc["A", "value_share"] == pytest.approx(0.8, abs=0.01)
    explorer.controls["first"].value = 0.95  # above the second cut: a message
    assert explorer.result is None and "rise strictly" in explorer.message


def test_pyramid_explorer(margin_values, extremes):
    from crmlab.widgets import PyramidExplorer

    explorer = PyramidExplorer(margin_values)
    extremes(explorer)
    assert explorer.result["customers"].tolist() == [40, 760, 1200, 2000]
    explorer.controls["ordinary"].value = 0.8  # leaves nothing for the small tier
    assert explorer.result is None and "nothing for small" in explorer.message


def test_rfm_explorer(extremes):
    from crmlab.tiering import rfm_table
    from crmlab.widgets import RFMExplorer

    explorer = RFMExplorer(rfm_table(load_transactions(), "2025-12-31"))
    extremes(explorer)
    image = explorer.image.value
    explorer.controls["w_r"].value = 3.0
    assert explorer.image.value == image and "segment" in explorer.table.value
    explorer.controls["bins"].value = 4
    assert explorer.image.value != image and explorer.result["F"].max() == 4
    for name in ("w_r", "w_f", "w_m"):
        explorer.controls[name].value = 0.0
    assert explorer.result is None and "weights" in explorer.message


def test_abc_mode_follows_the_dropdown_index_as_the_browser_sets_it(margin_values):
    """The browser changes a dropdown's index, not its value; the explorer must follow."""
    from crmlab.widgets import ABCExplorer

    explorer = ABCExplorer(margin_values)
    explorer.controls["by"].index = 1
    assert explorer.result["by"] == "value" and explorer.controls["first"].value == 0.8


def test_rfm_weights_move_the_visible_ranking():
    """Weight only M and the top customer is the biggest spender; weight only R and every
    top-10 customer has the best recency score; the table shows the ranking."""
    from crmlab.widgets import RFMExplorer

    explorer = RFMExplorer.on_course_data()
    rfm = explorer.rfm
    rank_before = explorer.result["rank"]
    table_before = explorer.table.value
    explorer.controls["w_r"].value = 0.0
    explorer.controls["w_f"].value = 0.0
    assert explorer.result["rank"].idxmin() == rfm["monetary"].idxmax()
    assert (explorer.result["rank"] != rank_before).mean() > 0.5
    assert explorer.table.value != table_before and "Top 10 by weighted score" in explorer.table.value
    explorer.controls["w_r"].value = 3.0
    explorer.controls["w_m"].value = 0.0
    top10 = explorer.result.nsmallest(10, "rank")
    assert (top10["R"] == 5).all()
    assert sorted(explorer.result["rank"]) == list(range(1, len(rfm) + 1))
