"""Chapter 0 (introduction): reference answers."""

from __future__ import annotations

import pandas as pd

from crmlab.datasets import load_customers, load_transactions
from crmlab.overview import customer_profit, period_summary, retention_for_loss
from crmlab.registry import exercise


@exercise("ch0.ex1",
          "A customer is active in 2024 if at least one of their purchases is dated in 2024; "
          "count each customer once, however often they bought.",
          "keep the rows whose date is in 2024 (transactions['date'].dt.year == 2024), then "
          "count distinct customer_id values with .nunique().")
def customers_active_in_2024() -> int:
    tx = load_transactions()
    return int(tx.loc[tx["date"].dt.year == 2024, "customer_id"].nunique())


@exercise("ch0.ex2",
          "The channel is a fact about the customer, the amount a fact about the purchase: "
          "bring the two tables together before you add up, and keep only 2025.",
          "keep the 2025 rows of transactions, merge customers[['customer_id', 'channel']] "
          "on customer_id, then groupby('channel')['amount'].sum().")
def revenue_by_channel_2025() -> pd.Series:
    tx = load_transactions()
    tx = tx[tx["date"].dt.year == 2025].merge(load_customers()[["customer_id", "channel"]],
                                               on="customer_id")
    return tx.groupby("channel")["amount"].sum()


@exercise("ch0.ex3",
          "If a share r stays each year, after 3 years r x r x r are left; that must equal "
          "the share kept, 1 - 0.30.",
          "solve r ** 3 = 0.7: r = 0.7 ** (1 / 3).")
def retention_losing_30_percent_in_three_years() -> float:
    return retention_for_loss(0.3, 3)


@exercise("ch0.ex4",
          "Only customers who signed up in 2024 count, both in the numerator and in the "
          "denominator; a customer with no purchase has a margin of 0.",
          "margin per customer = (amount - cost) summed by customer_id; profit = margin "
          "(reindexed to all customers, fill 0) - acquisition_cost; keep customers whose "
          "signup_date is in 2024 and take the mean of (profit < 0).", rtol=1e-4)
def share_unprofitable_2024_signups() -> float:
    customers = load_customers()
    profit = customer_profit(load_transactions(), customers)["profit"]
    signed_2024 = customers.set_index("customer_id")["signup_date"].dt.year == 2024
    return float((profit[signed_2024.reindex(profit.index)] < 0).mean())


@exercise("ch0.ex5",
          "Each setting of the widget answers one question: choose the metric, the period "
          "and the channel the question names, then look for the tallest bar in 2024.",
          "metric 'new customers', period 'month', channel 'referral'; the tallest bar among "
          "the twelve months of 2024 (tour.result holds the numbers), answered as 'YYYY-MM'.")
def best_referral_month_2024() -> str:
    customers = load_customers()
    referral = customers.loc[customers["channel"] == "referral", "customer_id"]
    tx = load_transactions()
    new = period_summary(tx[tx["customer_id"].isin(referral)], period="month")["new customers"]
    return str(new[new.index.year == 2024].idxmax())


@exercise("ch0.ex6",
          "Separate the three jobs in the story: who keeps the records, who turns them into a "
          "risk score, and who acts on the score with the customer.",
          "analytical CRM turns data into knowledge (the score); the question asks about the "
          "phoning through a channel, with the customer, using that knowledge.")
def crm_kind_of_call_centre_campaign() -> str:
    return "c"


@exercise("ch0.ex7",
          "Ask what the customer wants at that moment: to find out, to be told who looks "
          "after them, to be understood, or to be won back?",
          "the customer has just bought for the first time and the firm names the person who "
          "will look after them: look for the stage between enquiry and getting to know.")
def stage_of_a_first_order_note() -> str:
    return "c"


@exercise("ch0.ex8",
          "Each of the six areas asks a different kind of question; this one is about "
          "numbers the firm should know after it has acted, not before.",
          "'what did each campaign earn, what does a channel cost' are questions about "
          "results of activities: the area that asks for key indicators per campaign and "
          "cost and profit per channel.")
def assessment_area_of_missing_campaign_figures() -> str:
    return "e"
