"""Chapter 4 (tiering and customer value): reference answers."""

from __future__ import annotations

import pandas as pd

from crmlab.clv import BetaGeoModel, clv_retention, clv_summary
from crmlab.datasets import load_customers, load_transactions
from crmlab.generate import CALIBRATION_END
from crmlab.overview import customer_profit
from crmlab.registry import exercise
from crmlab.tiering import abc_classes, customer_pyramid, rfm_scores, rfm_table, top_share

AS_OF = "2025-12-31"
PAIR = (2382, 2500)  # both made 3 repeat purchases; 2382 stopped early, 2500 bought lately


def gross_margin() -> pd.Series:
    """Gross margin (amount - cost) per customer: the value the chapter tiers by."""
    return customer_profit(load_transactions(), load_customers())["gross margin"]


@exercise("ch4.ex1", "sort the gross margins from largest to smallest, add up the first "
                     "20 % of customers (800 of 4,000) and divide by the total.")
def top_20_share() -> float:
    return top_share(gross_margin(), 0.2)


@exercise("ch4.ex2", "sort by gross margin descending and customer_id ascending; the first "
                     "800 are A, the next 2,800 B, the last 400 C. Index by customer_id.")
def abc_by_customers() -> pd.Series:
    return abc_classes(gross_margin()).astype(str)


@exercise("ch4.ex3", "rank the customers; k <= 40 top, k <= 800 major, k <= 2,000 ordinary, "
                     "else small. Return the counts indexed by tier name.")
def pyramid_counts() -> pd.Series:
    return customer_pyramid(gross_margin()).value_counts().astype("int64")


@exercise("ch4.ex4", "rank recency with ascending=False and method='first' (the rfm table is "
                     "sorted by customer_id, so ties go by id), then pd.qcut(rank, 5, "
                     "labels=[1, 2, 3, 4, 5]).")
def recency_scores() -> pd.Series:
    return rfm_scores(rfm_table(load_transactions(), AS_OF))["R"].astype("int64")


@exercise("ch4.ex5", "sum 120 * (0.75 / 1.1) ** t for t = 1..5, then subtract 60.")
def retention_clv_by_hand() -> float:
    return clv_retention(120, 0.75, 0.10, periods=5, acquisition_cost=60)


@exercise("ch4.ex6", "fit BetaGeoModel on clv_summary(transactions, CALIBRATION_END, 'D') and "
                     "compare p_alive for the two customers; answer with the customer_id.")
def more_likely_alive() -> int:
    summary = clv_summary(load_transactions(), CALIBRATION_END, "D")
    model = BetaGeoModel().fit(summary)
    rows = summary.loc[list(PAIR)]
    alive = pd.Series(model.p_alive(rows["frequency"], rows["recency"], rows["T"]),
                      index=rows.index)
    return int(alive.idxmax())


@exercise("ch4.ex7", "in the ABC explorer choose 'value', keep the cuts at 0.80 and 0.95 and "
                     "read the share of customers in class A (a fraction, two decimals).",
          atol=0.006, rtol=0.0)
def share_of_customers_in_a_by_value() -> float:
    return float((abc_classes(gross_margin(), by="value") == "A").mean())
