"""Chapter 5 plot: the ACSI path diagram with estimated coefficients."""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes

from crmlab.plots._style import BAD, MAIN, TEXT, bare, new_axes

POSITIONS = {"expectations": (0.1, 0.8), "quality": (0.1, 0.2), "value": (0.4, 0.5),
             "satisfaction": (0.65, 0.5), "complaints": (0.9, 0.8), "loyalty": (0.9, 0.2)}


def plot_path_diagram(paths: pd.Series, r2: pd.Series | None = None, ax: Axes | None = None, *,
                      positions: dict[str, tuple[float, float]] | None = None,
                      title: str = "ACSI model: estimated paths") -> Axes:
    """Constructs as boxes, paths as arrows labelled with their coefficients (negative in
    red), R² under each endogenous construct; returns the Axes. ``paths`` is indexed by
    (source, target), e.g. ``PLSPathModel.paths_``."""
    ax = new_axes(ax, figsize=(7.5, 4.2))
    where = positions or POSITIONS
    for (source, target), value in paths.items():
        (x0, y0), (x1, y1) = where[source], where[target]
        ax.annotate("", xy=(x1, y1), xytext=(x0, y0),
                    arrowprops={"arrowstyle": "-|>", "color": BAD if value < 0 else MAIN,
                                "lw": 0.8 + 3 * abs(value), "shrinkA": 28, "shrinkB": 28})
        ax.text((x0 + x1) / 2, (y0 + y1) / 2 + 0.03, f"{value:.2f}", ha="center", fontsize=8,
                color=BAD if value < 0 else TEXT)
    for construct, (x, y) in where.items():
        label = construct + (f"\nR² {r2[construct]:.2f}" if r2 is not None and construct in r2 else "")
        ax.text(x, y, label, ha="center", va="center", fontsize=8.5,
                bbox={"boxstyle": "round,pad=0.4", "fc": "#eef4fa", "ec": MAIN})
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xticks([])
    ax.set_yticks([])
    bare(ax)
    ax.set_title(title)
    return ax
