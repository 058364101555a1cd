"""Chapter 3 plots: Burnett's matrix with the accounts on it.

Cached-background pattern: ``burnett_grid_background(ax)`` draws the axes,
``burnett_grid_marks(result, ax, ...)`` the nine cells at the cuts and the accounts.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes

from crmlab.identification import ATTRACTIVENESS_LEVELS, LEVEL_CUTS, RELATIONSHIP_LEVELS, STRATEGIES
from crmlab.plots._style import ACCENT, MAIN, TEXT, new_axes, short_number, tidy

STRATEGY_COLORS = {"develop and defend": "#2f7d32", "develop": "#66a866",
                   "selective defence": "#a6cfa0", "defend, maintain": "#dfe9c8",
                   "selective maintenance": "#f2e3b3", "maintain a little": "#f4c9a0",
                   "exit": "#eba3a3"}


def plot_burnett_grid(matrix: pd.DataFrame, ax: Axes | None = None, *,
                      attractiveness_cuts: tuple[float, float] = LEVEL_CUTS,
                      relationship_cuts: tuple[float, float] = LEVEL_CUTS,
                      highlight: list | None = None, title: str | None = None) -> Axes:
    """Accounts of ``burnett_matrix`` as points (relationship index across, attractiveness
    up) on the nine cells of the strategy grid; ``highlight`` names accounts to ring.
    Returns the Axes."""
    ax = new_axes(ax, figsize=(7.5, 5.5))
    burnett_grid_background(ax)
    burnett_grid_marks(matrix, ax, attractiveness_cuts=attractiveness_cuts,
                       relationship_cuts=relationship_cuts, highlight=highlight, title=title)
    return ax


def burnett_grid_background(ax: Axes) -> None:
    """The part of the grid that never changes: limits and axis labels."""
    ax.set_xlim(1, 5)
    ax.set_ylim(1, 5)
    ax.set_xlabel("relationship status index (1 poor – 5 good)")
    ax.set_ylabel("customer attractiveness index (1 low – 5 high)")
    tidy(ax, grid=False)


def burnett_cells(ax: Axes, attractiveness_cuts: tuple[float, float] = LEVEL_CUTS,
                  relationship_cuts: tuple[float, float] = LEVEL_CUTS) -> list[Artist]:
    """The nine cells at the given cuts, coloured and labelled by strategy; returns them."""
    xs = (1.0, *relationship_cuts, 5.0)
    ys = (1.0, *attractiveness_cuts, 5.0)
    artists: list[Artist] = []
    for i, attractiveness in enumerate(ATTRACTIVENESS_LEVELS):
        for j, relationship in enumerate(RELATIONSHIP_LEVELS):
            strategy = STRATEGIES[(attractiveness, relationship)]
            artists.append(ax.add_patch(plt.Rectangle(
                (xs[j], ys[i]), xs[j + 1] - xs[j], ys[i + 1] - ys[i],
                facecolor=STRATEGY_COLORS[strategy], edgecolor="white", lw=2, zorder=0)))
            artists.append(ax.text((xs[j] + xs[j + 1]) / 2, ys[i + 1] - 0.12, strategy,
                                   ha="center", va="top", fontsize=8.5, color=TEXT,
                                   weight="bold", zorder=1, clip_on=True))
    return artists


def burnett_grid_marks(matrix: pd.DataFrame, ax: Axes, *,
                       attractiveness_cuts: tuple[float, float] = LEVEL_CUTS,
                       relationship_cuts: tuple[float, float] = LEVEL_CUTS,
                       highlight: list | None = None, title: str | None = None) -> list[Artist]:
    """The cells at the cuts, the accounts as points, rings around ``highlight``, and the
    title; returns the artists added."""
    artists = burnett_cells(ax, attractiveness_cuts, relationship_cuts)
    artists += [ax.scatter(matrix["relationship"], matrix["attractiveness"], s=16,
                           color=MAIN, alpha=0.8, zorder=2)]
    ringed = matrix.loc[[a for a in (highlight or []) if a in matrix.index]]
    if len(ringed):
        artists.append(ax.scatter(ringed["relationship"], ringed["attractiveness"], s=90,
                                  facecolors="none", edgecolors=ACCENT, lw=2, zorder=3))
    artists.append(ax.set_title(title or f"Burnett's matrix: {len(matrix)} accounts and "
                                          "their strategies"))
    return artists


CLP_COLORS = {"core": "#2f7d32", "harvest": "#1b6ca8", "grow": "#f28e2b",
              "serve efficiently": "#999999"}


def plot_clp_grid(matrix: pd.DataFrame, ax: Axes | None = None, *,
                  title: str = "CLP matrix: current value x potential",
                  units: str = "thousand yuan") -> Axes:
    """Customers of ``clp_matrix`` as points (current value across, potential up, both on
    a square-root scale so that small accounts stay visible), coloured by cell, with the
    cuts and the cell names; returns the Axes."""
    ax = new_axes(ax, figsize=(7, 4.8))
    for cell, rows in matrix.groupby("cell"):
        ax.scatter(rows["current"], rows["potential"], s=16, color=CLP_COLORS[cell],
                   label=f"{cell} ({len(rows)})", alpha=0.85)
    x, y = matrix.attrs["cuts"]
    ax.axvline(x, color=TEXT, lw=1, ls="--")
    ax.axhline(y, color=TEXT, lw=1, ls="--")
    ax.set_xscale("function", functions=(np.sqrt, np.square))
    ax.set_yscale("function", functions=(np.sqrt, np.square))
    for axis, column, limit in ((ax.xaxis, "current", ax.set_xlim), (ax.yaxis, "potential", ax.set_ylim)):
        top = float(matrix[column].max()) * 1.05
        limit(0, top)
        axis.set_ticks([t for t in (0, 500, 2000, 5000, 10_000, 20_000, 50_000) if t <= top])
        axis.set_major_formatter(short_number)
    ax.set_xlabel(f"current value: what the customer buys from us ({units})")
    ax.set_ylabel(f"potential: the rest of its wallet ({units})")
    ax.legend(frameon=False, fontsize=8, ncol=4, loc="upper center", bbox_to_anchor=(0.5, -0.14))
    ax.set_title(title)
    tidy(ax, grid=False)
    return ax
