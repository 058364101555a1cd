"""The course look, in one place: palette, unit labels, new axes and tidy axes.

>>> ax = new_axes()
>>> tidy(ax)
>>> ax.spines["top"].get_visible()
False
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
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


def label_points(ax: Axes, names, x, y, *, fontsize: float = 7) -> list:
    """Name each point next to it without covering another name or point: of the four
    corners around a point, the first that overlaps nothing placed so far and stays inside
    the axes (else the least crowded); the limits of ``ax`` must be set. Returns the texts.

    >>> ax = new_axes()
    >>> _ = ax.set(xlim=(0, 1), ylim=(0, 1))
    >>> texts = label_points(ax, ["robot room service", "spacious"], [0.3, 0.45], [0.5, 0.5])
    >>> [(t.get_ha(), t.get_va()) for t in texts]
    [('right', 'bottom'), ('left', 'bottom')]
    """
    names, xs, ys = [str(n) for n in names], np.asarray(x, float), np.asarray(y, float)
    scale = ax.figure.dpi / 72  # points to pixels
    height, gap = 1.2 * fontsize * scale, 4 * scale
    frame = ax.get_window_extent()
    points = ax.transData.transform(np.column_stack([xs, ys]))
    taken = [(px - gap, py - gap, px + gap, py + gap) for px, py in points]  # the markers

    def box(name: str, px: float, py: float, dx: int, dy: int) -> tuple[float, ...]:
        width = 0.55 * fontsize * len(name) * scale  # an estimate of the text's width
        x0 = px + gap if dx > 0 else px - gap - width
        y0 = py + gap / 2 if dy > 0 else py - gap / 2 - height
        return x0, y0, x0 + width, y0 + height

    def crowding(b: tuple[float, ...], own: int) -> float:
        return sum(max(0, min(b[2], o[2]) - max(b[0], o[0])) * max(0, min(b[3], o[3]) - max(b[1], o[1]))
                   for i, o in enumerate(taken) if i != own)

    texts = []
    for k, (name, (px, py)) in enumerate(zip(names, points, strict=True)):
        corners = [(dx, dy) for dy in (1, -1) for dx in (1, -1)
                   if frame.x0 <= box(name, px, py, dx, dy)[0] and box(name, px, py, dx, dy)[2] <= frame.x1]
        dx, dy = min(corners or [(-1, 1)], key=lambda c: crowding(box(name, px, py, *c), k))
        taken.append(box(name, px, py, dx, dy))
        texts.append(ax.annotate(name, (xs[k], ys[k]), xytext=(4 * dx, 2 * dy),
                                 textcoords="offset points", fontsize=fontsize,
                                 ha="left" if dx > 0 else "right", va="bottom" if dy > 0 else "top"))
    return texts


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
