"""Chapter 1 (relationship types): reference answers."""

from __future__ import annotations

import pandas as pd

from crmlab.datasets import load_product_lines
from crmlab.registry import exercise
from crmlab.relationships import adjusted_types, classify_product_lines, relationship_profit

STRICTER = {"customer_cuts": (100, 5_000), "margin_cuts": (0.15, 0.30)}  # exercise 1's cuts


def _line(name: str) -> pd.Series:
    return load_product_lines().set_index("product_line").loc[name]


@exercise("ch1.ex1",
          "The matrix is the same; only the borders between levels move. A line with 6,000 "
          "customers is now 'many', a margin of 35 % is now 'high'.",
          "pd.cut(customers, [0, 100, 5000, inf], right=False, labels=['few', 'medium', "
          "'many']) and pd.cut(margin, [0, 0.15, 0.30, 1], right=False, labels=['low', "
          "'medium', 'high']); look each pair up in kotler_matrix(); index by product_line.")
def recommended_with_stricter_cuts() -> pd.Series:
    lines = classify_product_lines(load_product_lines(), **STRICTER)
    return lines.set_index("product_line")["recommended"]


@exercise("ch1.ex2",
          "A mismatch is a line whose firm runs a type other than the one the matrix gives "
          "with exercise 1's cuts.",
          "compare lines['current_type'] with your Series from exercise 1 (align on "
          "product_line) and keep the product_line names where they differ, as a set.")
def mismatched_lines_with_stricter_cuts() -> set[str]:
    lines = classify_product_lines(load_product_lines(), **STRICTER)
    return set(lines.loc[lines["mismatch"], "product_line"])


@exercise("ch1.ex3",
          "Serving cost grows with the number of contacts; retention decides how many years "
          "the customer pays for them.",
          "for industrial pumps: serving cost = contacts_per_year x contact_cost (8,000 "
          "yuan); lifetime profit = (annual margin 72,000 - serving cost) / (1 - retention); "
          "reactive: 0.2 contacts, retention 0.6; proactive: 4 contacts, retention 0.8. Index "
          "by type.", rtol=1e-4)
def pump_profit_two_types() -> pd.Series:
    line = _line("industrial pumps")
    table = relationship_profit(line["annual_margin_per_customer"], line["contact_cost"])
    return table.loc[["reactive", "proactive"], "lifetime_profit"]


@exercise("ch1.ex4",
          "Moving a margin cut moves every line whose margin lies between the old and the new "
          "cut into another column of the grid.",
          "set \"'High' margin from\" to 0.50, leave the other cuts, and count the red crosses "
          "(explorer.result['lines']['mismatch'].sum() gives the same number).")
def mismatches_with_high_from_half() -> int:
    lines = classify_product_lines(load_product_lines(), margin_cuts=(0.15, 0.50))
    return int(lines["mismatch"].sum())


@exercise("ch1.ex5",
          "Read what the firm does after the sale: does it wait for the customer, ask once, "
          "keep offering, or work on the customer's problems with them?",
          "one call soon after the sale to ask whether the product meets expectations and to "
          "collect suggestions is the definition of one of the five types.")
def type_of_a_follow_up_call() -> str:
    return "accountable"


@exercise("ch1.ex6",
          "Compute the lifetime profit of every type for corporate travel accounts, find the "
          "best one, and compare it with what the hotel runs today.",
          "table = relationship_profit(56700, 2000); answer table['lifetime_profit'].max() - "
          "table.loc['reactive', 'lifetime_profit'].", rtol=1e-4)
def gain_from_switching_travel_accounts() -> float:
    line = _line("corporate travel accounts")
    profit = relationship_profit(line["annual_margin_per_customer"],
                                 line["contact_cost"])["lifetime_profit"]
    return float(profit.max() - profit["reactive"])


@exercise("ch1.ex7",
          "Choose the ERP line first (it loads its margin and contact cost), then double the "
          "contacts; the title names the best type and the table lists its lifetime profit.",
          "Product line 'enterprise ERP licences', Contacts x 2.00, Retention gain x 1.00; "
          "read lifetime_profit of the type named in the title.", rtol=1e-4)
def erp_best_profit_with_double_contacts() -> float:
    line = _line("enterprise ERP licences")
    table = relationship_profit(line["annual_margin_per_customer"], line["contact_cost"],
                                types=adjusted_types(contacts_scale=2.0))
    return float(table["lifetime_profit"].max())
