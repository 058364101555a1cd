"""Chapter 6's sBG explorer, driven through its controls."""

import pytest

from crmlab.sbg import SBGModel, constant_retention, monthly_rate, residual_values
from crmlab.widgets import SBGExplorer


@pytest.fixture(scope="module")
def explorer():
    return SBGExplorer.on_course_data()


def test_every_control_at_its_extremes(explorer, extremes):
    extremes(explorer)
    assert explorer.result is not None


def test_a_plan_loads_its_fit_on_the_club_data(explorer):
    from crmlab.cohorts import cohort_survival
    from crmlab.datasets import load_subscriptions
    from crmlab.generate_loyalty import END_MONTH

    assert list(explorer.controls["plan"].options) == ["basic", "standard", "premium"]
    explorer.controls["plan"].value = "premium"
    premium = cohort_survival(load_subscriptions().query("plan == 'premium'"), END_MONTH)
    fit = SBGModel().fit(premium).params_
    assert explorer.controls["alpha"].value == pytest.approx(fit["alpha"], abs=0.01)
    assert explorer.controls["beta"].value == pytest.approx(fit["beta"], abs=0.5)
    assert explorer.controls["retention"].value == pytest.approx(constant_retention(premium), abs=0.001)


def test_the_shown_value_is_the_compute_functions_and_rises_with_tenure(explorer):
    explorer.set_controls(plan="basic", tenure=0, horizon=36, discount_rate=0.10)
    c = {name: explorer.controls[name].value for name in ("alpha", "beta", "retention")}
    new = explorer.result["values"].iloc[0]
    expected = residual_values(c["alpha"], c["beta"], c["retention"], 20.0, monthly_rate(0.10),
                               [0], horizon=36).iloc[0]
    assert new["sBG"] == pytest.approx(expected["sBG"])
    assert f"{expected['sBG']:,.1f} yuan" in explorer.table.value
    explorer.controls["tenure"].value = 36
    old = explorer.result["values"].iloc[0]
    assert old["sBG"] > new["sBG"] and old["one rate"] == pytest.approx(new["one rate"])
    # the same mean churn (1/21), members more alike (alpha, beta 10 times larger): the one
    # rate set to the new members' retention comes closer to the sBG
    ratios = []
    for alpha, beta in ((0.5, 10.0), (5.0, 100.0)):
        explorer.set_controls(alpha=alpha, beta=beta, retention=0.952, tenure=0)
        ratios.append(explorer.result["values"].iloc[0]["one rate / sBG"])
    assert ratios[0] < ratios[1] < 1


def test_a_longer_horizon_widens_the_gap(explorer):
    explorer.set_controls(plan="basic", tenure=36, horizon=36)
    short = explorer.result["values"].iloc[0]["one rate / sBG"]
    explorer.controls["horizon"].value = 240
    assert explorer.result["values"].iloc[0]["one rate / sBG"] < short
