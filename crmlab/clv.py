"""Chapter 4 compute: customer lifetime value, from the source's formula to BG/NBD.

- ``clv_retention``: the discounted margin of a customer kept with a fixed retention rate.
- ``clv_summary``: frequency / recency / T / monetary value per customer, as in Fader,
  Hardie & Lee (2005) and the lifetimes package.
- ``BetaGeoModel`` (BG/NBD; Fader, Hardie & Lee 2005, "Counting your customers the easy
  way") and ``GammaGammaModel`` (spend per purchase; Fader, Hardie & Lee 2005, "RFM and
  CLV"; Colombo & Jiang 1999), fitted by maximum likelihood with scipy.
"""

from __future__ import annotations

import numbers
import warnings
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import betaln, gammaln, hyp2f1

from crmlab.datasets import validate_transactions
from crmlab.errors import CRMDataError, CRMFitWarning
from crmlab.schema import as_number, as_timestamp, require_columns

FREQUENCIES = {"D": 1, "W": 7}  # time unit of clv_summary: days or weeks
BITMAP_LIMIT = 100_000_000  # customers x periods up to which clv_summary uses a bitmap (bytes)


def clv_retention(margin: float, retention: float, discount_rate: float,
                  periods: int | None = None, acquisition_cost: float = 0.0,
                  timing: str = "end") -> float:
    """Customer lifetime value with a constant margin, retention and discount rate.

    With m the margin per period, r the retention rate and d the discount rate per period:
    ``timing="end"`` (margins at the end of each period): sum over t = 1..T of
    m r^t / (1+d)^t, which for ``periods=None`` (infinite horizon) is m r / (1 + d - r);
    ``timing="start"`` (the first margin is earned at once): sum over t = 0..T-1, or
    m (1 + d) / (1 + d - r). The acquisition cost is subtracted. This is the source's
    "average net present value of a customer's profit over a set number of years"
    (seed 002) with retention made explicit (Gupta & Lehmann 2003).

    >>> round(clv_retention(100, 0.8, 0.1), 2)
    266.67
    >>> round(clv_retention(100, 0.8, 0.1, periods=3), 2)   # 72.73 + 52.89 + 38.47
    164.09
    """
    m = as_number("margin", margin)
    r = as_number("retention", retention, 0, 1)
    d = as_number("discount_rate", discount_rate, 0, 10)
    cost = as_number("acquisition_cost", acquisition_cost)
    if timing not in ("end", "start"):
        raise CRMDataError(f"timing must be 'end' or 'start', got {timing!r}",
                           fix="'end' for margins at the end of each period")
    if periods is None:
        if r >= 1 + d:
            raise CRMDataError("an infinite horizon needs retention < 1 + discount_rate",
                               fix="give a finite number of periods")
        value = m * r / (1 + d - r) if timing == "end" else m * (1 + d) / (1 + d - r)
    else:
        if isinstance(periods, bool) or not isinstance(periods, numbers.Integral) or periods < 0:
            raise CRMDataError(f"periods must be a whole number >= 0, got {periods!r}",
                               fix="e.g. periods=5, or None for an infinite horizon")
        t = np.arange(1, periods + 1) if timing == "end" else np.arange(periods)
        value = float(np.sum(m * (r / (1 + d)) ** t))
    return float(value - cost)


def clv_curve(margin: float, retention: float, discount_rate: float, horizon: int,
              acquisition_cost: float = 0.0) -> pd.Series:
    """Retention CLV after 0, 1, ..., ``horizon`` periods (cumulative discounted profit,
    acquisition cost subtracted), a Series indexed by period.

    >>> clv_curve(100, 0.8, 0.1, 3).round(2).tolist()
    [0.0, 72.73, 125.62, 164.09]
    """
    if isinstance(horizon, bool) or not isinstance(horizon, numbers.Integral) or horizon < 1:
        raise CRMDataError(f"horizon must be a whole number >= 1, got {horizon!r}",
                           fix="e.g. horizon=10")
    clv_retention(margin, retention, discount_rate, 0, acquisition_cost)  # validates inputs
    t = np.arange(1, horizon + 1)
    steps = margin * (retention / (1 + discount_rate)) ** t
    values = np.concatenate([[0.0], np.cumsum(steps)]) - acquisition_cost
    return pd.Series(values, index=pd.RangeIndex(horizon + 1, name="period"), name="clv")


