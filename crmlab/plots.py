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


CLASS_COLORS = {"A": "#1b6ca8", "B": "#76b7b2", "C": "#e15759"}
TIER_COLORS = {"top": "#0b3d66", "major": "#1f78b4", "ordinary": "#a6cee3", "small": "#d9d9d9"}


def plot_pareto(values: pd.Series, classes: pd.Series, ax: Axes | None = None, *,
                title: str | None = None, legend_shares: bool = True) -> Axes:
    """Pareto curve: cumulative share of value against share of customers (highest first),
    coloured by ABC class; ``legend_shares=False`` keeps the legend to the class letters."""
    ax = new_axes(ax)
    order = values.sort_values(ascending=False, kind="mergesort")
    x = np.arange(1, len(order) + 1) / len(order)
    y = order.cumsum().to_numpy() / order.sum()
    labels = classes.reindex(order.index).astype(str).to_numpy()
    x, y = np.concatenate([[0.0], x]), np.concatenate([[0.0], y])
    runs = {label: np.flatnonzero(labels == label) for label in CLASS_COLORS}
    ends = [i for m in runs.values() if len(m) for i in (m[0], m[-1] + 1)]
    keep = np.unique(np.r_[np.linspace(0, len(order), 400).astype(int), ends])  # enough to draw
    for label, color in CLASS_COLORS.items():
        members = runs[label]  # classes are runs of the ranking
        if len(members):
            lo, hi = members[0], members[-1] + 1
            part = keep[(keep >= lo) & (keep <= hi)]
            share = float(order.iloc[lo:hi].sum() / order.sum())
            text = (f"{label}: {len(members) / len(order):.0%} of customers, {share:.0%} of value"
                    if legend_shares else label)
            ax.fill_between(x[part], y[part], color=color, alpha=0.35, lw=0, label=text)
    ax.plot(x[keep], y[keep], color="#333333", lw=1.5)
    ax.plot([0, 1], [0, 1], color="#999999", lw=1, ls="--")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("share of customers, most valuable first")
    ax.set_ylabel("cumulative share of value")
    ax.set_title(title or "Pareto curve with ABC classes")
    ax.legend(frameon=False, loc="lower right", fontsize=8)
    _tidy(ax)
    return ax


def plot_lorenz(curve: pd.DataFrame, ax: Axes | None = None, *, gini: float | None = None
                ) -> Axes:
    """Lorenz curve (smallest customers first) against the line of equality."""
    ax = new_axes(ax, figsize=(5, 4.5))
    ax.plot(curve["customer_share"], curve["value_share"], color=MAIN, lw=2, label="Lorenz curve")
    ax.fill_between(curve["customer_share"], curve["value_share"], curve["customer_share"],
                    color=MAIN, alpha=0.15)
    ax.plot([0, 1], [0, 1], color="#999999", ls="--", label="perfect equality")
    ax.set_xlabel("cumulative share of customers (smallest first)")
    ax.set_ylabel("cumulative share of value")
    ax.set_title("Lorenz curve" + (f" (Gini {gini:.2f})" if gini is not None else ""))
    ax.legend(frameon=False)
    _tidy(ax)
    return ax


def plot_pyramids(summary: pd.DataFrame, axes: tuple[Axes, Axes] | None = None) -> tuple:
    """Quantity pyramid (share of customers) beside the profit pyramid (share of value).

    ``summary`` comes from ``tier_summary`` with tiers top, major, ordinary, small.
    """
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
        for side in ax.spines.values():
            side.set_visible(False)
    return tuple(axes)


def plot_rfm_heatmap(scores: pd.DataFrame, monetary: pd.Series, ax: Axes | None = None) -> Axes:
    """Mean monetary value by R score (rows) and F score (columns)."""
    ax = new_axes(ax, figsize=(5, 4))
    table = monetary.groupby([scores["R"], scores["F"]]).mean().unstack()
    ax.imshow(table.to_numpy(), origin="lower", cmap="Blues", aspect="auto")
    ax.set_xticks(range(table.shape[1]), table.columns)
    ax.set_yticks(range(table.shape[0]), table.index)
    ax.set_xlabel("F score (more purchases ->)")
    ax.set_ylabel("R score (more recent ->)")
    ax.set_title("Mean monetary value (yuan) by R and F; darker is more")
    if table.size <= 25:
        for (i, j), value in np.ndenumerate(table.to_numpy()):
            if np.isfinite(value):
                ax.text(j, i, f"{value:.0f}", ha="center", va="center", fontsize=7,
                        color="white" if value > np.nanmean(table.to_numpy()) * 1.5 else "black")
    return ax


def plot_segment_sizes(scores: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Customers per RFM segment (horizontal bars)."""
    ax = new_axes(ax, figsize=(5, 4))
    counts = scores["segment"].value_counts().reindex(scores["segment"].cat.categories,
                                                      fill_value=0)
    ax.barh(counts.index.astype(str)[::-1], counts.to_numpy()[::-1], color=MAIN)
    ax.set_xlabel("customers")
    ax.set_title("Customers per RFM segment")
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def plot_clv_curve(margin: float, retention: float, discount_rate: float, horizon: int,
                   acquisition_cost: float = 0.0, ax: Axes | None = None) -> Axes:
    """Cumulative discounted profit of one customer year by year (retention CLV)."""
    from crmlab.clv import clv_retention

    ax = new_axes(ax)
    years = np.arange(0, horizon + 1)
    values = [clv_retention(margin, retention, discount_rate, periods=int(t),
                            acquisition_cost=acquisition_cost) for t in years]
    ax.plot(years, values, color=MAIN, lw=2, marker="o" if horizon <= 30 else None, ms=3)
    ax.axhline(0, color="#555555", lw=1)
    ax.set_xlabel("years")
    ax.set_ylabel("cumulative discounted profit (yuan)")
    ax.set_title(f"CLV after {horizon} years: {values[-1]:,.0f} yuan")
    _tidy(ax)
    return ax
