"""Chapter 1 explorer: customer count, margin and the four cuts -> Kotler's grid."""

from __future__ import annotations

from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from crmlab.plots.relationships import (
    kotler_grid_background,
    kotler_grid_marks,
    serving_cost_background,
    serving_cost_marks,
)
from crmlab.relationships import (
    FEW_BELOW,
    HIGH_FROM,
    LOW_BELOW,
    MANY_FROM,
    TYPE_KEYS,
    adjusted_types,
    classify_product_lines,
    customer_level,
    margin_level,
    recommend_relationship_type,
    relationship_profit,
)
from crmlab.widgets.base import Explorer
from crmlab.widgets.controls import dropdown, log_slider, slider


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


class ServingCostExplorer(Explorer):
    """Chapter 1: a product line's margin, the cost of one contact, how many contacts each
    type makes and how much closeness keeps customers -> serving cost against margin and
    lifetime profit for each relationship type.

    >>> explorer = ServingCostExplorer.on_course_data()
    >>> explorer.result["best"]
    'reactive'
    >>> explorer.controls["line"].value = "national retail-chain account"
    >>> explorer.result["best"]
    'partnership'
    """

    def __init__(self, lines: pd.DataFrame) -> None:
        self.lines = lines.set_index("product_line")
        first = self.lines.iloc[0]
        super().__init__({
            "line": dropdown(list(self.lines.index), self.lines.index[0], "Product line"),
            "annual_margin": log_slider(first["annual_margin_per_customer"], 0, 9.5,
                                        "Margin / customer / year"),
            "contact_cost": log_slider(first["contact_cost"], 0, 6, "Cost per contact"),
            "contacts_scale": slider(1.0, 0.0, 4.0, 0.05, "Contacts x"),
            "closeness": slider(1.0, 0.0, 1.0, 0.05, "Retention gain x"),
        }, figsize=(7.5, 3.6), table=True,
            margins={"left": 0.12, "right": 0.98, "bottom": 0.16, "top": 0.9})
        self.load_defaults_on("line", self._line_values)

    @classmethod
    def on_course_data(cls) -> ServingCostExplorer:
        from crmlab.datasets import load_product_lines

        return cls(load_product_lines())

    def _line_values(self, name: str) -> dict[str, float]:
        """Choosing a product line loads its margin and contact cost."""
        line = self.lines.loc[name]
        return {"annual_margin": float(line["annual_margin_per_customer"]),
                "contact_cost": float(line["contact_cost"])}

    def compute(self, line: str, annual_margin: float, contact_cost: float,
                contacts_scale: float, closeness: float) -> dict[str, Any]:
        table = relationship_profit(annual_margin, contact_cost,
                                    types=adjusted_types(contacts_scale, closeness))
        return {"line": line, "annual_margin": annual_margin, "table": table,
                "best": str(table["lifetime_profit"].idxmax())}

    def draw_background(self, figure: Figure) -> None:
        serving_cost_background(figure.add_subplot(), list(TYPE_KEYS))

    def draw_marks(self, result: dict[str, Any], figure: Figure) -> list:
        return serving_cost_marks(result["table"], result["annual_margin"], figure.axes[0],
                                  title=f"{result['line']}: best type {result['best']}")

    def table_html(self, result: dict[str, Any]) -> str:
        table = result["table"][["contacts_per_year", "serving_cost", "retention",
                                 "lifetime_profit"]]
        return (f"<b>{result['line']}</b>: {result['annual_margin']:,.0f} yuan margin per "
                f"customer and year; lifetime profit = (margin - serving cost) / (1 - "
                f"retention)" + table.to_html(border=0, float_format="{:,.2f}".format))
