"""Chapter 4 CLV: the retention formula, the summary, BG/NBD and Gamma-Gamma against
hand-computed likelihoods and against the generator's truth."""

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from crmlab import CRMDataError
from crmlab.clv import (
    BetaGeoModel,
    GammaGammaModel,
    bgnbd_log_likelihood,
    clv_retention,
    clv_summary,
    customer_lifetime_value,
    delivered_value,
    gamma_gamma_log_likelihood,
)
from crmlab.datasets import load_retail_latent, load_transactions
from crmlab.errors import CRMFitWarning
from crmlab.generate import BGNBD_TRUTH, GAMMA_GAMMA_TRUTH, RETAIL_END


def test_retention_clv_equals_a_spreadsheet_sum():
    # margin 100, retention 0.8, discount 10 %, 3 years, margins at year end:
    # 100*.8/1.1 + 100*.64/1.21 + 100*.512/1.331 = 72.727 + 52.893 + 38.467
    assert clv_retention(100, 0.8, 0.1, periods=3) == pytest.approx(164.0872, abs=1e-4)
    assert clv_retention(100, 0.8, 0.1, periods=3, timing="start") == pytest.approx(
        100 + 72.7273 + 52.8926, abs=1e-4)
    assert clv_retention(100, 0.8, 0.1, periods=3, acquisition_cost=50) == pytest.approx(
        114.0872, abs=1e-4)


def test_infinite_horizon_closed_forms_match_long_sums():
    assert clv_retention(100, 0.8, 0.1) == pytest.approx(100 * 0.8 / 0.3)
    assert clv_retention(100, 0.8, 0.1, timing="start") == pytest.approx(100 * 1.1 / 0.3)
    assert clv_retention(100, 0.8, 0.1, periods=500) == pytest.approx(clv_retention(100, 0.8, 0.1))


@given(st.floats(0, 0.98), st.floats(0.001, 0.99), st.floats(0, 0.5))
def test_clv_rises_with_retention(r1, r2, d):
    low, high = sorted((r1, r2))
    assert clv_retention(50, low, d) <= clv_retention(50, high, d) + 1e-9
    assert clv_retention(50, low, d, periods=7) <= clv_retention(50, high, d, periods=7) + 1e-9


@pytest.mark.parametrize("kwargs", [{"retention": 1.5}, {"discount_rate": -0.1},
                                    {"periods": -1}, {"timing": "middle"}, {"margin": "x"}])
def test_retention_clv_bad_input(kwargs):
    args = {"margin": 100, "retention": 0.8, "discount_rate": 0.1, **kwargs}
    with pytest.raises(CRMDataError):
        clv_retention(**args)


def test_delivered_value():
    result = delivered_value(60, 20, 10, 10, 70, 10, 5, 5)
    assert result == (100.0, 90.0, 10.0)


def test_summary_against_hand_computed_weeks():
    # 2024-01-01 is a Monday: weeks (ending Sunday) start on Mondays
    tx = pd.DataFrame({"customer_id": [1, 1, 1, 1, 2],
                       "date": ["2024-01-01", "2024-01-03", "2024-01-15", "2024-02-01",
                                "2024-01-07"],
                       "amount": [10.0, 20.0, 40.0, 60.0, 5.0]})
    s = clv_summary(tx, "2024-02-11", freq="W")
    assert s.loc[1].tolist() == [2.0, 4.0, 5.0, 50.0]   # weeks 0, 2, 4; end week 5
    assert s.loc[2].tolist() == [0.0, 0.0, 5.0, 0.0]
    weeks = pd.to_datetime(tx["date"]).dt.to_period("W")
    assert (weeks.iloc[1] - weeks.iloc[0]).n == 0 and (weeks.iloc[2] - weeks.iloc[0]).n == 2


def test_summary_ignores_purchases_after_the_end():
    tx = load_transactions()
    s = clv_summary(tx, "2024-06-30", freq="D")
    assert s["T"].max() <= (pd.Timestamp("2024-06-30") - pd.Timestamp("2023-01-01")).days
    assert (s["recency"] <= s["T"]).all()


