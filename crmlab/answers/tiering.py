"""Chapter 4 (tiering and customer value): reference answers."""

from __future__ import annotations

import functools

import pandas as pd

from crmlab.clv import BetaGeoModel, GammaGammaModel, clv_retention, clv_summary
from crmlab.clv_diagnostics import calibration_holdout, conditional_expectations
from crmlab.datasets import load_customers, load_transactions
from crmlab.generate import CALIBRATION_END
from crmlab.overview import customer_profit
from crmlab.pareto_nbd import ParetoNBDModel
from crmlab.registry import exercise
from crmlab.tiering import (
    abc_classes,
    customer_pyramid,
    gini,
    rfm_scores,
    rfm_table,
    tier_summary,
    top_share,
)

SPEND_CUSTOMER = 2382  # exercise 12: a customer with 3 repeat purchases in calibration


def gross_margin() -> pd.Series:
    """Gross margin (amount - cost) per customer: the value the chapter tiers by."""
    return customer_profit(load_transactions(), load_customers())["gross margin"]


def _in_2025(column: str) -> pd.Series:
    """Per customer who bought in 2025: their 2025 revenue or gross margin."""
    tx = load_transactions()
    tx = tx[tx["date"].dt.year == 2025]
    value = tx["amount"] if column == "revenue" else tx["amount"] - tx["cost"]
    return value.groupby(tx["customer_id"]).sum()


@functools.cache  # three exercises share one fit
def _calibration_fit() -> tuple[pd.DataFrame, BetaGeoModel]:
    summary = clv_summary(load_transactions(), CALIBRATION_END, "D")
    return summary, BetaGeoModel().fit(summary)


@exercise("ch4.ex1",
          "Rank customers from the largest margin down; the top 10 % of 4,000 customers is "
          "a fixed number of people.",
          "margin.sort_values(ascending=False), add up the first 400 and divide by the total "
          "margin.")
def top_10_share() -> float:
    return top_share(gross_margin(), 0.1)


@exercise("ch4.ex2",
          "Same ranking as the chapter, other borders: A is the first 15 % of customers, B "
          "runs to 85 %, C is the rest.",
          "sort by margin descending and customer_id ascending; the first 600 are A, the "
          "next 2,800 B, the last 600 C. Index by customer_id.")
def abc_with_15_85_cuts() -> pd.Series:
    return abc_classes(gross_margin(), cuts=(0.15, 0.85)).astype(str)


@exercise("ch4.ex3",
          "Tier only the customers who bought in 2025, by what they brought in 2025; the top "
          "tier is their top 1 %.",
          "margin_2025 = (amount - cost) of the 2025 rows summed by customer_id; sort it "
          "descending, the top tier is the first int(0.01 * n) customers; answer their sum "
          "divided by the total.", rtol=1e-4)
def top_tier_share_2025() -> float:
    margin = _in_2025("gross margin")
    summary = tier_summary(margin, customer_pyramid(margin))
    return float(summary.loc["top", "value_share"])


@exercise("ch4.ex4",
          "On 31 December 2024 only the purchases made by then exist: cut the data first, "
          "then score recency as the chapter does.",
          "rfm = rfm_table(transactions[transactions['date'] <= '2024-12-31'], "
          "'2024-12-31'); rank recency with ascending=False, method='first', then "
          "pd.qcut(rank, 5, labels=[1, 2, 3, 4, 5]).")
def recency_scores_end_2024() -> pd.Series:
    tx = load_transactions()
    rfm = rfm_table(tx[tx["date"] <= "2024-12-31"], "2024-12-31")
    return rfm_scores(rfm)["R"].astype("int64")


@exercise("ch4.ex5",
          "Each year's margin is multiplied by the chance the customer is still there and "
          "divided by the discount factor; add the four years, then pay for acquisition.",
          "sum 200 * (0.8 / 1.12) ** t for t = 1..4, then subtract 150.")
def retention_clv_by_hand() -> float:
    return clv_retention(200, 0.8, 0.12, periods=4, acquisition_cost=150)


