"""Plots of crmlab results: ``plot_<thing>(result, ax=None, **style) -> Axes``.

One course palette; titles and axis labels carry units; nothing here calls ``plt.show()``.
"""

from __future__ import annotations

from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

PALETTE = ("#1b6ca8", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1", "#9c755f")
MAIN, ACCENT, GOOD, BAD = PALETTE[0], PALETTE[1], PALETTE[2], PALETTE[3]
UNITS = {"revenue": "yuan", "gross margin": "yuan", "orders": "count",
         "active customers": "count", "new customers": "count"}


def new_axes(ax: Axes | None = None, figsize: tuple[float, float] = (7.5, 3.6)) -> Axes:
    """``ax`` if given, else the axes of a new figure in the course style."""
    if ax is not None:
        return ax
    _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def _tidy(ax: Axes) -> None:
    ax.yaxis.set_major_locator(MaxNLocator(5))
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", alpha=0.3)


def plot_period_metric(series: pd.Series, ax: Axes | None = None, *,
                       title: str | None = None, **style: Any) -> Axes:
    """Area chart of one metric per period (a Series indexed by pandas Periods)."""
    ax = new_axes(ax)
    labels = series.index.astype(str)
    x, y = range(len(series)), series.to_numpy(dtype=float)
    color = style.pop("color", MAIN)
    ax.fill_between(x, y, color=color, alpha=0.25, lw=0)
    ax.plot(x, y, color=color, lw=1.8, marker="o" if len(series) <= 40 else None, ms=3, **style)
    ax.set_ylim(bottom=0)
    step = max(1, -(-len(series) // 9))
    ax.set_xticks(range(0, len(series), step), labels[::step], rotation=45, ha="right")
    name = str(series.name)
    ax.set_ylabel(f"{name} ({UNITS.get(name, 'value')})")
    ax.set_xlabel("period")
    ax.set_title(title or f"{name.capitalize()} per period")
    _tidy(ax)
    return ax


def plot_channel_profit(summary: pd.DataFrame, ax: Axes | None = None, **style: Any) -> Axes:
    """Mean acquisition cost vs mean gross margin per customer, by channel (horizontal bars)."""
    ax = new_axes(ax)
    y = range(len(summary))
    ax.barh([i + 0.2 for i in y], summary["mean gross margin"], height=0.4, color=GOOD,
            label="mean gross margin per customer", **style)
    ax.barh([i - 0.2 for i in y], summary["mean acquisition cost"], height=0.4, color=BAD,
            label="mean acquisition cost", **style)
    ax.set_yticks(list(y), summary.index)
    ax.set_xlabel("yuan per customer")
    ax.set_title("What a customer brings vs what winning them cost, by channel")
    ax.legend(frameon=False, loc="lower right")
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def plot_profit_distribution(profit: pd.Series, ax: Axes | None = None, *, bins: int = 60,
                             **style: Any) -> Axes:
    """Histogram of profit per customer with the break-even line."""
    ax = new_axes(ax)
    ax.hist(profit, bins=bins, color=style.pop("color", MAIN), **style)
    ax.axvline(0, color=BAD, lw=2, label="break-even")
    share = float((profit < 0).mean())
    ax.set_title(f"Profit per customer: {share:.0%} of customers lose money")
    ax.set_xlabel("profit per customer (yuan)")
    ax.set_ylabel("customers")
    ax.legend(frameon=False)
    _tidy(ax)
    return ax


TYPE_COLORS = {"basic": "#e8eef4", "reactive": "#d4e4f1", "accountable": "#b5d3ea",
               "proactive": "#8fbde0", "partnership": "#5d9fd1"}


def plot_kotler_grid(lines: pd.DataFrame | None = None, ax: Axes | None = None, *,
                     chosen: tuple[str, str] | None = None, title: str | None = None) -> Axes:
    """Kotler's matrix as a 3x3 grid; product lines as numbered dots, mismatches as red crosses.

    ``lines`` is the output of ``crmlab.relationships.classify_product_lines``; ``chosen``
    is a (customer level, margin level) cell to outline.
    """
    ax = new_axes(ax, figsize=(7.5, 5.0))
    kotler_grid_background(ax)
    kotler_grid_marks(lines, ax, chosen=chosen, title=title)
    return ax


def kotler_grid_background(ax: Axes) -> None:
    """The part of the Kotler grid that never changes: cells, type names, axes, legend."""
    from crmlab.relationships import CUSTOMER_LEVELS, MARGIN_LEVELS, kotler_matrix

    matrix = kotler_matrix()
    rows = list(reversed(CUSTOMER_LEVELS))  # few at the bottom, many at the top
    for y, level in enumerate(rows):
        for x, margin in enumerate(MARGIN_LEVELS):
            kind = matrix.loc[level, margin]
            ax.add_patch(plt.Rectangle((x, y), 1, 1, facecolor=TYPE_COLORS[kind],
                                       edgecolor="white", lw=2))
            ax.text(x + 0.5, y + 0.85, kind, ha="center", va="center", fontsize=11,
                    color="#23415a", weight="bold")
    ax.scatter([], [], s=120, color=MAIN, label="runs the advised type")
    ax.scatter([], [], s=120, color=BAD, marker="X", label="mismatch: runs another type")
    ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.07), ncol=2)
    ax.set_xlim(0, 3)
    ax.set_ylim(0, 3)
    ax.set_xticks([0.5, 1.5, 2.5], [f"{m} margin" for m in MARGIN_LEVELS])
    ax.set_yticks([0.5, 1.5, 2.5], [f"{c}\ncustomers" for c in rows])
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)


