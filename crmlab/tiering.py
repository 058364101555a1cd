"""Chapter 4 compute: how unequal customers are, and the tiers that follow from it.

Values are per-customer profit or revenue: a Series indexed by customer id. Ranking is by
value, highest first, ties broken by customer id (ascending), so every tiering is
reproducible. Sources: seed 001 (Pareto, ABC, the customer pyramid), seed 002.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from crmlab.datasets import validate_transactions
from crmlab.errors import CRMDataError
from crmlab.schema import as_cuts, as_numbers, as_timestamp, require_columns

ABC_DEFAULT_CUTS = {"customers": (0.2, 0.9), "value": (0.8, 0.95)}
PYRAMID_SHARES = (0.01, 0.19, 0.30, 0.50)
PYRAMID_TIERS = ("top", "major", "ordinary", "small")
RFM_SEGMENTS = ("champions", "loyal", "new", "at risk", "hibernating", "potential")


def _series(values, *, nonnegative: bool = False) -> pd.Series:
    if isinstance(values, (str, bytes)) or (hasattr(values, "__len__") and len(values) == 0):
        raise CRMDataError("values must be a non-empty Series indexed by customer id",
                           fix="e.g. profit per customer")
    numbers = as_numbers(values, "values")
    series = numbers
    if series.index.duplicated().any():
        raise CRMDataError("values has duplicate customer ids", fix="one value per customer")
    if nonnegative and (numbers < 0).any():
        raise CRMDataError(f"values must be >= 0 here; negative for customers "
                           f"{list(series.index[numbers < 0][:5])}",
                           fix="use revenue, or clip losses to 0 with .clip(lower=0)")
    return numbers


def _ranked(values: pd.Series) -> pd.Series:
    """Values ordered highest first, ties by customer id."""
    frame = pd.DataFrame({"value": values.to_numpy(), "id": values.index})
    order = frame.sort_values(["value", "id"], ascending=[False, True], kind="mergesort").index
    return values.iloc[order]


def lorenz_curve(values) -> pd.DataFrame:
    """Cumulative share of customers vs of value, smallest customers first, from (0, 0).

    >>> lorenz_curve([1, 3])
       customer_share  value_share
    0             0.0         0.00
    1             0.5         0.25
    2             1.0         1.00
    """
    v = np.sort(_series(values, nonnegative=True).to_numpy())
    total = v.sum()
    if total <= 0:
        raise CRMDataError("all values are 0", fix="a Lorenz curve needs a positive total")
    n = len(v)
    return pd.DataFrame({"customer_share": np.arange(n + 1) / n,
                         "value_share": np.concatenate([[0.0], np.cumsum(v) / total])})


def pareto_curve(values, classes: pd.Series) -> pd.DataFrame:
    """Cumulative share of customers and of value, most valuable first, from (0, 0), with
    each customer's class (e.g. from ``abc_classes``); row 0 is the origin.

    >>> curve = pareto_curve(pd.Series([1.0, 3.0], index=["x", "y"]),
    ...                      pd.Series(["B", "A"], index=["x", "y"]))
    >>> curve[["customer_share", "value_share"]].to_numpy().tolist()
    [[0.0, 0.0], [0.5, 0.75], [1.0, 1.0]]
    >>> curve["class"].tolist()[1:]
    ['A', 'B']
    """
    v = _series(values)
    if not isinstance(classes, pd.Series) or not classes.index.equals(v.index):
        raise CRMDataError("classes must be a Series with the same index as values",
                           fix="pass the output of abc_classes(values)")
    ranked = _ranked(v)
    total = ranked.sum()
    if total == 0:
        raise CRMDataError("all values are 0", fix="a Pareto curve needs a non-zero total")
    n = len(ranked)
    return pd.DataFrame({
        "customer_id": [None, *ranked.index],
        "customer_share": np.arange(n + 1) / n,
        "value_share": np.concatenate([[0.0], ranked.cumsum().to_numpy() / total]),
        "class": [None, *classes.reindex(ranked.index).astype(str)],
    })


def gini(values) -> float:
    """Gini coefficient of the values: 0 when all are equal, towards 1 when one has all.

    G = 2 * sum(i * x_(i)) / (n * sum(x)) - (n + 1) / n, with x sorted ascending.

    >>> gini([0, 0, 0, 1]), gini([5, 5, 5])
    (0.75, 0.0)
    """
    v = np.sort(_series(values, nonnegative=True).to_numpy())
    n, total = len(v), v.sum()
    if total <= 0:
        raise CRMDataError("all values are 0", fix="the Gini coefficient needs a positive total")
    return float(2 * np.sum(np.arange(1, n + 1) * v) / (n * total) - (n + 1) / n)


def _share(name: str, value: float, *, zero_ok: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.number)) \
            or not (0 <= value <= 1 if zero_ok else 0 < value <= 1):
        raise CRMDataError(f"{name} must be a fraction in (0, 1], got {value!r}",
                           fix="e.g. 0.2 for 20 %")
    return float(value)


def top_share(values, customer_share: float = 0.2) -> float:
    """Share of the total value made by the top ``customer_share`` of customers.

    The top k = floor(customer_share * n) customers count (at least one).

    >>> top_share([10, 0, 0, 0, 0, 0, 0, 0, 0, 30], 0.2)
    1.0
    """
    v = _ranked(_series(values, nonnegative=True))
    share = _share("customer_share", customer_share)
    k = max(1, math.floor(share * len(v) + 1e-9))
    total = v.sum()
    if total <= 0:
        raise CRMDataError("all values are 0", fix="a share needs a positive total")
    return float(v.iloc[:k].sum() / total)


def customers_for_share(values, value_share: float = 0.8) -> float:
    """Smallest share of customers (the most valuable) that makes ``value_share`` of value.

    >>> customers_for_share([50, 30, 10, 5, 5], 0.8)
    0.4
    """
    v = _ranked(_series(values, nonnegative=True)).to_numpy()
    share = _share("value_share", value_share)
    total = v.sum()
    if total <= 0:
        raise CRMDataError("all values are 0", fix="a share needs a positive total")
    k = int(np.searchsorted(np.cumsum(v) / total, share - 1e-12) + 1)
    return min(k, len(v)) / len(v)


def _by_rank(values: pd.Series, cumulative_cuts: Sequence[float],
             labels: Sequence[str]) -> pd.Series:
    """Label the k-th ranked customer (k = 1..n) by the first cut with k <= cut * n."""
    ranked = _ranked(values)
    n = len(ranked)
    k = np.arange(1, n + 1)
    codes = np.full(n, len(labels) - 1)
    for i, cut in reversed(list(enumerate(cumulative_cuts))):
        codes[k <= cut * n + 1e-9] = i
    out = pd.Series(pd.Categorical.from_codes(codes, categories=list(labels), ordered=True),
                    index=ranked.index)
    return out.reindex(values.index)


def abc_classes(values, by: str = "customers", cuts: Sequence[float] | None = None) -> pd.Series:
    """ABC class of each customer (seed 001), as an ordered categorical Series.

    ``by="customers"`` (cuts (0.2, 0.9)): the k-th customer by value is A if
    k <= 0.2 n, B if k <= 0.9 n, else C. ``by="value"`` (cuts (0.8, 0.95)): A while the
    cumulative share of value *before* the customer is below 0.8 (the customer who
    crosses 80 % is A), B while below 0.95, else C.

    >>> abc_classes(pd.Series([5, 100, 20, 1, 60, 3, 2, 9, 0, 40])).tolist()
    ['B', 'A', 'B', 'B', 'A', 'B', 'B', 'B', 'C', 'B']
    >>> abc_classes(pd.Series([50, 30, 15, 5]), by="value").tolist()
    ['A', 'A', 'B', 'C']
    """
    if by not in ABC_DEFAULT_CUTS:
        raise CRMDataError(f"by must be 'customers' or 'value', got {by!r}",
                           fix="by='customers' or by='value'")
    first, second = as_cuts(ABC_DEFAULT_CUTS[by] if cuts is None else cuts, "cuts")
    values = _series(values, nonnegative=(by == "value"))
    if by == "customers":
        return _by_rank(values, (first, second), "ABC")
    ranked = _ranked(values)
    total = ranked.sum()
    if total <= 0:
        raise CRMDataError("all values are 0", fix="ABC by value needs a positive total")
    before = (ranked.cumsum() - ranked) / total
    codes = np.where(before < first - 1e-12, 0, np.where(before < second - 1e-12, 1, 2))
    out = pd.Series(pd.Categorical.from_codes(codes, categories=list("ABC"), ordered=True),
                    index=ranked.index)
    return out.reindex(values.index)


def customer_pyramid(values, shares: Sequence[float] = PYRAMID_SHARES) -> pd.Series:
    """Tier of each customer in the customer pyramid (seed 001): top 1 %, major 19 %,
    ordinary 30 %, small 50 % by rank (k <= 0.01 n top, k <= 0.20 n major, ...).

    >>> customer_pyramid(pd.Series(range(100))).value_counts().sort_index().tolist()
    [1, 19, 30, 50]
    """
    try:
        shares = tuple(float(s) for s in shares)
    except (TypeError, ValueError) as err:
        raise CRMDataError(f"shares must be numbers, got {shares!r}",
                           fix="e.g. (0.01, 0.19, 0.30, 0.50)") from err
    if len(shares) != 4 or not np.isfinite(shares).all() or min(shares) <= 0 \
            or abs(sum(shares) - 1) > 1e-9:
        raise CRMDataError(f"shares must be four positive fractions summing to 1, got {shares}",
                           fix="e.g. (0.01, 0.19, 0.30, 0.50)")
    return _by_rank(_series(values), tuple(np.cumsum(shares[:3])), PYRAMID_TIERS)


def tier_summary(values, tiers: pd.Series) -> pd.DataFrame:
    """Per tier: customers, share of customers (quantity pyramid), value and share of value
    (profit pyramid).

    >>> tier_summary(pd.Series([6, 3, 1]), pd.Series(["A", "B", "B"]))["value_share"].tolist()
    [0.6, 0.4]
    """
    v = _series(values)
    if not isinstance(tiers, pd.Series) or not tiers.index.equals(v.index):
        raise CRMDataError("tiers must be a Series with the same index as values",
                           fix="pass the output of abc_classes or customer_pyramid")
    grouped = v.groupby(tiers, observed=False)
    total = v.sum()
    out = pd.DataFrame({"customers": grouped.size(), "value": grouped.sum()})
    out["customer_share"] = out["customers"] / len(v)
    out["value_share"] = out["value"] / total if total != 0 else np.nan
    out.index.name = "tier"
    return out


def rfm_table(transactions: pd.DataFrame, as_of) -> pd.DataFrame:
    """Recency (days from the last purchase to ``as_of``), frequency (purchases) and
    monetary (total amount) per customer, from purchases on or before ``as_of``.

    >>> tx = pd.DataFrame({"customer_id": [1, 1, 2], "amount": [10.0, 5.0, 7.0],
    ...                    "date": ["2024-01-01", "2024-01-21", "2024-01-11"]})
    >>> rfm_table(tx, "2024-01-31")
                 recency  frequency  monetary
    customer_id
    1                 10          2      15.0
    2                 20          1       7.0
    """
    tx = validate_transactions(transactions)
    as_of = as_timestamp(as_of, "as_of")
    tx = tx[tx["date"] <= as_of]
    if tx.empty:
        raise CRMDataError(f"no purchases on or before {as_of.date()}", fix="check as_of")
    grouped = tx.groupby("customer_id")
    out = pd.DataFrame({"recency": (as_of - grouped["date"].max()).dt.days,
                        "frequency": grouped.size(), "monetary": grouped["amount"].sum()})
    return out


def _rank_scores(values: pd.Series, bins: int, ascending: bool) -> np.ndarray:
    v = values.to_numpy(dtype=float)
    id_rank = np.argsort(np.argsort(values.index.to_numpy(), kind="stable"), kind="stable")
    order = np.lexsort((id_rank, v if ascending else -v))  # ties broken by customer id
    scores = np.empty(len(values), dtype=int)
    scores[order] = np.arange(len(values)) * bins // len(values) + 1
    return scores


def rfm_scores(rfm: pd.DataFrame, bins: int = 5,
               weights: Sequence[float] = (1, 1, 1)) -> pd.DataFrame:
    """Equal-count scores 1..bins for R, F and M, the RFM cell, a weighted score, a segment.

    Customers are ranked (ties by customer id) and cut into ``bins`` groups of equal size;
    the most recent, most frequent and highest-spending score ``bins``. The weighted score
    is (wR R + wF F + wM M) / (wR + wF + wM). Segments, first rule that applies (high
    means a score above 60 % of ``bins``, low at most 40 %): champions (R, F and M high),
    loyal (F high), new (R high, F low), at risk (R low, F not low), hibernating (R and F
    low), potential (everyone else).

    >>> rfm = pd.DataFrame({"recency": [5, 40, 90, 10, 200], "frequency": [9, 3, 1, 2, 4],
    ...                     "monetary": [900, 200, 50, 120, 300]}, index=[1, 2, 3, 4, 5])
    >>> rfm_scores(rfm)["cell"].tolist()
    ['555', '333', '211', '422', '144']
    """
    require_columns(rfm, ("recency", "frequency", "monetary"), "rfm", "use rfm_table() first")
    if isinstance(bins, bool) or not isinstance(bins, (int, np.integer)) or not 2 <= bins <= 9:
        raise CRMDataError(f"bins must be a whole number from 2 to 9, got {bins!r}",
                           fix="e.g. bins=5 for quintiles")
    try:
        w = tuple(float(x) for x in weights)
    except (TypeError, ValueError) as err:
        raise CRMDataError(f"weights must be three numbers, got {weights!r}",
                           fix="e.g. (1, 1, 1)") from err
    if len(w) != 3 or not np.isfinite(w).all() or min(w) < 0 or sum(w) <= 0:
        raise CRMDataError(f"weights must be three numbers >= 0, not all 0, got {weights!r}",
                           fix="e.g. (1, 1, 1)")
    for column in ("recency", "frequency", "monetary"):
        _series(rfm[column])
    out = pd.DataFrame(index=rfm.index)
    out["R"] = _rank_scores(rfm["recency"], bins, ascending=False)
    out["F"] = _rank_scores(rfm["frequency"], bins, ascending=True)
    out["M"] = _rank_scores(rfm["monetary"], bins, ascending=True)
    out["cell"] = out["R"].astype(str) + out["F"].astype(str) + out["M"].astype(str)
    out["score"] = (w[0] * out["R"] + w[1] * out["F"] + w[2] * out["M"]) / sum(w)
    high, low = (lambda s: s > 0.6 * bins), (lambda s: s <= 0.4 * bins)
    r, f, m = out["R"], out["F"], out["M"]
    segment = np.select(
        [high(r) & high(f) & high(m), high(f), high(r) & low(f), low(r) & ~low(f),
         low(r) & low(f)], list(RFM_SEGMENTS[:5]), default=RFM_SEGMENTS[5])
    out["segment"] = pd.Categorical(segment, categories=list(RFM_SEGMENTS))
    return out


def rfm_rank(scores: pd.DataFrame, rfm: pd.DataFrame) -> pd.Series:
    """Rank 1, 2, ... by the weighted score of ``rfm_scores``; ties go to the larger
    monetary value, then the smaller customer id. Change the weights and the order moves.

    >>> rfm = pd.DataFrame({"recency": [5, 40, 90], "frequency": [1, 9, 3],
    ...                     "monetary": [50, 900, 200]}, index=[1, 2, 3])
    >>> rfm_rank(rfm_scores(rfm, bins=3, weights=(1, 0, 0)), rfm).tolist()
    [1, 2, 3]
    >>> rfm_rank(rfm_scores(rfm, bins=3, weights=(0, 1, 1)), rfm).tolist()
    [3, 1, 2]
    """
    require_columns(scores, ("score",), "scores", "use rfm_scores() first")
    require_columns(rfm, ("monetary",), "rfm", "use rfm_table() first")
    if not rfm.index.equals(scores.index):
        raise CRMDataError("rfm and scores must have the same index",
                           fix="pass the rfm table the scores came from")
    order = pd.DataFrame({"score": scores["score"].to_numpy(),
                          "monetary": rfm["monetary"].to_numpy(),
                          "id": np.arange(len(rfm))})
    order = order.sort_values(["score", "monetary", "id"], ascending=[False, False, True])
    rank = np.empty(len(order), dtype="int64")
    rank[order["id"].to_numpy()] = np.arange(1, len(order) + 1)
    return pd.Series(rank, index=scores.index, name="rank")


def rfm_grid(scores: pd.DataFrame, monetary: pd.Series) -> pd.DataFrame:
    """Mean monetary value by R score (rows) and F score (columns), from ``rfm_scores``.

    >>> scores = pd.DataFrame({"R": [1, 1, 2], "F": [1, 1, 2]})
    >>> rfm_grid(scores, pd.Series([10.0, 20.0, 5.0]))
    F     1    2
    R
    1  15.0  NaN
    2   NaN  5.0
    """
    require_columns(scores, ("R", "F"), "scores", "use rfm_scores() first")
    money = _series(monetary)
    if not money.index.equals(scores.index):
        raise CRMDataError("monetary must have the same index as scores",
                           fix="pass rfm['monetary'] of the table the scores came from")
    return money.groupby([scores["R"], scores["F"]]).mean().unstack()


VALUE_MATRIX = {(True, True): "best customers", (False, True): "spenders",
                (True, False): "frequent customers", (False, False): "uncertain customers"}


def customer_value_matrix(rfm: pd.DataFrame) -> pd.Series:
    """The customer value matrix (seed 001): purchase frequency x average purchase amount,
    each split at its median (at or above the median is high): best customers (both high),
    spenders (few, large purchases), frequent customers (many, small), uncertain (both low).

    >>> rfm = pd.DataFrame({"recency": [1, 1, 1, 1], "frequency": [9, 1, 8, 2],
    ...                     "monetary": [900, 300, 80, 20]}, index=list("abcd"))
    >>> customer_value_matrix(rfm).tolist()
    ['best customers', 'spenders', 'frequent customers', 'uncertain customers']
    """
    require_columns(rfm, ("frequency", "monetary"), "rfm", "use rfm_table() first")
    frequency = _series(rfm["frequency"], nonnegative=True)
    if (frequency <= 0).any():
        raise CRMDataError("frequency must be at least 1 for every customer", where="rfm",
                           fix="use rfm_table(), which counts each customer's purchases")
    average = _series(rfm["monetary"], nonnegative=True) / frequency
    high_f = frequency >= frequency.median()
    high_a = average >= average.median()
    labels = [VALUE_MATRIX[(f, a)] for f, a in zip(high_f, high_a, strict=True)]
    return pd.Series(pd.Categorical(labels, categories=list(VALUE_MATRIX.values())),
                     index=rfm.index, name="value_cell")
