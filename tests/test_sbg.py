"""The shifted-beta-geometric model: Fader & Hardie's (2007) published example reproduced
(fit on years 0-7, projection of years 8-12), the residual lifetime of Fader & Hardie (2010),
several cohorts of different ages, the club data's true parameters recovered, the one-rate
(geometric) model it is compared with, warnings on data without heterogeneity, and bad
input."""

import warnings

import numpy as np
import pandas as pd
import pytest

from crmlab import CRMDataError
from crmlab.errors import CRMFitWarning
from crmlab.sbg import (
    SBGModel,
    constant_retention,
    geometric_derl,
    monthly_rate,
    residual_values,
    sbg_derl,
    sbg_log_likelihood,
    sbg_retention,
    sbg_survival,
)

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


CHI2_2_95 = 5.991  # the 95 % point of chi-square with 2 degrees of freedom


@pytest.mark.parametrize("plan", ["basic", "standard", "premium"])
def test_the_club_datas_true_parameters_are_recovered(plan):
    """The club data is drawn from an sBG per plan (the data card's PLANS). Tolerance: the
    true (alpha, beta) lie inside the fit's 95 % likelihood-ratio region (alpha and beta
    are strongly correlated, so a joint region is the honest one), and the fitted survival
    is within 3 points of the true one at 12, 24 and 35 months."""
    from crmlab.cohorts import cohort_survival
    from crmlab.datasets import load_subscriptions
    from crmlab.generate_loyalty import END_MONTH, PLANS

    _, alpha, beta = PLANS[plan]
    cohorts = cohort_survival(load_subscriptions().query("plan == @plan"), END_MONTH)
    model = SBGModel().fit(cohorts)
    assert 2 * (model.log_likelihood_ - sbg_log_likelihood(alpha, beta, cohorts)) < CHI2_2_95
    months = [12, 24, 35]
    assert np.abs(model.survival(35).to_numpy()[months] - sbg_survival(alpha, beta, 35)[months]
                  ).max() < 0.03


def test_a_large_club_recovers_alpha_and_beta_within_10_percent():
    from crmlab.cohorts import cohort_survival
    from crmlab.generate_loyalty import END_MONTH, PLANS, subscription_data

    members = subscription_data(seed=7, members=60_000)["subscriptions"]
    basic = members[members["plan"] == "basic"]
    model = SBGModel().fit(cohort_survival(basic, END_MONTH))
    assert list(model.params_.values()) == pytest.approx(PLANS["basic"][1:], rel=0.10)
    assert model.se_["alpha"] < 0.05 * model.params_["alpha"]  # and knows it is precise


def test_the_first_year_projects_the_club_better_than_one_rate():
    """Fitted on every membership's first 12 months, the sBG's survival at 24 and 35
    months is nearer the truth than one constant rate fitted on the same months."""
    from crmlab.cohorts import cohort_survival
    from crmlab.datasets import load_subscriptions
    from crmlab.generate_loyalty import END_MONTH, PLANS

    for plan, part in load_subscriptions().groupby("plan"):
        first_year = cohort_survival(part, END_MONTH).loc[:12]
        truth = sbg_survival(*PLANS[plan][1:], 35)[[24, 35]]
        sbg = SBGModel().fit(first_year).survival(35).to_numpy()[[24, 35]]
        flat = constant_retention(first_year) ** np.array([24, 35])
        assert (np.abs(sbg - truth) < np.abs(flat - truth)).all(), plan


def test_constant_retention_and_geometric_values_by_hand():
    # 1000 -> 800 -> 640: 360 lost in 1800 customer-periods at risk
    assert constant_retention([1000, 800, 640]) == pytest.approx(0.8)
    # two cohorts: 100 -> 90 (10 of 100) and 50 -> 45 -> 40 (5 of 50, 5 of 45): 20 / 195
    assert constant_retention([[100, 90], [50, 45, 40]]) == pytest.approx(1 - 20 / 195)
    # r (1 + d) / (1 + d - r): 0.9 x 1.1 / 0.2 = 4.95; a 2-period horizon: 0.9 + 0.81 / 1.1
    assert geometric_derl(0.9, 0.1) == pytest.approx(4.95)
    assert geometric_derl(0.9, 0.1, horizon=2) == pytest.approx(0.9 + 0.81 / 1.1)
    # the sBG without heterogeneity is the geometric model: huge alpha, beta with mean 0.1
    assert sbg_derl(1e5, 9e5, 0.1, 5) == pytest.approx(geometric_derl(0.9, 0.1), rel=1e-3)
    assert sbg_derl(1e5, 9e5, 0.1, 5, horizon=24) == pytest.approx(
        geometric_derl(0.9, 0.1, horizon=24), rel=1e-3)
    # the finite sum reaches the closed form
    assert sbg_derl(0.668, 3.806, 0.1, 7, horizon=2000) == pytest.approx(sbg_derl(0.668, 3.806, 0.1, 7))
    assert monthly_rate(0.1) == pytest.approx(1.1 ** (1 / 12) - 1)
    assert (1 + monthly_rate(0.1)) ** 12 == pytest.approx(1.1)


def test_residual_values_rise_with_tenure_and_one_rate_stays_flat():
    values = residual_values(0.5, 9.0, 0.97, 20, monthly_rate(0.1), [0, 12, 36], horizon=36)
    assert values["sBG"].is_monotonic_increasing
    assert values["one rate"].nunique() == 1
    assert values["one rate / sBG"].iloc[-1] < values["one rate / sBG"].iloc[0]
    # the sBG value by hand: 20 x sum of S(n + 1 + k) / S(n) / (1 + d)^k over 36 months
    s, d = sbg_survival(0.5, 9.0, 72), monthly_rate(0.1)
    by_hand = 20 * sum(s[12 + 1 + k] / s[12] / (1 + d) ** k for k in range(36))
    assert values.loc[12, "sBG"] == pytest.approx(by_hand)


@pytest.mark.parametrize(("call", "words"), [
    (lambda: geometric_derl(1.0, 0.0), "infinite"),
    (lambda: geometric_derl(1.2, 0.1), "retention"),
    (lambda: sbg_derl(1, 1, 0.0, 3), "discount must be above 0"),
    (lambda: sbg_derl(1, 1, 0.1, 3, horizon=2.5), "whole number"),
    (lambda: sbg_derl(1, 1, 0.1, -1), "renewals"),
    (lambda: residual_values(1, 1, 0.9, "much", 0.1, [0]), "margin"),
    (lambda: constant_retention([1.0]), "period 0 and at least one"),
    (lambda: monthly_rate(-0.5), "annual"),
])
def test_bad_values_are_refused(call, words):
    with pytest.raises(CRMDataError, match=words):
        call()


def test_short_and_empty_cohorts_add_nothing_and_one_member_is_a_count():
    counts = [[40, 30, 25], [1, 1, 0], [12]]  # a cohort of one member; one seen at joining only
    both = SBGModel().fit(counts)
    assert both.log_likelihood_ == pytest.approx(
        sbg_log_likelihood(*both.params_.values(), [[40, 30, 25], [1, 1, 0]]))
    lost_one = [[40, 30, 25], [1, 1, 0]]
    assert constant_retention(lost_one) == pytest.approx(1 - 16 / (40 + 30 + 2))


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
