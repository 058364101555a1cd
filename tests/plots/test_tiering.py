"""Chapter 4 plots: Pareto, Lorenz, pyramids, RFM heatmap and segments."""

import pandas as pd

from crmlab.plots import (
    plot_lorenz,
    plot_pareto,
    plot_pyramids,
    plot_rfm_heatmap,
    plot_segment_sizes,
)
from crmlab.tiering import (
    abc_classes,
    customer_pyramid,
    lorenz_curve,
    pareto_curve,
    rfm_grid,
    rfm_scores,
    tier_summary,
)

VALUES = pd.Series([50.0, 30, 10, 5, 3, 2, 0, 0, 0, 0], index=range(10))



def test_pareto_fills_one_area_per_class_with_its_shares():
    ax = plot_pareto(pareto_curve(VALUES, abc_classes(VALUES)))
    assert ax.get_title() == "Pareto curve with ABC classes"
    assert ax.get_xlabel().startswith("share of customers") and "value" in ax.get_ylabel()
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts == ["A: 20% of customers, 80% of value", "B: 70% of customers, 20% of value",
                     "C: 10% of customers, 0% of value"]
    assert len(ax.collections) == 3 and len(ax.get_lines()) == 2


def test_lorenz_names_the_gini():
    ax = plot_lorenz(lorenz_curve(VALUES), gini=0.61)
    assert ax.get_title() == "Lorenz curve (Gini 0.61)" and len(ax.get_lines()) == 2
    assert "smallest first" in ax.get_xlabel()


def test_pyramids_show_both_shares():
    summary = tier_summary(VALUES, customer_pyramid(VALUES))
    left, right = plot_pyramids(summary)
    assert left.get_title().startswith("Quantity") and right.get_title().startswith("Profit")
    assert len(left.patches) == len(right.patches) == 4
    assert "major 20%" in [t.get_text() for t in left.texts]


def test_rfm_heatmap_and_segments():
    rfm = pd.DataFrame({"recency": [5, 40, 90, 10, 200], "frequency": [9, 3, 1, 2, 4],
                        "monetary": [900.0, 200, 50, 120, 300]}, index=[1, 2, 3, 4, 5])
    scores = rfm_scores(rfm, bins=2)
    ax = plot_rfm_heatmap(rfm_grid(scores, rfm["monetary"]))
    assert ax.get_xlabel().startswith("F score") and ax.get_ylabel().startswith("R score")
    assert len(ax.images) == 1 and len(ax.texts) == 4
    ax = plot_segment_sizes(scores)
    assert ax.get_title() == "Customers per RFM segment" and len(ax.patches) == 6
