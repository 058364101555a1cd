"""Pareto/NBD: the published CDNOW fit reproduced (and BG/NBD's beside it), the likelihood
against a direct numerical integration, stability for long histories, recovery of a known
generator (a simulation, and the course's retail generator run with Pareto/NBD dropout),
warnings on data it does not describe, and bad input."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import integrate
from scipy.special import gammaln

from crmlab import CRMDataError
from crmlab.clv import BetaGeoModel
from crmlab.errors import CRMFitWarning
from crmlab.pareto_nbd import ParetoNBDModel, pnbd_log_likelihood

# CDNOW: 2,357 customers' first 39 weeks (x, t_x, T in weeks), as shipped with the
# lifetimes package (MIT licence), from Fader & Hardie's data sets page
CDNOW = pd.read_csv(Path(__file__).parent / "data" / "cdnow_customers_summary.csv")


def test_the_published_cdnow_fits():
    # Fader, Hardie & Lee (2005), "A Note on Implementing the Pareto/NBD Model in MATLAB":
    # r = 0.5534, alpha = 10.5802, s = 0.6061, beta = 11.6562 with LL = -9594.98
    pnbd = ParetoNBDModel().fit(CDNOW)
    assert pnbd.params_ == pytest.approx({"r": 0.553, "alpha": 10.58, "s": 0.606, "beta": 11.67},
                                         rel=2e-3)
    assert pnbd.log_likelihood_ == pytest.approx(-9594.98, abs=0.05)
    # Fader, Hardie & Lee (2005), "Counting Your Customers the Easy Way", BG/NBD on CDNOW:
    # r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9582.4
    bg = BetaGeoModel().fit(CDNOW)
    assert bg.params_ == pytest.approx({"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426},
                                       rel=2e-3)
    assert bg.log_likelihood_ == pytest.approx(-9582.4, abs=0.05)


@pytest.mark.parametrize("params", [(1.0, 2.0, 1.0, 3.0), (1.0, 3.0, 2.0, 1.5)])  # alpha >< beta
@pytest.mark.parametrize(("x", "tx"), [(0, 0.0), (2, 4.0)])
def test_the_likelihood_equals_a_direct_integration(params, x, tx):
    r, alpha, s, beta = params
    big_t = 10.0

    def density(v, shape, rate):
        return np.exp(shape * np.log(rate) + (shape - 1) * np.log(v) - rate * v - gammaln(shape))

    def joint(mu, lam):  # P(x purchases, the last at t_x | lambda, mu) times the densities
        alive = np.exp(-(lam + mu) * big_t)
        left = mu / (lam + mu) * (np.exp(-(lam + mu) * tx) - alive)
        return lam ** x * (alive + left) * density(lam, r, alpha) * density(mu, s, beta)

    value, _ = integrate.dblquad(joint, 0, 40, 0, 40, epsabs=1e-11)
    assert pnbd_log_likelihood(params, [x], [tx], [big_t])[0] == pytest.approx(np.log(value), abs=1e-6)


def test_long_histories_stay_finite():
    ll = pnbd_log_likelihood((0.55, 10.6, 0.61, 11.7), [0, 50, 500, 3000], [0, 400, 1990, 4999],
                             [2000, 2000, 2000, 5000])
    assert np.isfinite(ll).all()
    model = ParetoNBDModel().fit(CDNOW)
    p = model.p_alive([0, 10, 10], [0, 38, 5], [38.86, 38.86, 38.86])
    assert 0 < p[2] < p[0] < 1 and p[1] > 0.9  # a recent frequent buyer is almost surely alive
    assert np.isfinite(model.expected_purchases(52, [3000], [4999], [5000])).all()


def simulate(params, customers: int = 6000, seed: int = 3) -> pd.DataFrame:
    """A Pareto/NBD population observed for 52-104 weeks since the first purchase."""
    r, alpha, s, beta = params
    rng = np.random.default_rng(seed)
    lam = rng.gamma(r, 1 / alpha, customers)
    mu = rng.gamma(s, 1 / beta, customers)
    big_t = rng.uniform(52, 104, customers).round(1)
    end = np.minimum(rng.exponential(1 / mu), big_t)
    x = rng.poisson(lam * end)
    tx = np.where(x > 0, end * rng.beta(np.maximum(x, 1), 1), 0.0)  # max of x uniforms
    keep = x <= big_t  # at most one purchase a week, as clv_summary counts (drops ~1 in 3,000)
    return pd.DataFrame({"frequency": x, "recency": tx.round(2), "T": big_t})[keep]


def test_a_known_generator_is_recovered_within_15_percent():
    truth = {"r": 0.8, "alpha": 6.0, "s": 0.7, "beta": 20.0}
    model = ParetoNBDModel().fit(simulate(tuple(truth.values())))
    for name, value in truth.items():
        assert model.params_[name] == pytest.approx(value, rel=0.15), name
    new = model.expected_purchases_new(52)  # r beta / (alpha (s - 1)) [1 - (beta/(beta+t))^(s-1)]
    r, a, s, b = truth.values()
    assert new == pytest.approx(r * b / (a * (s - 1)) * (1 - (b / (b + 52)) ** (s - 1)), rel=0.1)


CHI2_4_95 = 9.488  # the 95 % point of chi-square with 4 degrees of freedom


def test_the_retail_generator_with_pareto_nbd_dropout_is_recovered():
    """The course's retail generator run with Pareto/NBD's dropout (same shop, signups,
    purchase rates and spending; lifetimes exponential with a Gamma(s, beta) rate). Daily
    data, so alpha and beta are compared in days (x 7). Tolerance: the true parameters lie
    inside the fit's 95 % likelihood-ratio region; r, alpha and s each within 15 % (beta,
    the scale of the dropout rates, is the least determined with 4,000 customers and is
    held to the joint region only); the mean P(alive) within 0.02 of the share truly alive."""
    from crmlab.clv import clv_summary
    from crmlab.generate import PARETO_NBD_TRUTH, RETAIL_END, retail_data

    frames = retail_data(dropout="pareto/nbd")
    daily = clv_summary(frames["transactions"], RETAIL_END, freq="D")
    truth = {**PARETO_NBD_TRUTH, "alpha": PARETO_NBD_TRUTH["alpha"] * 7,
             "beta": PARETO_NBD_TRUTH["beta"] * 7}
    model = ParetoNBDModel().fit(daily)
    at_truth = pnbd_log_likelihood(truth, daily["frequency"], daily["recency"], daily["T"]).sum()
    assert 2 * (model.log_likelihood_ - at_truth) < CHI2_4_95
    for name in ("r", "alpha", "s"):
        assert model.params_[name] == pytest.approx(truth[name], rel=0.15), name
    alive = model.p_alive(daily["frequency"], daily["recency"], daily["T"])
    assert abs(alive.mean() - frames["retail_latent"]["alive_at_end"].mean()) < 0.02
    assert model.log_likelihood_ > BetaGeoModel().fit(daily).log_likelihood_  # its own model wins


def test_the_course_data_favours_the_model_it_was_drawn_from():
    from crmlab.clv import clv_summary
    from crmlab.datasets import load_transactions
    from crmlab.generate import RETAIL_END

    weekly = clv_summary(load_transactions(), RETAIL_END, freq="W")  # drawn from BG/NBD
    assert BetaGeoModel().fit(weekly).log_likelihood_ > ParetoNBDModel().fit(weekly).log_likelihood_


def test_steady_never_lapsing_buyers_warn():
    rng = np.random.default_rng(0)
    x = rng.poisson(20, 500)
    steady = pd.DataFrame({"frequency": x, "recency": 39.0, "T": 39.0})
    with pytest.warns(CRMFitWarning):
        ParetoNBDModel().fit(steady)


def test_bad_input():
    with pytest.raises(CRMDataError, match="no customer made a repeat purchase"):
        ParetoNBDModel().fit(pd.DataFrame({"frequency": [0, 0], "recency": [0, 0], "T": [5, 5]}))
    with pytest.raises(CRMDataError, match="recency > T"):
        ParetoNBDModel().fit(pd.DataFrame({"frequency": [1], "recency": [9.0], "T": [5.0]}))
    with pytest.raises(CRMDataError, match="not fitted"):
        ParetoNBDModel().p_alive([1], [1], [2])
