"""Chapter 4 compute: the Pareto/NBD model of repeat purchasing (Schmittlein, Morrison &
Colombo 1987), the model BG/NBD was built to approximate; the same interface as
``crmlab.clv.BetaGeoModel``.

While alive a customer buys at rate λ ~ Gamma(r, α); their lifetime is exponential with
rate μ ~ Gamma(s, β), so they can leave at any moment (BG/NBD: only just after a purchase).
The likelihood and the expressions below follow Fader, Hardie & Lee (2005), "A Note on
Deriving the Pareto/NBD Model and Related Expressions". The hypergeometric terms are taken
in logs after Euler's transformation, so that long histories (large x, T) do not overflow.

>>> summary = pd.DataFrame({"frequency": [0, 2, 5, 1], "recency": [0, 10, 30, 3],
...                         "T": [40, 40, 40, 40]})
>>> import warnings
>>> with warnings.catch_warnings():
...     warnings.simplefilter("ignore")  # four customers are too few to tell the model anything
...     model = ParetoNBDModel().fit(summary)
>>> sorted(model.params_)
['alpha', 'beta', 'r', 's']
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from scipy.special import gammaln, hyp2f1, logsumexp

from crmlab.clv import BG_ADVICE, HOMOGENEOUS_R, PENALTY, SEARCH_EDGE, _fit, _validate_summary
from crmlab.errors import CRMDataError, CRMFitWarning

PNBD_EDGES = {
    "r": "purchase rates hardly differ between customers, or a few customers make all "
         "repeat purchases",
    "alpha": "purchase rates hardly differ between customers: everyone seems to buy at "
             "the same steady rate",
    "s": "lifetimes hardly differ between customers, or customers seem never to leave",
    "beta": "lifetimes hardly differ between customers, or customers seem never to leave",
}
NEVER_LEAVE = 1e-4  # a mean drop-out rate s / beta below this per period: lifetimes of 10,000+


def _log_hyp2f1_plus(a: np.ndarray, b: np.ndarray, z: np.ndarray) -> np.ndarray:
    """ln 2F1(a, b; a + 1; z) for 0 <= z < 1, by Euler's transformation
    (1 - z)^(1 - b) 2F1(1, a + 1 - b; a + 1; z), which stays finite for large a and b.

    >>> round(float(_log_hyp2f1_plus(np.array(2.0), np.array(1.5), np.array(0.3))), 6)
    0.348734
    """
    return (1 - b) * np.log1p(-z) + np.log(hyp2f1(1.0, a + 1 - b, a + 1, z))


def _log_a0(params: tuple, x: np.ndarray, tx: np.ndarray, t: np.ndarray) -> np.ndarray:
    """ln A0 of the likelihood: the part for customers who left between t_x and T."""
    r, alpha, s, beta = params
    if alpha >= beta:
        big, small, second = alpha, beta, np.full_like(x, s + 1)
    else:
        big, small, second = beta, alpha, r + x
    rsx = r + s + x
    log_p1 = _log_hyp2f1_plus(rsx, second, (big - small) / (big + tx))
    log_p2 = _log_hyp2f1_plus(rsx, second, (big - small) / (big + t))
    q1, q2 = np.log(big + tx), np.log(big + t)
    terms = np.stack([log_p1 + rsx * q2, log_p2 + rsx * q1])
    signs = np.stack([np.ones_like(x), -np.ones_like(x)])
    with np.errstate(divide="ignore", invalid="ignore"):
        diff = logsumexp(terms, axis=0, b=signs)
    return np.where(tx < t, diff, -np.inf) - rsx * (q1 + q2)


def pnbd_log_likelihood(params: dict[str, float] | tuple, frequency, recency, T) -> np.ndarray:
    """Log-likelihood of each customer under Pareto/NBD (Fader, Hardie & Lee 2005 note):
    ln Γ(r+x) - ln Γ(r) + r ln α + s ln β + ln[(α+T)^-(r+x) (β+T)^-s + s / (r+s+x) A0].

    >>> float(np.round(pnbd_log_likelihood((1.0, 2.0, 1.0, 3.0), [0], [0], [10]), 4)[0])
    -0.7929
    """
    r, alpha, s, beta = (params[k] for k in ("r", "alpha", "s", "beta")) \
        if isinstance(params, dict) else params
    x, tx, t = (np.asarray(v, dtype=float) for v in (frequency, recency, T))
    head = gammaln(r + x) - gammaln(r) + r * np.log(alpha) + s * np.log(beta)
    alive = -(r + x) * np.log(alpha + t) - s * np.log(beta + t)
    left = np.log(s) - np.log(r + s + x) + _log_a0((r, alpha, s, beta), x, tx, t)
    return head + np.logaddexp(alive, left)


class ParetoNBDModel:
    """Pareto/NBD model of repeat purchasing, fitted on the unique (x, t_x, T) rows of a
    ``clv_summary`` with their counts as weights, like ``BetaGeoModel``. After ``fit``:
    ``params_`` (r, alpha, s, beta) and ``log_likelihood_``."""

    def __init__(self) -> None:
        self.params_: dict[str, float] = {}
        self.log_likelihood_: float = np.nan

    def fit(self, summary: pd.DataFrame) -> ParetoNBDModel:
        data = _validate_summary(summary, ("frequency", "recency", "T"))
        if not (data["frequency"] > 0).any():
            raise CRMDataError("no customer made a repeat purchase (every frequency is 0): "
                               "nothing to learn how often customers buy or when they leave",
                               where="ParetoNBDModel.fit",
                               fix="use a longer observation period (clv_summary)")
        pooled = data.groupby(["frequency", "recency", "T"]).size().reset_index(name="n")
        x, tx, t, n = (pooled[c].to_numpy(float) for c in ("frequency", "recency", "T", "n"))

        def negative(log_params: np.ndarray) -> float:
            with np.errstate(all="ignore"):
                value = -np.sum(n * pnbd_log_likelihood(tuple(np.exp(log_params)), x, tx, t))
            return value if np.isfinite(value) else PENALTY

        scale = max(float(np.mean(data["T"])), 1.0)
        params, self.log_likelihood_ = _fit(negative, np.array([1.0, scale, 1.0, scale]),
                                            ("r", "alpha", "s", "beta"), "ParetoNBDModel",
                                            PNBD_EDGES, BG_ADVICE)
        self.params_ = dict(zip(("r", "alpha", "s", "beta"), map(float, params), strict=True))
        if any(abs(np.log(v)) > SEARCH_EDGE - 0.5 for v in params):
            return self  # _fit has warned about the edge already
        doubts = []
        if self.params_["r"] > HOMOGENEOUS_R:
            doubts.append(f"r = {self.params_['r']:.3g}: purchase rates hardly differ between "
                          "customers")
        if self.params_["s"] / self.params_["beta"] < NEVER_LEAVE:
            doubts.append(f"the mean drop-out rate s / beta = {self.params_['s'] / self.params_['beta']:.2g} "
                          "per period is almost zero: customers seem never to leave")
        if doubts:
            warnings.warn(f"ParetoNBDModel.fit: {'; '.join(doubts)}: {BG_ADVICE}.", CRMFitWarning,
                          stacklevel=2)
        return self

    def _fitted(self) -> tuple[float, float, float, float]:
        """The parameters, with s = 1 moved by 1e-7 (the expectations divide by s - 1)."""
        if not self.params_:
            raise CRMDataError("the model is not fitted", fix="call .fit(summary) first")
        r, alpha, s, beta = (self.params_[k] for k in ("r", "alpha", "s", "beta"))
        return r, alpha, (s if abs(s - 1) > 1e-7 else 1 + 1e-7), beta

    def p_alive(self, frequency, recency, T) -> np.ndarray:
        """P(alive | x, t_x, T) = 1 / (1 + s / (r+s+x) (α+T)^(r+x) (β+T)^s A0)."""
        r, alpha, s, beta = self._fitted()
        x, tx, t = (np.asarray(v, dtype=float) for v in (frequency, recency, T))
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            log_odds = (np.log(s) - np.log(r + s + x) + (r + x) * np.log(alpha + t)
                        + s * np.log(beta + t) + _log_a0((r, alpha, s, beta), x, tx, t))
            return 1.0 / (1.0 + np.exp(log_odds))

    def expected_purchases_new(self, t) -> np.ndarray:
        """E[X(t)] for a new customer: r β / (α (s-1)) [1 - (β / (β+t))^(s-1)]."""
        r, alpha, s, beta = self._fitted()
        t = np.asarray(t, dtype=float)
        return r * beta / (alpha * (s - 1)) * (1 - (beta / (beta + t)) ** (s - 1))

    def expected_purchases(self, t, frequency, recency, T) -> np.ndarray:
        """E[Y(t) | x, t_x, T]: expected purchases in the next ``t`` periods,
        (r+x)(β+T) / ((α+T)(s-1)) [1 - ((β+T)/(β+T+t))^(s-1)] P(alive)."""
        r, alpha, s, beta = self._fitted()
        x, big_t = np.asarray(frequency, dtype=float), np.asarray(T, dtype=float)
        t = np.asarray(t, dtype=float)
        term = (r + x) * (beta + big_t) / ((alpha + big_t) * (s - 1)) * (
            1 - ((beta + big_t) / (beta + big_t + t)) ** (s - 1))
        return term * self.p_alive(frequency, recency, T)