class DeliveredValue(NamedTuple):
    total_value: float
    total_cost: float
    delivered_value: float


def delivered_value(product: float, service: float, personnel: float, image: float,
                    money: float, time: float, energy: float, physical: float) -> DeliveredValue:
    """Customer delivered value (顾客让渡价值, seed 002) = total customer value (product +
    service + personnel + image) - total customer cost (money + time + energy + physical
    effort), all in the same unit.

    >>> delivered_value(60, 20, 10, 10, 70, 10, 5, 5).delivered_value
    10.0
    """
    parts = {"product": product, "service": service, "personnel": personnel, "image": image,
             "money": money, "time": time, "energy": energy, "physical": physical}
    v = {k: as_number(k, x, 0) for k, x in parts.items()}
    value = v["product"] + v["service"] + v["personnel"] + v["image"]
    cost = v["money"] + v["time"] + v["energy"] + v["physical"]
    return DeliveredValue(value, cost, value - cost)


def period_number(days: np.ndarray, freq: str) -> np.ndarray:
    """Period of each day number (days since 1970-01-01): the day itself ("D"), or the week
    ending on Sunday ("W"; 1970-01-01 was a Thursday).

    >>> period_number(np.array([0, 3, 4]), "W").tolist()
    [0, 0, 1]
    """
    return (days + 3) // 7 if freq == "W" else days


def clv_summary(transactions: pd.DataFrame, observation_end, freq: str = "W") -> pd.DataFrame:
    """Frequency, recency, T and monetary value per customer (Fader, Hardie & Lee 2005).

    Purchases are grouped into periods (``freq`` "D" days or "W" weeks ending Sunday, as
    pandas' ``to_period``); purchases after ``observation_end`` are ignored.
    ``frequency`` = periods with a purchase - 1 (repeat purchases), ``recency`` = last
    minus first purchase period, ``T`` = ``observation_end``'s period minus the first,
    ``monetary_value`` = mean amount per repeat period (0 for one-time buyers) — the
    definitions of the lifetimes package.

    >>> tx = pd.DataFrame({"customer_id": [1, 1, 1, 2], "amount": [10.0, 20.0, 40.0, 5.0],
    ...                    "date": ["2024-01-01", "2024-01-01", "2024-01-05", "2024-01-02"]})
    >>> clv_summary(tx, "2024-01-10", freq="D")
                 frequency  recency    T  monetary_value
    customer_id
    1                  1.0      4.0  9.0            40.0
    2                  0.0      0.0  8.0             0.0
    """
    if freq not in FREQUENCIES:
        raise CRMDataError(f"freq must be 'D' or 'W', got {freq!r}", fix="days 'D' or weeks 'W'")
    tx = validate_transactions(transactions)
    end = as_timestamp(observation_end, "observation_end")
    late = tx["date"].to_numpy() > np.datetime64(end)
    if late.any():  # copying is costly on large tables, so only when something is cut
        tx = tx[~late]
    if tx.empty:
        raise CRMDataError(f"no purchases on or before {end.date()}", fix="check the date")
    days = tx["date"].to_numpy().astype("datetime64[D]").astype(np.int64)
    end_day = np.datetime64(end, "D").astype(np.int64)
    period, end_period = period_number(days, freq), period_number(end_day, freq)
    codes, ids = pd.factorize(tx["customer_id"], sort=True)
    n = len(ids)
    amount = tx["amount"].to_numpy()
    first = np.full(n, np.iinfo(np.int64).max)
    last = np.full(n, np.iinfo(np.int64).min)
    np.minimum.at(first, codes, period)
    np.maximum.at(last, codes, period)
    span = int(period.max() - period.min()) + 1
    key = codes * span + (period - period.min())  # one number per (customer, period)
    if n * span <= BITMAP_LIMIT:  # a bitmap of every (customer, period) pair is fastest
        seen = np.zeros(n * span, dtype=bool)
        seen[key] = True
        periods = np.bincount(np.flatnonzero(seen) // span, minlength=n)
    else:
        periods = np.bincount(codes[~pd.Series(key).duplicated().to_numpy()], minlength=n)
    in_first = period == first[codes]
    repeat_sum = np.bincount(codes, weights=np.where(in_first, 0.0, amount), minlength=n)
    frequency = periods - 1
    monetary = np.where(frequency > 0, repeat_sum / np.maximum(frequency, 1), 0.0)
    return pd.DataFrame({"frequency": frequency.astype(float),
                         "recency": (last - first).astype(float),
                         "T": (end_period - first).astype(float),
                         "monetary_value": monetary},
                        index=pd.Index(ids, name="customer_id"))


def _validate_summary(summary: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    require_columns(summary, columns, "summary", "use clv_summary()")
    if summary.empty:
        raise CRMDataError("summary has no customers", where="summary", fix="use clv_summary()")
    data = summary[list(columns)].apply(pd.to_numeric, errors="coerce").astype(float)
    for column in columns:
        bad = ~np.isfinite(data[column]) | (data[column] < 0)
        if bad.any():
            raise CRMDataError(f"column '{column}' must be finite and >= 0; bad for customers "
                               f"{list(data.index[bad][:5])}", where="summary",
                               fix="use clv_summary()")
    if "frequency" in columns:
        fractional = data["frequency"] != np.floor(data["frequency"])
        if fractional.any():
            raise CRMDataError(f"frequency must be a whole number; not for customers "
                               f"{list(data.index[fractional][:5])}", where="summary",
                               fix="frequency counts repeat purchase periods")
    if "frequency" in columns and "T" in columns:
        crowded = data["frequency"] > data["T"]
        if crowded.any():
            raise CRMDataError(f"frequency > T for customers {list(data.index[crowded][:5])}: "
                               "more repeat purchase periods than periods observed",
                               where="summary", fix="frequency counts repeat purchase periods "
                               "(clv_summary computes it)")
    if "recency" in columns and "T" in columns:
        late = data["recency"] > data["T"]
        if late.any():
            raise CRMDataError(f"recency > T for customers {list(data.index[late][:5])}",
                               where="summary", fix="the last purchase cannot be after the end")
    return data


def bgnbd_log_likelihood(params: dict[str, float] | tuple, frequency, recency, T) -> np.ndarray:
    """Log-likelihood of each customer under BG/NBD (Fader, Hardie & Lee 2005, eq. 6).

    L = A1 A2 (A3 + [x > 0] A4) with A1 = Γ(r+x) α^r / Γ(r), A2 = B(a, b+x) / B(a, b),
    A3 = (α+T)^-(r+x), A4 = a / (b+x-1) (α+t_x)^-(r+x); computed in logs.

    >>> float(np.round(bgnbd_log_likelihood((1.0, 2.0, 1.0, 3.0), [0], [0], [10]), 4)[0])
    -1.7918
    """
    r, alpha, a, b = (params[k] for k in ("r", "alpha", "a", "b")) if isinstance(params, dict) \
        else params
    x, tx, t = (np.asarray(v, dtype=float) for v in (frequency, recency, T))
    part1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    part2 = betaln(a, b + x) - betaln(a, b)
    log_a3 = -(r + x) * np.log(alpha + t)
    with np.errstate(divide="ignore", invalid="ignore"):
        log_a4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300))
                          - (r + x) * np.log(alpha + tx), -np.inf)
    return part1 + part2 + np.logaddexp(log_a3, log_a4)


