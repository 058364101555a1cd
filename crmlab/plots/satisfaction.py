"""Chapter 5 plots: perceived against expected utility, disconfirmation outcomes, churn."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from crmlab.plots._style import BAD, GOOD, GREY, MAIN, new_axes, tidy

OUTCOME_COLORS = {"dissatisfied": BAD, "moderately satisfied": "#d9d9d9", "satisfied": GOOD}


def plot_utility_lines(points: pd.DataFrame, lines: dict[float, str], ax: Axes | None = None
                       ) -> Axes:
    """Customers as points (``expected`` across, ``actual`` up) with the source's lines of
    constant satisfaction ratio (actual / expected = each key of ``lines``); returns the Axes."""
    ax = new_axes(ax, figsize=(5.5, 4.5))
    top = float(max(points["expected"].max(), points["actual"].max())) * 1.05
    ax.scatter(points["expected"], points["actual"], s=12, color=MAIN, alpha=0.4)
    x = np.array([0, top])
    for ratio in lines:
        ax.plot(x, ratio * x, color=GREY if ratio != 1 else BAD, lw=1.2 if ratio != 1 else 2)
        end = min(top, top / ratio)  # where the line leaves the plot: the top or the right
        ax.annotate(f"{ratio:.0%}", (end, ratio * end), fontsize=8, color=GREY,
                    xytext=(3, -3) if ratio > 1 else (-3, 3), textcoords="offset points",
                    ha="left" if ratio > 1 else "right", va="top" if ratio > 1 else "bottom")
    ax.set_xlim(0, top)
    ax.set_ylim(0, top)
    ax.set_xlabel("expected utility")
    ax.set_ylabel("actual utility")
    ax.set_title("Satisfaction = actual / expected utility")
    tidy(ax, grid=False)
    return ax


def plot_outcome_shares(shares: pd.DataFrame, ax: Axes | None = None, *,
                        title: str = "Expectancy disconfirmation by attribute") -> Axes:
    """Stacked horizontal bars: share of guests dissatisfied, moderately satisfied and
    satisfied per attribute (rows of ``shares``, columns the outcomes); returns the Axes."""
    ax = new_axes(ax)
    outcome_shares_background(ax, list(shares.index.astype(str)))
    outcome_shares_marks(shares, ax, title=title)
    return ax


def outcome_shares_background(ax: Axes, attributes: list[str]) -> None:
    """Axes, attribute names and legend of the outcome-share bars (what does not change)."""
    ax.set_ylim(-0.5, len(attributes) - 0.5)
    ax.set_yticks(range(len(attributes)), attributes)
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of guests")
    ax.set_ylabel("attribute")
    handles = [Patch(color=c, label=o) for o, c in OUTCOME_COLORS.items()]
    ax.legend(handles=handles, frameon=False, ncol=3, loc="upper center",
              bbox_to_anchor=(0.5, -0.18), fontsize=8)
    tidy(ax, grid=False)


def outcome_shares_marks(shares: pd.DataFrame, ax: Axes, *,
                         title: str = "Expectancy disconfirmation by attribute") -> list[Artist]:
    """The stacked bars and the title; returns the artists added."""
    left = np.zeros(len(shares))
    artists: list[Artist] = []
    for outcome, color in OUTCOME_COLORS.items():
        values = shares.get(outcome, pd.Series(0.0, index=shares.index)).to_numpy()
        artists += list(ax.barh(range(len(shares)), values, left=left, color=color))
        left += values
    artists.append(ax.set_title(title))
    return artists


def plot_churn_reasons(counts: pd.Series, ax: Axes | None = None) -> Axes:
    """Lost customers per reason (largest at the top); returns the Axes."""
    ax = new_axes(ax)
    ordered = counts.sort_values()
    ax.barh(ordered.index.astype(str), ordered.to_numpy(), color=MAIN)
    ax.set_xlabel("lost customers")
    ax.set_ylabel("main reason for leaving")
    ax.set_title("Why customers left")
    tidy(ax, grid=False)
    return ax
