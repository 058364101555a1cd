"""The shifted-beta-geometric model: Fader & Hardie's (2007) published example reproduced
(fit on years 0-7, projection of years 8-12), the residual lifetime of Fader & Hardie (2010),
several cohorts of different ages, the club data's true churn recovered, warnings on data
without heterogeneity, and bad input."""

import warnings

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm

from crmlab import CRMDataError
from crmlab.errors import CRMFitWarning
from crmlab.sbg import SBGModel, sbg_derl, sbg_log_likelihood, sbg_retention, sbg_survival

# Fader & Hardie (2007), "How to Project Customer Retention", Table 1: % of the cohort
# still a customer at the start of years 0-12, for "high end" and "regular" customers
HIGH_END = [100, 86.9, 74.3, 65.3, 59.3, 55.1, 51.7, 49.1, 46.8, 44.5, 42.7, 40.9, 39.4]
REGULAR = [100, 63.1, 46.8, 38.2, 32.6, 28.9, 26.2, 24.1, 22.3, 20.7, 19.4, 18.3, 17.3]


def shares(curve, years=8):
    return [v / 100 for v in curve[:years]]


@pytest.mark.parametrize(("curve", "alpha", "beta"), [(HIGH_END, 0.668, 3.806),
                                                      (REGULAR, 0.704, 1.182)])
def test_the_published_example_fit_on_years_0_to_7(curve, alpha, beta):
    model = SBGModel().fit(shares(curve))  # shares count as 1,000 customers, as in the paper
    assert model.params_["alpha"] == pytest.approx(alpha, abs=5e-4)
    assert model.params_["beta"] == pytest.approx(beta, abs=5e-4)
    assert model.log_likelihood_ == pytest.approx(1000 * sbg_log_likelihood(alpha, beta, shares(curve)),
                                                  abs=0.5)
    projected = model.survival(12).iloc[8:].to_numpy()  # years 8-12, never seen by the fit
    actual = np.array(curve[8:]) / 100
    assert np.abs(projected - actual).max() < 0.02  # within 2 points, as the paper's figure 3
    assert (np.diff(model.retention(12).to_numpy()) > 0).all()  # retention rises with tenure


def test_hand_worked_values():
    # alpha = beta = 1: P(T = t) = 1 / (t (t + 1)), so S(t) = 1 / (t + 1); r_t = t / (t + 1)
    assert sbg_survival(1, 1, 4) == pytest.approx([1, 1 / 2, 1 / 3, 1 / 4, 1 / 5])
    assert sbg_retention(1, 1, 3) == pytest.approx([1 / 2, 2 / 3, 3 / 4])
    # per-customer log-likelihood at (1, 1): -2.115 in Maturen's reference sBG implementation
    assert sbg_log_likelihood(1, 1, shares(HIGH_END)) == pytest.approx(-2.115, abs=1e-3)
    # Fader & Hardie (2010): DERL of a high-end customer after 7 renewals at d = 0.1 is 7.53
    assert sbg_derl(0.668, 3.806, 0.1, 7) == pytest.approx(7.530, abs=0.005)
    # more renewals, more residual value: the longer-tenured are the better customers
    assert sbg_derl(0.668, 3.806, 0.1, 0) < sbg_derl(0.668, 3.806, 0.1, 7)
    assert SBGModel().fit(shares(HIGH_END)).residual_value(100, 0.1, 7) == pytest.approx(753, abs=1)


def test_several_cohorts_of_different_ages():
    # Maturen's reference test: four cohorts of 10,000, observed 4, 3, 2 and 1 periods
    cohorts = [[10000, 8000, 6480, 5307, 4391], [10000, 8000, 6480, 5307], [10000, 8000, 6480],
               [10000, 8000]]
    model = SBGModel().fit(cohorts)
    assert model.params_["alpha"] == pytest.approx(3.80, rel=1e-2)
    assert model.params_["beta"] == pytest.approx(15.19, rel=1e-2)
    frame = pd.DataFrame({f"c{k}": pd.Series(c, dtype=float) for k, c in enumerate(cohorts)})
    assert SBGModel().fit(frame).params_ == pytest.approx(model.params_)  # NaN after its age
    assert model.se_["alpha"] > 0 and model.periods_ == 4


def club_cohorts(members: pd.DataFrame) -> list[list[int]]:
    """Members alive at each month since joining, one curve per month of joining."""
    curves = []
    for _, group in members.groupby("joined"):
        age = int(group["tenure_months"].max())
        curves.append([int(((group["tenure_months"] > t)
                            | ((group["tenure_months"] == t) & (group["churned"] == 0))).sum())
                       for t in range(age + 1)])
    return curves


@pytest.mark.parametrize(("plan", "tolerance"), [("basic", 0.10), ("standard", 0.10)])
def test_the_club_datas_true_churn_is_recovered(plan, tolerance):
    from crmlab.datasets import load_subscriptions
    from crmlab.generate_loyalty import PLANS, SATISFACTION_EFFECT

    levels = np.arange(1, 11)  # the generator: hazard = base x 0.85^(satisfaction - 7)
    weights = np.diff(norm.cdf(np.r_[-np.inf, levels[:-1] + 0.5, np.inf], 7, 1.8))
    theta = PLANS[plan][1] * (1 - SATISFACTION_EFFECT) ** (levels - 7)
    true_mean = float((weights * theta).sum())
    members = load_subscriptions().query("plan == @plan")
    model = SBGModel().fit(club_cohorts(members))
    a, b = model.params_.values()
    assert a / (a + b) == pytest.approx(true_mean, rel=tolerance)  # the mean churn per month


def test_no_heterogeneity_warns_in_plain_words():
    constant = [0.8 ** t for t in range(10)]  # every customer churns with 0.2 a period
    with pytest.warns(CRMFitWarning, match="barely differ across customers"):
        model = SBGModel().fit(constant)
    assert model.retention(5).to_numpy() == pytest.approx(0.8, abs=1e-3)
    with warnings.catch_warnings():
        warnings.simplefilter("error", CRMFitWarning)
        SBGModel().fit(shares(HIGH_END))  # real heterogeneity: no warning


@pytest.mark.parametrize(("curve", "words"), [
    ([], "period 0 and at least one"),
    ([1.0], "period 0 and at least one"),
    ([1.0, 0.8, 0.85], "rises at period 2"),
    ([1.0, 1.2], "rises at period 1"),
    ([0.9, 0.5], "must start with the whole cohort"),
    ([1.0, float("nan")], "missing or negative"),
    ([100, -3], "missing or negative"),
    ([[1.0, 0.5], [1.0, 0.7, 0.9]], "curve 1 rises at period 2"),
])
def test_bad_curves_are_refused(curve, words):
    with pytest.raises(CRMDataError, match=words):
        SBGModel().fit(curve)


def test_the_callers_data_is_not_changed():
    frame = pd.DataFrame({"a": [1.0, 0.9, 0.8], "b": [1.0, 0.7, np.nan]})
    before = frame.copy()
    SBGModel().fit(frame)
    pd.testing.assert_frame_equal(frame, before)