SEARCH_EDGE = 12.0  # parameters are searched between exp(-12) and exp(12)
PENALTY = 1e300  # what an objective returns where the likelihood is not finite
BG_EDGES = {
    "r": "purchase rates hardly differ between customers, or a few customers make all "
         "repeat purchases",
    "alpha": "purchase rates hardly differ between customers: everyone seems to buy at "
             "the same steady rate",
    "a": "drop-out after a purchase is almost certain or almost impossible for everyone",
    "b": "drop-out after a purchase is almost certain or almost impossible for everyone",
}
BG_ADVICE = ("the data does not look like buy-till-you-die purchasing (customers who buy "
             "at random and then leave for good). Check that frequency counts repeat "
             "purchase periods (clv_summary), try a longer observation period, or use a "
             "simpler model such as clv_retention")
GG_EDGES = {
    "p": "spend per purchase hardly varies, or varies wildly, from one purchase to the next",
    "q": "customers' average spends are almost all alike, or a few spend enormously more",
    "v": "customers' average spends are almost all alike, or a few spend enormously more",
}
GG_ADVICE = ("check monetary_value (the mean spend of repeat purchases) for outliers and "
             "units, or use each customer's own mean spend instead of the model")


def _fit(neg_log_likelihood, start: np.ndarray, names: tuple[str, ...], model: str,
         edges: dict[str, str], advice: str) -> tuple[np.ndarray, float]:
    """Maximise a likelihood over log parameters; refuse or warn when the fit is doubtful.

    A likelihood that is impossible everywhere raises :class:`CRMDataError`; a parameter
    at the edge of the search range or an optimiser that did not converge gives a
    :class:`CRMFitWarning` that says what the data looks like.
    """
    result = minimize(neg_log_likelihood, np.log(start), method="L-BFGS-B",
                      bounds=[(-SEARCH_EDGE, SEARCH_EDGE)] * len(start))
    if not np.isfinite(result.fun) or result.fun >= PENALTY / 2:
        raise CRMDataError("the likelihood could not be maximised: no parameter values "
                           "make this data possible", where=f"{model}.fit",
                           fix="check the summary for extreme values")
    params = np.exp(result.x)
    at_edge = [name for name, log_value in zip(names, result.x, strict=True)
               if abs(log_value) > SEARCH_EDGE - 0.5]
    if at_edge:
        shown = ", ".join(f"{n} = {v:.3g}" for n, v in zip(names, params, strict=True))
        meaning = "; ".join(dict.fromkeys(edges[n] for n in at_edge))
        warnings.warn(f"{model}.fit: parameter(s) {', '.join(at_edge)} ran to the edge of "
                      f"the search range ({shown}). That means {meaning}: {advice}.",
                      CRMFitWarning, stacklevel=3)
    elif not result.success:
        warnings.warn(f"{model}.fit: the optimiser stopped without converging "
                      f"({result.message}); the parameters may be far from the best ones: "
                      f"{advice}.", CRMFitWarning, stacklevel=3)
    return params, float(-result.fun)