def test_bgnbd_log_likelihood_hand_computed():
    params = {"r": 1.0, "alpha": 2.0, "a": 1.0, "b": 3.0}
    # one-time buyer: r ln(alpha) - r ln(alpha + T)
    assert bgnbd_log_likelihood(params, [0], [0], [10])[0] == pytest.approx(np.log(2 / 12))
    # x = 2, t_x = 5, T = 10: A1 = 4, A2 = B(1,5)/B(1,3) = 0.6,
    # A3 = 12^-3, A4 = 1/4 * 7^-3
    expected = np.log(4 * 0.6 * (12.0 ** -3 + 0.25 * 7.0 ** -3))
    assert bgnbd_log_likelihood(params, [2], [5], [10])[0] == pytest.approx(expected)


def test_bgnbd_is_stable_for_huge_frequencies():
    ll = bgnbd_log_likelihood((0.8, 6.0, 0.9, 4.0), [1000], [150], [156])
    assert np.isfinite(ll).all()


def test_gamma_gamma_log_likelihood_hand_computed():
    # p = 2, q = 3, v = 4, x = 1, m = 5:
    # Γ(5)/(Γ(2)Γ(3)) 4^3 5^1 1^2 / 9^5 = 12 * 64 * 5 / 59049
    assert gamma_gamma_log_likelihood((2.0, 3.0, 4.0), [1], [5.0])[0] == pytest.approx(
        np.log(12 * 64 * 5 / 59049))


@pytest.fixture(scope="module")
def daily():
    return clv_summary(load_transactions(), RETAIL_END, freq="D")


def test_bgnbd_recovers_the_generator(daily):
    """Daily data; truth in weeks, so alpha is compared as alpha/7. Tolerance: 15 %."""
    params = BetaGeoModel().fit(daily).params_
    truth = {**BGNBD_TRUTH, "alpha": BGNBD_TRUTH["alpha"] * 7}
    for name, value in truth.items():
        assert params[name] == pytest.approx(value, rel=0.15), name


def test_p_alive_is_calibrated_against_the_truth(daily):
    bg = BetaGeoModel().fit(daily)
    alive = bg.p_alive(daily["frequency"], daily["recency"], daily["T"])
    truth = load_retail_latent().set_index("customer_id").loc[daily.index, "alive_at_end"]
    assert abs(alive.mean() - truth.mean()) < 0.03
    assert alive[truth.to_numpy()].mean() > alive[~truth.to_numpy()].mean() + 0.2


def test_gamma_gamma_recovers_the_generator(daily):
    params = GammaGammaModel().fit(daily).params_
    for name, value in GAMMA_GAMMA_TRUTH.items():
        assert params[name] == pytest.approx(value, rel=0.05), name


def test_expected_purchases_and_clv(daily):
    bg, gg = BetaGeoModel().fit(daily), GammaGammaModel().fit(daily)
    new = bg.expected_purchases_new([0, 70, 700])
    assert new[0] == pytest.approx(0) and 0 < new[1] < new[2]
    one = daily.iloc[:5]
    later = bg.expected_purchases(364, one["frequency"], one["recency"], one["T"])
    assert (later >= 0).all()
    clv = customer_lifetime_value(bg, gg, daily.iloc[:50], horizon=364, discount_rate=0.01,
                                  margin=0.3, step=30)
    assert (clv >= 0).all() and clv.index.equals(daily.index[:50])


@pytest.mark.parametrize(("column", "value", "words"), [
    ("T", -1.0, "finite and >= 0"), ("recency", 9999.0, "recency > T"),
    ("frequency", 1.5, "whole number")])
def test_bad_summary(column, value, words):
    summary = pd.DataFrame({"frequency": [1.0, 2.0], "recency": [5.0, 8.0], "T": [10.0, 10.0]})
    summary.loc[0, column] = value
    with pytest.raises(CRMDataError, match=words):
        BetaGeoModel().fit(summary)


def test_unfitted_model():
    with pytest.raises(CRMDataError, match="not fitted"):
        BetaGeoModel().p_alive([1], [1], [2])


def test_summary_is_the_same_without_the_bitmap(monkeypatch):
    import crmlab.clv as clv

    tx = load_transactions()
    fast = clv_summary(tx, "2025-06-30", freq="D")
    monkeypatch.setattr(clv, "BITMAP_LIMIT", 0)
    pd.testing.assert_frame_equal(clv_summary(tx, "2025-06-30", freq="D"), fast)


def random_buyers(n: int = 20_000, seed: int = 1) -> pd.DataFrame:
    """Customers who buy six times at uniformly random days and never leave: not BG/NBD."""
    rng = np.random.default_rng(seed)
    days = rng.integers(0, 730, size=n * 6)
    tx = pd.DataFrame({"customer_id": np.repeat(np.arange(n), 6),
                       "date": pd.Timestamp("2024-01-01") + pd.to_timedelta(days, "D"),
                       "amount": rng.uniform(5, 50, n * 6)})
    return clv_summary(tx, "2025-12-31", freq="D")


