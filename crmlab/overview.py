"""Chapter 0 compute: the retail business at a glance (revenue, customers, profit).

All functions take the canonical transactions table (``customer_id``, ``date``,
``amount``, optional ``cost``) and return new objects.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmlab.datasets import validate_customers, validate_transactions
from crmlab.errors import CRMDataError
from crmlab.schema import matching_ids

PERIODS = {"week": "W", "month": "M", "quarter": "Q"}
METRICS = ("revenue", "orders", "active customers", "new customers", "gross margin")


def retention_for_loss(lost_share: float = 0.5, years: float = 5) -> float:
    """Yearly retention rate at which a firm loses ``lost_share`` of its customers in ``years``.

    Solves (retention) ** years = 1 - lost_share. Losing half the customers in five
    years (seed 002) means keeping about 87 % of them each year:

    >>> round(retention_for_loss(0.5, 5), 4)
    0.8706

    Source: seed 002 (Fortune-500 firms lose about 50 % of customers in 5 years).
    """
    if not 0 <= lost_share < 1:
        raise CRMDataError(f"lost_share must be in [0, 1), got {lost_share!r}",
                           fix="give the share lost as a fraction, e.g. 0.5")
    if not years > 0:
        raise CRMDataError(f"years must be positive, got {years!r}", fix="e.g. years=5")
    return float((1.0 - lost_share) ** (1.0 / years))


def _with_channel(tx: pd.DataFrame, customers: pd.DataFrame | None) -> pd.DataFrame:
    if customers is None:
        return tx.assign(channel="all")
    cust = validate_customers(customers)
    if "channel" not in cust.columns:
        raise CRMDataError("customers has no 'channel' column", where="customers",
                           fix="pass customers with an acquisition channel, or customers=None")
    tx, cust = matching_ids(tx, cust, "customer_id", ("transactions", "customers"))
    return tx.merge(cust[["customer_id", "channel"]], on="customer_id", how="left")


def period_summary(
    transactions: pd.DataFrame,
    customers: pd.DataFrame | None = None,
    *,
    period: str = "month",
    channel: str | None = None,
) -> pd.DataFrame:
    """Revenue, orders, active and new customers and gross margin per calendar period.

    ``period`` is ``"week"``, ``"month"`` or ``"quarter"``; ``channel`` keeps only the
    customers acquired through that channel (needs ``customers``). New customers are
    counted in the period of their first purchase. Money in the data's currency (yuan).

    >>> tx = pd.DataFrame({"customer_id": [1, 1, 2], "amount": [10.0, 5.0, 7.0],
    ...                    "date": pd.to_datetime(["2024-01-03", "2024-02-01", "2024-02-09"])})
    >>> period_summary(tx)[["revenue", "orders", "active customers", "new customers"]]
             revenue  orders  active customers  new customers
    period
    2024-01     10.0       1                 1              1
    2024-02     12.0       2                 2              1
    """
    if period not in PERIODS:
        raise CRMDataError(f"unknown period {period!r}", fix=f"use one of {list(PERIODS)}")
    tx = _with_channel(validate_transactions(transactions), customers)
    if channel is not None:
        tx = tx[tx["channel"] == channel]
    tx = tx.assign(
        period=tx["date"].dt.to_period(PERIODS[period]),
        first=tx.groupby("customer_id")["date"].transform("min").eq(tx["date"]),
        margin=tx["amount"] - tx["cost"] if "cost" in tx.columns else np.nan,
    )
    new = tx[tx["first"]].drop_duplicates("customer_id")
    grouped = tx.groupby("period")
    out = pd.DataFrame({
        "revenue": grouped["amount"].sum(),
        "orders": grouped.size(),
        "active customers": grouped["customer_id"].nunique(),
        "new customers": new.groupby("period").size(),
        "gross margin": grouped["margin"].sum(min_count=1),
    })
    out["new customers"] = out["new customers"].fillna(0).astype("int64")
    return out


def customer_profit(transactions: pd.DataFrame, customers: pd.DataFrame) -> pd.DataFrame:
    """Per customer: revenue, gross margin (amount - cost), acquisition cost and profit.

    Profit = gross margin - acquisition cost. Customers without purchases have zero
    revenue and a loss equal to their acquisition cost.

    >>> tx = pd.DataFrame({"customer_id": [1, 1, 2], "date": ["2024-01-01"] * 3,
    ...                    "amount": [100.0, 50.0, 20.0], "cost": [70.0, 35.0, 14.0]})
    >>> cu = pd.DataFrame({"customer_id": [1, 2], "signup_date": ["2024-01-01"] * 2,
    ...                    "acquisition_cost": [30.0, 30.0]})
    >>> customer_profit(tx, cu)["profit"].tolist()
    [15.0, -24.0]
    """
    tx = validate_transactions(transactions)
    cust = validate_customers(customers)
    for frame, name, column in ((tx, "transactions", "cost"),
                                (cust, "customers", "acquisition_cost")):
        if column not in frame.columns:
            raise CRMDataError(f"no '{column}' column", where=name,
                               fix=f"customer profit needs {column}")
    tx, cust = matching_ids(tx, cust, "customer_id", ("transactions", "customers"))
    sums = tx.assign(margin=tx["amount"] - tx["cost"]).groupby("customer_id")[
        ["amount", "margin"]].sum()
    out = cust.set_index("customer_id")[["acquisition_cost"]].join(sums, how="left")
    out = out.fillna({"amount": 0.0, "margin": 0.0}).rename(
        columns={"amount": "revenue", "margin": "gross margin"})
    out["profit"] = out["gross margin"] - out["acquisition_cost"]
    return out[["revenue", "gross margin", "acquisition_cost", "profit"]]


def channel_summary(transactions: pd.DataFrame, customers: pd.DataFrame) -> pd.DataFrame:
    """Per acquisition channel: customers, mean acquisition cost, mean profit, share unprofitable.

    >>> from crmlab.datasets import load_customers, load_transactions
    >>> int(channel_summary(load_transactions(), load_customers())["customers"].sum())
    4000
    """
    profit = customer_profit(transactions, customers)
    profit["channel"] = validate_customers(customers).set_index("customer_id")["channel"]
    grouped = profit.groupby("channel")
    return pd.DataFrame({
        "customers": grouped.size(),
        "mean acquisition cost": grouped["acquisition_cost"].mean(),
        "mean gross margin": grouped["gross margin"].mean(),
        "mean profit": grouped["profit"].mean(),
        "share unprofitable": grouped["profit"].apply(lambda p: float((p < 0).mean())),
    }).sort_values("mean profit", ascending=False)
