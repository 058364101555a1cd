"""Chapter 5 plot: a control chart with its centre line, limits and flagged points."""

from __future__ import annotations

import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes

from crmlab.plots._style import BAD, GREY, MAIN, new_axes, tidy


def plot_control_chart(chart: pd.DataFrame, value: str = "p", ax: Axes | None = None, *,
                       ylabel: str = "share of orders with a complaint",
                       title: str = "Control chart") -> Axes:
    """The ``value`` column of a ``p_chart`` or ``xbar_chart`` result over its index, the
    centre line, the limits (stepped when they vary) and out-of-control points in red;
    returns the Axes."""
    ax = new_axes(ax)
    low = min(chart[value].min(), chart["lcl"].min())
    high = max(chart[value].max(), chart["ucl"].max())
    pad = 0.1 * (high - low)
    control_chart_background(ax, list(chart.index.astype(str)), (low - pad, high + pad),
                             ylabel=ylabel)
    control_chart_marks(chart, ax, value, title=title)
    return ax


def control_chart_background(ax: Axes, labels: list[str], limits: tuple[float, float], *,
                             ylabel: str) -> None:
    """Axes of a control chart: the months, the value range and the labels."""
    step = max(1, len(labels) // 9)
    ax.set_xticks(range(0, len(labels), step), labels[::step], rotation=45, ha="right")
    ax.set_xlim(-0.5, len(labels) - 0.5)
    ax.set_ylim(*limits)
    ax.set_xlabel("month")
    ax.set_ylabel(ylabel)
    tidy(ax)


def control_chart_marks(chart: pd.DataFrame, ax: Axes, value: str, *,
                        title: str = "Control chart") -> list[Artist]:
    """The values, centre line, limits, flagged points and the title; returns them."""
    x = range(len(chart))
    artists: list[Artist] = [*ax.plot(x, chart[value], color=MAIN, marker="o", ms=3, lw=1.2),
                             *ax.plot(x, chart["center"], color=GREY, lw=1),
                             *ax.step(x, chart["ucl"], where="mid", color=BAD, lw=1, ls="--"),
                             *ax.step(x, chart["lcl"], where="mid", color=BAD, lw=1, ls="--")]
    flagged = [i for i, out in enumerate(chart["out"]) if out]
    artists.append(ax.scatter(flagged, chart[value].iloc[flagged], color=BAD, s=60, zorder=3))
    artists.append(ax.set_title(title))
    return artists
