"""Chapter 5 explorer: the Kano classification rule and one feature's answers."""

from __future__ import annotations

from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from crmlab.kano import answer_grid, kano_table
from crmlab.plots._style import ACCENT
from crmlab.plots.kano import (
    answer_grid_background,
    answer_grid_marks,
    better_worse_background,
    better_worse_marks,
)
from crmlab.widgets.base import Explorer
from crmlab.widgets.controls import dropdown


class KanoExplorer(Explorer):
    """Chapter 5: rule (majority or relevance) and a feature -> every feature's category,
    the chosen feature's answers as the 5 x 5 table, and the Better-Worse diagram.

    >>> explorer = KanoExplorer.on_course_data()
    >>> explorer.controls["rule"].value = "relevance"
    >>> explorer.result["table"].loc["robot room service", "category"]
    'A'
    """

    def __init__(self, survey: pd.DataFrame) -> None:
        self.survey = survey
        self.tables = {rule: kano_table(survey, rule) for rule in ("majority", "relevance")}
        self.grids = {f: answer_grid(survey, f) for f in self.tables["majority"].index}
        self.majority = self.tables["majority"]
        features = list(self.majority.index)
        super().__init__({
            "rule": dropdown(["majority", "relevance"], "majority", "Rule"),
            "feature": dropdown(features, features[0], "Feature"),
        }, figsize=(10, 4.2), table=True,
            margins={"left": 0.1, "right": 0.98, "bottom": 0.24, "top": 0.86, "wspace": 0.45})

    @classmethod
    def on_course_data(cls) -> KanoExplorer:
        from crmlab.datasets import load_kano_survey

        return cls(load_kano_survey())

    def compute(self, rule: str, feature: str) -> dict[str, Any]:
        return {"table": self.tables[rule], "grid": self.grids[feature],
                "feature": feature, "rule": rule}

    def draw_background(self, figure: Figure) -> None:
        left, right = figure.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.2]})
        answer_grid_background(left)
        better_worse_background(right)
        better_worse_marks(self.majority, right)  # better and worse do not depend on the rule

    def draw_marks(self, result: dict[str, Any], figure: Figure) -> list:
        left, right = figure.axes
        category = result["table"].loc[result["feature"], "category"]
        row = self.majority.loc[result["feature"]]
        title = f"{result['feature']}: {category} ({result['rule']} rule)"
        artists = answer_grid_marks(result["grid"], left, title=title)
        if row["category"] in ("R", "Q"):  # not on the Better-Worse diagram
            return artists
        return [*artists, right.scatter([abs(row["worse"])], [row["better"]], s=140,
                                        facecolors="none", edgecolors=ACCENT, lw=2.5, zorder=4)]

    def table_html(self, result: dict[str, Any]) -> str:
        table = result["table"][["A", "O", "M", "I", "R", "Q", "category", "better", "worse",
                                 "significant"]].copy()
        table["majority"] = self.majority["category"]
        return (f"<b>Categories by the {result['rule']} rule</b> (significant: Fong's test of the "
                "top two)" + table.round(2).to_html(border=0))
