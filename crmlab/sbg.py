"""Retention that rises with tenure: the shifted-beta-geometric (sBG) model of a contractual
business (Fader & Hardie 2007, "How to Project Customer Retention", Journal of Interactive
Marketing 21(1); 2010, "Customer-Base Valuation in a Contractual Setting: The Perils of
Ignoring Heterogeneity", Marketing Science 29(1)).

Each customer renews every period with a churn probability θ of their own, constant over
time; θ varies across customers as Beta(α, β). The customers likely to leave leave first,
so the retention rate of those still there rises with tenure, although no one's own
churn probability changes:

- P(T = 1) = α / (α + β), P(T = t) = P(T = t - 1) (β + t - 2) / (α + β + t - 1);
- survival S(t) = S(t - 1) - P(T = t), S(0) = 1;
- retention rate r_t = S(t) / S(t - 1) = (β + t - 1) / (α + β + t - 1).

>>> model = SBGModel().fit([1.0, 0.869, 0.743, 0.653, 0.593, 0.551, 0.517, 0.491])
>>> [round(v, 3) for v in model.params_.values()]
[0.668, 3.806]
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import betaln, hyp2f1

from crmlab.errors import CRMDataError, CRMFitWarning
from crmlab.schema import as_number


def sbg_survival(alpha: float, beta: float, periods: int) -> np.ndarray:
    """S(0), S(1), ..., S(periods): the share of a cohort still a customer after t periods.

    >>> sbg_survival(1.0, 1.0, 3).round(4).tolist()
    [1.0, 0.5, 0.3333, 0.25]
    """
    t = np.arange(periods + 1)
    return np.exp(betaln(alpha, beta + t) - betaln(alpha, beta))


def sbg_retention(alpha: float, beta: float, periods: int) -> np.ndarray:
    """r_1, ..., r_periods: the share of those alive at t - 1 who renew at t; it rises with t.

    >>> sbg_retention(1.0, 1.0, 3).round(4).tolist()
    [0.5, 0.6667, 0.75]
    """
    t = np.arange(1, periods + 1)
    return (beta + t - 1) / (alpha + beta + t - 1)


def _horizon(horizon) -> int | None:
    if horizon is None:
        return None
    periods = as_number("horizon", horizon, 1)
    if periods != int(periods):
        raise CRMDataError(f"horizon must be a whole number of periods, got {horizon!r}",
                           fix="e.g. horizon=36, or None for no end")
    return int(periods)


def sbg_derl(alpha: float, beta: float, discount: float, renewals: int,
             horizon: int | None = None) -> float:
    """Discounted expected residual lifetime of a customer who has renewed ``renewals`` = n
    times and is now due to renew again: the expected number of further periods they will
    pay for, the k-th discounted by (1 + d)^k, k = 0, 1, ... (Fader & Hardie 2010):
    Σ S(n + 1 + k) / S(n) / (1 + d)^k
    = (β + n) / (α + β + n) · 2F1(1, β + n + 1; α + β + n + 1; 1 / (1 + d)),
    or the first ``horizon`` terms of the sum.

    >>> round(sbg_derl(0.668, 3.806, 0.1, 7), 2)
    7.53
    >>> round(sbg_derl(1.0, 1.0, 0.1, 0, horizon=2), 4)  # 1/2 + (1/3) / 1.1
    0.803
    """
    d = as_number("discount", discount, 0, 10)
    n = int(as_number("renewals", renewals, 0))
    periods = _horizon(horizon)
    if periods is not None:
        survival = sbg_survival(alpha, beta, n + periods)
        return float(np.sum(survival[n + 1:] / survival[n] / (1 + d) ** np.arange(periods)))
    if d <= 0:
        raise CRMDataError("discount must be above 0 for a residual value with no horizon",
                           fix="e.g. discount=0.1 per period, or a horizon")
    closed = (beta + n) / (alpha + beta + n) * hyp2f1(1, beta + n + 1, alpha + beta + n + 1,
                                                      1 / (1 + d))
    if np.isfinite(closed):
        return float(closed)
    # hyp2f1 gives up for very large alpha + beta (almost no heterogeneity): sum the series
    # until its terms fall below 1e-15 (they shrink at least as fast as 1 / (1 + d)^k)
    terms = int(min(1e6, np.ceil(np.log(1e15) / np.log1p(d))))
    return sbg_derl(alpha, beta, d, n, horizon=terms)


def geometric_derl(retention: float, discount: float, horizon: int | None = None) -> float:
    """The same residual lifetime when every customer renews with one constant ``retention``
    (no heterogeneity; the limit of ``sbg_derl``): Σ r^(k+1) / (1 + d)^k
    = r (1 + d) / (1 + d - r), whatever the tenure, or the first ``horizon`` terms.
    The constant-retention valuation Fader & Hardie (2010) compare the sBG with.

    >>> round(geometric_derl(0.9, 0.1), 4)
    4.95
    >>> round(geometric_derl(0.5, 0.1, horizon=2), 4)  # 1/2 + (1/4) / 1.1
    0.7273
    """
    r = as_number("retention", retention, 0, 1)
    d = as_number("discount", discount, 0, 10)
    periods = _horizon(horizon)
    if periods is not None:
        return float(np.sum(r ** np.arange(1, periods + 1) / (1 + d) ** np.arange(periods)))
    if d <= 0 and r >= 1:
        raise CRMDataError("with retention 1, no discount and no horizon the residual value is "
                           "infinite", fix="e.g. discount=0.1 per period, or a horizon")
    return r * (1 + d) / (1 + d - r)


def monthly_rate(annual: float) -> float:
    """The monthly discount rate equal to an annual one: (1 + annual)^(1/12) - 1 (compound
    interest; a course helper for monthly contracts).

    >>> round(monthly_rate(0.1), 5)
    0.00797
    """
    return (1 + as_number("annual", annual, 0, 10)) ** (1 / 12) - 1


def residual_values(alpha: float, beta: float, retention: float, margin: float, discount: float,
                    tenures, horizon: int | None = None) -> pd.DataFrame:
    """What a customer who has renewed n times is still worth (margin per period times the
    discounted expected residual lifetime, over ``horizon`` periods or with no end), for
    each n in ``tenures``: by the sBG (``alpha``, ``beta``) and by one constant
    ``retention`` for everyone, with the constant-rate value as a share of the sBG's (below
    1: it undervalues them). Fader & Hardie (2010), "the perils of ignoring heterogeneity".

    >>> residual_values(1.0, 1.0, 0.5, 10, 0.1, [0, 3]).round(3)
                 sBG  one rate  one rate / sBG
    renewals
    0         18.015     9.167           0.509
    3         42.156     9.167           0.217
    """
    m = as_number("margin", margin)
    n = [int(as_number("tenure", t, 0)) for t in np.atleast_1d(tenures)]
    flat = m * geometric_derl(retention, discount, horizon)
    sbg = np.array([m * sbg_derl(alpha, beta, discount, k, horizon) for k in n])
    return pd.DataFrame({"sBG": sbg, "one rate": flat, "one rate / sBG": flat / sbg},
                        index=pd.Index(n, name="renewals"))


def _curves(survival) -> list[np.ndarray]:
    """One or several survival curves as arrays of counts or shares, each starting at its
    period 0; ``CRMDataError`` names what is wrong."""
    if isinstance(survival, pd.DataFrame):
        curves = [survival[c].dropna().to_numpy(dtype=float) for c in survival.columns]
    elif isinstance(survival, (list, tuple)) and survival and all(
            isinstance(c, (list, tuple, np.ndarray, pd.Series)) for c in survival):
        curves = [np.asarray(c, dtype=float) for c in survival]
    else:
        curves = [np.asarray(survival, dtype=float).ravel()]
    if not any(len(c) >= 2 for c in curves):
        raise CRMDataError("a survival curve needs period 0 and at least one later period",
                           fix="e.g. [1.0, 0.87, 0.74] (shares) or [1000, 869, 743] (customers)")
    several = len(curves) > 1
    # a cohort seen at period 0 only (or not at all) says nothing about churn: it is left out
    numbered = [(k, c) for k, c in enumerate(curves) if len(c) >= 2]
    for k, c in numbered:
        where = f"curve {k}" if several else "the curve"
        if not np.isfinite(c).all() or (c < 0).any():
            raise CRMDataError(f"{where} has missing or negative values: {c.tolist()[:8]}",
                               fix="customers alive (or their share) at each period, from 0")
        if (np.diff(c) > 1e-12).any():
            t = int(np.argmax(np.diff(c) > 1e-12)) + 1
            raise CRMDataError(f"{where} rises at period {t} ({c[t - 1]} -> {c[t]}): survival "
                               "can only fall", fix="count one cohort's survivors, not new joiners")
    curves = [c for _, c in numbered]
    counts = any(c[0] > 1 for c in curves)  # customers, not shares: an empty cohort adds nothing
    for k, c in numbered:
        if c[0] < 1 and not (counts and c[0] == 0):
            where = f"curve {k}" if several else "the curve"
            raise CRMDataError(f"{where} must start with the whole cohort at period 0 (its size, "
                               f"or 1 for shares), got {c[0]}", fix="shares lie in 0..1 and start at 1")
    return curves


def _statistics(curves: list[np.ndarray], size: float) -> tuple[np.ndarray, np.ndarray]:
    """What the likelihood needs from any number of cohorts: customers lost in each period
    t = 1..T (summed over cohorts), and customers still there at the end of the
    observation, by the age of their cohort (0..T). Curves that all start at 1 are
    shares, each counting as ``size`` customers; otherwise all are counts (a cohort of one
    customer too)."""
    longest = max(len(c) for c in curves) - 1
    lost, ended = np.zeros(longest), np.zeros(longest + 1)
    shares = all(c[0] <= 1 for c in curves)  # else all are counts, a cohort of 1 customer too
    for curve in curves:
        alive = curve * (size / curve[0] if shares else 1.0)
        lost[:len(curve) - 1] += -np.diff(alive)
        ended[len(curve) - 1] += alive[-1]
    return lost, ended


def _log_likelihood(alpha: float, beta: float, lost: np.ndarray, ended: np.ndarray) -> float:
    s = sbg_survival(alpha, beta, len(lost))
    p = -np.diff(s)
    return float(np.sum(lost * np.log(np.maximum(p, 1e-300)))
                 + np.sum(ended * np.log(np.maximum(s, 1e-300))))


def constant_retention(survival, size: float = 1.0) -> float:
    """The one retention rate that fits survival curve(s) best when every customer and every
    period is alike (the geometric model, the sBG without heterogeneity): 1 - customers
    lost / customer-periods at risk (the maximum-likelihood geometric rate; the special
    case of the sBG with no heterogeneity, Fader & Hardie 2007).

    >>> round(constant_retention([1000, 800, 640]), 3)
    0.8
    """
    lost, ended = _statistics(_curves(survival), as_number("size", size, 1))
    at_risk = lost[::-1].cumsum()[::-1] + ended[::-1].cumsum()[::-1][1:]
    return float(1 - lost.sum() / at_risk.sum())


def sbg_log_likelihood(alpha: float, beta: float, survival, size: float = 1.0) -> float:
    """Log-likelihood of survival curve(s): Σ lost_t ln P(T = t) + alive_T ln S(T). Shares
    count as ``size`` customers (1: the per-customer log-likelihood; Maturen's reference
    implementation gives -2.115 for this curve at alpha = beta = 1).

    >>> round(sbg_log_likelihood(1, 1, [1, 0.869, 0.743, 0.653, 0.593, 0.551, 0.517, 0.491]), 4)
    -2.1155
    """
    return _log_likelihood(alpha, beta, *_statistics(_curves(survival), size))


class SBGModel:
    """The sBG model fitted by maximum likelihood on one or several cohorts' survival.

    ``fit(survival, size=1000)``: a curve of shares (1, S(1), ...) or of customers alive
    (n₀, n₁, ...), or several cohorts of different ages (a list of curves, or a DataFrame
    with one column per cohort, NaN after its last period). Shares count as ``size``
    customers for the standard errors. After ``fit``: ``params_`` (alpha, beta), ``se_``,
    ``log_likelihood_``, ``periods_`` (the longest curve).
    """

    def fit(self, survival, size: float = 1000.0) -> SBGModel:
        curves = _curves(survival)
        lost, ended = _statistics(curves, as_number("size", size, 1))
        customers = float(lost.sum() + ended.sum())

        def negative(log_params: np.ndarray) -> float:  # per customer: the scale stays ~1
            a, b = np.exp(log_params)
            return -_log_likelihood(a, b, lost, ended) / customers

        best = min((minimize(negative, np.log(start), method="L-BFGS-B",
                             bounds=[(-12.0, 18.0)] * 2, options={"ftol": 1e-14, "gtol": 1e-10})
                    for start in ((1.0, 1.0), (0.5, 3.0), (5.0, 50.0))), key=lambda r: r.fun)
        alpha, beta = (float(v) for v in np.exp(best.x))
        self.params_ = {"alpha": alpha, "beta": beta}
        self.log_likelihood_ = -float(best.fun) * customers
        self.periods_ = max(len(c) for c in curves) - 1
        self.se_ = self._standard_errors(lambda x: negative(x) * customers, best.x)
        if not best.success:
            warnings.warn(f"the sBG fit did not converge ({best.message})", CRMFitWarning,
                          stacklevel=2)
        elif alpha + beta > 1e4 or np.isclose(best.x, 18.0).any():
            warnings.warn(
                f"the fitted churn probabilities barely differ across customers (alpha "
                f"{alpha:.3g}, beta {beta:.3g}): retention is about constant with tenure, so "
                "one constant retention rate describes these customers as well as the sBG "
                "does", CRMFitWarning, stacklevel=2)
        return self

    @staticmethod
    def _standard_errors(negative, at: np.ndarray) -> dict[str, float]:
        """From the inverse Hessian of the negative log-likelihood in log-parameters (the
        delta method back to alpha and beta)."""
        h, hessian = 1e-4, np.empty((2, 2))
        for i in range(2):
            for j in range(2):
                e_i, e_j = np.eye(2)[i] * h, np.eye(2)[j] * h
                hessian[i, j] = (negative(at + e_i + e_j) - negative(at + e_i - e_j)
                                 - negative(at - e_i + e_j) + negative(at - e_i - e_j)) / (4 * h * h)
        try:
            cov = np.linalg.inv(hessian)
        except np.linalg.LinAlgError:
            return {"alpha": float("nan"), "beta": float("nan")}
        values = np.exp(at)
        return {name: float(values[k] * np.sqrt(max(cov[k, k], 0)))
                for k, name in enumerate(("alpha", "beta"))}

    def survival(self, periods: int) -> pd.Series:
        """Projected survival S(0..periods)."""
        a, b = self.params_.values()
        return pd.Series(sbg_survival(a, b, periods), index=pd.RangeIndex(periods + 1, name="period"),
                         name="survival")

    def retention(self, periods: int) -> pd.Series:
        """Projected retention rate r_1..r_periods."""
        a, b = self.params_.values()
        return pd.Series(sbg_retention(a, b, periods),
                         index=pd.RangeIndex(1, periods + 1, name="period"), name="retention")

    def residual_value(self, margin: float, discount: float, renewals: int) -> float:
        """What a customer who has renewed ``renewals`` times is still worth: the margin per
        period times the discounted expected residual lifetime (``sbg_derl``)."""
        a, b = self.params_.values()
        return as_number("margin", margin) * sbg_derl(a, b, discount, renewals)