HOMOGENEOUS_R = 50.0  # a gamma shape above this: purchase rates differ by under 15 % (1/sqrt(r))
NEVER_LAPSE = 1e-3  # a mean drop-out probability per purchase below this


def bgnbd_doubts(params: dict[str, float]) -> list[str]:
    """What fitted BG/NBD parameters say the model is not describing, in plain words.

    >>> bgnbd_doubts({"r": 4000.0, "alpha": 34000.0, "a": 9e-5, "b": 2.0})[0][:40]
    'r = 4e+03: purchase rates hardly differ '
    >>> bgnbd_doubts({"r": 0.24, "alpha": 4.4, "a": 0.79, "b": 2.4})
    []
    """
    doubts = []
    if params["r"] > HOMOGENEOUS_R:
        doubts.append(f"r = {params['r']:.3g}: purchase rates hardly differ between customers "
                      f"(their spread is about {100 / np.sqrt(params['r']):.0f} % of the mean rate), "
                      "so the model's heterogeneity has nothing to describe")
    dropout = params["a"] / (params["a"] + params["b"])
    if dropout < NEVER_LAPSE:
        doubts.append(f"the mean drop-out probability after a purchase, a / (a + b) = {dropout:.2g}, "
                      "is almost zero: customers seem never to leave")
    return doubts


