"""Widgets driven through their controls, as a student would."""

import itertools

import pandas as pd
import pytest

from crmlab.datasets import load_customers, load_transactions
from crmlab.widgets import DataTourExplorer


@pytest.fixture(scope="module")
def tour():
    return DataTourExplorer(load_transactions(), load_customers())


def test_every_control_combination_gives_a_result_or_a_message(tour):
    c = tour.controls
    for metric, period, channel in itertools.product(c["metric"].options, c["period"].options,
                                                     c["channel"].options):
        c["metric"].value, c["period"].value, c["channel"].value = metric, period, channel
        assert isinstance(tour.result, pd.Series) and tour.message == ""
        assert tour.result.name == metric


def test_changing_a_control_changes_the_result(tour):
    tour.controls["period"].value = "month"
    tour.controls["channel"].value = "all"
    tour.controls["metric"].value = "orders"
    monthly = tour.result
    assert monthly.sum() == len(load_transactions())
    tour.controls["period"].value = "quarter"
    assert len(tour.result) == len(monthly) / 3 and tour.result.sum() == monthly.sum()
    tour.controls["channel"].value = "email"
    assert tour.result.sum() < monthly.sum()


def test_impossible_combination_shows_a_message_not_an_error():
    no_costs = load_transactions().drop(columns="cost")
    tour = DataTourExplorer(no_costs, load_customers())
    tour.controls["metric"].value = "gross margin"
    assert tour.result is None and "no gross margin data" in tour.message
    assert "no gross margin" in tour.status.value
    tour.controls["metric"].value = "revenue"
    assert tour.result is not None and tour.message == ""


def test_relationship_explorer_every_control_at_its_extremes():
    from crmlab.datasets import load_product_lines
    from crmlab.widgets import RelationshipExplorer

    explorer = RelationshipExplorer(load_product_lines())
    for name, control in explorer.controls.items():
        for value in (control.min, control.max):
            control.value = value if name not in ("customers", "few_below", "many_from") \
                else 10 ** value
            assert (explorer.result is None) == bool(explorer.message), name
        control.value = {"customers": 5_000, "margin": 0.25, "few_below": 100,
                         "many_from": 10_000, "low_below": 0.15, "high_from": 0.40}[name]
        assert explorer.result["recommended"] == "accountable"


def test_relationship_explorer_changes_with_its_sliders():
    from crmlab.datasets import load_product_lines
    from crmlab.widgets import RelationshipExplorer

    explorer = RelationshipExplorer(load_product_lines())
    explorer.controls["customers"].value = 20
    explorer.controls["margin"].value = 0.5
    assert explorer.result["recommended"] == "partnership"
    explorer.controls["high_from"].value = 0.6  # 0.5 is now a medium margin
    assert explorer.result["recommended"] == "proactive"
    explorer.controls["low_below"].value = 0.7  # out of order: a message, no exception
    assert explorer.result is None and "smaller cut first" in explorer.message


def test_slider_float_noise_keeps_a_margin_at_the_cut():
    """The browser sends 0.15000000000000002 for a slider at 0.15; L13 (margin 0.15) stays
    a medium-margin line."""
    from crmlab.datasets import load_product_lines
    from crmlab.widgets import RelationshipExplorer

    explorer = RelationshipExplorer(load_product_lines())
    explorer.controls["low_below"].value = 0.15000000000000002
    lines = explorer.result["lines"].set_index("line_id")
    assert lines.loc["L13", "margin_level"] == "medium"


def test_stage_explorer_every_control_at_its_extremes():
    from crmlab.datasets import load_account_years
    from crmlab.widgets import StageExplorer

    explorer = StageExplorer(load_account_years())
    for name, control in explorer.controls.items():
        options = getattr(control, "options", None)
        for value in (options[0], options[-1]) if options else (control.min, control.max):
            control.value = value
            assert (explorer.result is None) == bool(explorer.message), (name, value)
    explorer.controls["t1"].value = 0.9
    explorer.controls["t2"].value = 0.5  # now t1 > t2: a message, not an exception
    assert explorer.result is None and "thresholds" in explorer.message


def test_stage_explorer_reacts():
    from crmlab.datasets import load_account_years
    from crmlab.widgets import StageExplorer

    explorer = StageExplorer(load_account_years(), account="A091")
    assert explorer.result["phase"] == "decline"
    stable_2025 = explorer.result["counts"].loc[2025, "stable"]
    explorer.controls["t1"].value = 0.3
    assert explorer.result["counts"].loc[2025, "stable"] > stable_2025
    assert "moved up" in explorer.table.value
    explorer.controls["decline_from"].value = -0.5
    assert explorer.result["phase"] == "stability"  # 252.4 -> 121.8 is -30.5 % a year
    explorer.controls["window"].value = 1
    assert explorer.result["phase"] == "formation"  # last year alone: +23 %


@pytest.fixture(scope="module")
def margin_values():
    from crmlab.overview import customer_profit

    return customer_profit(load_transactions(), load_customers())["gross margin"]


def extremes(explorer):
    """Set every control to its extremes; each time there is a result or a message."""
    for name, control in explorer.controls.items():
        options = getattr(control, "options", None)
        start = control.value
        for value in (options[0], options[-1]) if options else (control.min, control.max):
            control.value = value
            assert (explorer.result is None) == bool(explorer.message), (name, value)
        control.value = start


def test_abc_explorer(margin_values):
    from crmlab.widgets import ABCExplorer

    explorer = ABCExplorer(margin_values)
    extremes(explorer)
    assert explorer.result["summary"]["customers"].tolist() == [800, 2800, 400]
    explorer.controls["by"].value = "value"
    assert explorer.controls["first"].value == 0.8
    assert explorer.result["summary"].loc["A", "value_share"] == pytest.approx(0.8, abs=0.01)
    explorer.controls["first"].value = 0.95  # above the second cut: a message
    assert explorer.result is None and "rise strictly" in explorer.message


def test_pyramid_explorer(margin_values):
    from crmlab.widgets import PyramidExplorer

    explorer = PyramidExplorer(margin_values)
    extremes(explorer)
    assert explorer.result["customers"].tolist() == [40, 760, 1200, 2000]
    explorer.controls["ordinary"].value = 0.8  # leaves nothing for the small tier
    assert explorer.result is None and "nothing for small" in explorer.message


def test_rfm_explorer():
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


def test_clv_explorer():
    from crmlab.clv import BetaGeoModel, clv_retention, clv_summary
    from crmlab.generate import CALIBRATION_END
    from crmlab.widgets import CLVExplorer

    summary = clv_summary(load_transactions(), CALIBRATION_END, "W")
    explorer = CLVExplorer(BetaGeoModel().fit(summary), summary)
    extremes(explorer)
    c = explorer.controls
    c["margin"].value, c["retention"].value, c["discount_rate"].value = 200.0, 0.8, 0.1
    assert explorer.result["clv"] == pytest.approx(clv_retention(200, 0.8, 0.1, periods=10))
    before = explorer.result["clv"]
    c["retention"].value = 0.9
    assert explorer.result["clv"] > before
    c["customer"].value = c["customer"].options[3]
    assert 0 <= explorer.result["p_alive"] <= 1 and "P(alive)" in explorer.table.value


def test_abc_mode_follows_the_dropdown_index_as_the_browser_sets_it(margin_values):
    """The browser changes a dropdown's index, not its value; the explorer must follow."""
    from crmlab.widgets import ABCExplorer

    explorer = ABCExplorer(margin_values)
    explorer.controls["by"].index = 1
    assert explorer.result["by"] == "value" and explorer.controls["first"].value == 0.8
