"""Chapter 4 CLV explorer, driven through its controls as a student would."""

import pytest

from crmlab.datasets import load_transactions


def test_clv_explorer(extremes):
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