class BetaGeoModel:
    """BG/NBD model of repeat purchasing (Fader, Hardie & Lee 2005).

    While alive a customer buys at rate λ ~ Gamma(r, α); after each purchase they drop
    out with probability p ~ Beta(a, b). ``fit`` maximises the likelihood over log
    parameters with scipy; identical (x, t_x, T) rows are pooled, so fitting 50,000
    customers takes well under a second.

    >>> summary = pd.DataFrame({"frequency": [0, 2, 5, 1], "recency": [0, 10, 30, 3],
    ...                         "T": [40, 40, 40, 40]})
    >>> sorted(BetaGeoModel().fit(summary).params_)
    ['a', 'alpha', 'b', 'r']
    """

    def __init__(self) -> None:
        self.params_: dict[str, float] = {}
        self.log_likelihood_: float = np.nan

    def fit(self, summary: pd.DataFrame) -> BetaGeoModel:
        data = _validate_summary(summary, ("frequency", "recency", "T"))
        if not (data["frequency"] > 0).any():
            raise CRMDataError("no customer made a repeat purchase (every frequency is 0), so "
                               "there is nothing to learn how often customers buy or when "
                               "they drop out", where="BetaGeoModel.fit",
                               fix="use a longer observation period, or check that frequency "
                                   "counts repeat purchases (clv_summary)")
        pooled = data.groupby(["frequency", "recency", "T"]).size().reset_index(name="n")
        x, tx, t, n = (pooled[c].to_numpy(float) for c in ("frequency", "recency", "T", "n"))

        def negative(log_params: np.ndarray) -> float:
            value = -np.sum(n * bgnbd_log_likelihood(tuple(np.exp(log_params)), x, tx, t))
            return value if np.isfinite(value) else PENALTY

        scale = max(float(np.mean(data["T"])), 1.0)
        params, self.log_likelihood_ = _fit(negative, np.array([1.0, scale, 1.0, 1.0]),
                                            ("r", "alpha", "a", "b"), "BetaGeoModel",
                                            BG_EDGES, BG_ADVICE)
        self.params_ = dict(zip(("r", "alpha", "a", "b"), map(float, params), strict=True))
        if all(abs(np.log(v)) <= SEARCH_EDGE - 0.5 for v in params):  # no edge warning given
            doubts = bgnbd_doubts(self.params_)
            if doubts:
                warnings.warn(f"BetaGeoModel.fit: {'; '.join(doubts)}: {BG_ADVICE}.", CRMFitWarning,
                              stacklevel=2)
        return self

    def _fitted(self) -> tuple[float, float, float, float]:
        """The parameters, with a = 1 moved by 1e-7: the expectation formulas divide by
        a - 1 where their limit is finite (0 / 0), so predictions stay finite there."""
        if not self.params_:
            raise CRMDataError("the model is not fitted", fix="call .fit(summary) first")
        r, alpha, a, b = (self.params_[k] for k in ("r", "alpha", "a", "b"))
        return r, alpha, (a if abs(a - 1) > 1e-7 else 1 + 1e-7), b

    def p_alive(self, frequency, recency, T) -> np.ndarray:
        """P(alive | x, t_x, T) = 1 / (1 + [x > 0] a / (b+x-1) ((α+T)/(α+t_x))^(r+x))."""
        r, alpha, a, b = self._fitted()
        x, tx, t = (np.asarray(v, dtype=float) for v in (frequency, recency, T))
        with np.errstate(divide="ignore", invalid="ignore"):
            log_odds = (np.log(a) - np.log(np.maximum(b + x - 1, 1e-300))
                        + (r + x) * (np.log(alpha + t) - np.log(alpha + tx)))
        return np.where(x > 0, 1.0 / (1.0 + np.exp(log_odds)), 1.0)

    def expected_purchases_new(self, t) -> np.ndarray:
        """E[X(t)] for a new customer: (a+b-1)/(a-1) [1 - (α/(α+t))^r 2F1(r, b; a+b-1; t/(α+t))]."""
        r, alpha, a, b = self._fitted()
        t = np.asarray(t, dtype=float)
        return (a + b - 1) / (a - 1) * (1 - (alpha / (alpha + t)) ** r
                                        * hyp2f1(r, b, a + b - 1, t / (alpha + t)))

    def expected_purchases(self, t, frequency, recency, T) -> np.ndarray:
        """E[Y(t) | x, t_x, T]: expected purchases in the next ``t`` periods (FHL eq. 10)."""
        r, alpha, a, b = self._fitted()
        x, tx, big_t = (np.asarray(v, dtype=float) for v in (frequency, recency, T))
        t = np.asarray(t, dtype=float)
        term = (a + b + x - 1) / (a - 1) * (
            1 - ((alpha + big_t) / (alpha + big_t + t)) ** (r + x)
            * hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + big_t + t)))
        return term * self.p_alive(x, tx, big_t)


def gamma_gamma_log_likelihood(params, frequency, monetary) -> np.ndarray:
    """Log-likelihood of each repeat buyer under the Gamma-Gamma spend model:
    Γ(px+q) / (Γ(px) Γ(q)) v^q m^(px-1) x^(px) / (v + x m)^(px+q)."""
    p, q, v = (params[k] for k in ("p", "q", "v")) if isinstance(params, dict) else params
    x, m = np.asarray(frequency, dtype=float), np.asarray(monetary, dtype=float)
    return (gammaln(p * x + q) - gammaln(p * x) - gammaln(q) + q * np.log(v)
            + (p * x - 1) * np.log(m) + p * x * np.log(x) - (p * x + q) * np.log(v + x * m))


