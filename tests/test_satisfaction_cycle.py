"""The satisfaction cycle: back to a ratio near 1 after an improvement when expectations
adapt; the source's sequence of stages with drifting expectations; bad input."""

import pytest

from crmlab import CRMDataError
from crmlab.satisfaction_cycle import simulate_satisfaction_cycle


def test_after_one_improvement_adapting_expectations_bring_the_ratio_back_to_one():
    cycle = simulate_satisfaction_cycle(periods=60, improvement_size=0.3, improvement_every=10,
                                        adaptation_speed=0.3, expectation_drift=0.0)
    assert cycle["ratio"].iloc[10] == pytest.approx(1.3)  # the jump
    assert cycle["ratio"].iloc[19] == pytest.approx(1.0, abs=0.01)  # 0.7^9 of the gap left


def test_expected_utility_update_by_hand():
    cycle = simulate_satisfaction_cycle(periods=4, improvement_size=0.5, improvement_every=2,
                                        adaptation_speed=0.5, expectation_drift=0.1)
    # E1 = 1 + 0.5 (1 - 1) + 0.1 * 1 = 1.1; E2 = 1.1 + 0.5 (1 - 1.1) + 0.11 = 1.16
    assert cycle["expected"].tolist()[:3] == pytest.approx([1.0, 1.1, 1.16])
    assert cycle["actual"].tolist() == pytest.approx([1.0, 1.0, 1.5, 1.5])


def test_drifting_expectations_give_the_sources_cycle():
    stages = simulate_satisfaction_cycle()["stage"].tolist()
    first_over = stages.index("over-satisfaction")
    after = stages[first_over:first_over + 12]
    assert after[0] == "over-satisfaction"
    order = list(dict.fromkeys(after))
    assert order == ["over-satisfaction", "satisfaction", "numbness", "dissatisfaction"]


def test_no_drift_no_improvement_is_numbness():
    cycle = simulate_satisfaction_cycle(periods=10, improvement_size=0.0, expectation_drift=0.0)
    assert set(cycle["stage"].iloc[3:]) == {"numbness"}


@pytest.mark.parametrize("kwargs", [{"periods": 0}, {"improvement_every": 0},
                                    {"adaptation_speed": 1.5}, {"improvement_size": -0.1},
                                    {"periods": 2.5}])
def test_bad_parameters(kwargs):
    with pytest.raises(CRMDataError):
        simulate_satisfaction_cycle(**kwargs)
