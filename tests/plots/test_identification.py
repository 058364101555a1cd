"""Chapter 3 plot: Burnett's grid with its nine strategy cells and the accounts."""

import matplotlib.pyplot as plt

from crmlab.datasets import load_burnett_scores
from crmlab.identification import STRATEGIES, burnett_matrix
from crmlab.plots import plot_burnett_grid


def test_grid_has_nine_labelled_cells_every_account_and_the_ring():
    matrix = burnett_matrix(load_burnett_scores())
    ax = plot_burnett_grid(matrix, highlight=["A001", "A002", "nope"],
                           attractiveness_cuts=(2.0, 4.0))
    assert ax.get_title() == "Burnett's matrix: 150 accounts and their strategies"
    assert ax.get_xlabel().startswith("relationship status index")
    assert ax.get_ylabel().startswith("customer attractiveness index")
    assert len(ax.patches) == 9
    assert sorted(t.get_text() for t in ax.texts) == sorted(STRATEGIES.values())
    points, ring = ax.collections
    assert len(points.get_offsets()) == 150 and len(ring.get_offsets()) == 2
    heights = sorted({round(p.get_height(), 6) for p in ax.patches})
    assert heights == [1.0, 2.0]  # 1-2, 2-4, 4-5 on the attractiveness axis
    plt.close("all")


def test_clp_grid_shows_every_account_by_cell_with_the_cuts():
    import pandas as pd

    from crmlab.identification import clp_matrix
    from crmlab.plots import plot_clp_grid

    current = pd.Series({"a": 9.0, "b": 8.0, "c": 1.0, "d": 2.0, "e": 0.0})
    potential = pd.Series({"a": 5.0, "b": 1.0, "c": 6.0, "d": 0.0, "e": 4.0})
    ax = plot_clp_grid(clp_matrix(current, potential))
    assert sum(len(c.get_offsets()) for c in ax.collections) == 5
    labels = sorted(t.get_text() for t in ax.get_legend().get_texts())
    assert labels == ["core (1)", "grow (2)", "harvest (2)"]  # medians 2 and 4: d is harvest
    assert [line.get_xdata()[0] for line in ax.get_lines()][:1] == [2.0]  # the median cut
    assert "thousand yuan" in ax.get_xlabel()
    plt.close("all")
