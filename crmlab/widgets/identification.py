"""Chapter 3 explorer: Burnett's matrix with the weight of any one indicator of either
index and the level cuts."""

from __future__ import annotations

from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from crmlab.identification import (
    ATTRACTIVENESS,
    LEVEL_CUTS,
    RELATIONSHIP,
    burnett_matrix,
    default_weights,
    normalise_weights,
)
from crmlab.plots.identification import burnett_grid_background, burnett_grid_marks
from crmlab.widgets.base import Explorer
from crmlab.widgets.controls import dropdown, slider

INDICATORS = {i.key: i for i in (*ATTRACTIVENESS, *RELATIONSHIP)}


class BurnettExplorer(Explorer):
    """Chapter 3: one indicator of either index and its weight as a multiple of the course
    weight (the others keep theirs; the weights are normalised live), and the level cuts ->
    accounts on Burnett's grid, counts per strategy, and the accounts whose strategy
    differs from the course defaults. Choosing another indicator puts the weight back to 1.

    >>> explorer = BurnettExplorer.on_course_data()
    >>> int(explorer.result["counts"].sum())
    150
    >>> explorer.set_controls(indicator="contact", weight=0.0)
    >>> round(float(explorer.result["weights"].sum()), 6), explorer.result["index"]
    (1.0, 'relationship')
    """

    def __init__(self, scores: pd.DataFrame) -> None:
        self.scores = scores
        self.default = burnett_matrix(scores)["strategy"]
        a_low, a_high = LEVEL_CUTS
        options = [(f"{'relationship' if i.group == 'relationship' else 'attractiveness'}: "
                    f"{i.english}", key) for key, i in INDICATORS.items()]
        super().__init__({
            "indicator": dropdown(options, "volume", "Indicator"),
            "weight": slider(1.0, 0.0, 4.0, 0.05, "its weight (x course)"),
            "a_low": slider(a_low, 1.1, 4.9, 0.05, "Attractiveness: medium from"),
            "a_high": slider(a_high, 1.1, 4.9, 0.05, "high from"),
            "r_low": slider(a_low, 1.1, 4.9, 0.05, "Relationship: fair from"),
            "r_high": slider(a_high, 1.1, 4.9, 0.05, "good from"),
        }, figsize=(7.5, 5.4), table=True,
            margins={"left": 0.1, "right": 0.98, "bottom": 0.1, "top": 0.93})
        self.load_defaults_on("indicator", lambda _key: {"weight": 1.0})

    @classmethod
    def on_course_data(cls) -> BurnettExplorer:
        from crmlab.datasets import load_burnett_scores

        return cls(load_burnett_scores())

    def compute(self, indicator: str, weight: float, a_low: float, a_high: float,
                r_low: float, r_high: float) -> dict[str, Any]:
        relationship = INDICATORS[indicator].group == "relationship"
        weights = {"attractiveness": default_weights(ATTRACTIVENESS),
                   "relationship": default_weights(RELATIONSHIP)}
        index = "relationship" if relationship else "attractiveness"
        weights[index][indicator] *= weight
        matrix = burnett_matrix(self.scores, weights["attractiveness"],
                                relationship_weights=weights["relationship"],
                                attractiveness_cuts=(a_low, a_high),
                                relationship_cuts=(r_low, r_high))
        changed = matrix["strategy"] != self.default
        return {"matrix": matrix, "cuts": ((a_low, a_high), (r_low, r_high)),
                "counts": matrix["strategy"].value_counts(), "index": index,
                "weights": normalise_weights(weights[index], tuple(weights[index])),
                "changed": pd.DataFrame({"default strategy": self.default[changed],
                                         "now": matrix.loc[changed, "strategy"]})}

    def draw_background(self, figure: Figure) -> None:
        burnett_grid_background(figure.add_subplot())

    def draw_marks(self, result: dict[str, Any], figure: Figure) -> list:
        return burnett_grid_marks(result["matrix"], figure.axes[0],
                                  attractiveness_cuts=result["cuts"][0],
                                  relationship_cuts=result["cuts"][1],
                                  highlight=list(result["changed"].index),
                                  title=f"{len(result['changed'])} of {len(result['matrix'])} "
                                        "accounts change strategy (ringed)")

    def table_html(self, result: dict[str, Any]) -> str:
        chosen = INDICATORS[self.controls["indicator"].value].english
        weights = (100 * result["weights"].rename(lambda k: INDICATORS[k].english)).round(1)
        weights = weights.rename(lambda k: f"» {k}" if k == chosen else k)
        counts = result["counts"].rename("accounts").to_frame().to_html(border=0)
        changed = result["changed"].head(15).to_html(border=0) if len(result["changed"]) \
            else "<p>none: every account keeps its default strategy</p>"
        return (f"<p>Chosen indicator: <b>{chosen}</b> at {self.controls['weight'].value:.2f} x "
                f"its course weight</p><div style='display:flex;gap:2em'><div><b>Weights of the "
                f"{result['index']} index, normalised to 100 %</b>"
                f"{weights.rename('weight (%)').to_frame().to_html(border=0)}</div>"
                f"<div><b>Accounts per strategy</b>{counts}</div>"
                f"<div><b>Strategy changed (first 15)</b>{changed}</div></div>")