def kotler_grid_marks(lines: pd.DataFrame | None, ax: Axes, *,
                      chosen: tuple[str, str] | None = None, title: str | None = None
                      ) -> list[Artist]:
    """The changing part of the Kotler grid: chosen cell, product lines, title."""
    from crmlab.relationships import CUSTOMER_LEVELS, MARGIN_LEVELS

    rows = list(reversed(CUSTOMER_LEVELS))
    artists: list[Artist] = []
    if chosen is not None:
        y, x = rows.index(chosen[0]), MARGIN_LEVELS.index(chosen[1])
        artists.append(ax.add_patch(plt.Rectangle((x + 0.03, y + 0.03), 0.94, 0.94,
                                                  fill=False, edgecolor=ACCENT, lw=4)))
    if lines is not None and len(lines):
        keys = ["customer_level", "margin_level"]
        order = lines.groupby(keys, sort=False).cumcount()
        sizes = lines.groupby(keys)["line_id"].transform("size")
        xs = lines["margin_level"].map(MARGIN_LEVELS.index) + (order + 1) / (sizes + 1)
        ys = lines["customer_level"].map(rows.index) + 0.4
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
    """Bars of lifetime profit per customer for each type (from ``relationship_profit``)."""
    ax = new_axes(ax)
    values = table["lifetime_profit"]
    colors = [GOOD if v == values.max() else (BAD if v < 0 else MAIN) for v in values]
    ax.bar(values.index.astype(str), values.to_numpy(), color=colors)
    ax.axhline(0, color="#555555", lw=1)
    ax.set_ylabel("lifetime profit per customer (yuan)")
    ax.set_title(title)
    _tidy(ax)
    return ax


STAGE_COLORS = {"development": "#d9d9d9", "initial": "#a6cee3", "stable": "#1f78b4",
                "strategic": "#0b3d66"}


def plot_stage_counts(counts: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Stacked bars: accounts in each development stage, per year (from ``stage_counts``)."""
    ax = new_axes(ax)
    stage_counts_frame(ax, counts.index.tolist(), int(counts.sum(axis=1).max()))
    stage_count_bars(counts, ax)
    return ax


def stage_counts_frame(ax: Axes, years: list[int], n_accounts: int) -> None:
    """Axes, labels and legend of the stage-count chart (the part that does not change)."""
    handles = [Patch(color=color, label=stage) for stage, color in STAGE_COLORS.items()]
    ax.legend(handles=handles, frameon=False, fontsize=7.5, ncol=4, loc="upper center", handlelength=1,
              columnspacing=0.8, bbox_to_anchor=(0.5, 1.0))
    ax.set_xlim(min(years) - 0.5, max(years) + 0.5)
    ax.set_ylim(0, n_accounts * 1.18)
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_ylabel("accounts")
    ax.set_xlabel("year")
    _tidy(ax)


def stage_count_bars(counts: pd.DataFrame, ax: Axes, *,
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
    """One account's share of wallet per year, with the stage bands and its events.

    ``history`` has ``year``, ``share`` and optionally ``event`` (one row per year).
    """
    ax = new_axes(ax)
    trajectory_frame(ax, history["year"].tolist())
    trajectory_marks(history, ax, thresholds=thresholds, title=title)
    return ax


def trajectory_frame(ax: Axes, years: list[int]) -> None:
    """Axes and labels of the share-of-wallet trajectory (the part that does not change)."""
    ax.set_ylim(0, 1.1)
    ax.set_xlim(min(years) - 0.6, max(years) + 0.5)
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_ylabel("our share of wallet")
    ax.set_xlabel("year")
    ax.spines[["top", "right"]].set_visible(False)


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
                               color="#555555"))
    artists += ax.plot(history["year"], history["share"], color=ACCENT, lw=2.2, marker="o")
    for row in history.itertuples():
        if getattr(row, "event", ""):
            artists.append(ax.annotate(row.event, (row.year, row.share), xytext=(0, 9),
                                       textcoords="offset points", ha="center", fontsize=7.5,
                                       color=BAD))
    artists.append(ax.set_title(title or "Share of wallet over the years"))
    return artists


def plot_switching_cost(accounts: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Scatter of switching cost against price sensitivity, with a least-squares line."""
    ax = new_axes(ax, figsize=(6, 4))
    x, y = accounts["switching_cost"], accounts["price_sensitivity"]
    ax.scatter(x, y, s=18, color=MAIN, alpha=0.7)
    slope, intercept = np.polyfit(x, y, 1)
    grid = np.linspace(x.min(), x.max(), 2)
    ax.plot(grid, intercept + slope * grid, color=BAD, lw=2,
            label=f"least squares: slope {slope:.2f}")
    ax.set_xlabel("switching cost (score 1-10)")
    ax.set_ylabel("price sensitivity (score 1-10)")
    ax.set_title("Higher switching cost, lower price sensitivity")
    ax.legend(frameon=False)
    _tidy(ax)
    return ax
