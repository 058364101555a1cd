"""Chapter 5 plot: the importance-performance (four-quadrant) chart."""

from __future__ import annotations

import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from crmlab.plots._style import ACCENT, BAD, GOOD, GREY, MAIN, label_points, new_axes, tidy

QUADRANT_COLORS = {"advantage": GOOD, "repair": BAD, "opportunity": GREY, "maintain": MAIN}
LABELS = {"advantage": "A advantage: keep", "repair": "B repair: fix first",
          "opportunity": "C opportunity: can wait", "maintain": "D maintain"}


def plot_ipa(result: pd.DataFrame, ax: Axes | None = None, *,
             title: str = "Importance-performance analysis") -> Axes:
    """Attributes of ``importance_performance`` as points coloured by quadrant, with the
    crosshair; returns the Axes."""
    ax = new_axes(ax, figsize=(6.5, 4.8))
    pad = 0.3
    ipa_background(ax, (result["performance"].min() - pad, result["performance"].max() + pad),
                   (result["importance"].min() - pad, result["importance"].max() + pad))
    ipa_marks(result, ax, title=title)
    return ax


def ipa_background(ax: Axes, performance_range: tuple[float, float],
                   importance_range: tuple[float, float]) -> None:
    """Axes, labels and the legend of the quadrants (what does not change)."""
    ax.set_xlim(*performance_range)
    ax.set_ylim(*importance_range)
    ax.set_xlabel("performance (mean rating)")
    ax.set_ylabel("importance (mean rating)")
    handles = [Line2D([], [], marker="o", ls="", color=QUADRANT_COLORS[q], label=label)
               for q, label in LABELS.items()]
    handles.append(Line2D([], [], marker="o", ls="", mfc="none", mec=ACCENT, mew=2, ms=9,
                          label="on a line: a close call"))
    ax.legend(handles=handles, frameon=False, fontsize=7.5, loc="upper center",
              bbox_to_anchor=(0.5, -0.13), ncol=2)
    tidy(ax, grid=False)


def ipa_marks(result: pd.DataFrame, ax: Axes, *, title: str = "Importance-performance analysis"
              ) -> list[Artist]:
    """The crosshair, the attributes coloured by quadrant with their names, a ring around
    each close call (``on_line``), and the title."""
    cx_imp, cx_perf = result.attrs["crosshair"]
    artists: list[Artist] = [ax.axvline(cx_perf, color=ACCENT, lw=1.5),
                             ax.axhline(cx_imp, color=ACCENT, lw=1.5)]
    colors = result["quadrant"].map(QUADRANT_COLORS)
    artists.append(ax.scatter(result["performance"], result["importance"], s=50, c=colors,
                              zorder=3))
    close = result[result.get("on_line", pd.Series("", index=result.index)) != ""]
    if len(close):
        artists.append(ax.scatter(close["performance"], close["importance"], s=150, zorder=4,
                                  facecolors="none", edgecolors=ACCENT, lw=2))
    artists += label_points(ax, result.index, result["performance"], result["importance"],
                            fontsize=8)
    artists.append(ax.set_title(title))
    return artists
