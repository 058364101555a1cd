"""Chapter 1 plots: Kotler's selection matrix and the lifetime profit of each relationship type.

The Kotler grid follows the cached-background pattern: ``kotler_grid_background(ax)`` draws
the part that never changes, ``kotler_grid_marks(result, ax)`` the part a widget redraws.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from crmlab.plots._style import (
    ACCENT,
    BAD,
    GOOD,
    GREY,
    MAIN,
    TEXT,
    bare,
    money_axis,
    new_axes,
    tidy,
)
from crmlab.relationships import CUSTOMER_LEVELS, MARGIN_LEVELS, kotler_matrix

TYPE_COLORS = {"basic": "#e8eef4", "reactive": "#d4e4f1", "accountable": "#b5d3ea",
               "proactive": "#8fbde0", "partnership": "#5d9fd1"}
ROWS = list(reversed(CUSTOMER_LEVELS))  # few at the bottom, many at the top


def plot_kotler_grid(lines: pd.DataFrame | None = None, ax: Axes | None = None, *,
                     chosen: tuple[str, str] | None = None, title: str | None = None) -> Axes:
    """Kotler's matrix as a 3x3 grid; product lines as numbered dots, mismatches as red
    crosses. Returns the Axes.

    ``lines`` is the output of ``crmlab.relationships.classify_product_lines``; ``chosen``
    is a (customer level, margin level) cell to outline.
    """
    ax = new_axes(ax, figsize=(7.5, 5.0))
    kotler_grid_background(ax)
    kotler_grid_marks(lines, ax, chosen=chosen, title=title)
    return ax


def kotler_grid_background(ax: Axes) -> None:
    """The part of the Kotler grid that never changes: cells, type names, axes, legend."""
    matrix = kotler_matrix()
    for y, level in enumerate(ROWS):
        for x, margin in enumerate(MARGIN_LEVELS):
            kind = matrix.loc[level, margin]
            ax.add_patch(plt.Rectangle((x, y), 1, 1, facecolor=TYPE_COLORS[kind],
                                       edgecolor="white", lw=2))
            ax.text(x + 0.5, y + 0.85, kind, ha="center", va="center", fontsize=11,
                    color=TEXT, weight="bold")
    ax.scatter([], [], s=120, color=MAIN, label="runs the advised type")
    ax.scatter([], [], s=120, color=BAD, marker="X", label="mismatch: runs another type")
    ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.07), ncol=2)
    ax.set_xlim(0, 3)
    ax.set_ylim(0, 3)
    ax.set_xticks([0.5, 1.5, 2.5], [f"{m} margin" for m in MARGIN_LEVELS])
    ax.set_yticks([0.5, 1.5, 2.5], [f"{c}\ncustomers" for c in ROWS])
    ax.set_xlabel("unit profit margin")
    ax.set_ylabel("number of customers")
    bare(ax)


def kotler_grid_marks(lines: pd.DataFrame | None, ax: Axes, *,
                      chosen: tuple[str, str] | None = None, title: str | None = None
                      ) -> list[Artist]:
    """The changing part of the Kotler grid: chosen cell, product lines, title; returns the
    artists added."""
    artists: list[Artist] = []
    if chosen is not None:
        y, x = ROWS.index(chosen[0]), MARGIN_LEVELS.index(chosen[1])
        artists.append(ax.add_patch(plt.Rectangle((x + 0.03, y + 0.03), 0.94, 0.94,
                                                  fill=False, edgecolor=ACCENT, lw=4)))
    if lines is not None and len(lines):
        keys = ["customer_level", "margin_level"]
        order = lines.groupby(keys, sort=False).cumcount()
        sizes = lines.groupby(keys)["line_id"].transform("size")
        xs = lines["margin_level"].map(MARGIN_LEVELS.index) + (order + 1) / (sizes + 1)
        ys = lines["customer_level"].map(ROWS.index) + 0.4
        bad = lines.get("mismatch", pd.Series(False, index=lines.index)).to_numpy(bool)
        artists.append(ax.scatter(xs[~bad], ys[~bad], s=120, color=MAIN, zorder=3))
        artists.append(ax.scatter(xs[bad], ys[bad], s=120, color=BAD, zorder=3, marker="X"))
        artists += [ax.text(x, y - 0.17, label, ha="center", va="center", fontsize=8)
                    for x, y, label in zip(xs, ys, lines["line_id"], strict=True)]
    artists.append(ax.set_title(title or "Kotler's matrix: which relationship type to run"))
    return artists


def plot_relationship_profit(table: pd.DataFrame, ax: Axes | None = None, *,
                             title: str = "Lifetime profit per customer by relationship type"
                             ) -> Axes:
    """Bars of lifetime profit per customer for each type (from ``relationship_profit``);
    returns the Axes."""
    ax = new_axes(ax)
    values = table["lifetime_profit"]
    colors = [GOOD if v == values.max() else (BAD if v < 0 else MAIN) for v in values]
    ax.bar(values.index.astype(str), values.to_numpy(), color=colors)
    ax.axhline(0, color=GREY, lw=1)
    ax.set_xlabel("relationship type")
    ax.set_ylabel("lifetime profit per customer (yuan)")
    ax.set_title(title)
    tidy(ax)
    money_axis(ax.yaxis)
    return ax


COST_RANGE = (1.0, 1e11)  # yuan per customer and year; the top decade is kept for the legend


def plot_serving_cost(table: pd.DataFrame, annual_margin: float, ax: Axes | None = None, *,
                      title: str = "Serving cost per customer and year") -> Axes:
    """Bars of each type's yearly serving cost (from ``relationship_profit``) against a
    line at the yearly margin one customer brings, on a log scale so a 60-yuan shampoo
    buyer and a 360-million-yuan account both show; a red bar costs more than the margin
    brings. Returns the Axes."""
    ax = new_axes(ax)
    serving_cost_background(ax, list(table.index.astype(str)))
    serving_cost_marks(table, annual_margin, ax, title=title)
    return ax


def serving_cost_background(ax: Axes, types: list[str]) -> None:
    """The fixed part: the types along x, a log money axis, the legend in the top decade
    (above any margin or cost of the course data)."""
    ax.set_xlim(-0.6, len(types) - 0.4)
    ax.set_xticks(range(len(types)), types)
    ax.set_yscale("log")
    ax.set_ylim(*COST_RANGE)
    ax.set_xlabel("relationship type")
    ax.set_ylabel("yuan per customer and year")
    ax.legend(handles=[Patch(color=MAIN, label="serving cost"),
                       Patch(color=BAD, label="cost above margin"),
                       Line2D([], [], color=GOOD, lw=2, label="margin")],
              loc="upper left", ncols=3, frameon=False, fontsize="small")
    tidy(ax, grid=False)
    money_axis(ax.yaxis)


def serving_cost_marks(table: pd.DataFrame, annual_margin: float, ax: Axes, *,
                       title: str = "") -> list[Artist]:
    """The changing part: cost bars, the margin line and the title; returns the artists."""
    cost = table["serving_cost"].clip(lower=COST_RANGE[0])
    bars = ax.bar(range(len(cost)), cost.to_numpy(), bottom=0,
                  color=[BAD if v > annual_margin else MAIN for v in table["serving_cost"]])
    line = ax.axhline(min(max(annual_margin, COST_RANGE[0]), COST_RANGE[1]), color=GOOD, lw=2)
    return [*bars, line, ax.set_title(title)]
