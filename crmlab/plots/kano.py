"""Chapter 5 plots: the Kano answer grid of one feature and the Better-Worse diagram."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

from crmlab.kano import ANSWERS, KANO_TABLE
from crmlab.plots._style import ACCENT, GREY, MAIN, label_points, new_axes, tidy


def plot_answer_grid(grid: pd.DataFrame, ax: Axes | None = None, *, title: str = "") -> Axes:
    """A feature's answers as the 5 x 5 Kano table: counts per (functional, dysfunctional)
    pair on cells coloured and lettered by category; returns the Axes."""
    ax = new_axes(ax, figsize=(5, 4.2))
    answer_grid_background(ax)
    answer_grid_marks(grid, ax, title=title)
    return ax


CATEGORY_COLORS = {"A": "#cfe8cf", "O": "#b5d3ea", "M": "#f2e3b3", "I": "#eeeeee",
                   "R": "#f4c9c9", "Q": "#dddddd"}


def answer_grid_background(ax: Axes) -> None:
    """The 5 x 5 Kano table: cells coloured and lettered by category, and the answers (what
    does not change)."""
    for (i, j), category in np.ndenumerate(KANO_TABLE.to_numpy()):
        ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, facecolor=CATEGORY_COLORS[category],
                               edgecolor="white", lw=2))
        ax.text(j - 0.42, i - 0.42, category, ha="left", va="top", fontsize=7, color=GREY)
    ax.set_xlim(-0.5, 4.5)
    ax.set_ylim(4.5, -0.5)
    ax.set_xticks(range(5), ANSWERS, rotation=30, ha="right")
    ax.set_yticks(range(5), ANSWERS)
    ax.set_xlabel("if the feature is missing (dysfunctional)")
    ax.set_ylabel("if it is there (functional)")
    ax.tick_params(length=0)


def answer_grid_marks(grid: pd.DataFrame, ax: Axes, *, title: str = "") -> list[Artist]:
    """How many respondents gave each answer pair, and the title."""
    values = grid.reindex(index=list(ANSWERS), columns=list(ANSWERS), fill_value=0).to_numpy()
    artists: list[Artist] = [ax.text(j, i + 0.08, str(count), ha="center", va="center",
                                     fontsize=9, weight="bold" if count else "normal")
                             for (i, j), count in np.ndenumerate(values)]
    artists.append(ax.set_title(title or "Answers and their Kano categories"))
    return artists


def plot_better_worse(table: pd.DataFrame, ax: Axes | None = None, *,
                      highlight: str | None = None) -> Axes:
    """Better-Worse diagram (Berger et al. 1993): |worse| across, better up, one point per
    feature of ``kano_table``, with the A / O / M / I corners; returns the Axes."""
    ax = new_axes(ax, figsize=(6, 4.5))
    better_worse_background(ax)
    better_worse_marks(table, ax, highlight=highlight)
    return ax


def better_worse_background(ax: Axes) -> None:
    """Axes, the 0.5 lines and the corner names of the diagram (what does not change)."""
    ax.axvline(0.5, color=GREY, lw=1, ls="--")
    ax.axhline(0.5, color=GREY, lw=1, ls="--")
    for text, (cx, cy) in {"attractive (A)": (0.02, 0.97), "one-dimensional (O)": (0.98, 0.97),
                           "indifferent (I)": (0.02, 0.03), "must-be (M)": (0.98, 0.03)}.items():
        ax.text(cx, cy, text, transform=ax.transAxes, ha="left" if cx < 0.5 else "right",
                va="top" if cy > 0.5 else "bottom", fontsize=8, color=GREY)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel("|worse|: dissatisfaction if missing")
    ax.set_ylabel("better: satisfaction if present")
    tidy(ax, grid=False)


def better_worse_marks(table: pd.DataFrame, ax: Axes, *, highlight: str | None = None,
                       title: str = "Better-Worse diagram") -> list[Artist]:
    """One point and name per feature (``highlight`` in orange) and the title. Reverse and
    questionable features (by ``category``) are left out, as Better and Worse leave out R
    and Q answers; the title names them with their category."""
    left_out = table.index[table["category"].isin(["R", "Q"])] if "category" in table else []
    shown = table.drop(index=left_out)
    x, y = shown["worse"].abs(), shown["better"]
    colors = [ACCENT if f == highlight else MAIN for f in shown.index]
    artists: list[Artist] = [ax.scatter(x, y, s=40, color=colors, zorder=3)]
    artists += label_points(ax, shown.index, x, y)
    if len(left_out):
        title += "\n(not shown: " + ", ".join(f"{f}, {table.loc[f, 'category']}" for f in left_out) + ")"
    artists.append(ax.set_title(title, fontsize=10))
    return artists
