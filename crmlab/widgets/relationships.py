"""Chapter 1 explorer: customer count, margin and the four cuts -> Kotler's grid."""

from __future__ import annotations

from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from crmlab.plots.relationships import kotler_grid_background, kotler_grid_marks
from crmlab.relationships import (
    FEW_BELOW,
    HIGH_FROM,
    LOW_BELOW,
    MANY_FROM,
    classify_product_lines,
    customer_level,
    margin_level,
    recommend_relationship_type,
)
from crmlab.widgets.base import Explorer
from crmlab.widgets.controls import log_slider, slider


class RelationshipExplorer(Explorer):
    """Chapter 1: customer count and margin (and the four cuts) -> Kotler's grid.

    >>> explorer = RelationshipExplorer.on_course_data()
    >>> explorer.controls["customers"].value = 20
    >>> explorer.controls["margin"].value = 0.5
    >>> explorer.result["recommended"]
    'partnership'
    """

    def __init__(self, lines: pd.DataFrame) -> None:
        self.lines = lines
        super().__init__({
            "customers": log_slider(5_000, 0, 7, "Customers"),
            "margin": slider(0.25, 0.0, 0.95, 0.01, "Unit margin"),
            "few_below": log_slider(FEW_BELOW, 1, 3.5, "'Few' below"),
            "many_from": log_slider(MANY_FROM, 3, 6, "'Many' from"),
            "low_below": slider(LOW_BELOW, 0.01, 0.6, 0.01, "'Low' margin below"),
            "high_from": slider(HIGH_FROM, 0.05, 0.9, 0.01, "'High' margin from"),
        }, figsize=(7.5, 5.2), margins={"left": 0.13, "right": 0.98, "bottom": 0.15, "top": 0.93})

    @classmethod
    def on_course_data(cls) -> RelationshipExplorer:
        from crmlab.datasets import load_product_lines

        return cls(load_product_lines())

    def compute(self, customers: float, margin: float, few_below: float, many_from: float,
                low_below: float, high_from: float) -> dict[str, Any]:
        cuts = {"customer_cuts": (round(few_below), round(many_from)),
                "margin_cuts": (low_below, high_from)}
        n = round(customers)
        return {
            "customers": n,
            "margin": margin,
            "customer_level": customer_level(n, cuts["customer_cuts"]),
            "margin_level": margin_level(margin, cuts["margin_cuts"]),
            "recommended": recommend_relationship_type(n, margin, **cuts),
            "lines": classify_product_lines(self.lines, **cuts),
        }

    def draw_background(self, figure: Figure) -> None:
        kotler_grid_background(figure.add_subplot())

    def draw_marks(self, result: dict[str, Any], figure: Figure) -> list:
        return kotler_grid_marks(
            result["lines"], figure.axes[0],
            chosen=(result["customer_level"], result["margin_level"]),
            title=f"{result['customers']:,} customers at {result['margin']:.0%} margin: "
                  f"{result['recommended']}")
