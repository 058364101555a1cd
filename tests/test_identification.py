"""Burnett's matrix: hand-worked indices from the source weights, all nine cells, the
relationship statuses, bad input, and agreement with the generator's truth."""

import numpy as np
import pandas as pd
import pytest

from crmlab import CRMDataError
from crmlab.datasets import load_account_years, load_burnett_latent, load_burnett_scores
from crmlab.identification import (
    ATTRACTIVENESS,
    GROUP_WEIGHTS,
    RELATIONSHIP,
    RELATIONSHIP_LEVELS,
    attractiveness_index,
    burnett_level,
    burnett_matrix,
    burnett_strategy,
    default_weights,
    relationship_index,
    relationship_status,
    strategy_grid,
    weights_from_groups,
)

BUSINESS = {"volume": 5, "firm_lifecycle": 4, "market_potential": 3, "supplier_relations": 2,
            "organisation": 1, "impression": 5}


def account(**scores) -> pd.DataFrame:
    row = {i.key: 3 for i in (*ATTRACTIVENESS, *RELATIONSHIP)}
    row.update(scores)
    return pd.DataFrame([row], index=["A1"])


def test_source_weights_and_course_weights_sum_to_one():
    w = default_weights()
    assert [w[k] for k in BUSINESS] == [0.08, 0.03, 0.05, 0.03, 0.04, 0.04]
    assert sum(w.values()) == pytest.approx(1.0)
    assert GROUP_WEIGHTS == {"business status": 0.27, "product / service": 0.2,
                             "industry": 0.24, "joint profit": 0.29}


def test_index_for_one_account_by_hand():
    # business status: .08*5 + .03*4 + .05*3 + .03*2 + .04*1 + .04*5 = 0.97;
    # the other 13 indicators score 3 with weights summing to 0.73: 2.19. Total 3.16.
    assert attractiveness_index(account(**BUSINESS)).iloc[0] == pytest.approx(3.16)


def test_source_weights_alone_are_normalised():
    weights = {i.key: (i.weight if i.key in BUSINESS else 0) for i in ATTRACTIVENESS}
    # 0.97 / 0.27 = 3.5926
    assert attractiveness_index(account(**BUSINESS), weights).iloc[0] == pytest.approx(0.97 / 0.27)
    doubled = {k: 2 * v for k, v in weights.items()}
    assert attractiveness_index(account(**BUSINESS), doubled).iloc[0] == pytest.approx(0.97 / 0.27)


def test_group_weights_keep_proportions_within_a_group():
    w = weights_from_groups({"business status": 2, "product / service": 1, "industry": 1,
                             "joint profit": 0})
    assert sum(w.values()) == pytest.approx(1)
    assert w["volume"] / w["firm_lifecycle"] == pytest.approx(0.08 / 0.03)
    assert w["our_margin"] == 0 and w["volume"] == pytest.approx(0.5 * 0.08 / 0.27)
    assert weights_from_groups(GROUP_WEIGHTS) == pytest.approx(default_weights())


def test_relationship_index_is_the_mean_by_default():
    scores = account(share_of_wallet=5, share_trend=5, contact=1)
    assert relationship_index(scores).iloc[0] == pytest.approx((5 + 5 + 1 + 3 * 4) / 7)


@pytest.mark.parametrize(("attractiveness", "relationship", "strategy"), [
    ("high", "poor", "selective defence"), ("high", "fair", "develop"),
    ("high", "good", "develop and defend"), ("medium", "poor", "maintain a little"),
    ("medium", "fair", "defend, maintain"), ("medium", "good", "develop"),
    ("low", "poor", "exit"), ("low", "fair", "maintain a little"),
    ("low", "good", "selective maintenance")])
def test_all_nine_cells(attractiveness, relationship, strategy):
    assert burnett_strategy(attractiveness, relationship) == strategy
    assert strategy_grid().loc[attractiveness, relationship] == strategy
    assert burnett_strategy(attractiveness.upper(), f" {relationship} ") == strategy


def test_strategy_of_two_series():
    a = pd.Series(["high", "low"], index=["x", "y"])
    r = pd.Series(["good", "poor"], index=["x", "y"])
    assert burnett_strategy(a, r).to_dict() == {"x": "develop and defend", "y": "exit"}


@pytest.mark.parametrize(("value", "level"), [(1.0, "low"), (2.4999, "low"), (2.5, "medium"),
                                              (3.4999, "medium"), (3.5, "high"), (5.0, "high")])
def test_level_cuts(value, level):
    assert burnett_level(value) == level
    assert burnett_level(value, labels=RELATIONSHIP_LEVELS) == \
        dict(zip(("low", "medium", "high"), RELATIONSHIP_LEVELS, strict=True))[level]


def test_relationship_status_rule_at_and_around_its_cuts():
    share = pd.Series([0.5, 0.4999, 0.9, 0.1])
    index = pd.Series([3.0, 3.0, 2.99, 2.99])
    assert relationship_status(share, index).tolist() == [
        "loyal", "convertible", "competitive", "competitor's loyal"]


@pytest.mark.parametrize(("call", "words"), [
    (lambda: attractiveness_index(account(volume=6)), r"A1/volume"),
    (lambda: attractiveness_index(account(volume=0)), r"1\.\.5"),
    (lambda: attractiveness_index(account(volume="x")), r"A1/volume"),
    (lambda: attractiveness_index(account().drop(columns="impression")), r"\['impression'\]"),
    (lambda: attractiveness_index(account(), {**default_weights(), "volume": -1}), r"\['volume'\]"),
    (lambda: attractiveness_index(account(), {**default_weights(), "typo": 1}), r"\['typo'\]"),
    (lambda: attractiveness_index(account(), {k: 0 for k in default_weights()}), "all weights"),
    (lambda: attractiveness_index([1, 2]), "DataFrame"),
    (lambda: burnett_strategy("huge", "poor"), "low', 'medium', 'high"),
    (lambda: burnett_strategy(pd.Series(["high"]), "poor"), "two Series"),
    (lambda: burnett_level(7.0), r"1\.\.5"),
    (lambda: burnett_level(3.0, (3.5, 2.5)), "rise strictly"),
    (lambda: relationship_status(1.5, 3.0), "0..1"),
])
def test_bad_input_names_what_and_where(call, words):
    with pytest.raises(CRMDataError, match=words):
        call()


def test_inputs_are_not_changed():
    scores = account(**BUSINESS)
    before = scores.copy()
    burnett_matrix(scores)
    pd.testing.assert_frame_equal(scores, before)


def test_course_data_agrees_with_the_generators_truth():
    """Stated in the data card: 88 % of attractiveness and 85 % of relationship levels."""
    matrix = burnett_matrix(load_burnett_scores())
    truth = load_burnett_latent()
    a = burnett_level(truth["true_attractiveness"]).astype(str)
    r = burnett_level(truth["true_relationship"], labels=RELATIONSHIP_LEVELS).astype(str)
    assert (a == matrix["attractiveness_level"].astype(str)).mean() >= 0.85
    assert (r == matrix["relationship_level"].astype(str)).mean() >= 0.80
    assert np.corrcoef(matrix["attractiveness"], truth["true_attractiveness"])[0, 1] > 0.95


def test_share_of_wallet_score_is_read_off_the_chapter_2_panel():
    panel = load_account_years()
    last = panel[panel["year"] == 2025].set_index("account_id")
    share = last["our_spend"] / last["category_spend"]
    expected = np.clip(np.rint(1 + 4 * share), 1, 5).astype(int)
    assert (load_burnett_scores()["share_of_wallet"] == expected).all()
