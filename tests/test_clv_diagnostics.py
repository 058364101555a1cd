"""Calibration/holdout diagnostics: hand-worked splits, tracking sums, conditional
expectations and the frequency x recency grids, with the plots drawn from them."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from crmlab import CRMDataError
from crmlab.clv import BetaGeoModel
from crmlab.clv_diagnostics import (
    calibration_holdout,
    conditional_expectations,
    frequency_recency_grid,
    tracking,
)
from crmlab.plots import plot_conditional_expectations, plot_frequency_recency, plot_tracking

TX = pd.DataFrame({"customer_id": ["a", "a", "a", "a", "b", "c"],
                   "amount": [1.0] * 6,
                   # a: weeks 0, 0, 1 (calibration), 3 (holdout); b: week 1; c: only the holdout
                   "date": ["2024-01-01", "2024-01-02", "2024-01-08", "2024-01-23", "2024-01-09",
                            "2024-01-24"]})


class Linear:
    """A stand-in model: E[X(t)] = 0.1 t for a new customer, 0.5 t given any history."""

    def expected_purchases_new(self, t):
        return 0.1 * np.asarray(t, dtype=float)

    def expected_purchases(self, t, frequency, recency, T):
        return 0.5 * np.asarray(t, dtype=float) * np.ones(len(np.atleast_1d(frequency)))


def test_calibration_holdout_by_hand():
    table = calibration_holdout(TX, "2024-01-14", "2024-01-28")  # Sundays: weeks 0-1, 2-3
    assert table.index.tolist() == ["a", "b"]  # c bought only in the holdout
    assert table.loc["a", ["frequency", "recency", "T", "frequency_holdout"]].tolist() == [1, 1, 1, 1]
    assert table.loc["b", "frequency_holdout"] == 0 and (table["duration_holdout"] == 2).all()


def test_tracking_by_hand():
    table = tracking(TX, {"linear": Linear()}, "2024-01-14", "2024-01-28")
    assert table.index[0] == pd.Timestamp("2024-01-07") and len(table) == 4  # weeks end Sunday
    assert table["actual"].tolist() == [0, 1, 1, 2]  # a's repeat weeks 1 and 3
    # a first bought in week 0, b in week 1: 0.1 x (age of a + age of b) per week
    assert table["linear"].tolist() == pytest.approx([0.0, 0.1, 0.3, 0.5])
    assert table["holdout"].tolist() == [False, False, True, True]


def test_conditional_expectations_by_hand():
    holdout = calibration_holdout(TX, "2024-01-14", "2024-01-28")
    table = conditional_expectations(holdout, {"linear": Linear()}, max_frequency=1)
    assert table.index.tolist() == ["0", "1+"] and table["customers"].tolist() == [1, 1]
    assert table["actual"].tolist() == [0, 1] and table["linear"].tolist() == [1.0, 1.0]
    with pytest.raises(CRMDataError, match="lacks"):
        conditional_expectations(holdout.drop(columns="duration_holdout"), {})


def test_grids_read_a_history_as_the_model_does():
    model = BetaGeoModel()
    model.params_ = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}  # CDNOW (FHL 2005)
    alive = frequency_recency_grid(model, 39, 10)
    assert alive.shape == (11, 40) and np.isnan(alive.loc[5, 3]) and alive.loc[0, 0] == 1
    assert alive.loc[5, 39] > alive.loc[5, 10]  # the same buyer, more recent: more likely alive
    expected = frequency_recency_grid(model, 39, 10, what="expected", horizon=52)
    assert expected.loc[10, 39] > expected.loc[1, 39]
    with pytest.raises(CRMDataError, match="p_alive"):
        frequency_recency_grid(model, 39, 10, what="value")


def test_bad_periods():
    with pytest.raises(CRMDataError, match="not a Sunday"):
        calibration_holdout(TX, "2024-01-15", "2024-01-28")
    with pytest.raises(CRMDataError, match="must end after"):
        tracking(TX, {}, "2024-01-14", "2024-01-14")
    with pytest.raises(CRMDataError, match="freq"):
        calibration_holdout(TX, "2024-01-14", "2024-01-28", freq="M")


def test_the_plots():
    track = tracking(TX, {"linear": Linear()}, "2024-01-14", "2024-01-28")
    ax = plot_tracking(track)
    assert len(ax.get_lines()) == 3 and ax.get_legend() is not None  # actual, model, split
    holdout = calibration_holdout(TX, "2024-01-14", "2024-01-28")
    ax = plot_conditional_expectations(conditional_expectations(holdout, {"linear": Linear()}, 1))
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["actual", "linear"]
    grid = pd.DataFrame(np.ones((3, 4)))
    ax = plot_frequency_recency(grid, title="P(alive)", label="P(alive)")
    assert ax.figure.axes[-1].get_ylabel() == "P(alive)"
    plt.close("all")
