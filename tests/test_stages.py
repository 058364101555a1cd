"""Chapter 2: share of wallet, stage boundaries, migration, lifecycle rule, bad input."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from crmlab import CRMDataError
from crmlab.datasets import load_account_years, load_accounts
from crmlab.generate import SWITCHING_SLOPE
from crmlab.stage_playbook import EIGHT_OPPORTUNITIES, opportunities_table, strategy_table
from crmlab.stages import (
    STAGES,
    classify_stage,
    lifecycle_phase,
    lifecycle_phases,
    share_of_wallet,
    stage_counts,
    stage_migration,
    stage_panel,
)


def test_share_of_wallet_hand_worked():
    share = share_of_wallet(pd.Series([30.0, 0.0, 50.0, 0.0]), pd.Series([100.0, 50.0, 50.0, 0.0]))
    assert share.tolist() == [0.3, 0.0, 1.0, 0.0]


def test_share_of_wallet_does_not_change_inputs():
    ours, total = pd.Series([1.0, 2.0]), pd.Series([4.0, 4.0])
    share_of_wallet(ours, total)
    assert ours.tolist() == [1.0, 2.0] and total.tolist() == [4.0, 4.0]


@pytest.mark.parametrize(("ours", "total", "words"), [
    ([120.0], [100.0], "exceeds category_spend at rows \\[0\\]"),
    ([-1.0], [100.0], "our_spend is negative"),
    ([1.0], [-100.0], "category_spend is negative"),
    ([np.nan], [100.0], "missing"),
    ([1.0, 2.0], [3.0], "same table"),
])
def test_share_of_wallet_bad_input(ours, total, words):
    with pytest.raises(CRMDataError, match=words):
        share_of_wallet(pd.Series(ours), pd.Series(total))


@pytest.mark.parametrize(("share", "stage"), [
    (0.0, "development"), (1e-9, "initial"), (0.4999, "initial"), (0.5, "stable"),
    (0.7999, "stable"), (0.8, "strategic"), (1.0, "strategic")])
def test_every_stage_boundary(share, stage):
    assert classify_stage(share) == stage


def test_series_gives_ordered_categorical():
    stages = classify_stage(pd.Series([0.9, 0.0, 0.6]))
    assert stages.cat.ordered and list(stages.cat.categories) == list(STAGES)
    assert stages.tolist() == ["strategic", "development", "stable"]


@pytest.mark.parametrize("thresholds", [(0.8, 0.5), (0.5, 0.5), (0.0, 0.5), (0.5, 1.2),
                                        ("a", "b"), (0.5,)])
def test_thresholds_out_of_order(thresholds):
    with pytest.raises(CRMDataError, match="thresholds"):
        classify_stage(0.3, thresholds)


@pytest.mark.parametrize("share", [-0.1, 1.1, np.nan])
def test_share_outside_unit_interval(share):
    with pytest.raises(CRMDataError):
        classify_stage(share)


@given(st.lists(st.floats(0, 1), min_size=2, max_size=30),
       st.floats(0.01, 0.98), st.floats(0.01, 0.99))
def test_stages_are_monotone_in_share(shares, a, b):
    low, high = min(a, b), max(a, b)
    if low == high:
        return
    ordered = sorted(shares)
    codes = classify_stage(pd.Series(ordered), (low, high)).cat.codes.tolist()
    assert codes == sorted(codes)


def test_migration_hand_worked():
    before = pd.Series(["development", "initial", "stable", "strategic", "initial"],
                       index=list("abcde"))
    after = pd.Series(["initial", "initial", "initial", "strategic", "stable", "stable"],
                      index=list("abcdeX"))
    m = stage_migration(before, after)
    assert m.matrix.loc["development", "initial"] == 1
    assert m.matrix.loc["stable", "initial"] == 1
    assert (m.moved_up, m.stayed, m.fell_back) == (2, 2, 1)
    assert list(m.matrix.index) == list(STAGES) == list(m.matrix.columns)


def test_migration_sums_to_accounts_in_both_years():
    panel = stage_panel(load_account_years())
    first = panel[panel["year"] == 2021].set_index("account_id")["stage"]
    last = panel[panel["year"] == 2025].set_index("account_id")["stage"].iloc[:-7]
    m = stage_migration(first, last)
    assert m.matrix.to_numpy().sum() == len(first.index.intersection(last.index)) == 143
    assert m.moved_up + m.stayed + m.fell_back == 143


def test_migration_bad_input():
    with pytest.raises(CRMDataError, match="not stages"):
        stage_migration(pd.Series(["gold"]), pd.Series(["stable"]))
    with pytest.raises(CRMDataError, match="Series"):
        stage_migration(["stable"], pd.Series(["stable"]))


@pytest.mark.parametrize(("purchases", "rule", "phase"), [
    ([0, 0, 0, 5], {}, "exploration"),
    ([5], {}, "exploration"),
    ([10, 11.5, 13.225], {}, "formation"),              # exactly +15 % a year
    ([10, 11, 12], {}, "stability"),                    # +9.5 %
    ([10, 9, 8.1], {}, "decline"),                      # exactly -10 % a year
    ([10, 9.5, 9.1], {}, "stability"),
    ([0, 0, 5, 9], {"explore_years": 2}, "formation"),  # rising from zero
    ([10, 12, 9], {"window": 1}, "decline"),            # last year only: -25 %
    ([10, 12, 9], {"window": 2}, "stability"),          # over two years: -5 %
])
def test_lifecycle_rule(purchases, rule, phase):
    assert lifecycle_phase(purchases, **rule) == phase


@pytest.mark.parametrize("rule", [{"window": 0}, {"explore_years": 0},
                                  {"growth_from": -0.1}, {"decline_from": 0.1}])
def test_lifecycle_bad_rule(rule):
    with pytest.raises(CRMDataError):
        lifecycle_phase([1, 2, 3], **rule)


def test_lifecycle_phases_for_all_accounts():
    phases = lifecycle_phases(load_account_years(), 2025)
    assert len(phases) == 150 and set(phases.unique()) <= {"exploration", "formation",
                                                           "stability", "decline"}


def test_data_has_the_documented_switching_cost_slope():
    accounts = load_accounts()
    slope = np.polyfit(accounts["switching_cost"], accounts["price_sensitivity"], 1)[0]
    assert abs(slope - SWITCHING_SLOPE) < 0.1  # clipping to 1..10 flattens it a little


def test_stage_counts_cover_every_account_every_year():
    counts = stage_counts(stage_panel(load_account_years()))
    assert (counts.sum(axis=1) == 150).all() and list(counts.columns) == list(STAGES)


def test_events_explain_jumps():
    panel = stage_panel(load_account_years()).sort_values(["account_id", "year"])
    panel["change"] = panel.groupby("account_id")["share"].diff()
    mean = panel.groupby("event")["change"].mean()
    assert mean["incumbent quality problem"] > 0.1 and mean["lost bid"] < -0.3


def test_playbook_tables():
    assert list(strategy_table().index) == list(STAGES)
    assert len(opportunities_table()) == len(EIGHT_OPPORTUNITIES) == 8
