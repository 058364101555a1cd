"""Chapter 1 (relationship types): reference answers."""

from __future__ import annotations

import pandas as pd

from crmlab.datasets import load_product_lines
from crmlab.registry import exercise
from crmlab.relationships import (
    classify_product_lines,
    recommend_relationship_type,
    relationship_profit,
)


@exercise("ch1.ex1", "use pd.cut on customers with bins [0, 100, 10000, inf] and on margin "
                     "with [0, 0.15, 0.40, 1], right=False; then look the pair up in the "
                     "matrix. Index the result by product_line.")
def recommended_by_line() -> pd.Series:
    lines = classify_product_lines(load_product_lines())
    return lines.set_index("product_line")["recommended"]


@exercise("ch1.ex2", "compare current_type with your recommendation from exercise 1 and keep "
                     "the product_line values where they differ.")
def mismatched_lines() -> set[str]:
    lines = classify_product_lines(load_product_lines())
    return set(lines.loc[lines["mismatch"], "product_line"])


def _line(name: str) -> pd.Series:
    lines = load_product_lines().set_index("product_line")
    return lines.loc[name]


@exercise("ch1.ex3", "serving cost = contacts per year x contact cost; lifetime profit = "
                     "(annual margin - serving cost) / (1 - retention). Index by type.",
          rtol=1e-4)
def shampoo_profit_two_types() -> pd.Series:
    line = _line("shampoo (consumers)")
    table = relationship_profit(line["annual_margin_per_customer"], line["contact_cost"])
    return table.loc[["reactive", "partnership"], "lifetime_profit"]


@exercise("ch1.ex4", "keep customers at 5,000 and move the margin slider up from 0 until the "
                     "highlighted cell changes from reactive to accountable.")
def margin_where_recommendation_changes() -> float:
    for cents in range(0, 100):
        if recommend_relationship_type(5_000, cents / 100) == "accountable":
            return cents / 100
    raise AssertionError("no change found")  # pragma: no cover


@exercise("ch1.ex5", "compare what one contact costs with what one consumer brings in a year.")
def why_not_partnership_for_shampoo() -> str:
    return "b"


@exercise("ch1.ex6", "run relationship_profit with the spare-parts line's annual margin per "
                     "customer and contact cost; take idxmax() of lifetime_profit.")
def best_type_for_spare_parts() -> str:
    line = _line("spare parts and maintenance")
    table = relationship_profit(line["annual_margin_per_customer"], line["contact_cost"])
    return str(table["lifetime_profit"].idxmax())