class GammaGammaModel:
    """Gamma-Gamma model of spend per purchase (Fader, Hardie & Lee 2005; Colombo & Jiang
    1999): amounts ~ Gamma(p, ν), ν ~ Gamma(q, v). Fitted on repeat buyers only.

    >>> summary = pd.DataFrame({"frequency": [1, 2, 3, 4, 0],
    ...                         "monetary_value": [40.0, 55.0, 60.0, 80.0, 0.0]})
    >>> sorted(GammaGammaModel().fit(summary).params_)
    ['p', 'q', 'v']
    """

    def __init__(self) -> None:
        self.params_: dict[str, float] = {}
        self.log_likelihood_: float = np.nan

    def fit(self, summary: pd.DataFrame) -> GammaGammaModel:
        data = _validate_summary(summary, ("frequency", "monetary_value"))
        data = data[(data["frequency"] > 0) & (data["monetary_value"] > 0)]
        if len(data) < 3:
            raise CRMDataError("fewer than 3 repeat buyers", where="summary",
                               fix="the spend model needs customers with repeat purchases")
        x, m = data["frequency"].to_numpy(), data["monetary_value"].to_numpy()

        def negative(log_params: np.ndarray) -> float:
            value = -np.sum(gamma_gamma_log_likelihood(tuple(np.exp(log_params)), x, m))
            return value if np.isfinite(value) else PENALTY

        params, self.log_likelihood_ = _fit(negative, np.array([1.0, 2.0, float(np.mean(m))]),
                                            ("p", "q", "v"), "GammaGammaModel",
                                            GG_EDGES, GG_ADVICE)
        self.params_ = dict(zip(("p", "q", "v"), map(float, params), strict=True))
        if self.params_["q"] <= 1:
            warnings.warn(f"GammaGammaModel.fit: q = {self.params_['q']:.3g} <= 1, so the "
                          "model gives average spends no finite mean: a few customers spend "
                          f"enormously more than the rest. {GG_ADVICE}.", CRMFitWarning,
                          stacklevel=2)
        return self

    def expected_spend(self, frequency, monetary) -> np.ndarray:
        """E[spend | x, m] = p (v + x m) / (p x + q - 1): shrinks m towards the mean."""
        if not self.params_:
            raise CRMDataError("the model is not fitted", fix="call .fit(summary) first")
        p, q, v = (self.params_[k] for k in ("p", "q", "v"))
        x, m = np.asarray(frequency, dtype=float), np.asarray(monetary, dtype=float)
        denominator = p * x + q - 1
        if (denominator <= 0).any():
            raise CRMDataError(f"the fitted model (q = {q:.3g}) has no finite expected spend for "
                               "customers with so few repeat purchases", where="expected_spend",
                               fix="use repeat buyers only, or each customer's own mean spend")
        return p * (v + x * m) / denominator


def customer_lifetime_value(bg: BetaGeoModel, gg: GammaGammaModel, summary: pd.DataFrame,
                            horizon: int, discount_rate: float, margin: float,
                            step: int = 1) -> pd.Series:
    """Expected discounted profit per customer over ``horizon`` periods of the summary.

    Sum over k = 1..horizon/step of margin x E[spend] x (E[Y(k step)] - E[Y((k-1) step)])
    / (1 + discount_rate)^k, with ``discount_rate`` per step (lifetimes' convention).
    """
    data = _validate_summary(summary, ("frequency", "recency", "T", "monetary_value"))
    if isinstance(horizon, bool) or not isinstance(horizon, numbers.Integral) or horizon < 1:
        raise CRMDataError(f"horizon must be a whole number >= 1, got {horizon!r}",
                           fix="e.g. 52 weeks")
    if isinstance(step, bool) or not isinstance(step, numbers.Integral) or not 1 <= step <= horizon:
        raise CRMDataError(f"step must be a whole number from 1 to the horizon ({horizon}), got "
                           f"{step!r}", fix="e.g. step=4 for four-week steps over 52 weeks")
    d = as_number("discount_rate", discount_rate, 0, 10)
    m = as_number("margin", margin, 0, 1)
    spend = gg.expected_spend(data["frequency"], data["monetary_value"])
    args = (data["frequency"].to_numpy(), data["recency"].to_numpy(), data["T"].to_numpy())
    value, previous = np.zeros(len(data)), np.zeros(len(data))
    for k, t in enumerate(range(step, horizon + 1, step), start=1):
        now = bg.expected_purchases(t, *args)
        value += m * spend * (now - previous) / (1 + d) ** k
        previous = now
    return pd.Series(value, index=data.index, name="clv")
