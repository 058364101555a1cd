"""Chapter 4 compute: the diagnostics that tell which repeat-purchase model to trust — a
calibration period to fit on and a holdout period to check against.

- ``calibration_holdout``: per customer, the calibration summary (frequency, recency, T)
  and the repeat purchase periods in the holdout;
- ``tracking``: cumulative repeat purchases period by period, actual against each model's
  expectation for the same customers (the classic tracking plot);
- ``conditional_expectations``: mean holdout purchases by calibration frequency, actual
  against each model (where a model over- or under-predicts);
- ``frequency_recency_grid``: a model's expected purchases or P(alive) for every
  (frequency, recency) at one T — the heatmaps that show how a model reads a history.

A model is anything with ``expected_purchases_new`` and ``expected_purchases`` (BG/NBD,
Pareto/NBD).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmlab.clv import FREQUENCIES, clv_summary, period_number
from crmlab.datasets import validate_transactions
from crmlab.errors import CRMDataError
from crmlab.schema import as_timestamp


def _period_number(dates, freq: str) -> np.ndarray:
    """The ``clv_summary`` period of each date."""
    return period_number(np.asarray(dates, dtype="datetime64[D]").astype(np.int64), freq)


def _check_ends(calibration_end, holdout_end, freq: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    if freq not in FREQUENCIES:
        raise CRMDataError(f"freq must be 'D' or 'W', got {freq!r}", fix="days 'D' or weeks 'W'")
    cal, hold = as_timestamp(calibration_end, "calibration_end"), as_timestamp(holdout_end, "holdout_end")
    if hold <= cal:
        raise CRMDataError(f"the holdout must end after the calibration ({hold.date()} <= {cal.date()})",
                           fix="e.g. calibration_end='2025-06-29', holdout_end='2025-12-28'")
    if freq == "W" and cal.day_of_week != 6:
        raise CRMDataError(f"calibration_end {cal.date()} is not a Sunday, so its week would fall "
                           "partly in the holdout", fix="end the calibration on a Sunday")
    return cal, hold


def calibration_holdout(transactions: pd.DataFrame, calibration_end, holdout_end,
                        freq: str = "W") -> pd.DataFrame:
    """Per customer who bought by ``calibration_end``: frequency, recency and T of the
    calibration period (``clv_summary``), ``frequency_holdout`` (periods with a purchase
    after it, up to ``holdout_end``) and ``duration_holdout`` (the holdout's length).

    >>> tx = pd.DataFrame({"customer_id": [1, 1, 1, 2], "amount": [1.0, 1, 1, 1],
    ...                    "date": ["2024-01-01", "2024-01-03", "2024-01-12", "2024-01-02"]})
    >>> calibration_holdout(tx, "2024-01-05", "2024-01-15", freq="D")[["frequency", "frequency_holdout"]]
                 frequency  frequency_holdout
    customer_id
    1                  1.0                1.0
    2                  0.0                0.0
    """
    cal, hold = _check_ends(calibration_end, holdout_end, freq)
    tx = validate_transactions(transactions)
    summary = clv_summary(tx, cal, freq).drop(columns="monetary_value")
    later = tx[(tx["date"] > cal) & (tx["date"] <= hold) & tx["customer_id"].isin(summary.index)]
    periods = pd.DataFrame({"customer_id": later["customer_id"].to_numpy(),
                            "period": _period_number(later["date"].to_numpy(), freq)})
    counts = periods.drop_duplicates().groupby("customer_id").size()
    summary["frequency_holdout"] = counts.reindex(summary.index, fill_value=0).astype(float)
    summary["duration_holdout"] = float(_period_number([hold], freq)[0] - _period_number([cal], freq)[0])
    return summary


def tracking(transactions: pd.DataFrame, models: dict, calibration_end, holdout_end,
             freq: str = "W") -> pd.DataFrame:
    """Cumulative repeat purchase periods of the customers who bought by
    ``calibration_end``, period by period to ``holdout_end``: the actual count and each
    model's expectation (the sum of each customer's E[X(t)] since their first purchase).
    Indexed by period end date; ``holdout`` marks the periods after the calibration."""
    cal, hold = _check_ends(calibration_end, holdout_end, freq)
    tx = validate_transactions(transactions)
    tx = tx[tx["date"] <= hold]
    first_date = tx.groupby("customer_id")["date"].min()
    customers = first_date.index[first_date <= cal]
    tx = tx[tx["customer_id"].isin(customers)]
    period = _period_number(tx["date"].to_numpy(), freq)
    seen = pd.DataFrame({"c": tx["customer_id"].to_numpy(), "p": period}).drop_duplicates()
    first = seen.groupby("c")["p"].transform("min")
    repeats = seen[seen["p"] > first].groupby("p").size()
    start, end = int(seen["p"].min()), int(_period_number([hold], freq)[0])
    index = np.arange(start, end + 1)
    out = pd.DataFrame({"actual": repeats.reindex(index, fill_value=0).cumsum().astype(float)},
                       index=index)
    firsts = seen.groupby("c")["p"].min().to_numpy()
    for name, model in models.items():
        age = np.maximum(index[:, None] - firsts[None, :], 0).astype(float)
        out[name] = np.asarray(model.expected_purchases_new(age)).sum(axis=1)
    ends = index * 7 + 3 if freq == "W" else index  # week p ends on Sunday, day 7p + 3
    out.index = pd.to_datetime(ends, unit="D").rename("period_end")
    out["holdout"] = out.index > cal
    return out


def conditional_expectations(holdout: pd.DataFrame, models: dict, max_frequency: int = 7
                             ) -> pd.DataFrame:
    """Mean repeat purchases in the holdout by calibration frequency (the last row
    gathers ``max_frequency`` and above): customers, actual, and each model's expectation
    given each customer's calibration history."""
    required = ("frequency", "recency", "T", "frequency_holdout", "duration_holdout")
    missing = [c for c in required if c not in holdout.columns]
    if missing:
        raise CRMDataError(f"holdout lacks {missing}", fix="use calibration_holdout()")
    group = holdout["frequency"].clip(upper=max_frequency).astype(int)
    table = pd.DataFrame({"customers": group.value_counts().sort_index()})
    table["actual"] = holdout.groupby(group)["frequency_holdout"].mean()
    for name, model in models.items():
        expected = model.expected_purchases(holdout["duration_holdout"], holdout["frequency"],
                                            holdout["recency"], holdout["T"])
        table[name] = pd.Series(np.asarray(expected), index=holdout.index).groupby(group).mean()
    table.index = [f"{k}+" if k == max_frequency else str(k) for k in table.index]
    table.index.name = "calibration frequency"
    return table


def frequency_recency_grid(model, T: float, max_frequency: int, what: str = "p_alive",
                           horizon: float = 1.0) -> pd.DataFrame:
    """A model's P(alive) (``what="p_alive"``) or expected purchases in the next
    ``horizon`` periods (``what="expected"``) for customers observed ``T`` periods, for
    every frequency 0..``max_frequency`` (rows) and recency 0..T (columns); impossible
    histories (frequency > recency) are NaN."""
    if what not in ("p_alive", "expected"):
        raise CRMDataError(f"what must be 'p_alive' or 'expected', got {what!r}",
                           fix="what='p_alive' or what='expected'")
    x, tx = np.meshgrid(np.arange(max_frequency + 1), np.arange(int(T) + 1), indexing="ij")
    x, tx = x.astype(float), tx.astype(float)
    t = np.full_like(x, float(T))
    values = model.p_alive(x, tx, t) if what == "p_alive" else \
        model.expected_purchases(horizon, x, tx, t)
    values = np.where((x > tx) | ((x > 0) & (tx == 0)), np.nan, values)
    return pd.DataFrame(values, index=pd.RangeIndex(max_frequency + 1, name="frequency"),
                        columns=pd.RangeIndex(int(T) + 1, name="recency"))
