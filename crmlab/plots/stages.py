"""Chapter 2 plots: accounts per stage and year, one account's trajectory, switching cost.

Both widget plots follow the cached-background pattern: ``<thing>_background(ax, ...)``
draws what never changes, ``<thing>_marks(result, ax)`` what a widget redraws.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from crmlab.plots._style import ACCENT, BAD, GREY, MAIN, new_axes, tidy

STAGE_COLORS = {"development": "#d9d9d9", "initial": "#a6cee3", "stable": "#1f78b4",
                "strategic": "#0b3d66"}


def plot_stage_counts(counts: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Stacked bars: accounts in each development stage, per year (from ``stage_counts``);
    returns the Axes."""
    ax = new_axes(ax)
    stage_counts_background(ax, counts.index.tolist(), int(counts.sum(axis=1).max()))
    stage_counts_marks(counts, ax)
    return ax


def stage_counts_background(ax: Axes, years: list[int], n_accounts: int) -> None:
    """Axes, labels and legend of the stage-count chart (the part that does not change)."""
    handles = [Patch(color=color, label=stage) for stage, color in STAGE_COLORS.items()]
    ax.legend(handles=handles, frameon=False, fontsize=7.5, ncol=4, loc="upper center",
              handlelength=1, columnspacing=0.8, bbox_to_anchor=(0.5, 1.0))
    ax.set_xlim(min(years) - 0.5, max(years) + 0.5)
    ax.set_ylim(0, n_accounts * 1.18)
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_ylabel("accounts")
    ax.set_xlabel("year")
    tidy(ax)


def stage_counts_marks(counts: pd.DataFrame, ax: Axes, *,
                       title: str = "Accounts by development stage") -> list[Artist]:
    """The stacked bars and title of the stage-count chart; returns the artists added."""
    bottom = np.zeros(len(counts))
    artists: list[Artist] = []
    for stage in counts.columns:
        bars = ax.bar(counts.index, counts[stage].to_numpy(), bottom=bottom,
                      color=STAGE_COLORS[stage], width=0.7)
        artists += list(bars)
        bottom += counts[stage].to_numpy()
    artists.append(ax.set_title(title))
    return artists


def plot_account_trajectory(history: pd.DataFrame, ax: Axes | None = None, *,
                            thresholds: tuple[float, float] = (0.5, 0.8),
                            title: str | None = None) -> Axes:
    """One account's share of wallet per year, with the stage bands and its events; returns
    the Axes. ``history`` has ``year``, ``share`` and optionally ``event`` (one row a year).
    """
    ax = new_axes(ax)
    trajectory_background(ax, history["year"].tolist())
    trajectory_marks(history, ax, thresholds=thresholds, title=title)
    return ax


def trajectory_background(ax: Axes, years: list[int]) -> None:
    """Axes and labels of the share-of-wallet trajectory (the part that does not change)."""
    ax.set_ylim(0, 1.1)
    ax.set_xlim(min(years) - 0.6, max(years) + 0.5)
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_ylabel("our share of wallet")
    ax.set_xlabel("year")
    tidy(ax, grid=False)


def trajectory_marks(history: pd.DataFrame, ax: Axes, *,
                     thresholds: tuple[float, float] = (0.5, 0.8),
                     title: str | None = None) -> list[Artist]:
    """Stage bands, the share line, events and title; returns the artists added."""
    low, high = thresholds
    left = history["year"].min() - 0.55
    artists: list[Artist] = []
    for (bottom, top), stage in zip([(0, low), (low, high), (high, 1.0)],
                                    ["initial", "stable", "strategic"], strict=True):
        artists.append(ax.axhspan(bottom, top, color=STAGE_COLORS[stage], alpha=0.12, lw=0))
        artists.append(ax.text(left, (bottom + top) / 2, stage, fontsize=7.5, va="center",
                               color=GREY))
    artists += ax.plot(history["year"], history["share"], color=ACCENT, lw=2.2, marker="o")
    for row in history.itertuples():
        if getattr(row, "event", ""):
            artists.append(ax.annotate(row.event, (row.year, row.share), xytext=(0, 9),
                                       textcoords="offset points", ha="center", fontsize=7.5,
                                       color=BAD))
    artists.append(ax.set_title(title or "Share of wallet over the years"))
    return artists


def plot_switching_cost(accounts: pd.DataFrame, line: tuple[float, float],
                        ax: Axes | None = None) -> Axes:
    """Scatter of switching cost against price sensitivity with a fitted line
    ``(slope, intercept)`` from ``switching_cost_line``; returns the Axes."""
    ax = new_axes(ax, figsize=(6, 4))
    x, y = accounts["switching_cost"], accounts["price_sensitivity"]
    ax.scatter(x, y, s=18, color=MAIN, alpha=0.7)
    slope, intercept = line
    grid = np.linspace(x.min(), x.max(), 2)
    ax.plot(grid, intercept + slope * grid, color=BAD, lw=2,
            label=f"least squares: slope {slope:.2f}")
    ax.set_xlabel("switching cost (score 1-10)")
    ax.set_ylabel("price sensitivity (score 1-10)")
    ax.set_title("Higher switching cost, lower price sensitivity")
    ax.legend(frameon=False)
    tidy(ax)
    return ax
