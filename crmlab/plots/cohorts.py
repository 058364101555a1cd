"""Chapter 6 plots: the cohort retention heatmap and curves, and survival curves."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import PercentFormatter

from crmlab.plots._style import PALETTE, new_axes, tidy


def plot_cohort_heatmap(table: pd.DataFrame, ax: Axes | None = None, *,
                        title: str = "Cohort retention: share of each cohort buying at each age"
                        ) -> Axes:
    """``cohort_retention`` as a heatmap: cohorts down, age across, darker is more;
    returns the Axes."""
    ax = new_axes(ax, figsize=(8, 5))
    values = table.to_numpy(dtype=float)
    later = values[:, 1:] if values.shape[1] > 1 else values  # age 0 is always 1
    image = ax.imshow(np.ma.masked_invalid(values), cmap="Blues", vmin=0,
                      vmax=max(0.05, float(np.nanmax(later))), aspect="auto")
    bar = ax.figure.colorbar(image, ax=ax, fraction=0.04, pad=0.02)
    bar.set_label("share of the cohort buying (age 0 is 100 %, off the scale)")
    bar.ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    step = max(1, len(table) // 12)
    ax.set_yticks(range(0, len(table), step), table.index[::step])
    xstep = max(1, table.shape[1] // 12)
    ax.set_xticks(range(0, table.shape[1], xstep), table.columns[::xstep])
    ax.set_xlabel("age (periods since the first purchase)")
    ax.set_ylabel("cohort (period of the first purchase)")
    ax.set_title(title)
    return ax


def plot_cohort_curves(table: pd.DataFrame, ax: Axes | None = None, *, every: int = 6,
                       title: str = "Retention by age: every cohort's curve and their mean") -> Axes:
    """``cohort_retention`` as lines: thin lines for every ``every``-th cohort, a thick line
    for the mean over the cohorts observed at each age (``average_retention``), age 0 left
    out (always 100 %); returns the Axes."""
    from crmlab.cohorts import average_retention

    ax = new_axes(ax)
    ages = [a for a in table.columns if a != 0]
    for (name, row), color in zip(table.iloc[::every].iterrows(), PALETTE[1:] * 10, strict=False):
        ax.plot(ages, row[ages].to_numpy(dtype=float), color=color, lw=1, alpha=0.8, label=f"cohort {name}")
    mean = average_retention(table).loc[ages, "share"]
    ax.plot(ages, mean.to_numpy(), color=PALETTE[0], lw=3, label="mean of the cohorts")
    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set_ylim(0, None)
    ax.set_xlabel("age (periods since the first purchase)")
    ax.set_ylabel("share of the cohort buying")
    ax.set_title(title)
    ax.legend(frameon=False, fontsize=8, ncols=2)
    tidy(ax)
    return ax


def plot_survival(curves: dict[str, pd.DataFrame], ax: Axes | None = None, *,
                  title: str = "Share of members still in the club (Kaplan-Meier)") -> Axes:
    """One step curve per group, each a ``survival_curve`` result; returns the Axes."""
    ax = new_axes(ax)
    for (name, curve), color in zip(curves.items(), PALETTE, strict=False):
        ax.step(curve.index, curve["survival"], where="post", color=color, lw=2, label=name)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("months since joining")
    ax.set_ylabel("share still a member")
    ax.set_title(title)
    ax.legend(frameon=False)
    tidy(ax)
    return ax
