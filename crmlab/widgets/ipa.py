"""Chapter 5 explorer: where the importance-performance crosshair sits."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from crmlab.ipa import importance_performance
from crmlab.plots.ipa import ipa_background, ipa_marks
from crmlab.widgets.base import Explorer
from crmlab.widgets.controls import dropdown, slider


class IPAExplorer(Explorer):
    """Chapter 5: crosshair at the means, medians, the scale midpoint or chosen values ->
    each attribute's quadrant and action.

    >>> explorer = IPAExplorer.on_course_data()
    >>> explorer.controls["crosshair"].value = "scale"
    >>> explorer.result.attrs["crosshair"]
    (3.0, 3.0)
    """

    def __init__(self, importance: pd.Series, performance: pd.Series,
                 scale: tuple[float, float] = (1, 5)) -> None:
        self.importance, self.performance, self.scale = importance, performance, scale
        low, high = scale
        super().__init__({
            "crosshair": dropdown(["mean", "median", "scale", "chosen"], "mean", "Crosshair at"),
            "importance_at": slider(float(importance.mean()), low, high, 0.05, "Chosen importance"),
            "performance_at": slider(float(performance.mean()), low, high, 0.05,
                                     "Chosen performance"),
        }, figsize=(7, 5), table=True,
            margins={"left": 0.12, "right": 0.97, "bottom": 0.24, "top": 0.92})

    @classmethod
    def on_course_data(cls) -> IPAExplorer:
        from crmlab.datasets import GUEST_ATTRIBUTES, load_guest_survey

        survey = load_guest_survey()
        importance = pd.Series({a: survey[f"imp_{a}"].mean() for a in GUEST_ATTRIBUTES})
        performance = pd.Series({a: survey[f"perf_{a}"].mean() for a in GUEST_ATTRIBUTES})
        return cls(importance, performance)

    def compute(self, crosshair: str, importance_at: float, performance_at: float) -> pd.DataFrame:
        point = (importance_at, performance_at) if crosshair == "chosen" else crosshair
        return importance_performance(self.importance, self.performance, point, self.scale)

    def draw_background(self, figure: Figure) -> None:
        low, high = self.scale
        ipa_background(figure.add_subplot(), (low, high), (low, high))

    def draw_marks(self, result: pd.DataFrame, figure: Figure) -> list:
        x, y = result.attrs["crosshair"]
        return ipa_marks(result, figure.axes[0],
                         title=f"Crosshair at importance {x:.2f}, performance {y:.2f}")

    def table_html(self, result: pd.DataFrame) -> str:
        columns = ["importance", "performance", "quadrant", "on_line", "action"]
        return result[columns].round(2).to_html(border=0)
