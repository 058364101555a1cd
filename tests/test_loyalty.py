"""Loyalty: NPS on small answer sets, both matrices at and around their cuts, the curve's
zone of indifference against the generator's truth, bad input."""

import numpy as np
import pandas as pd
import pytest

from crmlab import CRMDataError
from crmlab.datasets import load_guest_survey
from crmlab.generate_satisfaction import ZONE_OF_INDIFFERENCE
from crmlab.loyalty import (
    dick_basu,
    jones_sasser,
    loyalty_curve,
    net_promoter_score,
    repeat_purchase_rate,
    zone_summary,
)


def test_nps_all_passives_is_zero_only_detractors_minus_100():
    assert net_promoter_score([7, 8, 7, 8]).nps == 0.0
    assert net_promoter_score([0, 3, 6]).nps == -100.0
    assert net_promoter_score([9, 10]).nps == 100.0


def test_nps_and_standard_error_by_hand():
    # 2 promoters, 1 passive, 2 detractors of 5: NPS 0; p = d = 0.4:
    # se = 100 sqrt((0.4 + 0.4 - 0) / 5) = 40
    result = net_promoter_score(pd.Series([10, 9, 8, 6, 0]))
    assert result.nps == 0.0 and result.passives == pytest.approx(20)
    assert result.std_error == pytest.approx(40.0)


def test_repeat_purchase_rate():
    assert repeat_purchase_rate(pd.DataFrame({"customer_id": [1, 2, 2]})) == 0.5


@pytest.mark.parametrize(("attitude", "patronage", "cell"), [
    (7, 2, "loyalty"), (6.99, 2, "spurious loyalty"), (7, 1, "latent loyalty"),
    (6, 1, "no loyalty"), (10, 0, "latent loyalty")])
def test_dick_basu_at_and_around_the_cuts(attitude, patronage, cell):
    assert dick_basu(pd.Series([attitude]), pd.Series([patronage])).iloc[0] == cell


@pytest.mark.parametrize(("satisfaction", "loyalty", "cell"), [
    (7, 7, "loyalist"), (9, 9, "apostle"), (9, 8.9, "loyalist"), (6.9, 7, "hostage"),
    (7, 6.9, "mercenary"), (3, 3, "defector"), (2, 2, "terrorist"), (2, 3, "defector"),
    (10, 1, "mercenary")])
def test_jones_sasser_at_and_around_the_cuts(satisfaction, loyalty, cell):
    assert jones_sasser(pd.Series([satisfaction]), pd.Series([loyalty])).iloc[0] == cell


def test_matrices_follow_their_cuts():
    assert dick_basu(pd.Series([5]), pd.Series([1]), cuts=(5, 1)).iloc[0] == "loyalty"
    assert jones_sasser(pd.Series([5]), pd.Series([5]), cuts=(5, 6)).iloc[0] == "mercenary"


def test_the_curve_recovers_the_generators_zone_of_indifference():
    """Stated in the data card: the zone 5-8 and a jump for the completely satisfied."""
    survey = load_guest_survey()
    curve = loyalty_curve(survey["sat_overall"], survey["stayed_again"])
    low, high = curve.zone
    assert abs(low - ZONE_OF_INDIFFERENCE[0]) <= 1 and abs(high - ZONE_OF_INDIFFERENCE[1]) <= 1
    assert curve.jump > 0.4
    assert np.all(np.diff(curve.table["fitted"]) >= 0)


def test_zone_summary_by_hand():
    s = pd.Series([1, 2, 3, 4, 5, 6])
    y = pd.Series([0.0, 0.2, 0.4, 0.4, 0.4, 1.0])
    table = zone_summary(s, y, (3, 5))
    assert table["customers"].tolist() == [2, 3, 1]
    assert table.loc["zone", "slope"] == pytest.approx(0.0)
    assert table.loc["below", "mean loyalty"] == pytest.approx(0.1)


@pytest.mark.parametrize(("call", "words"), [
    (lambda: net_promoter_score([5, 11]), r"rows \[1\]"),
    (lambda: net_promoter_score([5, 7.5]), "whole numbers"),
    (lambda: net_promoter_score([-1]), r"rows \[0\]"),
    (lambda: net_promoter_score([]), "no answers|numbers"),
    (lambda: dick_basu(pd.Series([1]), pd.Series([1], index=[4])), "same index"),
    (lambda: jones_sasser(pd.Series([1]), pd.Series([1]), cuts=("a", 2)), "two numbers"),
    (lambda: loyalty_curve(pd.Series([1, 2]), pd.Series([0, 1])), "three satisfaction levels"),
    (lambda: zone_summary(pd.Series([1.0]), pd.Series([1.0]), (5, 3)), "rise strictly"),
    (lambda: repeat_purchase_rate(pd.DataFrame({"x": [1]})), "customer_id"),
])
def test_bad_input(call, words):
    with pytest.raises(CRMDataError, match=words):
        call()
