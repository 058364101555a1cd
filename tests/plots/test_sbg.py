"""Chapter 6 plots of the sBG: the projection against the observed curve, value by tenure,
and the explorer's fixed axes."""

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from crmlab.plots import plot_survival_projection, plot_value_by_tenure, sbg_background, sbg_marks
from crmlab.sbg import residual_values, sbg_retention, sbg_survival


def test_projection_draws_the_observed_steps_each_model_and_the_fitted_months():
    observed = pd.Series([1.0, 0.7, 0.55], index=[0, 1, 3])
    ax = plot_survival_projection(observed, {"sBG": pd.Series(sbg_survival(1, 1, 5)),
                                             "truth (card)": pd.Series(sbg_survival(1, 1.2, 5))},
                                  calibration=2, title="basic")
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == ["observed (Kaplan-Meier)", "sBG", "truth (card)"]
    assert lines[1].get_linestyle() == "-" and lines[2].get_linestyle() == "--"
    assert lines[1].get_ydata().tolist() == sbg_survival(1, 1, 5).tolist()
    shaded = ax.patches[0]
    assert (shaded.get_x(), shaded.get_width()) == (0, 2)  # the months fitted on
    assert ax.get_title() == "basic" and ax.get_ylim() == (0, 1.02)


def test_value_by_tenure_has_a_rising_and_a_flat_line():
    values = residual_values(0.5, 9.0, 0.97, 20, 0.008, range(0, 13, 3), horizon=36)
    ax = plot_value_by_tenure(values)
    sbg, flat = (line.get_ydata() for line in ax.get_lines())
    assert (np.diff(sbg) > 0).all() and np.ptp(flat) == 0
    assert "yuan" in ax.get_ylabel() and ax.get_ylim()[0] == 0


def test_the_explorer_axes_show_retention_on_a_churn_log_scale():
    figure = Figure()
    sbg_background(figure, 240)
    left, right = figure.axes
    assert right.get_yscale() == "log" and right.get_ylim() == (1.0, 0.001)
    assert [t.get_text() for t in right.get_yticklabels()] == ["0 %", "90 %", "99 %", "99.9 %"]
    artists = sbg_marks(figure, sbg_survival(0.5, 9, 240), sbg_retention(0.5, 9, 240), 0.97, 36,
                        "title")
    assert right.get_lines()[1].get_ydata() == pytest.approx([0.03, 0.03])
    assert left.get_xlim() == (0, 240) and figure.get_suptitle() == "title"
    assert len(artists) == 8

