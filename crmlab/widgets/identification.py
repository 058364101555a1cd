"""Chapter 3 explorer: Burnett's matrix with group weights and level cuts."""

from __future__ import annotations

from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from crmlab.identification import GROUP_WEIGHTS, GROUPS, LEVEL_CUTS, burnett_matrix, weights_from_groups
from crmlab.plots.identification import burnett_grid_background, burnett_grid_marks
from crmlab.widgets.base import Explorer
from crmlab.widgets.controls import slider

GROUP_CONTROLS = dict(zip(("w_business", "w_product", "w_industry", "w_joint"), GROUPS,
                          strict=True))


class BurnettExplorer(Explorer):
    """Chapter 3: the weight of each group of attractiveness indicators (normalised live)
    and the level cuts -> accounts on Burnett's grid, counts per strategy, and the accounts
    whose strategy differs from the course defaults.

    >>> explorer = BurnettExplorer.on_course_data()
    >>> int(explorer.result["counts"].sum())
    150
    >>> explorer.controls["w_joint"].value = 0.0
    >>> round(sum(explorer.result["group_weights"].values()), 6)
    1.0
    """

    def __init__(self, scores: pd.DataFrame) -> None:
        self.scores = scores
        self.default = burnett_matrix(scores)["strategy"]
        a_low, a_high = LEVEL_CUTS
        super().__init__({
            **{name: slider(GROUP_WEIGHTS[group], 0.0, 1.0, 0.01, f"Weight: {group}")
               for name, group in GROUP_CONTROLS.items()},
            "a_low": slider(a_low, 1.1, 4.9, 0.05, "Attractiveness: medium from"),
            "a_high": slider(a_high, 1.1, 4.9, 0.05, "high from"),
            "r_low": slider(a_low, 1.1, 4.9, 0.05, "Relationship: fair from"),
            "r_high": slider(a_high, 1.1, 4.9, 0.05, "good from"),
        }, figsize=(7.5, 5.4), table=True,
            margins={"left": 0.1, "right": 0.98, "bottom": 0.1, "top": 0.93})

    @classmethod
    def on_course_data(cls) -> BurnettExplorer:
        from crmlab.datasets import load_burnett_scores

        return cls(load_burnett_scores())

    def compute(self, w_business: float, w_product: float, w_industry: float, w_joint: float,
                a_low: float, a_high: float, r_low: float, r_high: float) -> dict[str, Any]:
        groups = dict(zip(GROUPS, (w_business, w_product, w_industry, w_joint), strict=True))
        weights = weights_from_groups(groups)
        matrix = burnett_matrix(self.scores, weights, attractiveness_cuts=(a_low, a_high),
                                relationship_cuts=(r_low, r_high))
        changed = matrix["strategy"] != self.default
        total = sum(groups.values())
        return {"matrix": matrix, "cuts": ((a_low, a_high), (r_low, r_high)),
                "counts": matrix["strategy"].value_counts(),
                "group_weights": {g: v / total for g, v in groups.items()},
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
        weights = " · ".join(f"{g} {w:.0%}" for g, w in result["group_weights"].items())
        counts = result["counts"].rename("accounts").to_frame().to_html(border=0)
        changed = result["changed"].head(15).to_html(border=0) if len(result["changed"]) \
            else "<p>none: every account keeps its default strategy</p>"
        return (f"<p><b>Group weights, normalised to 100 %:</b> {weights}</p>"
                f"<div style='display:flex;gap:2em'><div><b>Accounts per strategy</b>{counts}"
                f"</div><div><b>Strategy changed (first 15)</b>{changed}</div></div>")
