"""Burnett's matrix: hand-worked indices from the source weights, all nine cells, the
relationship statuses, bad input, and agreement with the generator's truth."""

import numpy as np
import pandas as pd
import pytest

from crmlab import CRMDataError
from crmlab.datasets import load_account_years, load_burnett_latent, load_burnett_scores
from crmlab.identification import (
    ATTRACTIVENESS,
    RELATIONSHIP,
    RELATIONSHIP_LEVELS,
    attractiveness_index,
    burnett_level,
    burnett_matrix,
    burnett_strategy,
    clp_matrix,
    default_weights,
    pareto_statistics,
    relationship_index,
    relationship_status,
    strategy_grid,
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
    groups = pd.Series({i.key: i.weight for i in ATTRACTIVENESS}).groupby(
        [i.group for i in ATTRACTIVENESS]).sum().round(10).to_dict()
    assert groups == {"business status": 0.27, "product / service": 0.2,
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


def test_pareto_statistics_by_hand_and_on_the_accounts():
    # 10 customers, 100 in all: the top 2 bring 50 + 20 = 70 %; 50 + 20 + 10 reach 80 %
    stats = pareto_statistics(pd.Series([50, 20, 10, 10, 5, 5, 0, 0, 0, 0]))
    assert stats["top_share"] == pytest.approx(0.7) and stats["customers_for_target"] == 3
    assert pareto_statistics([1, 1, 1, 1, 1], top=0.4)["top_share"] == pytest.approx(0.4)
    panel = load_account_years()
    spend = panel[panel["year"] == 2025].set_index("account_id")["our_spend"]
    stats = pareto_statistics(spend)
    top30 = spend.sort_values(ascending=False).head(30).sum() / spend.sum()
    assert stats["top_customers"] == 30 and stats["top_share"] == pytest.approx(top30)
    with pytest.raises(CRMDataError, match="positive total"):
        pareto_statistics([0, 0])
    with pytest.raises(CRMDataError, match="top"):
        pareto_statistics([1, 2], top=1.5)


def test_clp_matrix_by_hand_and_at_quantiles():
    current = pd.Series({"a": 9.0, "b": 8.0, "c": 1.0, "d": 2.0})
    potential = pd.Series({"a": 5.0, "b": 1.0, "c": 6.0, "d": 0.0})
    m = clp_matrix(current, potential)  # medians 5 and 3
    assert m.attrs["cuts"] == (5.0, 3.0)
    assert m["cell"].tolist() == ["core", "harvest", "grow", "serve efficiently"]
    assert clp_matrix(current, potential, cuts=(8.5, 0))["cell"].tolist() == [
        "core", "grow", "grow", "grow"]
    assert "core" not in set(clp_matrix(current, potential, cuts=1.0)["cell"])  # no one tops both
    original = current.copy()
    clp_matrix(current, potential)
    pd.testing.assert_series_equal(current, original)  # the caller's data is untouched
    with pytest.raises(CRMDataError, match="same index"):
        clp_matrix(current, potential.rename({"d": "e"}))
    with pytest.raises(CRMDataError, match="cuts"):
        clp_matrix(current, potential, cuts="top")


def test_own_indicators_as_a_mapping_of_weights():
    scores = pd.DataFrame({"on_time": [5, 1], "volume": [3, 3]}, index=["x", "y"])
    assert attractiveness_index(scores, {"on_time": 1, "volume": 1}).tolist() == [4.0, 2.0]
    with pytest.raises(CRMDataError, match=r"lack the indicator column\(s\) \['quality'\]"):
        attractiveness_index(scores, {"quality": 1})
    with pytest.raises(CRMDataError, match="non-empty dict"):
        attractiveness_index(scores, {})


def test_both_readings_of_the_seeds_grid_differ_in_two_corners_only():
    course, seed = strategy_grid(), strategy_grid("row by row")
    differ = [(a, r) for a in course.index for r in course.columns if course.loc[a, r] != seed.loc[a, r]]
    assert differ == [("high", "poor"), ("low", "good")]
    # seed 000's flattened line, read row by row (high row first, poor -> good)
    assert seed.to_numpy().ravel().tolist() == [
        "selective maintenance", "develop", "develop and defend", "maintain a little",
        "defend, maintain", "develop", "exit", "maintain a little", "selective defence"]
    with pytest.raises(CRMDataError, match="unknown reading"):
        strategy_grid("diagonal")


def test_the_memo_rubric_lists_exactly_the_accounts_that_qualify():
    import json
    import re
    from pathlib import Path

    matrix = burnett_matrix(load_burnett_scores())
    panel = load_account_years()
    last = panel[panel["year"] == 2025].set_index("account_id")
    status = relationship_status(last["our_spend"] / last["category_spend"],
                                 matrix["relationship"].reindex(last.index))
    core = matrix[matrix["strategy"] == "develop and defend"].sort_values("attractiveness",
                                                                          ascending=False)
    convertible = matrix[(matrix["strategy"] == "develop") & (matrix["attractiveness_level"] == "high")
                         & (status.reindex(matrix.index) == "convertible")]
    solution = json.loads((Path(__file__).parents[1] / "solutions"
                           / "03_customer_identification.ipynb").read_text(encoding="utf-8"))
    memo = next(text for text in ("".join(c["source"]) for c in solution["cells"])
                if "accounts that qualify" in text)
    core_line = next(line for line in memo.splitlines() if line.startswith("- *develop and defend*"))
    assert re.findall(r"A\d{3}", core_line) == core.index.tolist()
    convertible_line = next(line for line in memo.splitlines()
                            if line.startswith("- also defensible"))
    assert sorted(re.findall(r"A\d{3}", convertible_line)) == sorted(convertible.index)
