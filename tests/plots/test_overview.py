"""Chapter 0 plots: titles, axis labels and what is drawn."""

import pandas as pd

from crmlab.plots import plot_channel_profit, plot_period_metric, plot_profit_distribution


def test_period_metric():
    series = pd.Series([3.0, 5.0, 4.0], index=pd.period_range("2024-01", periods=3, freq="M"),
                       name="revenue")
    ax = plot_period_metric(series)
    assert ax.get_title() == "Revenue per period"
    assert ax.get_ylabel() == "revenue (yuan)" and ax.get_xlabel() == "period"
    (line,) = ax.get_lines()
    assert list(line.get_ydata()) == [3.0, 5.0, 4.0] and len(ax.collections) == 1


def test_channel_profit():
    summary = pd.DataFrame({"mean gross margin": [50.0, 80.0], "mean acquisition cost": [30.0, 90.0]},
                           index=["web", "store"])
    ax = plot_channel_profit(summary)
    assert "by channel" in ax.get_title() and ax.get_xlabel() == "yuan per customer"
    assert len(ax.patches) == 4
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "mean gross margin per customer", "mean acquisition cost"]


def test_profit_distribution_names_the_share_losing_money():
    ax = plot_profit_distribution(pd.Series([-5.0, 1.0, 2.0, 3.0]), bins=4)
    assert ax.get_title() == "Profit per customer: 25% of customers lose money"
    assert ax.get_xlabel() == "profit per customer (yuan)" and ax.get_ylabel() == "customers"
    assert len(ax.patches) == 4 and len(ax.get_lines()) == 1
