"""Chapter 3 explorer: k-means segments of the household survey."""

from __future__ import annotations

from typing import Any

import ipywidgets as w
import pandas as pd
from matplotlib.figure import Figure
from sklearn.metrics import silhouette_score

from crmlab.plots.segmentation import plot_segment_profiles
from crmlab.segmentation import FEATURE_SETS, agreement, feature_matrix, segment_households, segment_profiles
from crmlab.widgets.base import Explorer
from crmlab.widgets.controls import LABEL, dropdown, int_slider


class SegmentExplorer(Explorer):
    """Chapter 3: number of segments, feature set and scaling -> segment profiles, the mean
    silhouette and (when the truth is given) the adjusted Rand index.

    >>> explorer = SegmentExplorer.on_course_data()
    >>> explorer.controls["k"].value = 3
    >>> len(explorer.result["profiles"])
    3
    """

    budget_ms = 1000.0  # an update refits k-means on 2,000 households (the issue allows 1 s)

    def __init__(self, survey: pd.DataFrame, truth: pd.Series | None = None) -> None:
        self.survey, self.truth = survey, truth
        self._cache: dict[tuple, dict[str, Any]] = {}
        super().__init__({
            "k": int_slider(5, 2, 8, "Segments k"),
            "features": dropdown(list(FEATURE_SETS), "all", "Features"),
            "scale": w.Checkbox(value=True, description="Standardise features", style=LABEL),
        }, figsize=(10.5, 5.2), table=True,
            margins={"left": 0.36, "right": 0.99, "bottom": 0.3, "top": 0.94})

    @classmethod
    def on_course_data(cls) -> SegmentExplorer:
        from crmlab.datasets import load_household_segments, load_households

        truth = load_household_segments().set_index("household_id")["segment"]
        return cls(load_households(), truth)

    def compute(self, k: int, features: str, scale: bool) -> dict[str, Any]:
        key = (k, features, scale)
        if key not in self._cache:
            columns = list(FEATURE_SETS[features])
            labels = segment_households(self.survey, k, columns, scale=scale)
            matrix = feature_matrix(self.survey, columns, scale=scale)
            self._cache[key] = {
                "labels": labels, "profiles": segment_profiles(self.survey, labels, columns),
                "silhouette": float(silhouette_score(matrix, labels)),
                "ari": None if self.truth is None else agreement(
                    labels, self.truth.reindex(labels.index))}
        return self._cache[key]

    def draw(self, result: dict[str, Any], figure: Figure) -> None:
        plot_segment_profiles(result["profiles"], figure.add_subplot())

    def table_html(self, result: dict[str, Any]) -> str:
        ari = "" if result["ari"] is None else \
            f" · agreement with the true segments (adjusted Rand index) <b>{result['ari']:.2f}</b>"
        space = "standardised" if self.controls["scale"].value else "unscaled"
        return (f"<p>mean silhouette <b>{result['silhouette']:.3f}</b>{ari}</p><p><i>The "
                f"silhouette is measured in the space clustered ({space}, "
                f"{self.controls['features'].value} features): compare it between values of k "
                "in one space, never across spaces or scalings — use the agreement for that."
                "</i></p>")
