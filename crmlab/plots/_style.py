"""The course look, in one place: palette, unit labels, new axes and tidy axes.

>>> ax = new_axes()
>>> tidy(ax)
>>> ax.spines["top"].get_visible()
False
"""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.ticker import FuncFormatter, MaxNLocator

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


def short_number(value: float, _position: object = None) -> str:
    """A tick label without an offset: 1,500 -> '1.5k', 3.6e9 -> '3.6bn'.

    >>> [short_number(v) for v in (0, 950, 1500, -2.5e6, 3.6e9)]
    ['0', '950', '1.5k', '-2.5m', '3.6bn']
    """
    for size, suffix in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:.3g}"


def money_axis(axis: Axis) -> None:
    """Label a money axis with k / m / bn, so large values never get a '1e9' offset.

    >>> ax = new_axes()
    >>> money_axis(ax.yaxis)
    >>> ax.yaxis.get_major_formatter()(2.5e9)
    '2.5bn'
    """
    axis.set_major_formatter(FuncFormatter(short_number))
