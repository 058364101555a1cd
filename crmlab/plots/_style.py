"""The course look, in one place: palette, unit labels, new axes and tidy axes.

>>> ax = new_axes()
>>> tidy(ax)
>>> ax.spines["top"].get_visible()
False
"""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

PALETTE = ("#1b6ca8", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1", "#9c755f")
MAIN, ACCENT, GOOD, BAD = PALETTE[0], PALETTE[1], PALETTE[2], PALETTE[3]
GREY, TEXT = "#555555", "#23415a"
UNITS = {"revenue": "yuan", "gross margin": "yuan", "orders": "count",
         "active customers": "count", "new customers": "count"}


def new_axes(ax: Axes | None = None, figsize: tuple[float, float] = (7.5, 3.6)) -> Axes:
    """``ax`` if given, else the axes of a new figure in the course style."""
    if ax is not None:
        return ax
    _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def tidy(ax: Axes, *, grid: bool = True) -> None:
    """Hide the top and right spines; at most five y ticks and a light grid (``grid=True``)."""
    ax.spines[["top", "right"]].set_visible(False)
    if grid:
        ax.yaxis.set_major_locator(MaxNLocator(5))
        ax.grid(axis="y", alpha=0.3)


def bare(ax: Axes) -> None:
    """Hide every spine and tick mark: for grids and pyramids drawn with patches."""
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
