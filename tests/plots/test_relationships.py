"""Chapter 1 plots: Kotler's grid (background + marks) and the profit bars."""

import matplotlib.pyplot as plt

from crmlab.datasets import load_product_lines
from crmlab.plots import kotler_grid_background, kotler_grid_marks, plot_kotler_grid, plot_relationship_profit
from crmlab.relationships import classify_product_lines, relationship_profit


def test_kotler_grid_has_nine_cells_and_every_line():
    lines = classify_product_lines(load_product_lines())
    ax = plot_kotler_grid(lines, chosen=("few", "high"))
    assert ax.get_title() == "Kotler's matrix: which relationship type to run"
    assert ax.get_xlabel() == "unit profit margin" and ax.get_ylabel() == "number of customers"
    assert len(ax.patches) == 9 + 1  # the cells and the chosen cell's outline
    labels = {t.get_text() for t in ax.texts}
    assert set(lines["line_id"]) <= labels and "partnership" in labels
    dots = sum(len(c.get_offsets()) for c in ax.collections)
    assert dots == len(lines)


def test_marks_are_only_the_changing_part():
    _, ax = plt.subplots()
    kotler_grid_background(ax)
    before = len(ax.patches) + len(ax.texts)
    artists = kotler_grid_marks(None, ax, chosen=("many", "low"), title="t")
    assert len(artists) == 2 and len(ax.patches) + len(ax.texts) == before + 1
    assert ax.get_title() == "t"


def test_relationship_profit_bars():
    ax = plot_relationship_profit(relationship_profit(60.0, 5.0))
    assert ax.get_title().startswith("Lifetime profit") and "yuan" in ax.get_ylabel()
    assert ax.get_xlabel() == "relationship type" and len(ax.patches) == 5
