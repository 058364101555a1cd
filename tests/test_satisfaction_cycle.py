"""The satisfaction cycle: the seed's stages in the seed's order at the defaults, the
ratchet, the widening gap until the firm acts, gradual improvement, the seed's advice
(improve during numbness) and bad input."""

import pytest

from crmlab import CRMDataError
from crmlab.satisfaction_cycle import simulate_satisfaction_cycle, stage_runs


def test_defaults_give_the_seeds_five_stages_in_order():
    runs = stage_runs(simulate_satisfaction_cycle()["stage"])
    # seed 004: numbness, dissatisfaction, satisfaction, over-satisfaction, satisfaction, ...
    assert [s for s, _ in runs[:6]] == ["numbness", "dissatisfaction", "satisfaction",
                                        "over-satisfaction", "satisfaction", "numbness"]
    # by hand: E_t = 1.01^t against A = 1 until the ratio 1/1.01^t falls to 0.95 (t = 6);
    # the slow firm waits 4 dissatisfied periods (6-9) and improves from period 10
    assert runs[:2] == [("numbness", 6), ("dissatisfaction", 4)]


def test_expected_utility_by_hand_ratchets_up():
    cycle = simulate_satisfaction_cycle(periods=16)
    e, a = cycle["expected"], cycle["actual"]
    assert e.iloc[1] == pytest.approx(1.01) and e.iloc[9] == pytest.approx(1.01 ** 9)
    # period 13: E_12 + 0.01 E_12 + 0.3 (A_12 - E_12), A_12 = 1.18 above E_12
    assert e.iloc[13] == pytest.approx(e.iloc[12] * 1.01 + 0.3 * (1.18 - e.iloc[12]))
    assert (e.diff().dropna() > 0).all()  # never falls back, not even below actual utility
    assert a.iloc[15] == pytest.approx(1.3)


def test_the_gap_widens_until_the_firm_acts_then_utility_rises_step_by_step():
    cycle = simulate_satisfaction_cycle()
    gap = cycle["expected"] - cycle["actual"]
    dissatisfied = cycle.index[cycle["stage"] == "dissatisfaction"]
    for t in dissatisfied:
        if cycle["stage"].get(t - 1) == "dissatisfaction":
            assert gap[t] > gap[t - 1]  # widening: nothing changes by itself
    steps = cycle["actual"].diff().dropna()
    assert set(steps.round(12)) == {0.0, 0.06}  # gradual: a set amount per period
    assert cycle.loc[10:14, "improving"].all() and not cycle.loc[[9, 15], "improving"].any()


def test_without_a_firm_that_acts_dissatisfaction_never_cures_itself():
    cycle = simulate_satisfaction_cycle(react_after=100)
    assert (cycle["stage"].iloc[6:] == "dissatisfaction").all()
    assert (cycle["actual"] == 1).all()


def test_improving_during_numbness_avoids_dissatisfaction():
    cycle = simulate_satisfaction_cycle(act_when="numbness", react_after=2)
    assert "dissatisfaction" not in set(cycle["stage"])
    assert cycle["improving"].iloc[3]  # numb in periods 0 and 1, improving from period 3


def test_no_drift_no_improvement_is_numbness():
    cycle = simulate_satisfaction_cycle(periods=10, expectation_drift=0.0)
    assert set(cycle["stage"]) == {"numbness"}


@pytest.mark.parametrize("kwargs", [{"periods": 0}, {"improvement_periods": 0},
                                    {"adaptation_speed": 1.5}, {"improvement_step": -0.1},
                                    {"periods": 2.5}, {"react_after": True},
                                    {"act_when": "complaints"}])
def test_bad_parameters(kwargs):
    with pytest.raises(CRMDataError):
        simulate_satisfaction_cycle(**kwargs)
