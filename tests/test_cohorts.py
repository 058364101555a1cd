"""Cohorts and survival: cohort retention on a 3-customer table, Kaplan-Meier on a
textbook-sized example with censoring and against lifelines on the course data, win-back.

The lifelines oracle (tests/data/kaplan_meier_lifelines.csv) was made with lifelines'
KaplanMeierFitter().fit(tenure_months, churned).survival_function_ on
datasets/subscriptions.csv, for all members and per plan. lifelines is not a course
dependency (it pins pandas below 3), so its output is kept as a file.
"""

import numpy as np
import pandas as pd
import pytest

from crmlab import CRMDataError
from crmlab.cohorts import (
    cohort_retention,
    cohort_survival,
    retention_by_tenure,
    survival_at,
    survival_curve,
    winback_list,
    winback_ranking,
)
from crmlab.datasets import load_subscriptions, load_transactions


def test_cohort_retention_on_three_customers():
    tx = pd.DataFrame({"customer_id": ["a", "a", "b", "c", "c", "a"],
                       "date": pd.to_datetime(["2024-01-03", "2024-02-10", "2024-01-30",
                                               "2024-02-01", "2024-04-01", "2024-01-20"])})
    table = cohort_retention(tx)
    # January cohort {a, b}: a buys in Feb (age 1); February cohort {c}: buys in April (age 2)
    assert table.index.tolist() == ["2024-01", "2024-02"]
    assert table.loc["2024-01"].tolist()[:3] == [1.0, 0.5, 0.0]
    assert table.loc["2024-02", 2] == 1.0 and table.shape == (2, 3)
    later = cohort_retention(pd.concat([tx, pd.DataFrame({"customer_id": ["b"],
                                                          "date": pd.to_datetime(["2024-02-15"])})]))
    assert later.loc["2024-01", 1] == 1.0  # b now bought in February too


def test_quarters_weeks_years():
    tx = pd.DataFrame({"customer_id": [1, 1], "date": pd.to_datetime(["2024-01-05", "2024-05-05"])})
    assert cohort_retention(tx, "Q").loc["2024Q1"].tolist() == [1.0, 1.0]
    assert cohort_retention(tx, "Y").shape == (1, 1)
    assert cohort_retention(tx, "W").shape[1] == 18


def test_course_data_every_cohort_starts_at_one():
    table = cohort_retention(load_transactions())
    assert (table[0] == 1).all() and table.iloc[:, 1:].stack().dropna().between(0, 1).all()
    assert np.isnan(table.iloc[-1, -1])  # the last cohort cannot be that old yet


def test_kaplan_meier_textbook_example():
    """Times 6, 6, 6, 7, 10 (events) and 6, 9, 10, 11 (censored), as in Kleinbaum & Klein's
    leukaemia example: S(6) = 1 - 3/9 = 0.667; S(7) = 0.667 x 4/5 = 0.533;
    S(10) = 0.533 x 2/3 = 0.356."""
    durations = [6, 6, 6, 7, 10, 6, 9, 10, 11]
    churned = [1, 1, 1, 1, 1, 0, 0, 0, 0]
    curve = survival_curve(durations, churned)
    assert curve.loc[6, "at_risk"] == 9 and curve.loc[6, "censored"] == 1
    assert curve["survival"].round(3).to_dict() == {0: 1.0, 6: 0.667, 7: 0.533, 9: 0.533,
                                                    10: 0.356, 11: 0.356}


def test_kaplan_meier_equals_lifelines():
    oracle = pd.read_csv("tests/data/kaplan_meier_lifelines.csv", comment="#")
    members = load_subscriptions()
    groups = {"all": members, **dict(tuple(members.groupby("plan")))}
    for name, part in groups.items():
        expected = oracle[oracle["group"] == name].set_index("time")["survival"]
        mine = survival_curve(part["tenure_months"], part["churned"])["survival"]
        pd.testing.assert_series_equal(mine.reindex(expected.index), expected,
                                       check_names=False, check_index_type=False, atol=1e-9)


def test_winback_ranking_keeps_lapsed_and_orders_by_score():
    ids = ["a", "b", "c"]
    table = winback_ranking(pd.Series([0.5, 0.9, 0.1], index=ids),
                            pd.Series([100.0, 50, 1000], index=ids),
                            pd.Series([True, True, True], index=ids))
    assert table.index.tolist() == ["c", "a", "b"]  # scores 100, 50, 45


