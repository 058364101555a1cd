"""Chapter 0 explorer, driven through its controls as a student would."""

import itertools

import pandas as pd
import pytest

from crmlab.datasets import load_customers, load_transactions
from crmlab.widgets import DataTourExplorer


@pytest.fixture(scope="module")
def tour():
    return DataTourExplorer(load_transactions(), load_customers())


def test_every_control_combination_gives_a_result_or_a_message(tour):
    c = tour.controls
    for metric, period, channel in itertools.product(c["metric"].options, c["period"].options,
                                                     c["channel"].options):
        c["metric"].value, c["period"].value, c["channel"].value = metric, period, channel
        assert isinstance(tour.result, pd.Series) and tour.message == ""
        assert tour.result.name == metric


def test_changing_a_control_changes_the_result(tour):
    tour.controls["period"].value = "month"
    tour.controls["channel"].value = "all"
    tour.controls["metric"].value = "orders"
    monthly = tour.result
    assert monthly.sum() == len(load_transactions())
    tour.controls["period"].value = "quarter"
    assert len(tour.result) == len(monthly) / 3 and tour.result.sum() == monthly.sum()
    tour.controls["channel"].value = "email"
    assert tour.result.sum() < monthly.sum()


def test_impossible_combination_shows_a_message_not_an_error():
    no_costs = load_transactions().drop(columns="cost")
    tour = DataTourExplorer(no_costs, load_customers())
    tour.controls["metric"].value = "gross margin"
    assert tour.result is None and "no gross margin data" in tour.message
    assert "no gross margin" in tour.status.value
    tour.controls["metric"].value = "revenue"
    assert tour.result is not None and tour.message == ""
