"""Chapter 6 plots: profit by tenure and a customer's NPV at two retention rates."""

from __future__ import annotations

import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes

from crmlab.plots._style import ACCENT, GREY, MAIN, new_axes, tidy


def plot_retention_npv(before: pd.Series, after: pd.Series, ax: Axes | None = None, *,
                       labels: tuple[str, str] = ("retention r", "retention r + 5 points"),
                       title: str = "A customer's NPV, year by year") -> Axes:
    """Cumulative NPV of a new customer at two retention rates (from ``cumulative_npv``);
    returns the Axes."""
    ax = new_axes(ax)
    retention_npv_background(ax, int(before.index.max()))
    retention_npv_marks(before, after, ax, labels=labels, title=title)
    return ax


def retention_npv_background(ax: Axes, horizon: int) -> None:
    """Axes and labels (what does not change for a fixed horizon)."""
    ax.axhline(0, color=GREY, lw=1)
    ax.set_xlim(-0.5, horizon + 0.5)
    ax.set_xlabel("years since acquisition")
    ax.set_ylabel("cumulative NPV per customer (yuan)")
    tidy(ax, grid=False)


def retention_npv_marks(before: pd.Series, after: pd.Series, ax: Axes, *,
                        labels: tuple[str, str] = ("retention r", "retention r + 5 points"),
                        title: str = "A customer's NPV, year by year") -> list[Artist]:
    """The two curves, a legend, a y range that fits them, and the title."""
    artists: list[Artist] = [*ax.plot(before.index, before, color=MAIN, lw=2, label=labels[0]),
                             *ax.plot(after.index, after, color=ACCENT, lw=2, label=labels[1])]
    low, high = min(before.min(), after.min()), max(before.max(), after.max())
    pad = 0.08 * (high - low or 1)
    ax.set_ylim(low - pad, high + pad)
    artists.append(ax.legend(frameon=False, loc="upper left", fontsize=8))
    artists.append(ax.set_title(title))
    return artists


def plot_profit_by_tenure(profits: pd.Series, ax: Axes | None = None) -> Axes:
    """Bars of a customer's profit in each year of tenure (``profit_by_tenure``); returns
    the Axes."""
    ax = new_axes(ax)
    ax.bar(profits.index, profits.to_numpy(), color=MAIN)
    ax.set_xlabel("year of tenure")
    ax.set_ylabel("profit that year (yuan)")
    ax.set_title("Why long-standing customers are worth more: profit by tenure")
    tidy(ax)
    return ax
