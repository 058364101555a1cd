"""Plots of crmlab results: ``plot_<thing>(result, ax=None, **style) -> Axes``.

One course palette; titles and axis labels carry units; nothing here calls ``plt.show()``.
"""

from __future__ import annotations

from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
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
