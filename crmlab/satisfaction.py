"""Chapter 5 compute: satisfaction as perceived against expected, and churn.

Seed 004 §3.3.1 defines customer satisfaction c by comparing the perceived value b with
the expected value a, as a ratio c = b / a or a difference c = b - a; the
expectancy-disconfirmation model (Oliver; Cardozo; Olshavsky & Miller 1972; Anderson
1973) reads zero disconfirmation as moderate satisfaction, positive as satisfaction and
negative as dissatisfaction; the economic view (§3.4.3) reads c as actual / expected
utility with lines at 30, 80, 100, 150 and 300 %. Seed 004 §3.4.4 defines churn, its
eight causes and the churn rate.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from crmlab.errors import CRMDataError
from crmlab.schema import as_number, as_numbers

OUTCOMES = ("dissatisfied", "moderately satisfied", "satisfied")
UTILITY_LINES = {  # actual / expected utility -> the source's reading of the band it opens
    0.30: "far below expectations: the customer is likely to leave",
    0.80: "below expectations: dissatisfied, complaints likely",
    1.00: "expectations met: satisfied (100 %)",
    1.50: "expectations exceeded: delighted, likely to buy again",
    3.00: "far above expectations: delight that raises the next expectation",
}


def _two(perceived, expected) -> tuple[pd.Series, pd.Series, bool]:
    scalar = not isinstance(perceived, (pd.Series, list, tuple, np.ndarray))
    b, a = as_numbers(perceived, "perceived"), as_numbers(expected, "expected")
    if not b.index.equals(a.index):
        raise CRMDataError("perceived and expected must have the same index (labels)",
                           fix="align them by respondent or attribute first")
    return b, a, scalar


def satisfaction_ratio(perceived, expected):
    """c = b / a: perceived over expected (1 = expectations met); numbers or Series.

    >>> satisfaction_ratio(4.0, 5.0), satisfaction_ratio(pd.Series([6.0]), pd.Series([4.0])).tolist()
    (0.8, [1.5])
    """
    b, a, scalar = _two(perceived, expected)
    if (a <= 0).any():
        raise CRMDataError(f"expected values must be > 0 for a ratio; bad at {list(a.index[a <= 0][:5])}",
                           fix="use satisfaction_gap, or a scale that starts above 0")
    c = (b / a).rename("ratio")
    return float(c.iloc[0]) if scalar else c


def satisfaction_gap(perceived, expected):
    """c = b - a: perceived minus expected (0 = expectations met); numbers or Series.

    >>> satisfaction_gap(4.0, 5.0)
    -1.0
    """
    b, a, scalar = _two(perceived, expected)
    c = (b - a).rename("gap")
    return float(c.iloc[0]) if scalar else c


def disconfirmation(perceived, expected, *, method: str = "difference", tolerance: float = 0.0):
    """The expectancy-disconfirmation outcome: perceived within ``tolerance`` scale points of
    expected -> moderately satisfied; above -> satisfied; below -> dissatisfied.

    The band is in the ratings' own points in both methods, so it means the same: with the
    ratio, "within the band" is |b / a - 1| <= tolerance / a. Ratio and difference then put
    every respondent in the same class (b / a - 1 = (b - a) / a has the sign of b - a); they
    differ in the size of c. On whole-number ratings every gap is a whole number, so a band
    below 1 changes nothing: use whole points (0, 1, 2).

    >>> disconfirmation(pd.Series([5, 4, 3]), pd.Series([4, 4, 4])).tolist()
    ['satisfied', 'moderately satisfied', 'dissatisfied']
    >>> disconfirmation(pd.Series([5, 4, 2]), pd.Series([4, 4, 4]), tolerance=1).tolist()
    ['moderately satisfied', 'moderately satisfied', 'dissatisfied']
    >>> disconfirmation(2, 4, method="ratio", tolerance=1), disconfirmation(3, 4, method="ratio", tolerance=1)
    ('dissatisfied', 'moderately satisfied')
    """
    tol = as_number("tolerance", tolerance, 0)
    if method == "difference":
        c, centre = satisfaction_gap(perceived, expected), 0.0
        band = tol
    elif method == "ratio":
        c, centre = satisfaction_ratio(perceived, expected), 1.0
        band = tol / _two(perceived, expected)[1]  # the same points, relative to a
    else:
        raise CRMDataError(f"unknown method {method!r}", fix="'difference' or 'ratio'")
    values = pd.Series([c]) if isinstance(c, float) else c
    band = np.asarray(band, dtype=float) + 1e-12  # a gap of exactly the band is inside it
    labels = np.where(values > centre + band, OUTCOMES[2],
                      np.where(values < centre - band, OUTCOMES[0], OUTCOMES[1]))
    if isinstance(c, float):
        return str(labels[0])
    return pd.Series(pd.Categorical(labels, categories=list(OUTCOMES), ordered=True),
                     index=values.index, name="outcome")


def outcome_shares(perceived: pd.DataFrame, expected: pd.DataFrame, *,
                   method: str = "difference", tolerance: float = 0.0) -> pd.DataFrame:
    """Share of respondents dissatisfied, moderately satisfied and satisfied per attribute
    (the columns shared by the two tables of ratings).

    >>> p = pd.DataFrame({"wifi": [2, 4, 5], "staff": [4, 4, 4]})
    >>> e = pd.DataFrame({"wifi": [4, 4, 4], "staff": [4, 4, 4]})
    >>> outcome_shares(p, e).round(2).loc["wifi"].tolist()
    [0.33, 0.33, 0.33]
    """
    if not (isinstance(perceived, pd.DataFrame) and isinstance(expected, pd.DataFrame)):
        raise CRMDataError("perceived and expected must be DataFrames, one column per attribute",
                           fix="one row per respondent")
    if list(perceived.columns) != list(expected.columns):
        raise CRMDataError(f"perceived and expected must have the same attributes; got "
                           f"{list(perceived.columns)} and {list(expected.columns)}",
                           fix="select the same columns in the same order")
    rows = {}
    for attribute in perceived.columns:
        outcome = disconfirmation(perceived[attribute], expected[attribute], method=method,
                                  tolerance=tolerance)
        rows[attribute] = outcome.value_counts(normalize=True).reindex(list(OUTCOMES), fill_value=0)
    return pd.DataFrame(rows).T


def utility_band(ratio: float) -> str:
    """The source's reading of a satisfaction ratio (actual / expected utility): the band
    of the highest line at or below it.

    >>> utility_band(0.85)
    'below expectations: dissatisfied, complaints likely'
    >>> utility_band(0.1)
    'below 30 %: the customer has most likely left'
    """
    r = as_number("ratio", ratio, 0)
    lines = [line for line in UTILITY_LINES if r >= line]
    return UTILITY_LINES[max(lines)] if lines else "below 30 %: the customer has most likely left"


def sample_size(margin: float, confidence: float = 0.95, p: float = 0.5,
                population: int | None = None) -> int:
    """Respondents needed to estimate a share within ± ``margin`` at ``confidence``:
    n0 = z² p (1 - p) / margin², and with a finite population N, n0 / (1 + (n0 - 1) / N)
    (Cochran 1977); rounded up.

    >>> sample_size(0.05), sample_size(0.05, population=1000)
    (385, 278)
    """
    from statistics import NormalDist

    e = as_number("margin", margin, 0, 1)
    level = as_number("confidence", confidence, 0, 1)
    share = as_number("p", p, 0, 1)
    if e == 0 or level in (0, 1):
        raise CRMDataError("margin must be above 0 and confidence strictly between 0 and 1",
                           fix="e.g. margin=0.05, confidence=0.95")
    z = NormalDist().inv_cdf(0.5 + level / 2)
    n0 = z ** 2 * share * (1 - share) / e ** 2
    if population is not None:
        size = as_number("population", population, 1)
        n0 = n0 / (1 + (n0 - 1) / size)
    return int(np.ceil(n0 - 1e-9))


# --- churn (seed 004 §3.4.4) ----------------------------------------------------------------
CHURN_CAUSES = (
    ("price", "价格", "a better price elsewhere: the main reason customers leave"),
    ("inconvenience", "不便", "small irritations: location, hours, waiting"),
    ("missing key feature", "缺少主要功能", "the offer lacks what the customer needs most"),
    ("negative service encounter", "消极的服务接触", "staff did not do their best for the customer"),
    ("poor response to failure", "对服务失误的反应不足", "a failure handled badly: no answer, a wrong "
     "answer, or the blame put on the customer"),
    ("competitor's move", "竞争对手的行动", "a competitor's better offer"),
    ("ethical problem", "伦理道德问题", "the customer thinks the firm acts illegally or unfairly"),
    ("involuntary", "非自愿原因", "moving away, death and other causes outside the firm's control"),
)


def churn_rate(lost, customers) -> float:
    """Churn rate = lost customers / all customers at the start of the period.

    >>> churn_rate(150, 1000)
    0.15
    """
    n = as_number("customers", customers, 0)
    k = as_number("lost", lost, 0)
    if n <= 0 or k > n:
        raise CRMDataError(f"lost ({lost}) must lie between 0 and customers ({customers}) > 0",
                           fix="count customers at the start of the period")
    return k / n


class ChurnCost(NamedTuple):
    lost_customers: float
    lost_margin: float
    replacement_cost: float
    total: float


def churn_cost(customers: float, churn: float, margin: float, acquisition_cost: float
               ) -> ChurnCost:
    """What a year of churn costs: the margin the lost customers would have brought, plus
    what winning the same number of new customers costs (seed 004 §3.4.4: to keep sales
    level the firm must pay to acquire new customers, which lowers profit).

    >>> churn_cost(1000, 0.2, 300, 450)
    ChurnCost(lost_customers=200.0, lost_margin=60000.0, replacement_cost=90000.0, total=150000.0)
    """
    n = as_number("customers", customers, 0)
    rate = as_number("churn", churn, 0, 1)
    m = as_number("margin", margin, 0)
    cost = as_number("acquisition_cost", acquisition_cost, 0)
    lost = n * rate
    return ChurnCost(lost, lost * m, lost * cost, lost * (m + cost))
