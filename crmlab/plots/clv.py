"""Chapter 4 plots of customer lifetime value."""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes

from crmlab.plots._style import ACCENT, GOOD, GREY, MAIN, new_axes, tidy


def plot_clv_curve(curve: pd.Series, ax: Axes | None = None) -> Axes:
    """Cumulative discounted profit of one customer year by year, from ``clv_curve``;
    returns the Axes."""
    ax = new_axes(ax)
    horizon = int(curve.index.max())
    ax.plot(curve.index, curve.to_numpy(), color=MAIN, lw=2, marker="o" if horizon <= 30 else None,
            ms=3)
    ax.axhline(0, color=GREY, lw=1)
    ax.set_xlabel("years")
    ax.set_ylabel("cumulative discounted profit (yuan)")
    ax.set_title(f"CLV after {horizon} years: {curve.iloc[-1]:,.0f} yuan")
    tidy(ax)
    return ax


MODEL_STYLES = ({"color": ACCENT, "ls": "--"}, {"color": GOOD, "ls": ":"}, {"color": GREY, "ls": "-."})


def _actual_and_models(table: pd.DataFrame, ax: Axes, others: tuple[str, ...], marker: str | None,
                       labels: tuple[str, str, str]) -> None:
    """The actual column as a solid line and every model column in its own style; labels
    are (x label, y label, title)."""
    models = [c for c in table.columns if c not in ("actual", *others)]
    ax.plot(table.index, table["actual"], color=MAIN, lw=2, marker=marker, label="actual")
    for name, style in zip(models, MODEL_STYLES, strict=False):
        ax.plot(table.index, table[name], lw=2, marker=marker and "s", label=name, **style)
    ax.set_xlabel(labels[0])
    ax.set_ylabel(labels[1])
    ax.legend(frameon=False, fontsize=8)
    ax.set_title(labels[2])
    tidy(ax)


def plot_tracking(table: pd.DataFrame, ax: Axes | None = None, *,
                  title: str = "Cumulative repeat purchases: actual and expected") -> Axes:
    """The tracking plot of ``clv_diagnostics.tracking``: actual cumulative repeat
    purchases and each model's expectation, with the calibration/holdout split; returns
    the Axes."""
    ax = new_axes(ax)
    _actual_and_models(table, ax, ("holdout",), None,
                       ("period end", "repeat purchase periods (cumulative)", title))
    if table["holdout"].any():
        start = table.index[table["holdout"]][0]
        ax.axvline(start, color=GREY, lw=1)
        ax.text(start, 0.02, " holdout", transform=ax.get_xaxis_transform(), fontsize=8, color=GREY)
    return ax


def plot_conditional_expectations(table: pd.DataFrame, ax: Axes | None = None, *,
                                  title: str = "Holdout purchases by calibration frequency") -> Axes:
    """Mean holdout purchases per calibration frequency from
    ``clv_diagnostics.conditional_expectations``: actual and each model; returns the Axes."""
    ax = new_axes(ax)
    _actual_and_models(table, ax, ("customers",), "o",
                       ("repeat purchases in the calibration period",
                        "mean repeat purchases in the holdout", title))
    return ax


def plot_frequency_recency(grid: pd.DataFrame, ax: Axes | None = None, *, title: str,
                           label: str) -> Axes:
    """A heatmap of ``clv_diagnostics.frequency_recency_grid`` (frequency up, recency
    across) with a colour bar named ``label``; returns the Axes."""
    ax = new_axes(ax, figsize=(7, 4.2))
    image = ax.imshow(grid.to_numpy(dtype=float), origin="lower", aspect="auto", cmap="viridis",
                      extent=(-0.5, grid.columns[-1] + 0.5, -0.5, grid.index[-1] + 0.5))
    ax.figure.colorbar(image, ax=ax, label=label)
    ax.set_xlabel("recency: periods from first to last purchase")
    ax.set_ylabel("frequency: repeat purchases")
    ax.set_title(title)
    return ax
