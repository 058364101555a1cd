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
