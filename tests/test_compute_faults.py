"""Public compute functions, given what a user might pass by mistake: a CRMDataError that
says what and how to fix it, or the documented result, never another exception."""

import numpy as np
import pandas as pd
import pytest

from crmlab import CRMDataError
from crmlab.clv import BetaGeoModel, GammaGammaModel, clv_summary, customer_lifetime_value
from crmlab.datasets import load_product_lines, load_transactions
from crmlab.relationships import classify_product_lines, recommend_relationship_type
from crmlab.stages import (
    lifecycle_phases,
    share_of_wallet,
    stage_counts,
    stage_migration,
    stage_panel,
)
from crmlab.tiering import abc_classes, customer_pyramid, rfm_scores, rfm_table

VALUES = pd.Series([5.0, 3, 2, 1], index=list("abcd"))


def test_share_of_wallet_lines_series_up_by_label():
    share = share_of_wallet(pd.Series([1.0, 2.0], index=["x", "y"]),
                            pd.Series([4.0, 2.0], index=["y", "x"]))
    assert share.to_dict() == {"x": 0.5, "y": 0.5}
    with pytest.raises(CRMDataError, match="different index labels"):
        share_of_wallet(pd.Series([1.0], index=["x"]), pd.Series([4.0], index=["z"]))


def test_recommendation_lines_series_up_by_label():
    types = recommend_relationship_type(pd.Series([5, 50_000], index=["a", "b"]),
                                        pd.Series([0.45, 0.10], index=["b", "a"]))
    assert types.to_dict() == {"a": "accountable", "b": "accountable"}
    assert recommend_relationship_type(pd.Series([5], index=["a"]),
                                       pd.Series([0.45], index=["a"]))["a"] == "partnership"


@pytest.mark.parametrize(("call", "words"), [
    (lambda: customer_pyramid(VALUES, (np.nan,) * 4), "four positive fractions"),
    (lambda: rfm_scores(pd.DataFrame({"recency": [1, 2], "frequency": [1, 2],
                                      "monetary": [1.0, 2.0]}), weights=(np.nan, 1, 1)),
     "weights must be three numbers"),
    (lambda: stage_panel(None), "expected a pandas DataFrame"),
    (lambda: classify_product_lines([1, 2]), "expected a pandas DataFrame"),
    (lambda: stage_counts(pd.DataFrame({"year": [2021]})), r"missing column\(s\) \['stage'\]"),
    (lambda: lifecycle_phases(pd.DataFrame({"year": [2021]}), 2021), "missing column"),
    (lambda: recommend_relationship_type(pd.Series([], dtype=float), pd.Series([], dtype=float)),
     "nothing to classify"),
    (lambda: classify_product_lines(load_product_lines().iloc[:0]), "nothing to classify"),
    (lambda: stage_migration(pd.Series([], dtype=str), pd.Series([], dtype=str)),
     "no account is in both"),
    (lambda: clv_summary(load_transactions().head(), None), "observation_end is not a date"),
])
def test_mistakes_give_a_crm_error(call, words):
    with pytest.raises(CRMDataError, match=words):
        call()


def test_cuts_may_be_an_array():
    assert abc_classes(VALUES, cuts=np.array([0.25, 0.75])).tolist() == ["A", "B", "B", "C"]


@pytest.fixture(scope="module")
def fitted():
    summary = clv_summary(load_transactions(), "2025-06-30", "W")
    return summary.iloc[:20], BetaGeoModel().fit(summary), GammaGammaModel().fit(summary)


@pytest.mark.parametrize("step", [0, 2.5, -1, 60, True])
def test_clv_step_must_divide_the_horizon_sensibly(fitted, step):
    summary, bg, gg = fitted
    with pytest.raises(CRMDataError, match="step must be a whole number from 1 to the horizon"):
        customer_lifetime_value(bg, gg, summary, 52, 0.01, 0.3, step=step)


def test_predictions_stay_finite_where_a_is_one():
    """The expectation formulas divide by a - 1; at a = 1 their limit is finite."""
    model = BetaGeoModel()
    model.params_ = {"r": 0.5, "alpha": 10.0, "a": 1.0, "b": 1.0}
    at_one = model.expected_purchases_new([0, 10, 100])
    model.params_["a"] = 1.0001
    near = model.expected_purchases_new([0, 10, 100])
    assert np.isfinite(at_one).all() and np.allclose(at_one, near, rtol=1e-3)
    conditional = model.expected_purchases(10, [0, 2], [0, 5], [20, 20])
    assert np.isfinite(conditional).all() and (conditional > 0).all()


def test_rfm_table_takes_zoned_dates_and_a_zoned_as_of():
    tx = pd.DataFrame({"customer_id": [1], "amount": [5.0], "date": ["2024-01-05T10:00:00Z"]})
    table = rfm_table(tx, pd.Timestamp("2024-01-10", tz="Asia/Shanghai"))
    assert table.loc[1, "recency"] == 4
