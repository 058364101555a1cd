"""Chapter 5 plot: the simulated satisfaction cycle."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from crmlab.plots._style import ACCENT, MAIN, new_axes, tidy

MARKER_COLORS = {"numbness": "#999999", "dissatisfaction": "#e15759", "satisfaction": "#59a14f",
                 "over-satisfaction": "#1b6ca8"}
STAGE_COLORS = {"numbness": "#d9d9d9", "dissatisfaction": "#f4b6b6", "satisfaction": "#cfe8cf",
                "over-satisfaction": "#8fcf8f"}


def plot_satisfaction_cycle(cycle: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Actual and expected utility per period from ``simulate_satisfaction_cycle``, the
    background coloured by stage; returns the Axes."""
    ax = new_axes(ax)
    periods = cycle.index.to_numpy()
    for t, stage in zip(periods, cycle["stage"], strict=True):
        ax.axvspan(t - 0.5, t + 0.5, color=STAGE_COLORS[stage], lw=0)
    ax.plot(periods, cycle["actual"], color=MAIN, lw=2, label="actual utility")
    ax.plot(periods, cycle["expected"], color=ACCENT, lw=2, ls="--", label="expected utility")
    handles = [*ax.get_legend_handles_labels()[0],
               *[Patch(color=c, label=s) for s, c in STAGE_COLORS.items()]]
    ax.legend(handles=handles, frameon=False, fontsize=7.5, ncol=3, loc="upper center",
              bbox_to_anchor=(0.5, -0.16))
    ax.set_xlim(periods[0] - 0.5, periods[-1] + 0.5)
    ax.set_xlabel("period")
    ax.set_ylabel("utility (index, 1 at the start)")
    ax.set_title("The satisfaction cycle")
    tidy(ax)
    return ax


def cycle_limits(cycle: pd.DataFrame, band: float = 0.05) -> dict[str, tuple[float, float]]:
    """Y ranges of the explorer's two panels that hold every value of ``cycle`` (nothing is
    clipped), rounded outwards so that small changes keep the same axes.

    >>> cycle = pd.DataFrame({"actual": [1.0, 1.3], "expected": [1.0, 1.2], "ratio": [1.0, 1.08]})
    >>> cycle_limits(cycle)
    {'utility': (0.75, 1.75), 'ratio': (0.85, 1.2)}
    """
    top = float(np.ceil(4 * cycle[["actual", "expected"]].to_numpy().max() + 1) / 4)
    low = float(np.floor(4 * cycle[["actual", "expected"]].to_numpy().min() - 1) / 4)
    ratio = cycle["ratio"].to_numpy()
    return {"utility": (low, top),
            "ratio": (float(min(np.floor(10 * ratio.min() - 1) / 10, 1 - band - 0.1)),
                      float(max(np.ceil(10 * ratio.max() + 1) / 10, 1 + band + 0.1)))}


def cycle_utility_background(ax: Axes, periods: int, limits: tuple[float, float]) -> None:
    """Top panel of the explorer: actual and expected utility over the periods."""
    ax.legend(handles=[Line2D([], [], color=MAIN, lw=2, label="actual utility"),
                       Line2D([], [], color=ACCENT, lw=2, ls="--", label="expected utility")],
              frameon=False, fontsize=7.5, loc="upper left")
    ax.set_xlim(-0.5, periods - 0.5)
    ax.set_ylim(*limits)
    ax.set_ylabel("utility (index)")
    tidy(ax)


def cycle_ratio_background(ax: Axes, periods: int, band: float = 0.05,
                           limits: tuple[float, float] = (0.6, 1.6)) -> None:
    """Bottom panel: the bands of dissatisfaction (below 1 - band) and over-satisfaction
    (above 1 + band), the legend of stages, the labels."""
    ax.axhspan(limits[0], 1 - band, color=STAGE_COLORS["dissatisfaction"], lw=0)
    ax.axhspan(1 + band, limits[1], color=STAGE_COLORS["over-satisfaction"], lw=0)
    ax.axhline(1, color="#777777", lw=1)
    handles = [Line2D([], [], marker="o", ls="", color=c, label=s)
               for s, c in MARKER_COLORS.items()]
    ax.legend(handles=handles, frameon=False, fontsize=7.5, ncol=4, loc="upper center",
              bbox_to_anchor=(0.5, -0.3))
    ax.set_xlim(-0.5, periods - 0.5)
    ax.set_ylim(*limits)
    ax.set_xlabel("period")
    ax.set_ylabel("actual / expected")
    tidy(ax)


def cycle_marks(cycle: pd.DataFrame, utility_ax: Axes, ratio_ax: Axes, *,
                title: str = "The satisfaction cycle") -> list[Artist]:
    """Both utilities on the top panel; the ratio, each period's point coloured by its
    stage, on the bottom one; the title."""
    artists: list[Artist] = [
        *utility_ax.plot(cycle.index, cycle["actual"], color=MAIN, lw=2),
        *utility_ax.plot(cycle.index, cycle["expected"], color=ACCENT, lw=2, ls="--"),
        *ratio_ax.plot(cycle.index, cycle["ratio"], color="#555555", lw=1.2),
        ratio_ax.scatter(cycle.index, cycle["ratio"], c=cycle["stage"].map(MARKER_COLORS),
                         s=18, zorder=3),
        utility_ax.set_title(title)]
    return artists
