"""Chapter 3 plots: choosing k, and segment profiles as a heatmap."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from crmlab.plots._style import ACCENT, MAIN, tidy

UNITS = {"age_head": "years", "household_size": "persons", "children": "persons",
         "elderly": "persons", "income": "k yuan/yr", "education_years": "years",
         "work_hours": "h/week"}  # the wants_ and price_sensitivity columns are ratings 1-10


def feature_label(column: str) -> str:
    """A heatmap column's name with its unit (``datasets/README.md``).

    >>> feature_label("income"), feature_label("wants_schools")
    ('income (k yuan/yr)', 'wants schools (1-10)')
    """
    return f"{column.replace('_', ' ')} ({UNITS.get(column, '1-10')})"


def plot_k_choice(table: pd.DataFrame, axes: tuple[Axes, Axes] | None = None
                  ) -> tuple[Axes, Axes]:
    """Inertia (the elbow) and mean silhouette against k, from ``choose_k``; returns the
    two Axes."""
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(8, 3.2), layout="constrained")
    left, right = axes
    left.plot(table.index, table["inertia"], color=MAIN, marker="o")
    left.set_title("Elbow: inertia falls less after the right k")
    left.set_ylabel("inertia (within-segment sum of squares)")
    right.plot(table.index, table["silhouette"], color=ACCENT, marker="o")
    right.set_title("Mean silhouette: higher is better separated")
    right.set_ylabel("mean silhouette (-1 to 1)")
    for ax in axes:
        ax.set_xlabel("number of segments k")
        ax.set_xticks(list(table.index))
        tidy(ax)
    return left, right


def plot_segment_profiles(profiles: pd.DataFrame, ax: Axes | None = None, *,
                          title: str = "Segment profiles: mean of each feature") -> Axes:
    """Heatmap of ``segment_profiles``: how far each segment's mean lies above (red) or below
    (blue) the average of all segments, in standard deviations of the segment means; the
    cells show the means in natural units. Returns the Axes."""
    means = profiles.drop(columns=["name", "share"])
    spread = means.std(ddof=0).replace(0, 1)
    z = ((means - means.mean()) / spread).to_numpy(dtype=float)
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 0.5 * len(profiles) + 1.8), layout="constrained")
    image = ax.imshow(z, cmap="RdBu_r", vmin=-2.5, vmax=2.5, aspect="auto")
    ax.figure.colorbar(image, ax=ax, shrink=0.9, pad=0.01,
                       label="segment mean vs the average of the segments (SDs)")
    ax.set_xticks(range(means.shape[1]), [feature_label(c) for c in means.columns],
                  rotation=35, ha="right")
    ax.set_yticks(range(len(profiles)), [f"{s}: {n} ({p:.0%})" for s, n, p in
                                         zip(profiles.index, profiles["name"], profiles["share"],
                                             strict=True)])
    if z.size <= 120:
        for (i, j), value in np.ndenumerate(means.to_numpy(dtype=float)):
            ax.text(j, i, f"{value:.0f}" if abs(value) >= 100 else f"{value:.1f}", ha="center",
                    va="center", fontsize=7)
    ax.set_xlabel("feature (the numbers: segment means in these units)")
    ax.set_ylabel("segment: name from its profile (share)")
    ax.set_title(title)
    return ax
