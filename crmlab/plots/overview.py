"""Chapter 0 plots: the retail data per period, channels and profit per customer."""

from __future__ import annotations

from typing import Any

import pandas as pd
from matplotlib.axes import Axes

from crmlab.plots._style import BAD, GOOD, MAIN, UNITS, new_axes, tidy


def plot_period_metric(series: pd.Series, ax: Axes | None = None, *,
                       title: str | None = None, **style: Any) -> Axes:
    """Area chart of one metric per period (a Series indexed by pandas Periods); returns the Axes."""
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
    tidy(ax)
    return ax


def plot_channel_profit(summary: pd.DataFrame, ax: Axes | None = None, **style: Any) -> Axes:
    """Mean acquisition cost vs mean gross margin per customer, by channel (horizontal bars);
    ``summary`` comes from ``channel_summary``. Returns the Axes."""
    ax = new_axes(ax)
    y = range(len(summary))
    ax.barh([i + 0.2 for i in y], summary["mean gross margin"], height=0.4, color=GOOD,
            label="mean gross margin per customer", **style)
    ax.barh([i - 0.2 for i in y], summary["mean acquisition cost"], height=0.4, color=BAD,
            label="mean acquisition cost", **style)
    ax.set_yticks(list(y), summary.index)
    ax.set_xlabel("yuan per customer")
    ax.set_ylabel("acquisition channel")
    ax.set_title("What a customer brings vs what winning them cost, by channel")
    ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=2)
    tidy(ax, grid=False)
    return ax


def plot_profit_distribution(profit: pd.Series, ax: Axes | None = None, *, bins: int = 60,
                             **style: Any) -> Axes:
    """Histogram of profit per customer with the break-even line; returns the Axes."""
    ax = new_axes(ax)
    ax.hist(profit, bins=bins, color=style.pop("color", MAIN), **style)
    ax.axvline(0, color=BAD, lw=2, label="break-even")
    ax.set_title(f"Profit per customer: {(profit < 0).mean():.0%} of customers lose money")
    ax.set_xlabel("profit per customer (yuan)")
    ax.set_ylabel("customers")
    ax.legend(frameon=False)
    tidy(ax)
    return ax
