"""Chapter 6 plots: the satisfaction-loyalty curve, loyalty matrices and NPS."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from crmlab.plots._style import ACCENT, BAD, GOOD, GREY, MAIN, new_axes, tidy

CELL_COLORS = {"loyalty": GOOD, "latent loyalty": MAIN, "spurious loyalty": ACCENT,
               "no loyalty": BAD, "apostle": "#1b5e20", "loyalist": GOOD, "mercenary": ACCENT,
               "hostage": MAIN, "defector": BAD, "terrorist": "#7f0000"}


def plot_loyalty_curve(table: pd.DataFrame, ax: Axes | None = None, *,
                       zone: tuple[float, float] | None = None,
                       ylabel: str = "share who stayed again") -> Axes:
    """Observed loyalty per satisfaction level (dots sized by customers) and the fitted
    monotone curve of ``loyalty_curve``, with the zone of indifference shaded; returns the
    Axes."""
    ax = new_axes(ax)
    loyalty_curve_background(table, ax, ylabel=ylabel)
    loyalty_curve_marks(zone, ax)
    return ax


def loyalty_curve_background(table: pd.DataFrame, ax: Axes, *,
                             ylabel: str = "share who stayed again") -> None:
    """Observed means, the fitted curve, axes and legend (what does not change)."""
    ax.scatter(table.index, table["observed"], s=10 + table["n"] / 3, color=MAIN, alpha=0.6,
               label="observed (size: customers)")
    ax.plot(table.index, table["fitted"], color=ACCENT, lw=2.5, label="monotone fit")
    ax.set_xlim(table.index.min() - 0.5, table.index.max() + 0.5)
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("overall satisfaction")
    ax.set_ylabel(ylabel)
    ax.legend(frameon=False, loc="upper left", fontsize=8)
    tidy(ax)


def loyalty_curve_marks(zone: tuple[float, float] | None, ax: Axes, *,
                        title: str = "Satisfaction and loyalty") -> list[Artist]:
    """The shaded zone of indifference (if any) and the title."""
    artists: list[Artist] = []
    if zone is not None:
        artists.append(ax.axvspan(zone[0] - 0.5, zone[1] + 0.5, color=GREY, alpha=0.15, lw=0))
    artists.append(ax.set_title(title))
    return artists


def plot_loyalty_matrix(x: pd.Series, y: pd.Series, cells: pd.Series, cuts: tuple[float, float],
                        ax: Axes | None = None, *, xlabel: str = "", ylabel: str = "",
                        title: str = "") -> Axes:
    """Customers as points coloured by their cell of a loyalty matrix (``dick_basu`` or
    ``jones_sasser``), jittered so that equal answers do not hide each other, with the cut
    lines; returns the Axes."""
    ax = new_axes(ax, figsize=(6.5, 4.8))
    loyalty_matrix_background(ax, xlabel, ylabel, ((x.min() - 0.7, x.max() + 0.7),
                                                   (y.min() - 0.7, y.max() + 0.7)),
                              sorted(set(cells), key=list(CELL_COLORS).index))
    jx, jy = jittered(x), jittered(y, salt=1)
    loyalty_matrix_marks(jx, jy, cells, cuts, ax, title=title)
    return ax


def jittered(values: pd.Series, salt: int = 0, width: float = 0.6) -> pd.Series:
    """``values`` moved by a fixed pseudo-random amount in ±width/2 (the same every time).

    >>> moved = jittered(pd.Series([1.0, 1.0]))
    >>> bool((moved - 1).abs().max() <= 0.3), moved.equals(jittered(pd.Series([1.0, 1.0])))
    (True, True)
    """
    noise = np.random.default_rng(salt).uniform(-width / 2, width / 2, len(values))
    return values + noise


def loyalty_matrix_background(ax: Axes, xlabel: str, ylabel: str, limits: tuple[tuple, tuple],
                              cells: list[str]) -> None:
    """Axes, labels and the legend of the matrix's cells (what does not change)."""
    ax.set_xlim(*limits[0])
    ax.set_ylim(*limits[1])
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    handles = [Line2D([], [], marker="o", ls="", color=CELL_COLORS[c], label=c) for c in cells]
    ax.legend(handles=handles, frameon=False, fontsize=7.5, ncol=3, loc="upper center",
              bbox_to_anchor=(0.5, -0.14))
    tidy(ax, grid=False)


def loyalty_matrix_marks(x: pd.Series, y: pd.Series, cells: pd.Series, cuts: tuple[float, float],
                         ax: Axes, *, title: str = "") -> list[Artist]:
    """Cut lines (half a point below each cut), the points coloured by cell, and the title."""
    colors = cells.map(CELL_COLORS).fillna(GREY)
    return [ax.axvline(cuts[0] - 0.5, color=GREY, lw=1.5),
            ax.axhline(cuts[1] - 0.5, color=GREY, lw=1.5),
            ax.scatter(x, y, s=8, c=colors.to_list(), alpha=0.6),
            ax.set_title(title)]


def plot_nps(nps, ax: Axes | None = None, *, title: str = "Net promoter score") -> Axes:
    """Shares of detractors, passives and promoters of ``net_promoter_score`` as one stacked
    bar, with the NPS and its standard error in the title; returns the Axes."""
    ax = new_axes(ax, figsize=(7, 1.8))
    left = 0.0
    for name, share, color in (("detractors (0-6)", nps.detractors, BAD),
                               ("passives (7-8)", nps.passives, "#d9d9d9"),
                               ("promoters (9-10)", nps.promoters, GOOD)):
        ax.barh([0], [share], left=left, color=color, label=name)
        ax.text(left + share / 2, 0, f"{share:.0f}%", ha="center", va="center", fontsize=9)
        left += share
    ax.set_xlim(0, 100)
    ax.set_yticks([])
    ax.set_xlabel("% of respondents")
    ax.set_title(f"{title}: {nps.nps:+.1f} (± {1.96 * nps.std_error:.1f} at 95 %)")
    ax.legend(frameon=False, ncol=3, loc="upper center", bbox_to_anchor=(0.5, -0.45), fontsize=8)
    tidy(ax, grid=False)
    return ax
