"""Chapter 4 tiering: Pareto, Gini, ABC both ways, the pyramid, RFM — hand-worked."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from crmlab import CRMDataError
from crmlab.tiering import (
    abc_classes,
    customer_pyramid,
    customers_for_share,
    gini,
    lorenz_curve,
    rfm_scores,
    rfm_table,
    tier_summary,
    top_share,
)


def test_gini_hand_worked():
    assert gini([0, 0, 0, 1]) == pytest.approx(0.75)
    assert gini([5, 5, 5, 5]) == pytest.approx(0.0)
    # x = 1, 2, 3, 4: 2 * (1 + 4 + 9 + 16) / (4 * 10) - 5 / 4 = 1.5 - 1.25
    assert gini([4, 1, 3, 2]) == pytest.approx(0.25)


def test_lorenz_curve_starts_at_zero_and_ends_at_one():
    curve = lorenz_curve([3, 1, 6])
    assert curve.iloc[0].tolist() == [0.0, 0.0] and curve.iloc[-1].tolist() == [1.0, 1.0]
    assert curve["value_share"].tolist() == pytest.approx([0, 0.1, 0.4, 1.0])


def test_top_share_and_customers_for_share_hand_worked():
    values = pd.Series([40, 30, 10, 8, 5, 3, 2, 1, 1, 0])  # total 100
    assert top_share(values, 0.2) == pytest.approx(0.70)
    assert top_share(values, 0.1) == pytest.approx(0.40)
    assert customers_for_share(values, 0.8) == pytest.approx(0.3)   # 40+30+10 = 80
    assert customers_for_share(values, 0.81) == pytest.approx(0.4)


def test_abc_by_customers_hand_worked():
    values = pd.Series([5, 100, 20, 1, 60, 3, 2, 9, 0, 40], index=list("abcdefghij"))
    classes = abc_classes(values)
    assert classes[["b", "e"]].tolist() == ["A", "A"]      # k = 1, 2 <= 0.2 * 10
    assert classes["i"] == "C" and (classes == "B").sum() == 7


def test_abc_ties_broken_by_customer_id():
    classes = abc_classes(pd.Series([7, 7, 7, 7, 7], index=[5, 3, 1, 4, 2]))
    assert classes[1] == "A" and (classes == "A").sum() == 1 and classes[5] == "C"


def test_abc_by_value_boundary_customer_is_a():
    # cumulative share before each: 0, .5, .8, .95 -> the customer crossing 80 % is A
    values = pd.Series([50, 30, 15, 5], index=["w", "x", "y", "z"])
    assert abc_classes(values, by="value").tolist() == ["A", "A", "B", "C"]
    values = pd.Series([50, 29, 16, 5], index=["w", "x", "y", "z"])  # before y: 0.79
    assert abc_classes(values, by="value").tolist() == ["A", "A", "A", "C"]


@pytest.mark.parametrize("cuts", [(0.9, 0.2), (0.2, 0.2), (0, 0.9), (0.2, 1.5), (0.2,)])
def test_abc_bad_cuts(cuts):
    with pytest.raises(CRMDataError):
        abc_classes(pd.Series([1, 2, 3]), cuts=cuts)


def test_pyramid_on_100_and_7_customers():
    counts = customer_pyramid(pd.Series(range(100))).value_counts()
    assert counts[["top", "major", "ordinary", "small"]].tolist() == [1, 19, 30, 50]
    # n = 7: top k <= 0.07 (none), major k <= 1.4 (1), ordinary k <= 3.5 (2), small (4)
    tiers = customer_pyramid(pd.Series([70, 60, 50, 40, 30, 20, 10], index=list("abcdefg")))
    assert tiers.tolist() == ["major", "ordinary", "ordinary", "small", "small", "small", "small"]


@pytest.mark.parametrize("shares", [(0.1, 0.2, 0.3, 0.3), (0, 0.2, 0.3, 0.5), (0.5, 0.5)])
def test_pyramid_bad_shares(shares):
    with pytest.raises(CRMDataError):
        customer_pyramid(pd.Series([1, 2, 3]), shares)


def test_tier_summary_quantity_vs_profit():
    values = pd.Series([50, 30, 10, 5, 5])
    summary = tier_summary(values, abc_classes(values))
    assert summary.loc["A", "customer_share"] == pytest.approx(0.2)
    assert summary.loc["A", "value_share"] == pytest.approx(0.5)


@given(st.lists(st.floats(0, 1e6), min_size=1, max_size=60), st.sampled_from(["customers", "value"]))
def test_classes_and_tiers_partition_the_customers(values, by):
    series = pd.Series(values, index=range(len(values)))
    if by == "value" and series.sum() == 0:
        return
    classes = abc_classes(series, by=by)
    assert classes.notna().all() and classes.index.equals(series.index)
    tiers = customer_pyramid(series)
    assert tiers.notna().all() and tiers.value_counts().sum() == len(series)


def test_rfm_on_a_small_table():
    tx = pd.DataFrame({"customer_id": [1, 1, 2, 3, 3, 3],
                       "date": ["2024-03-01", "2024-03-25", "2024-02-01", "2024-01-05",
                                "2024-02-10", "2024-03-30"],
                       "amount": [10.0, 30.0, 100.0, 5.0, 5.0, 5.0]})
    rfm = rfm_table(tx, "2024-03-31")
    assert rfm.loc[1].tolist() == [6, 2, 40.0]
    assert rfm.loc[2].tolist() == [59, 1, 100.0]
    assert rfm.loc[3].tolist() == [1, 3, 15.0]
    scores = rfm_scores(rfm, bins=3)
    # recency 1 < 6 < 59 -> R 3, 2, 1; frequency 1 < 2 < 3 -> F; monetary 15 < 40 < 100
    assert scores["cell"].to_dict() == {1: "222", 2: "113", 3: "331"}
    assert scores.loc[3, "score"] == pytest.approx(7 / 3)
    weighted = rfm_scores(rfm, bins=3, weights=(2, 1, 0))
    assert weighted.loc[1, "score"] == pytest.approx((2 * 2 + 2) / 3)


def test_rfm_segments_follow_the_rule():
    rfm = pd.DataFrame({"recency": np.arange(10), "frequency": np.arange(10)[::-1] + 1,
                        "monetary": np.arange(10)[::-1] * 10.0}, index=range(10))
    scores = rfm_scores(rfm)
    assert scores.loc[0, "segment"] == "champions" and scores.loc[9, "segment"] == "hibernating"


def test_rfm_bad_input():
    with pytest.raises(CRMDataError, match="bins"):
        rfm_scores(pd.DataFrame({"recency": [1], "frequency": [1], "monetary": [1.0]}), bins=1)
    with pytest.raises(CRMDataError, match="weights"):
        rfm_scores(pd.DataFrame({"recency": [1], "frequency": [1], "monetary": [1.0]}),
                   weights=(0, 0, 0))
    with pytest.raises(CRMDataError, match="missing column"):
        rfm_scores(pd.DataFrame({"recency": [1]}))
    with pytest.raises(CRMDataError, match="no purchases"):
        rfm_table(pd.DataFrame({"customer_id": [1], "date": ["2024-05-01"], "amount": [1.0]}),
                  "2020-01-01")


@pytest.mark.parametrize("bad", [[1, np.nan], [1, -2], "abc", []])
def test_gini_bad_values(bad):
    with pytest.raises(CRMDataError):
        gini(bad)


def test_rfm_rank_by_hand():
    """Scores 4.0, 4.0, 2.0: the tie goes to the larger monetary value (customer 12)."""
    from crmlab.tiering import rfm_rank

    scores = pd.DataFrame({"score": [4.0, 4.0, 2.0]}, index=[11, 12, 13])
    rfm = pd.DataFrame({"monetary": [100.0, 300.0, 900.0]}, index=[11, 12, 13])
    assert rfm_rank(scores, rfm).to_dict() == {11: 2, 12: 1, 13: 3}


def test_rfm_rank_refuses_tables_of_other_customers():
    from crmlab.tiering import rfm_rank

    scores = pd.DataFrame({"score": [4.0]}, index=[1])
    with pytest.raises(CRMDataError, match="same index"):
        rfm_rank(scores, pd.DataFrame({"monetary": [1.0]}, index=[2]))
    with pytest.raises(CRMDataError, match="score"):
        rfm_rank(pd.DataFrame({"R": [1]}, index=[1]), pd.DataFrame({"monetary": [1.0]}, index=[1]))