@pytest.mark.parametrize(("call", "words"), [
    (lambda: survival_curve([1, -2], [1, 0]), r"rows \[1\]"),
    (lambda: survival_curve([1, 2], [1, 2]), "0 or 1"),
    (lambda: survival_curve([1], [1, 0]), "same length"),
    (lambda: cohort_retention(pd.DataFrame({"customer_id": [1]})), "date"),
    (lambda: cohort_retention(load_transactions(), "D"), "unknown period"),
    (lambda: winback_ranking(pd.Series([1.5]), pd.Series([1.0]), pd.Series([True])), "0..1"),
    (lambda: winback_list(pd.DataFrame({"frequency": [1.0]})), "monetary_value"),
])
def test_bad_input(call, words):
    with pytest.raises(CRMDataError, match=words):
        call()


def test_data_card_quotes_the_true_parameters(root):
    from crmlab.generate_loyalty import MONTHLY_MARGIN, PLANS

    card = (root / "datasets" / "README.md").read_text(encoding="utf-8")
    for plan, (share, alpha, beta) in PLANS.items():
        assert f"{plan} Beta({alpha}, {beta})" in card, plan
        assert f"{plan} ({share:.0%})" in card, plan
        assert f"{plan} {MONTHLY_MARGIN[plan]:.0f} yuan" in card, plan


def test_cohort_survival_by_hand_and_on_the_club():
    members = pd.DataFrame({"joined": ["2025-10", "2025-10", "2025-10", "2025-12"],
                            "tenure_months": [1, 3, 3, 1], "churned": [1, 1, 0, 0]})
    table = cohort_survival(members, "2025-12")  # October's cohort is 3 months old in December
    assert table["2025-10"].tolist() == [3, 2, 2, 1]
    assert table["2025-12"].iloc[:2].tolist() == [1, 1] and table["2025-12"].iloc[2:].isna().all()
    before = members.copy()
    cohort_survival(members, "2025-12")
    pd.testing.assert_frame_equal(members, before)  # the caller's table is not changed
    club = load_subscriptions()
    full = cohort_survival(club, "2025-12")
    assert full.iloc[0].sum() == len(club) and full.shape == (37, 36)
    # the cohorts together lose exactly the members who cancelled
    lost = full.iloc[0] - full.ffill().iloc[-1]
    assert lost.sum() == club["churned"].sum()


@pytest.mark.parametrize(("members", "words"), [
    (pd.DataFrame({"joined": ["2026-01"], "tenure_months": [1], "churned": [0]}), "joined after"),
    (pd.DataFrame({"joined": ["2025-11"], "tenure_months": [5], "churned": [1]}), "longer than"),
    (pd.DataFrame({"joined": ["2025-01"], "tenure_months": [3], "churned": [0]}), "stops before"),
    (pd.DataFrame({"joined": ["last May"], "tenure_months": [3], "churned": [0]}), "YYYY-MM"),
    (pd.DataFrame({"joined": ["2025-01"], "tenure": [3]}), "missing column"),
])
def test_cohort_survival_refuses_what_does_not_fit(members, words):
    with pytest.raises(CRMDataError, match=words):
        cohort_survival(members, "2025-12")


def test_survival_at_reads_the_step_curve_between_events():
    curve = survival_curve([6, 6, 6, 7, 10, 6, 9, 10, 11], [1, 1, 1, 1, 1, 0, 0, 0, 0])
    assert survival_at(curve, 0) == 1.0 and survival_at(curve, 5.5) == 1.0
    assert survival_at(curve, 8) == pytest.approx(8 / 15)  # 2/3 x 4/5, held until t = 10
    assert survival_at(curve, 99) == survival_at(curve, 11)
    with pytest.raises(CRMDataError, match="month"):
        survival_at(curve, -1)
    with pytest.raises(CRMDataError, match="survival"):
        survival_at(pd.DataFrame({"share": [1.0]}), 3)


def test_retention_by_tenure_rises_on_the_club():
    members = load_subscriptions()
    for _, part in members.groupby("plan"):
        blocks = retention_by_tenure(survival_curve(part["tenure_months"], part["churned"]))
        assert list(blocks.index) == ["months 1-12", "months 13-24", "months 25-36"]
        assert blocks.is_monotonic_increasing
    with pytest.raises(CRMDataError, match="survival"):
        retention_by_tenure(pd.DataFrame({"share": [1.0]}))


def test_average_retention_by_hand_and_the_chapter_text_follows_the_numbers():
    from crmlab.cohorts import average_retention, cohort_reading_markdown

    table = pd.DataFrame({0: [1.0, 1.0, 1.0], 1: [0.5, 0.25, 0.3], 2: [0.2, 0.1, np.nan]})
    curve = average_retention(table)
    assert curve["share"].tolist() == pytest.approx([1.0, 0.35, 0.15])
    assert curve["cohorts"].tolist() == [3, 3, 2]
    with pytest.raises(CRMDataError):
        average_retention(pd.DataFrame())
    text = cohort_reading_markdown()
    assert "**32 %** of a cohort" in text and "**14 %** at month 12" in text and "about 30 %" not in text