@exercise("ch4.ex6",
          "Fit the model once on the calibration summary, then ask it for every customer's "
          "P(alive) and count.",
          "summary = clv_summary(transactions, CALIBRATION_END, freq='D'); bg = "
          "BetaGeoModel().fit(summary); count bg.p_alive(frequency, recency, T) < 0.5.",
          atol=2, rtol=0.0)
def customers_probably_gone() -> int:
    summary, bg = _calibration_fit()
    return int((bg.p_alive(summary["frequency"], summary["recency"], summary["T"]) < 0.5).sum())


@exercise("ch4.ex7",
          "The cuts are cumulative shares of value: A holds the customers who make the first "
          "70 % of the margin.",
          "in the ABC explorer choose 'value', set 'A up to' 0.70 and 'B up to' 0.90 and read "
          "A's share of customers (a fraction, two decimals).", atol=0.006, rtol=0.0)
def share_of_customers_in_a_at_70() -> float:
    return float((abc_classes(gross_margin(), by="value", cuts=(0.7, 0.9)) == "A").mean())


@exercise("ch4.ex8",
          "Gini needs the values sorted from the smallest up and their positions; use only "
          "2025 revenue of the customers who bought in 2025.",
          "x = np.sort(revenue_2025); n = len(x); G = 2 * sum(i * x_i) / (n * sum(x)) - "
          "(n + 1) / n with i = 1..n.", rtol=1e-6)
def gini_of_2025_revenue() -> float:
    return gini(_in_2025("revenue"))


@exercise("ch4.ex9",
          "A basket-size campaign works on customers who already come often but leave "
          "little each time.",
          "the matrix splits frequency and average purchase at their medians: look for high "
          "frequency with a low average amount.")
def value_cell_for_basket_campaign() -> str:
    return "c"


@exercise("ch4.ex10",
          "Read the three scores: who bought often and much, but not for a long time?",
          "R = 1 means long ago; F = 5 and M = 5 mean a valuable past. The action is the one "
          "that tries to bring a valuable customer back before they are gone for good.")
def action_for_r1_f5_m5() -> str:
    return "b"


@exercise("ch4.ex11",
          "Think about how long each customer usually waits between purchases, and how long "
          "each has now been quiet.",
          "12 repeat purchases in 150 days is one every two weeks; 550 quiet days are then "
          "very unusual for a customer who is still alive. One repeat purchase says little "
          "about the pace. You can check with bg.p_alive([12, 1], [150, 150], [700, 700]).")
def lower_p_alive_of_two_customers() -> str:
    summary, bg = _calibration_fit()
    frequent, rare = bg.p_alive([12, 1], [150, 150], [700, 700])
    return "a" if frequent < rare else "b"


@exercise("ch4.ex12",
          "The Gamma-Gamma model pulls a customer's own average towards the average of all "
          "customers, the more the fewer purchases the customer has.",
          "gg = GammaGammaModel().fit(summary); row = summary.loc[2382]; "
          "gg.expected_spend(row['frequency'], row['monetary_value']).", rtol=1e-4)
def expected_spend_of_2382() -> float:
    summary, _ = _calibration_fit()
    row = summary.loc[SPEND_CUSTOMER]
    return float(GammaGammaModel().fit(summary).expected_spend(row["frequency"],
                                                               row["monetary_value"]))


@exercise("ch4.ex14",
          "calibration_holdout with the new calibration end gives the weekly summary and the "
          "holdout counts; fit ParetoNBDModel on it and compare by calibration frequency.",
          "conditional_expectations(weekly, {'Pareto/NBD': model}).loc['0', 'Pareto/NBD'] with "
          "weekly = calibration_holdout(transactions, '2025-03-30', '2025-12-31', freq='W').")
def pareto_nbd_one_timers_longer_holdout() -> float:
    weekly = calibration_holdout(load_transactions(), "2025-03-30", "2025-12-31", freq="W")
    table = conditional_expectations(weekly, {"Pareto/NBD": ParetoNBDModel().fit(weekly)})
    return float(table.loc["0", "Pareto/NBD"])