def test_fit_on_non_conforming_data_warns_in_plain_words():
    with pytest.warns(CRMFitWarning, match="edge of the search range") as record:
        BetaGeoModel().fit(random_buyers())
    assert "does not look like buy-till-you-die" in str(record[0].message)


def test_fit_warning_can_be_filtered_by_class():
    with warnings.catch_warnings():
        warnings.simplefilter("error", CRMFitWarning)
        with pytest.raises(CRMFitWarning):
            BetaGeoModel().fit(random_buyers(5_000))


def test_fit_without_any_repeat_purchase_is_refused():
    never_again = pd.DataFrame({"frequency": [0.0] * 200, "recency": [0.0] * 200,
                                "T": np.linspace(10, 300, 200)})
    with pytest.raises(CRMDataError, match="no customer made a repeat purchase"):
        BetaGeoModel().fit(never_again)


def test_gamma_gamma_on_identical_spends_warns():
    same = pd.DataFrame({"frequency": [1, 2, 3, 4, 5] * 20, "monetary_value": [50.0] * 100})
    with pytest.warns(CRMFitWarning, match="GammaGammaModel.fit"):
        GammaGammaModel().fit(same)


def test_course_data_fits_without_a_warning(daily):
    with warnings.catch_warnings():
        warnings.simplefilter("error", CRMFitWarning)
        BetaGeoModel().fit(daily)
        GammaGammaModel().fit(daily)


def test_an_impossible_likelihood_is_refused(monkeypatch):
    import crmlab.clv as clv

    monkeypatch.setattr(clv, "bgnbd_log_likelihood", lambda *args: np.array([-np.inf]))
    with pytest.raises(CRMDataError, match="could not be maximised"):
        BetaGeoModel().fit(pd.DataFrame({"frequency": [1.0], "recency": [1.0], "T": [2.0]}))


def test_a_frequency_beyond_the_periods_observed_is_refused():
    """frequency [1e300, 1] once gave a log-likelihood of -1e300 and a silent 'fit'."""
    summary = pd.DataFrame({"frequency": [1e300, 1.0], "recency": [5.0, 3.0], "T": [10.0, 10.0]})
    with pytest.raises(CRMDataError, match="frequency > T"):
        BetaGeoModel().fit(summary)


def test_gamma_gamma_without_a_finite_mean_warns_and_refuses_to_predict_nonsense():
    model = GammaGammaModel()
    model.params_ = {"p": 2.0, "q": 0.5, "v": 10.0}
    assert model.expected_spend([3], [40.0])[0] > 0
    with pytest.raises(CRMDataError, match="no finite expected spend"):
        model.expected_spend([0], [0.0])


def steady_buyers(n: int = 5_000, seed: int = 4) -> pd.DataFrame:
    """Everyone buys at the same Poisson rate (one purchase a fortnight) and nobody leaves."""
    rng = np.random.default_rng(seed)
    counts = rng.poisson(365 / 14, size=n)
    ids = np.repeat(np.arange(n), counts)
    days = rng.uniform(0, 365, size=ids.size).astype(int)
    tx = pd.DataFrame({"customer_id": ids, "amount": 10.0,
                       "date": pd.Timestamp("2024-01-01") + pd.to_timedelta(days, "D")})
    return clv_summary(tx, "2024-12-31", freq="D")


def test_fit_on_steady_never_lapsing_buyers_warns_though_no_parameter_hits_an_edge():
    with pytest.warns(CRMFitWarning) as record:
        model = BetaGeoModel().fit(steady_buyers())
    (only,) = [str(w.message) for w in record]
    assert "edge" not in only  # the fit itself looks fine: r ~ 1,900, alpha ~ 28,000, a ~ 2e-5
    assert "purchase rates hardly differ" in only and "customers seem never to leave" in only
    assert model.params_["r"] > 50


def test_the_course_data_raises_no_doubt():
    from crmlab.clv import bgnbd_doubts

    summary = clv_summary(load_transactions(), RETAIL_END)
    with warnings.catch_warnings():
        warnings.simplefilter("error", CRMFitWarning)
        params = BetaGeoModel().fit(summary).params_
    assert bgnbd_doubts(params) == []
