"""Chapter 5 explorer: control charts of the monthly service quality."""

from __future__ import annotations

from typing import Any

import ipywidgets as w
import pandas as pd
from matplotlib.figure import Figure

from crmlab.plots.quality_control import control_chart_background, control_chart_marks
from crmlab.quality_control import RULES, p_chart, run_rules, xbar_chart
from crmlab.widgets.base import Explorer
from crmlab.widgets.controls import LABEL, slider


class ControlChartExplorer(Explorer):
    """Chapter 5: the width of the limits in sigmas and the Western Electric run rules ->
    the p chart of complaints per order and the X-bar chart of satisfaction scores, and the
    months flagged.

    >>> explorer = ControlChartExplorer.on_course_data()
    >>> sorted(set(explorer.result["flagged"].index))
    ['2024-08']
    """

    def __init__(self, quality: pd.DataFrame) -> None:
        self.quality = quality.set_index("month")
        self.scores = self.quality[[c for c in self.quality.columns if c.startswith("score_")]]
        widest = self._charts(4.0)  # the y ranges hold the limits at every slider position
        self.ranges = {name: (min(c[v].min(), c["lcl"].min()), max(c[v].max(), c["ucl"].max()))
                       for name, (c, v) in widest.items()}
        super().__init__({
            "sigma": slider(3.0, 1.0, 4.0, 0.25, "Limits at ± sigma"),
            "rules": w.Checkbox(value=False, description="Western Electric run rules", style=LABEL),
        }, figsize=(8, 5.8), table=True,
            margins={"left": 0.11, "right": 0.97, "bottom": 0.16, "top": 0.94, "hspace": 0.8})

    @classmethod
    def on_course_data(cls) -> ControlChartExplorer:
        from crmlab.datasets import load_service_quality

        return cls(load_service_quality())

    def _charts(self, sigma: float) -> dict[str, tuple[pd.DataFrame, str]]:
        return {"p chart": (p_chart(self.quality["complaints"], self.quality["orders"], sigma), "p"),
                "X-bar chart": (xbar_chart(self.scores, sigma), "mean")}

    def compute(self, sigma: float, rules: bool) -> dict[str, Any]:
        charts, flagged = {}, []
        for name, (table, value) in self._charts(sigma).items():
            flags = run_rules(table[value], table["center"], table["sigma_unit"])
            if rules:
                table = table.assign(out=table["out"] | flags.iloc[:, 1:].any(axis=1))
            why = flags.apply(lambda row: ", ".join(r for r in RULES if row[r]) or "-", axis=1)
            charts[name] = (table, value)
            flagged.append(pd.DataFrame({"chart": name, "value": table[value], "rule": why}
                                        )[table["out"]])
        return {"charts": charts, "flagged": pd.concat(flagged).sort_index()}

    def draw_background(self, figure: Figure) -> None:
        labels = list(self.quality.index.astype(str))
        for ax, (low, high), ylabel in zip(
                figure.subplots(2, 1), self.ranges.values(),
                ["complaints per order", "mean score (1-10)"], strict=True):
            pad = 0.08 * (high - low)
            control_chart_background(ax, labels, (low - pad, high + pad), ylabel=ylabel)

    def draw_marks(self, result: dict[str, Any], figure: Figure) -> list:
        sigma = self.controls["sigma"].value
        artists = []
        for ax, (name, (table, value)) in zip(figure.axes, result["charts"].items(), strict=True):
            artists += control_chart_marks(table, ax, value, title=f"{name}, limits at ±{sigma:g} sigma")
        return artists

    def table_html(self, result: dict[str, Any]) -> str:
        flagged = result["flagged"]
        if flagged.empty:
            return "<p>No month is out of control.</p>"
        return "<b>Months out of control</b>" + flagged.round(4).to_html(border=0)
