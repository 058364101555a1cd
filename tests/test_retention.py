"""Retention economics: expected lifetime, the uplift model at chosen parameters by hand,
parameters inside and outside Reichheld & Sasser's 25-85 %, bad input."""

import math

import pandas as pd
import pytest

from crmlab import CRMDataError
from crmlab.retention import (
    cumulative_npv,
    customer_npv,
    expected_lifetime,
    profit_by_tenure,
    retention_profit_uplift,
)


def test_expected_lifetime():
    assert expected_lifetime(0.2) == 5.0 and expected_lifetime(1) == 1.0
    assert expected_lifetime(0.05) == pytest.approx(20)


def test_uplift_by_hand_on_three_years():
    # profits 10, 12, 14 (base 10, +2 a year); no discounting; acquisition 5
    # r = 0.5: -5 + 10 + 0.5*12 + 0.25*14 = 14.5; r = 0.6: -5 + 10 + 7.2 + 5.04 = 17.24
    result = retention_profit_uplift(0.5, 0.1, base_profit=10, growth=2, cost_saving=0, referral=0,
                                     price_premium=0, discount_rate=0.0, horizon=3,
                                     acquisition_cost=5)
    assert result.npv_before == pytest.approx(14.5) and result.npv_after == pytest.approx(17.24)
    assert result.uplift == pytest.approx(17.24 / 14.5 - 1)
    assert result.lifetime_before == pytest.approx(2.0) and result.lifetime_after == pytest.approx(2.5)


def test_discounting_by_hand():
    profits = pd.Series([110.0, 121.0], index=[1, 2])
    # d = 10 %: 110/1.1 + 1.0 * 121/1.21 = 200
    assert customer_npv(1.0, profits, 0.1) == pytest.approx(200)
    assert cumulative_npv(1.0, profits, 0.1, 50).tolist() == pytest.approx([-50, 50, 150])


def test_the_claim_depends_on_the_parameters():
    """Inside 25-85 % with profit growing by tenure and an acquisition cost; below it with
    flat profits and nothing to recover."""
    inside = retention_profit_uplift()  # retention 0.80, growth 10 a year in all, cost 80
    assert 0.25 <= inside.uplift <= 0.85
    flat = retention_profit_uplift(growth=0, cost_saving=0, referral=0, price_premium=0,
                                   acquisition_cost=0)
    assert flat.uplift < 0.25
    assert retention_profit_uplift(acquisition_cost=150).uplift > 0.85


def test_profit_by_tenure_and_undefined_uplift():
    assert profit_by_tenure(30, 4, 2, 3, 1, horizon=3).tolist() == [30, 40, 50]
    negative = retention_profit_uplift(0.3, base_profit=1, growth=0, cost_saving=0, referral=0,
                                       price_premium=0, acquisition_cost=100)
    assert negative.npv_before < 0 and math.isnan(negative.uplift)


@pytest.mark.parametrize(("call", "words"), [
    (lambda: expected_lifetime(0), r"\(0, 1\]"),
    (lambda: expected_lifetime(1.2), "churn"),
    (lambda: retention_profit_uplift(0.98, 0.05), "exceeds 1"),
    (lambda: profit_by_tenure(horizon=0), "horizon"),
    (lambda: customer_npv(1.5, pd.Series([1.0])), "retention"),
])
def test_bad_input(call, words):
    with pytest.raises(CRMDataError, match=words):
        call()
