"""Chapter 6 plots of the sBG model: survival projected beyond the months it was fitted on,
retention by tenure, and what a member is worth by tenure."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.ticker import PercentFormatter

from crmlab.plots._style import GREY, PALETTE, new_axes, tidy


def plot_survival_projection(observed: pd.Series, projections: dict[str, pd.Series],
                             calibration: int, ax: Axes | None = None, *,
                             title: str = "Survival projected beyond the months fitted on"
                             ) -> Axes:
    """The observed survival (a step curve, e.g. Kaplan-Meier) with model projections as
    lines (each a Series over months); the months the models were fitted on are shaded.
    A projection named "truth …" is drawn dashed; returns the Axes.

    >>> projections = {"sBG": pd.Series([1.0, 0.6, 0.45]), "truth": pd.Series([1.0, 0.62, 0.47])}
    >>> ax = plot_survival_projection(pd.Series([1.0, 0.61, 0.46]), projections, 1)
    >>> [line.get_label() for line in ax.get_lines()]
    ['observed (Kaplan-Meier)', 'sBG', 'truth']
    """
    ax = new_axes(ax)
    ax.axvspan(0, calibration, color=GREY, alpha=0.12, lw=0)
    ax.text(calibration / 2, 0.03, "fitted on", ha="center", fontsize=8, color=GREY)
    ax.step(observed.index, observed.to_numpy(dtype=float), where="post", color="black", lw=1.5,
            label="observed (Kaplan-Meier)")
    for (name, curve), color in zip(projections.items(), PALETTE, strict=False):
        ax.plot(curve.index, curve.to_numpy(dtype=float), color=color, lw=2,
                ls="--" if name.startswith("truth") else "-", label=name)
    ax.set_ylim(0, 1.02)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set_xlabel("months since joining")
    ax.set_ylabel("share still a member")
    ax.set_title(title)
    ax.legend(frameon=False, fontsize=8, loc="upper right")
    tidy(ax)
    return ax


def plot_value_by_tenure(values: pd.DataFrame, ax: Axes | None = None, *,
                         title: str = "What a member is still worth, by tenure") -> Axes:
    """The ``residual_values`` table as two lines over the renewals so far: the sBG value
    rises with tenure, the one-rate value stays flat; returns the Axes."""
    ax = new_axes(ax)
    ax.plot(values.index, values["sBG"], color=PALETTE[0], lw=2, marker="o", ms=4,
            label="sBG: retention rises with tenure")
    ax.plot(values.index, values["one rate"], color=PALETTE[1], lw=2, marker="o", ms=4,
            label="one rate for everyone")
    ax.set_ylim(0, None)
    ax.set_xlabel("months the member has already stayed (renewals)")
    ax.set_ylabel("residual value (yuan)")
    ax.set_title(title)
    ax.legend(frameon=False, fontsize=8, loc="lower right")
    tidy(ax)
    return ax


RETENTION_TICKS = {1.0: "0 %", 0.1: "90 %", 0.01: "99 %", 0.001: "99.9 %"}  # churn -> retention


def sbg_background(figure, months: int) -> None:
    """The explorer's two axes, the same for every control position: the share of today's
    members still there k = 0..``months`` months from now, and the retention in each coming
    month on a log scale of churn (so 90 %, 99 % and 99.9 % are equally far apart)."""
    survival, retention = figure.subplots(1, 2)
    for ax in (survival, retention):
        ax.set_xlim(0, months)
        ax.set_xlabel("months from now")
        tidy(ax, grid=False)
        ax.grid(axis="y", alpha=0.3)
    survival.set_ylim(0, 1.02)
    survival.set_ylabel("share of today's members left")
    survival.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    retention.set_yscale("log")
    retention.set_ylim(1.0, 0.001)  # churn 100 % at the bottom, 0.1 % at the top
    retention.set_yticks(list(RETENTION_TICKS), list(RETENTION_TICKS.values()))
    retention.minorticks_off()
    retention.set_ylabel("retention in that month")
    for ax in (survival, retention):
        ax.set_autoscale_on(False)


def sbg_marks(figure, survival: np.ndarray, retention: np.ndarray, one_rate: float,
              horizon: int, title: str) -> list[Artist]:
    """For a member at some tenure: their survival and retention in each coming month by
    the sBG and by the one rate, and the ``horizon`` that is valued (shaded)."""
    left, right = figure.axes
    months = np.arange(len(survival))
    artists: list[Artist] = [
        left.axvspan(0, horizon, color=GREY, alpha=0.12, lw=0),
        right.axvspan(0, horizon, color=GREY, alpha=0.12, lw=0),
        *left.plot(months, survival, color=PALETTE[0], lw=2, label="sBG"),
        *left.plot(months, one_rate ** months, color=PALETTE[1], lw=2,
                   label=f"one rate {one_rate:.3f}"),
        *right.plot(months[1:], np.clip(1 - retention, 1e-9, 1), color=PALETTE[0], lw=2),
        *right.plot([0, months[-1]], [1 - one_rate] * 2, color=PALETTE[1], lw=2),
    ]
    artists.append(left.legend(frameon=False, fontsize=8, loc="upper right"))
    artists.append(figure.suptitle(title, fontsize=10))
    return artists
