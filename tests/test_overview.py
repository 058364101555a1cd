"""Chapter 0 compute functions: hand-worked examples and bad input."""

import pandas as pd
import pytest

from crmlab import CRMDataError
from crmlab.datasets import load_customers, load_transactions
from crmlab.overview import channel_summary, customer_profit, period_summary, retention_for_loss


def test_retention_for_loss_hand_worked():
    assert retention_for_loss(0.5, 5) == pytest.approx(0.870550563, rel=1e-9)
    assert retention_for_loss(0.0, 3) == 1.0
    assert retention_for_loss(0.75, 2) == pytest.approx(0.5)


@pytest.mark.parametrize(("lost", "years"), [(1.0, 5), (-0.1, 5), (0.5, 0)])
def test_retention_for_loss_bad_input(lost, years):
    with pytest.raises(CRMDataError):
        retention_for_loss(lost, years)


def small():
    tx = pd.DataFrame({"customer_id": [1, 1, 2, 3],
                       "date": ["2024-01-05", "2024-04-02", "2024-02-01", "2024-04-30"],
                       "amount": [10.0, 20.0, 5.0, 8.0], "cost": [6.0, 12.0, 4.0, 5.0]})
    cu = pd.DataFrame({"customer_id": [1, 2, 3, 4],
                       "signup_date": ["2024-01-01"] * 4,
                       "channel": ["web", "store", "web", "store"],
                       "acquisition_cost": [5.0, 2.0, 1.0, 3.0]})
    return tx, cu


def test_period_summary_by_quarter_and_channel():
    tx, cu = small()
    q = period_summary(tx, period="quarter")
    assert q["revenue"].tolist() == [15.0, 28.0]
    assert q["new customers"].tolist() == [2, 1]
    assert q["gross margin"].tolist() == [5.0, 11.0]
    web = period_summary(tx, cu, period="month", channel="web")
    assert web["revenue"].to_dict() == {pd.Period("2024-01"): 10.0, pd.Period("2024-04"): 28.0}


def test_period_summary_does_not_change_its_input():
    tx, cu = small()
    before = tx.copy()
    period_summary(tx, cu, channel="web")
    pd.testing.assert_frame_equal(tx, before)


def test_period_summary_bad_period():
    with pytest.raises(CRMDataError, match="unknown period"):
        period_summary(small()[0], period="day")


def test_customer_profit_hand_worked():
    tx, cu = small()
    profit = customer_profit(tx, cu)["profit"]
    # 1: (4 + 8) - 5 = 7; 2: 1 - 2 = -1; 3: 3 - 1 = 2; 4: no purchases, -3
    assert profit.to_dict() == {1: 7.0, 2: -1.0, 3: 2.0, 4: -3.0}


def test_customer_profit_needs_costs():
    tx, cu = small()
    with pytest.raises(CRMDataError, match="'cost'"):
        customer_profit(tx.drop(columns="cost"), cu)


def test_channel_summary_on_course_data_adds_up():
    cu = load_customers()
    summary = channel_summary(load_transactions(), cu)
    assert summary["customers"].sum() == len(cu)
    assert summary["share unprofitable"].between(0, 1).all()
