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
    retention_npv_background(ax, int(before.index.max()), npv_limits(before, after))
    retention_npv_marks(before, after, ax, labels=labels, title=title)
    return ax


def npv_limits(before: pd.Series, after: pd.Series) -> tuple[float, float]:
    """A y range on round ticks that holds both NPV curves (and zero).

    >>> npv_limits(pd.Series([-80.0, 100.0]), pd.Series([-80.0, 170.0]))
    (-100.0, 200.0)
    """
    from matplotlib.ticker import MaxNLocator

    low = min(float(before.min()), float(after.min()), 0.0)
    high = max(float(before.max()), float(after.max()), 0.0)
    ticks = MaxNLocator(nbins=6).tick_values(low, high if high > low else low + 1)
    return float(ticks[0]), float(ticks[-1])


def retention_npv_background(ax: Axes, horizon: int, ylim: tuple[float, float]) -> None:
    """Axes, labels and the y range (what does not change while the range holds)."""
    ax.axhline(0, color=GREY, lw=1)
    ax.set_xlim(-0.5, horizon + 0.5)
    ax.set_ylim(*ylim)
    ax.set_autoscale_on(False)
    ax.set_xlabel("years since acquisition")
    ax.set_ylabel("cumulative NPV per customer (yuan)")
    tidy(ax, grid=False)


def retention_npv_marks(before: pd.Series, after: pd.Series, ax: Axes, *,
                        labels: tuple[str, str] = ("retention r", "retention r + 5 points"),
                        title: str = "A customer's NPV, year by year") -> list[Artist]:
    """The two curves, a legend and the title (the axes are the background's)."""
    artists: list[Artist] = [*ax.plot(before.index, before, color=MAIN, lw=2, label=labels[0]),
                             *ax.plot(after.index, after, color=ACCENT, lw=2, label=labels[1])]
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
