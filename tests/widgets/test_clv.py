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
    c["customer"].value = "3999"  # any of the 4,000 customers, typed as text
    assert explorer.result["customer"] == 3999
    assert 0 <= explorer.result["p_alive"] <= 1 and "P(alive)" in explorer.table.value
    row = summary.loc[3999]
    assert explorer.result["p_alive"] == pytest.approx(float(explorer.model.p_alive(
        row["frequency"], row["recency"], row["T"])))
    image = explorer.image.value
    c["customer"].value = " 7x "
    assert "No customer with id" in explorer.table.value and explorer.result["p_alive"] is None
    assert explorer.image.value == image  # the CLV curve stays


def test_clv_explorer_finds_text_ids():
    import pandas as pd

    from crmlab.clv import BetaGeoModel
    from crmlab.widgets import CLVExplorer

    summary = pd.DataFrame({"frequency": [0.0, 3, 8], "recency": [0.0, 20, 90],
                            "T": [100.0, 100, 100]}, index=["007", "7", "A1"])
    explorer = CLVExplorer(BetaGeoModel().fit(summary), summary, horizon_unit="days")
    explorer.controls["customer"].value = "7"
    assert explorer.result["customer"] == "7"
    assert ("3 repeat purchases; first purchase 100 days before the end of the data, last "
            "purchase 20 days after the first") in explorer.table.value
