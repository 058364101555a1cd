"""Chapter 6 plots: curve, matrices, NPS, retention NPV, cohorts and survival."""

import pandas as pd

from crmlab.cohorts import cohort_retention, survival_curve
from crmlab.loyalty import dick_basu, loyalty_curve, net_promoter_score
from crmlab.plots import (
    plot_cohort_curves,
    plot_cohort_heatmap,
    plot_loyalty_curve,
    plot_loyalty_matrix,
    plot_nps,
    plot_profit_by_tenure,
    plot_retention_npv,
    plot_survival,
)
from crmlab.retention import cumulative_npv, profit_by_tenure


def test_loyalty_curve_with_zone():
    s = pd.Series([1, 2, 3, 4, 5] * 4)
    curve = loyalty_curve(s, s.map({1: 0.1, 2: 0.3, 3: 0.3, 4: 0.3, 5: 0.9}))
    ax = plot_loyalty_curve(curve.table, zone=curve.zone)
    assert ax.get_xlabel() == "overall satisfaction" and len(ax.get_lines()) == 1
    assert len(ax.patches) == 1  # the shaded zone


def test_loyalty_matrix_and_nps():
    x, y = pd.Series([9, 3, 8]), pd.Series([3, 0, 1])
    ax = plot_loyalty_matrix(x, y, dick_basu(x, y), (7, 2), xlabel="attitude", title="t")
    assert ax.get_title() == "t" and len(ax.collections[0].get_offsets()) == 3
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["loyalty", "latent loyalty",
                                                                   "no loyalty"]
    ax = plot_nps(net_promoter_score([10, 9, 8, 0]))
    assert ax.get_title().startswith("Net promoter score: +25.0") and len(ax.patches) == 3


def test_retention_plots():
    profits = profit_by_tenure(horizon=5)
    ax = plot_retention_npv(cumulative_npv(0.8, profits, 0.1, 80), cumulative_npv(0.85, profits, 0.1, 80))
    assert len(ax.get_lines()) == 3 and ax.get_xlabel() == "years since acquisition"
    ax = plot_profit_by_tenure(profits)
    assert len(ax.patches) == 5 and "tenure" in ax.get_title()


def test_cohort_heatmap_and_survival():
    tx = pd.DataFrame({"customer_id": [1, 1, 2], "date": pd.to_datetime(["2024-01-01", "2024-02-01",
                                                                         "2024-02-05"])})
    ax = plot_cohort_heatmap(cohort_retention(tx))
    assert len(ax.images) == 1 and ax.get_ylabel().startswith("cohort")
    assert len(ax.figure.axes) == 2 and ax.figure.axes[1].get_ylabel().startswith("share of the cohort")
    ax = plot_cohort_curves(cohort_retention(tx), every=1)
    assert len(ax.get_lines()) == 3 and ax.get_lines()[-1].get_label() == "mean of the cohorts"
    ax = plot_survival({"a": survival_curve([1, 2], [1, 0]), "b": survival_curve([3], [1])})
    assert len(ax.get_lines()) == 2 and ax.get_ylabel() == "share still a member"
