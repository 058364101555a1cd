"""Chapter 6 compute: measuring loyalty, the satisfaction-loyalty curve and loyalty matrices.

Loyalty (客户忠诚) is both an attitude and a behaviour: customers who like a brand and keep
buying it despite situational influences (seed 004 §3.5). The relation with satisfaction
is positive but not linear: within a *zone of indifference* more satisfaction buys little
loyalty, and only the completely satisfied are truly loyal (Hart & Johnson's Xerox study;
Jones & Sasser 1995; seed 004 §3.4.3). Dick & Basu (1994) cross relative attitude with
repeat patronage; Jones & Sasser (1995) cross satisfaction with loyalty.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd
from sklearn.isotonic import IsotonicRegression

from crmlab.errors import CRMDataError
from crmlab.schema import as_cuts, as_number, as_numbers

DICK_BASU = {(True, True): "loyalty", (True, False): "latent loyalty",
             (False, True): "spurious loyalty", (False, False): "no loyalty"}
DICK_BASU_CUTS = (7.0, 2.0)  # relative attitude (0-10) from 7, and 2 or more stays a year: high
JONES_SASSER = {(True, True): "loyalist", (True, False): "mercenary",
                (False, True): "hostage", (False, False): "defector"}
JONES_SASSER_CUTS = (7.0, 7.0)  # satisfaction and loyalty (1-10) from 7: high
EXTREMES = (2.0, 9.0)  # both at most 2: terrorist; both at least 9: apostle
FLAT_BELOW = 0.03  # a fitted rise of less than this per satisfaction point is "flat"


class NPS(NamedTuple):
    nps: float
    promoters: float
    passives: float
    detractors: float
    n: int
    std_error: float


def net_promoter_score(scores) -> NPS:
    """Net promoter score of 0-10 answers: % promoters (9-10) minus % detractors (0-6), in
    -100..100 (passives 7-8 count in the denominator), with its standard error
    100 sqrt((p + d - (p - d)²) / n) (the score is the mean of +100, 0 and -100 per answer).

    >>> net_promoter_score([10, 9, 8, 7, 3]).nps
    20.0
    """
    values = as_numbers(scores, "scores")
    bad = (values < 0) | (values > 10) | (values != np.floor(values))
    if bad.any():
        raise CRMDataError(f"NPS answers must be whole numbers from 0 to 10; bad at rows "
                           f"{list(values.index[bad][:5])}", fix="use the 0-10 recommend answers")
    if values.empty:
        raise CRMDataError("no answers", fix="pass at least one 0-10 answer")
    n = len(values)
    p, d = float((values >= 9).mean()), float((values <= 6).mean())
    se = 100 * float(np.sqrt(max(p + d - (p - d) ** 2, 0.0) / n))
    return NPS(100 * (p - d), 100 * p, 100 * (1 - p - d), 100 * d, n, se)


def repeat_purchase_rate(transactions: pd.DataFrame) -> float:
    """Share of customers who bought more than once.

    >>> repeat_purchase_rate(pd.DataFrame({"customer_id": [1, 1, 2, 3, 3, 3]}))
    0.6666666666666666
    """
    if not isinstance(transactions, pd.DataFrame) or "customer_id" not in transactions:
        raise CRMDataError("transactions need a customer_id column", fix="load_transactions()")
    counts = transactions["customer_id"].value_counts()
    if counts.empty:
        raise CRMDataError("no transactions", fix="pass at least one purchase")
    return float((counts > 1).mean())


def _levels(first, second, cuts, names: tuple[str, str]) -> tuple[pd.Series, pd.Series, tuple]:
    a, b = as_numbers(first, names[0]), as_numbers(second, names[1])
    if not a.index.equals(b.index):
        raise CRMDataError(f"{names[0]} and {names[1]} must have the same index",
                           fix="take both from the same customers")
    try:
        c1, c2 = (float(c) for c in cuts)
    except (TypeError, ValueError) as err:
        raise CRMDataError(f"cuts must be two numbers, got {cuts!r}", fix="e.g. (7, 2)") from err
    if not (np.isfinite(c1) and np.isfinite(c2)):
        raise CRMDataError(f"cuts must be finite, got {cuts!r}", fix="e.g. (7, 2)")
    return a, b, (c1, c2)


def dick_basu(attitude, patronage, cuts: tuple[float, float] = DICK_BASU_CUTS) -> pd.Series:
    """Dick & Basu's (1994) cell per customer: relative attitude (at or above the first cut:
    high) x repeat patronage (at or above the second: high) -> loyalty, latent loyalty
    (high attitude, low patronage), spurious loyalty (low attitude, high patronage), no
    loyalty.

    >>> dick_basu(pd.Series([9, 9, 3, 3]), pd.Series([4, 0, 4, 0])).tolist()
    ['loyalty', 'latent loyalty', 'spurious loyalty', 'no loyalty']
    """
    a, p, (ca, cp) = _levels(attitude, patronage, cuts, ("attitude", "patronage"))
    high_a, high_p = (a >= ca).to_numpy(), (p >= cp).to_numpy()
    cells = np.select([high_a & high_p, high_a, high_p], [DICK_BASU[(True, True)],
                      DICK_BASU[(True, False)], DICK_BASU[(False, True)]], DICK_BASU[(False, False)])
    return pd.Series(cells, index=a.index, name="dick_basu")


def jones_sasser(satisfaction, loyalty, cuts: tuple[float, float] = JONES_SASSER_CUTS,
                 extremes: tuple[float, float] = EXTREMES) -> pd.Series:
    """Jones & Sasser's (1995) quadrant per customer: satisfaction x loyalty (at or above
    each cut: high) -> loyalist, mercenary (satisfied, not loyal), hostage (loyal, not
    satisfied), defector. The extremes (the course's rule): a loyalist with both scores at
    or above ``extremes[1]`` is an apostle; a defector with both at or below
    ``extremes[0]`` is a terrorist.

    >>> jones_sasser(pd.Series([10, 8, 9, 3, 1]), pd.Series([9, 3, 2, 8, 2])).tolist()
    ['apostle', 'mercenary', 'mercenary', 'hostage', 'terrorist']
    """
    s, lo, (cs, cl) = _levels(satisfaction, loyalty, cuts, ("satisfaction", "loyalty"))
    low, high = (float(e) for e in extremes)
    x, y = s.to_numpy(), lo.to_numpy()
    sat, loyal = x >= cs, y >= cl
    cells = np.select(
        [sat & loyal & (x >= high) & (y >= high), sat & loyal, sat, loyal,
         (x <= low) & (y <= low)],
        ["apostle", "loyalist", "mercenary", "hostage", "terrorist"], "defector")
    return pd.Series(cells, index=s.index, name="jones_sasser")


class LoyaltyCurve(NamedTuple):
    table: pd.DataFrame  # per satisfaction level: n, observed and fitted loyalty, rise
    zone: tuple[float, float] | None  # the zone of indifference (first, last level), if any
    jump: float  # fitted loyalty at the top level minus at the zone's upper end


def loyalty_curve(satisfaction, loyalty, flat_below: float = FLAT_BELOW) -> LoyaltyCurve:
    """The satisfaction-loyalty relationship as a monotone (isotonic) curve over the
    satisfaction levels, with the zone of indifference — the longest run of levels over
    which the fitted loyalty rises by less than ``flat_below`` per point — and the jump from
    the zone's upper end to the top level (the completely satisfied; Jones & Sasser 1995).

    >>> s = pd.Series([1, 2, 3, 4, 5, 6, 7, 8] * 10)
    >>> y = s.map({1: .1, 2: .2, 3: .4, 4: .4, 5: .41, 6: .41, 7: .8, 8: .9})
    >>> loyalty_curve(s, y).zone
    (3.0, 6.0)
    """
    s, y = as_numbers(satisfaction, "satisfaction"), as_numbers(loyalty, "loyalty")
    if not s.index.equals(y.index):
        raise CRMDataError("satisfaction and loyalty must have the same index",
                           fix="take both from the same customers")
    flat = as_number("flat_below", flat_below, 0)
    grouped = y.groupby(s)
    table = pd.DataFrame({"n": grouped.size(), "observed": grouped.mean()})
    if len(table) < 3:
        raise CRMDataError("a curve needs at least three satisfaction levels",
                           fix="use a rating scale, e.g. 1-10")
    model = IsotonicRegression(increasing=True).fit(table.index.to_numpy(dtype=float),
                                                    table["observed"], sample_weight=table["n"])
    table["fitted"] = model.predict(table.index.to_numpy(dtype=float))
    levels = table.index.to_numpy(dtype=float)
    rise = np.diff(table["fitted"].to_numpy()) / np.diff(levels)
    table["rise_to_next"] = np.append(rise, np.nan)
    best, start = (0, None), None
    for i, r in enumerate(np.append(rise, np.inf)):
        if r < flat and start is None:
            start = i
        elif r >= flat and start is not None:
            if i - start > best[0]:
                best = (i - start, (float(levels[start]), float(levels[i])))
            start = None
    zone = best[1]
    top = float(table["fitted"].iloc[-1])
    jump = top - float(table.loc[zone[1], "fitted"]) if zone else 0.0
    return LoyaltyCurve(table, zone, jump)


def zone_summary(satisfaction, loyalty, zone: tuple[float, float]) -> pd.DataFrame:
    """Mean loyalty below, inside and above a chosen zone of satisfaction levels, and the
    least-squares slope of loyalty on satisfaction inside it (per point).

    >>> s = pd.Series([1, 2, 3, 4, 5])
    >>> zone_summary(s, pd.Series([0.1, 0.5, 0.5, 0.5, 0.9]), (2, 4))["slope"].round(3).tolist()
    [nan, 0.0, nan]
    """
    s, y = as_numbers(satisfaction, "satisfaction"), as_numbers(loyalty, "loyalty")
    low, high = as_cuts(zone, "zone", low=-np.inf, high=np.inf, example="(5, 8)")
    parts = {"below": s < low, "zone": (s >= low) & (s <= high), "above": s > high}
    rows = {}
    for name, mask in parts.items():
        slope = np.nan
        if name == "zone" and s[mask].nunique() > 1:
            slope = float(np.polyfit(s[mask], y[mask], 1)[0])
        rows[name] = {"customers": int(mask.sum()),
                      "mean loyalty": float(y[mask].mean()) if mask.any() else np.nan,
                      "slope": slope}
    return pd.DataFrame(rows).T
