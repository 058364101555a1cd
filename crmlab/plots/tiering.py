"""Chapter 4 plots: Pareto curve with ABC classes, Lorenz curve, pyramids, RFM."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from crmlab.plots._style import MAIN, bare, new_axes, tidy

CLASS_COLORS = {"A": "#1b6ca8", "B": "#76b7b2", "C": "#e15759"}
TIER_COLORS = {"top": "#0b3d66", "major": "#1f78b4", "ordinary": "#a6cee3", "small": "#d9d9d9"}
DRAWN_POINTS = 400  # a Pareto curve of thousands of customers is drawn through this many


def plot_pareto(curve: pd.DataFrame, ax: Axes | None = None, *, title: str | None = None,
                legend_shares: bool = True) -> Axes:
    """Pareto curve from ``pareto_curve``: cumulative share of value against share of
    customers (most valuable first), filled by ABC class; returns the Axes.
    ``legend_shares=False`` keeps the legend to the class letters."""
    ax = new_axes(ax)
    x, y = curve["customer_share"].to_numpy(), curve["value_share"].to_numpy()
    labels = curve["class"].astype(str).to_numpy()
    n = len(curve) - 1  # row 0 is the origin
    ends = [0, n]
    runs = {}
    for label in CLASS_COLORS:
        rows = np.flatnonzero(labels[1:] == label) + 1  # classes are runs of the ranking
        if len(rows):
            runs[label] = (rows[0] - 1, rows[-1])
            ends += list(runs[label])
    keep = np.unique(np.r_[np.linspace(0, n, DRAWN_POINTS).astype(int), ends])
    for label, (lo, hi) in runs.items():
        part = keep[(keep >= lo) & (keep <= hi)]
        text = (f"{label}: {x[hi] - x[lo]:.0%} of customers, {y[hi] - y[lo]:.0%} of value"
                if legend_shares else label)
        ax.fill_between(x[part], y[part], color=CLASS_COLORS[label], alpha=0.35, lw=0,
                        label=text)
    ax.plot(x[keep], y[keep], color="#333333", lw=1.5)
    ax.plot([0, 1], [0, 1], color="#999999", lw=1, ls="--")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("share of customers, most valuable first")
    ax.set_ylabel("cumulative share of value")
    ax.set_title(title or "Pareto curve with ABC classes")
    ax.legend(frameon=False, loc="lower right", fontsize=8)
    tidy(ax)
    return ax


def plot_lorenz(curve: pd.DataFrame, ax: Axes | None = None, *, gini: float | None = None
                ) -> Axes:
    """Lorenz curve from ``lorenz_curve`` (smallest customers first) against the line of
    equality; returns the Axes."""
    ax = new_axes(ax, figsize=(5, 4.5))
    ax.plot(curve["customer_share"], curve["value_share"], color=MAIN, lw=2, label="Lorenz curve")
    ax.fill_between(curve["customer_share"], curve["value_share"], curve["customer_share"],
                    color=MAIN, alpha=0.15)
    ax.plot([0, 1], [0, 1], color="#999999", ls="--", label="perfect equality")
    ax.set_xlabel("cumulative share of customers (smallest first)")
    ax.set_ylabel("cumulative share of value")
    ax.set_title("Lorenz curve" + (f" (Gini {gini:.2f})" if gini is not None else ""))
    ax.legend(frameon=False)
    tidy(ax)
    return ax


def plot_pyramids(summary: pd.DataFrame, axes: tuple[Axes, Axes] | None = None
                  ) -> tuple[Axes, Axes]:
    """Quantity pyramid (share of customers) beside the profit pyramid (share of value);
    returns the two Axes. ``summary`` comes from ``tier_summary``."""
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(8, 3.6), layout="constrained")
    tiers = list(summary.index.astype(str))[::-1]  # small at the bottom
    for ax, column, title in zip(axes, ["customer_share", "value_share"],
                                 ["Quantity pyramid: customers", "Profit pyramid: value"],
                                 strict=True):
        shares = summary[column].reindex(tiers).to_numpy()
        widths = np.maximum(shares, 0)
        ax.barh(range(len(tiers)), widths, left=-widths / 2,
                color=[TIER_COLORS.get(t, MAIN) for t in tiers], height=0.9)
        for i, (tier, share, width) in enumerate(zip(tiers, shares, widths, strict=True)):
            ax.text(width / 2 + 0.02, i, f"{tier} {share:.0%}", ha="left", va="center",
                    fontsize=9)
        ax.set_xlim(-0.55, 0.75)
        ax.set_yticks([])
        ax.set_xticks([])
        ax.set_title(title)
        bare(ax)
    return tuple(axes)


def plot_rfm_heatmap(grid: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Heatmap of ``rfm_grid``: mean monetary value by R score (rows) and F score (columns);
    returns the Axes."""
    ax = new_axes(ax, figsize=(5, 4))
    values = grid.to_numpy(dtype=float)
    ax.imshow(values, origin="lower", cmap="Blues", aspect="auto")
    ax.set_xticks(range(grid.shape[1]), grid.columns)
    ax.set_yticks(range(grid.shape[0]), grid.index)
    ax.set_xlabel("F score (more purchases ->)")
    ax.set_ylabel("R score (more recent ->)")
    ax.set_title("Mean monetary value (yuan) by R and F; darker is more")
    if grid.size <= 25:
        light_from = np.nanmean(values) * 1.5
        for (i, j), value in np.ndenumerate(values):
            if np.isfinite(value):
                ax.text(j, i, f"{value:.0f}", ha="center", va="center", fontsize=7,
                        color="white" if value > light_from else "black")
    return ax


def plot_segment_sizes(scores: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Customers per RFM segment (horizontal bars) from ``rfm_scores``; returns the Axes."""
    ax = new_axes(ax, figsize=(5, 4))
    counts = scores["segment"].value_counts().reindex(scores["segment"].cat.categories,
                                                      fill_value=0)
    ax.barh(counts.index.astype(str)[::-1], counts.to_numpy()[::-1], color=MAIN)
    ax.set_xlabel("customers")
    ax.set_ylabel("RFM segment")
    ax.set_title("Customers per RFM segment")
    tidy(ax, grid=False)
    return ax
