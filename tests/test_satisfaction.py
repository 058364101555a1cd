"""Satisfaction as ratio and difference, disconfirmation with a tolerance band, the utility
lines, churn rate and churn cost by hand; bad input."""

import pandas as pd
import pytest

from crmlab import CRMDataError
from crmlab.generate_satisfaction import CHURN_REASON_SHARES
from crmlab.satisfaction import (
    CHURN_CAUSES,
    UTILITY_LINES,
    churn_cost,
    churn_rate,
    disconfirmation,
    outcome_shares,
    sample_size,
    satisfaction_gap,
    satisfaction_ratio,
    utility_band,
)


def test_ratio_and_gap_by_hand():
    assert satisfaction_ratio(4.0, 5.0) == 0.8
    assert satisfaction_gap(4.0, 5.0) == -1.0
    ratio = satisfaction_ratio(pd.Series([3.0, 6.0], index=["a", "b"]),
                               pd.Series([3.0, 4.0], index=["a", "b"]))
    assert ratio.to_dict() == {"a": 1.0, "b": 1.5}


@pytest.mark.parametrize(("perceived", "expected", "method", "tol", "outcome"), [
    (4, 4, "difference", 0, "moderately satisfied"),
    (4.4, 4, "difference", 0.5, "moderately satisfied"),
    (4.5, 4, "difference", 0.5, "moderately satisfied"),  # on the band's edge: within
    (4.6, 4, "difference", 0.5, "satisfied"),
    (3, 4, "difference", 0.5, "dissatisfied"),
    (4.4, 4, "ratio", 0.4, "moderately satisfied"),  # 1.1 = 1 + 0.4 / 4: on the edge
    (4.8, 4, "ratio", 0.5, "satisfied"),
    (3.5, 4, "ratio", 0.4, "dissatisfied"),
])
def test_disconfirmation(perceived, expected, method, tol, outcome):
    assert disconfirmation(perceived, expected, method=method, tolerance=tol) == outcome


def test_the_band_works_on_whole_number_ratings_and_means_the_same_in_both_modes():
    # by hand: gaps -2, -1, 0, 1, 2 on 1-5 ratings; a band of 1 point takes in -1, 0 and 1
    perceived, expected = pd.Series([2, 3, 4, 5, 5]), pd.Series([4, 4, 4, 4, 3])
    for method in ("difference", "ratio"):
        assert disconfirmation(perceived, expected, method=method, tolerance=1).tolist() == [
            "dissatisfied", "moderately satisfied", "moderately satisfied",
            "moderately satisfied", "satisfied"]
        # below one point the band cannot change a whole-number gap
        assert disconfirmation(perceived, expected, method=method, tolerance=0.5).tolist() == \
            disconfirmation(perceived, expected, method=method).tolist()


def test_outcome_shares_sum_to_one_per_attribute():
    p = pd.DataFrame({"a": [1, 2, 3, 4], "b": [5, 5, 5, 5]})
    e = pd.DataFrame({"a": [2, 2, 2, 2], "b": [4, 4, 4, 4]})
    shares = outcome_shares(p, e)
    assert shares.sum(axis=1).tolist() == pytest.approx([1, 1])
    assert shares.loc["a"].tolist() == [0.25, 0.25, 0.5] and shares.loc["b", "satisfied"] == 1


def test_utility_lines_of_the_source():
    assert list(UTILITY_LINES) == [0.3, 0.8, 1.0, 1.5, 3.0]
    assert utility_band(1.49).startswith("expectations met")
    assert utility_band(1.5).startswith("expectations exceeded")
    assert utility_band(3.2).startswith("far above")


def test_churn_by_hand():
    assert churn_rate(50, 400) == 0.125
    cost = churn_cost(2000, 0.1, 200, 600)  # 200 lost: 40,000 margin + 120,000 to replace
    assert cost.lost_customers == 200 and cost.total == 160_000


def test_sample_size_by_hand():
    # z = 1.96: 1.96² x 0.25 / 0.03² = 1067.1 -> 1068;
    # with N = 5,000: 1067.1 / (1 + 1066.1 / 5000) = 879.5 -> 880
    assert sample_size(0.03) == 1068
    assert sample_size(0.03, population=5000) == 880
    assert sample_size(0.05, confidence=0.90) == 271  # 1.645² x 0.25 / 0.0025 = 270.6


def test_content_tables_are_complete():
    assert len(CHURN_CAUSES) == 8
    assert [c[0] for c in CHURN_CAUSES] == list(CHURN_REASON_SHARES)  # the data uses them


@pytest.mark.parametrize(("call", "words"), [
    (lambda: satisfaction_ratio(4.0, 0.0), "must be > 0"),
    (lambda: satisfaction_gap(pd.Series([1.0]), pd.Series([1.0], index=[3])), "same index"),
    (lambda: disconfirmation(4, 4, method="log"), "unknown method"),
    (lambda: disconfirmation(4, 4, tolerance=-1), "tolerance"),
    (lambda: churn_rate(5, 3), "between 0 and customers"),
    (lambda: churn_cost(100, 1.5, 10, 10), "churn"),
    (lambda: outcome_shares(pd.DataFrame({"a": [1]}), pd.DataFrame({"b": [1]})), "same attributes"),
    (lambda: sample_size(0.0), "margin must be above 0"),
    (lambda: sample_size(0.05, confidence=1.0), "strictly between"),
])
def test_bad_input(call, words):
    with pytest.raises(CRMDataError, match=words):
        call()
