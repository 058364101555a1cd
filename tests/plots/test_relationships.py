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


def test_billions_get_short_labels_not_an_offset():
    """The retail-chain account's profits run to billions: ticks say '2bn', no '1e9'."""
    ax = plot_relationship_profit(relationship_profit(360e6, 50_000))
    ax.figure.canvas.draw()
    assert ax.yaxis.get_offset_text().get_text() == ""
    assert any(t.get_text().endswith("bn") for t in ax.get_yticklabels())


def test_serving_cost_bars_against_the_margin():
    from crmlab.plots import plot_serving_cost

    table = relationship_profit(63.0, 25.0)  # a shampoo buyer
    ax = plot_serving_cost(table, 63.0, title="shampoo")
    assert ax.get_title() == "shampoo" and ax.get_yscale() == "log"
    assert ax.get_xlabel() == "relationship type" and "yuan" in ax.get_ylabel()
    bars = ax.patches
    assert len(bars) == 5
    red = [b.get_facecolor() for b in bars][-2:]  # proactive 100 and partnership 600 > 63
    assert red[0] == red[1] != bars[1].get_facecolor()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "serving cost", "cost above margin", "margin"]
