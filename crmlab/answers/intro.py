"""Chapter 0 (introduction): reference answers."""

from __future__ import annotations

import pandas as pd

from crmlab.datasets import load_customers, load_transactions
from crmlab.overview import customer_profit, period_summary, retention_for_loss
from crmlab.registry import exercise


@exercise("ch0.ex1", "keep the rows whose date is in 2024, then count distinct customer_id "
                     "values with .nunique().")
def customers_active_in_2024() -> int:
    tx = load_transactions()
    return int(tx.loc[tx["date"].dt.year == 2024, "customer_id"].nunique())


@exercise("ch0.ex2", "merge the channel from customers onto transactions, then "
                     "groupby('channel')['amount'].sum().")
def revenue_by_channel() -> pd.Series:
    tx = load_transactions().merge(load_customers()[["customer_id", "channel"]], on="customer_id")
    return tx.groupby("channel")["amount"].sum()


@exercise("ch0.ex3", "solve retention ** 5 = 0.5 for retention.")
def retention_losing_half_in_five_years() -> float:
    return retention_for_loss(0.5, 5)


@exercise("ch0.ex4", "profit = sum of (amount - cost) per customer minus acquisition_cost; "
                     "then take the mean of (profit < 0).", rtol=1e-4)
def share_unprofitable() -> float:
    return float((customer_profit(load_transactions(), load_customers())["profit"] < 0).mean())


@exercise("ch0.ex5", "set the explorer to metric 'revenue', period 'month', channel 'all' "
                     "and find the tallest bar of 2024; answer as 'YYYY-MM'.")
def best_month_2024() -> str:
    revenue = period_summary(load_transactions())["revenue"]
    in_2024 = revenue[revenue.index.year == 2024]
    return str(in_2024.idxmax())


@exercise("ch0.ex6", "analytical CRM turns data into knowledge; collaborative CRM puts "
                     "that knowledge in front of the customer through a channel.")
def crm_kind_of_call_centre_campaign() -> str:
    return "c"
