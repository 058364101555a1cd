"""Chapter 4 plots of customer lifetime value."""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes

from crmlab.plots._style import GREY, MAIN, new_axes, tidy


def plot_clv_curve(curve: pd.Series, ax: Axes | None = None) -> Axes:
    """Cumulative discounted profit of one customer year by year, from ``clv_curve``;
    returns the Axes."""
    ax = new_axes(ax)
    horizon = int(curve.index.max())
    ax.plot(curve.index, curve.to_numpy(), color=MAIN, lw=2, marker="o" if horizon <= 30 else None,
            ms=3)
    ax.axhline(0, color=GREY, lw=1)
    ax.set_xlabel("years")
    ax.set_ylabel("cumulative discounted profit (yuan)")
    ax.set_title(f"CLV after {horizon} years: {curve.iloc[-1]:,.0f} yuan")
    tidy(ax)
    return ax
