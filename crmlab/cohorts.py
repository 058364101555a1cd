"""Chapter 6 compute: cohort retention, survival curves (Kaplan-Meier) and whom to win back.

A cohort is the customers whose first purchase fell in the same period; the cohort table
shows which share of each cohort bought again 1, 2, … periods later. For customers with a
tenure and a flag that says whether they left, the Kaplan-Meier estimator (Kaplan & Meier
1958) gives the probability of still being a customer after t periods, treating customers
who have not left yet as censored (still there when observation stopped).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmlab.errors import CRMDataError
from crmlab.schema import as_number, as_numbers, require_columns

PERIODS = {"M": "datetime64[M]", "W": "datetime64[W]", "Y": "datetime64[Y]", "Q": "datetime64[M]"}


def _period_numbers(dates: pd.Series, period: str) -> np.ndarray:
    values = pd.to_datetime(dates).to_numpy(dtype="datetime64[ns]").astype(PERIODS[period])
    numbers = values.astype(np.int64)
    return numbers // 3 if period == "Q" else numbers


def cohort_retention(transactions: pd.DataFrame, period: str = "M") -> pd.DataFrame:
    """Rows: cohort (the period of a customer's first purchase); columns: age 0, 1, 2, … in
    periods; values: the share of the cohort that bought at least once at that age (age 0 is
    1.0). Periods: "M" months, "Q" quarters, "W" weeks, "Y" years.

    >>> tx = pd.DataFrame({"customer_id": [1, 1, 2, 3, 3],
    ...                    "date": pd.to_datetime(["2024-01-05", "2024-03-01", "2024-01-20",
    ...                                            "2024-02-02", "2024-03-03"])})
    >>> cohort_retention(tx).round(2).values.tolist()
    [[1.0, 0.0, 0.5], [1.0, 1.0, nan]]
    """
    require_columns(transactions, ("customer_id", "date"), "transactions",
                    "use crmlab.datasets.load_transactions()")
    if period not in PERIODS:
        raise CRMDataError(f"unknown period {period!r}", fix=f"one of {list(PERIODS)}")
    if transactions.empty:
        raise CRMDataError("no transactions", fix="pass at least one purchase")
    if transactions["date"].isna().any() or transactions["customer_id"].isna().any():
        raise CRMDataError("customer_id and date must not be missing", fix="drop those rows")
    codes, _ = pd.factorize(transactions["customer_id"])
    number = _period_numbers(transactions["date"], period)
    first = pd.Series(number).groupby(codes).min().to_numpy()
    age = number - first[codes]
    ages = int(age.max()) + 1
    seen = np.zeros(len(first) * ages, dtype=bool)
    seen[codes * ages + age] = True  # did customer c buy at age a?
    customer, age_bought = np.divmod(np.flatnonzero(seen), ages)
    cohorts, cohort_of = np.unique(first, return_inverse=True)
    active = np.bincount(cohort_of[customer] * ages + age_bought,
                         minlength=len(cohorts) * ages).reshape(len(cohorts), ages)
    share = active / active[:, [0]]
    last = number.max()
    share = np.where(cohorts[:, None] + np.arange(ages) <= last, share, np.nan)  # not yet seen
    labels = _labels(cohorts, period)
    return pd.DataFrame(share, index=pd.Index(labels, name="cohort"),
                        columns=pd.RangeIndex(ages, name="age"))


def _labels(numbers: np.ndarray, period: str) -> list[str]:
    if period == "Q":
        return [str(pd.Period(np.datetime64(int(n) * 3, "M"), "Q")) for n in numbers]
    unit = PERIODS[period]
    return [str(np.datetime64(int(n), unit[-2])) for n in numbers]


def survival_curve(durations, churned) -> pd.DataFrame:
    """Kaplan-Meier estimate: per time (0 and every observed duration) the number at risk,
    the events (customers who left then), those censored then, and the survival
    S(t) = Π (1 - events / at risk) over times up to t.

    >>> survival_curve([1, 2, 2, 3, 4], [1, 1, 0, 1, 0])["survival"].round(4).tolist()
    [1.0, 0.8, 0.6, 0.3, 0.3]
    """
    t = as_numbers(durations, "durations")
    e = as_numbers(churned, "churned")
    if len(t) != len(e):
        raise CRMDataError("durations and churned must have the same length", fix="one per customer")
    if (t < 0).any():
        raise CRMDataError(f"durations must be >= 0; negative at rows {list(t.index[t < 0][:5])}",
                           fix="tenure is time since the customer joined")
    if not e.isin([0, 1]).all():
        raise CRMDataError("churned must be 0 or 1 (or False / True)", fix="1 = the customer left")
    if t.empty:
        raise CRMDataError("no customers", fix="pass at least one duration")
    times = np.unique(np.concatenate([[0.0], t.to_numpy()]))
    tv, ev = t.to_numpy(), e.to_numpy()
    at_risk = np.array([(tv >= x).sum() for x in times])
    events = np.array([((tv == x) & (ev == 1)).sum() for x in times])
    censored = np.array([((tv == x) & (ev == 0)).sum() for x in times])
    survival = np.cumprod(1 - np.divide(events, at_risk, out=np.zeros(len(times)),
                                        where=at_risk > 0))
    return pd.DataFrame({"at_risk": at_risk, "events": events, "censored": censored,
                         "survival": survival}, index=pd.Index(times, name="time"))


def winback_ranking(p_alive: pd.Series, value: pd.Series, lapsed: pd.Series) -> pd.DataFrame:
    """Lapsed customers ranked by expected value of winning them back: P(alive) x value
    (e.g. from chapter 4's BG/NBD and Gamma-Gamma models), highest first.

    >>> winback_ranking(pd.Series([0.9, 0.2, 0.5]), pd.Series([100.0, 900, 100]),
    ...                 pd.Series([True, True, False]))["score"].tolist()
    [180.0, 90.0]
    """
    p = as_numbers(p_alive, "p_alive")
    v = as_numbers(value, "value")
    if not (p.index.equals(v.index) and p.index.equals(lapsed.index)):
        raise CRMDataError("p_alive, value and lapsed must have the same index",
                           fix="compute them for the same customers")
    if ((p < 0) | (p > 1)).any():
        raise CRMDataError("p_alive must lie in 0..1", fix="use BetaGeoModel.p_alive")
    table = pd.DataFrame({"p_alive": p, "value": v, "score": p * v})[lapsed.astype(bool)]
    return table.sort_values("score", ascending=False, kind="mergesort")


def winback_list(summary: pd.DataFrame, lapsed_after: float = 180, horizon: float = 365
                 ) -> pd.DataFrame:
    """Customers with no purchase in the last ``lapsed_after`` time units, ranked for
    win-back: BG/NBD and Gamma-Gamma (chapter 4) are fitted on ``summary`` (from
    ``clv_summary``); value = expected spend per purchase x expected purchases in the next
    ``horizon`` units if the customer is active; score = P(alive) x value.

    >>> from crmlab.clv import clv_summary
    >>> tx = pd.DataFrame({"customer_id": [1, 1, 1, 2, 2, 3, 3, 3, 3],
    ...                    "date": ["2024-01-01", "2024-02-01", "2024-03-01", "2024-01-05",
    ...                             "2024-06-20", "2024-01-02", "2024-01-20", "2024-02-10",
    ...                             "2024-03-01"], "amount": [10.0, 12, 9, 30, 25, 5, 6, 5, 7]})
    >>> winback_list(clv_summary(tx, "2024-06-30", "D"), lapsed_after=60).index.tolist()
    [1, 3]
    """
    from crmlab.clv import BetaGeoModel, GammaGammaModel

    require_columns(summary, ("frequency", "recency", "T", "monetary_value"), "summary",
                    "use clv_summary()")
    f, r, t = summary["frequency"], summary["recency"], summary["T"]
    bg = BetaGeoModel().fit(summary)
    gg = GammaGammaModel().fit(summary[f > 0])
    p_alive = pd.Series(bg.p_alive(f, r, t), index=summary.index)
    purchases = pd.Series(bg.expected_purchases(horizon, f, r, t), index=summary.index)
    spend = pd.Series(gg.expected_spend(f, summary["monetary_value"]), index=summary.index)
    value = spend * purchases / p_alive.clip(lower=1e-9)
    return winback_ranking(p_alive, value, (t - r) > lapsed_after)


def cohort_survival(members: pd.DataFrame, end: str) -> pd.DataFrame:
    """Members of each joining month still there 0, 1, 2, ... months after joining, for the
    sBG model: rows are months since joining, columns the month joined (YYYY-MM), NaN
    beyond the cohort's age at ``end`` (the last month observed). Needs the columns
    ``joined``, ``tenure_months`` and ``churned``; a member still there must be observed up
    to ``end``. The input of the sBG model (``crmlab.sbg``; Fader & Hardie 2007 fit it on
    such cohorts of different ages).

    >>> members = pd.DataFrame({"joined": ["2025-11", "2025-11", "2025-12"],
    ...                         "tenure_months": [1, 2, 1], "churned": [1, 0, 0]})
    >>> cohort_survival(members, "2025-12")
                   2025-11  2025-12
    months_joined
    0                  2.0      1.0
    1                  1.0      1.0
    2                  1.0      NaN
    """
    table = require_columns(members, ["joined", "tenure_months", "churned"], "cohort_survival",
                            "one row per member, as load_subscriptions() returns")
    try:
        joined = pd.PeriodIndex(table["joined"].astype(str), freq="M")
        last = pd.Period(end, freq="M")
    except (ValueError, TypeError) as err:
        raise CRMDataError(f"cohort_survival: joined and end must be months like 2025-12 ({err})",
                           fix="pass the month joined as text YYYY-MM") from None
    tenure = as_numbers(table["tenure_months"], "tenure_months").to_numpy()
    churned = as_numbers(table["churned"], "churned").to_numpy()
    age = (last - joined).map(lambda offset: offset.n).to_numpy() + 1
    problems = {"joined after the end": age < 1,
                "a tenure longer than the months since joining": tenure > age,
                "a negative tenure": tenure < 0,
                "no cancellation but a tenure that stops before the end": (churned == 0) & (tenure != age)}
    for problem, wrong in problems.items():
        if wrong.any():
            raise CRMDataError(f"cohort_survival: members at rows {list(table.index[wrong][:5])} "
                               f"have {problem} ({end})",
                               fix="end is the last month observed (a member who joined then has "
                                   "1 month); tenure counts months since joining")
    curves = {}
    for month in sorted(set(joined.astype(str))):
        mine = np.asarray(joined.astype(str) == month)
        left = np.bincount(tenure[mine & (churned == 1)].astype(int), minlength=age[mine][0] + 1)
        curves[month] = pd.Series(mine.sum() - np.cumsum(left)[:age[mine][0] + 1], dtype=float)
    frame = pd.DataFrame(curves)
    frame.index.name = "months_joined"
    return frame


def survival_at(curve: pd.DataFrame, month: float) -> float:
    """S(month) read off a ``survival_curve`` result: the step curve is constant between
    event times, so it is the value at the last time up to ``month``.

    >>> survival_at(pd.DataFrame({"survival": [1.0, 0.8, 0.6]}, index=[0, 2, 5]), 4)
    0.8
    """
    table = require_columns(curve, ["survival"], "survival_at", "pass survival_curve(tenure, churned)")
    return float(table.loc[table.index <= as_number("month", month, 0), "survival"].iloc[-1])


def retention_by_tenure(curve: pd.DataFrame, every: int = 12) -> pd.Series:
    """The average retention per period within each block of ``every`` periods of tenure,
    from a ``survival_curve`` result: (S(end) / S(start)) ** (1 / every) for months 1-12,
    13-24, ... as far as the curve reaches (a last, shorter block uses its own length).
    Rising values mean that those who stay longer are more likely to stay again
    (Fader & Hardie 2007; a course addition to the seeds).

    >>> curve = pd.DataFrame({"survival": [1.0, 0.81, 0.729]}, index=[0, 2, 3])
    >>> retention_by_tenure(curve, every=2).round(3).to_dict()
    {'months 1-2': 0.9, 'months 3-3': 0.9}
    """
    table = require_columns(curve, ["survival"], "retention_by_tenure",
                            "pass survival_curve(tenure, churned)")
    size = int(as_number("every", every, 1))
    last = int(np.floor(table.index.max()))
    blocks = {}
    for start in range(0, last, size):
        end = min(start + size, last)
        ratio = survival_at(table, end) / survival_at(table, start)
        blocks[f"months {start + 1}-{end}"] = ratio ** (1 / (end - start))
    return pd.Series(blocks, name="retention per month", dtype=float)


def average_retention(table: pd.DataFrame) -> pd.DataFrame:
    """The mean share of a cohort buying at each age, over the cohorts observed that long,
    with how many cohorts each mean rests on (later ages rest on the earliest cohorts only).

    >>> table = pd.DataFrame({0: [1.0, 1.0], 1: [0.4, 0.2], 2: [0.3, np.nan]})
    >>> average_retention(table)
         share  cohorts
    age
    0      1.0        2
    1      0.3        2
    2      0.3        1
    """
    if not isinstance(table, pd.DataFrame) or table.empty:
        raise CRMDataError("average_retention needs the table of cohort_retention",
                           fix="pass cohort_retention(transactions)")
    frame = pd.DataFrame({"share": table.mean(skipna=True).round(12),
                          "cohorts": table.notna().sum().astype(int)})
    frame.index.name = "age"
    return frame


def cohort_reading_markdown() -> str:
    """The reading of the course's monthly cohort table, with its own numbers (a generated
    markdown cell of chapter 6)."""
    from crmlab.datasets import load_transactions

    table = cohort_retention(load_transactions(), period="M")
    curve = average_retention(table)["share"]
    late = curve.loc[24:]
    first, last = int(table.columns[24]), int(table.columns[-1])
    def pct(share: float) -> str:
        return f"{share * 100:.0f} %"

    return (f"Each row is a cohort, each column the months since its first purchase. A month after "
            f"its first purchase, **{pct(curve[1])}** of a cohort buys again; the share fades with "
            f"age: **{pct(curve[6])}** at month 6, **{pct(curve[12])}** at month 12 and "
            f"**{pct(late.min())}–{pct(late.max())}** in months {first}–{last}, as customers drop out "
            "for good (what the BG/NBD model of chapter 4 assumes). Later cohorts have fewer columns "
            "because they have not been observed as long (blank cells), so the far right of the "
            f"curve below rests on the earliest cohorts only ({int((table[last].notna()).sum())} "
            f"cohort at month {last}).")
