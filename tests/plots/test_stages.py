"""Chapter 2 plots: stage counts, one account's trajectory, switching cost."""

import pandas as pd

from crmlab.datasets import load_accounts
from crmlab.plots import plot_account_trajectory, plot_stage_counts, plot_switching_cost
from crmlab.stages import switching_cost_line


def test_stage_counts_stack_one_bar_per_stage_and_year():
    counts = pd.DataFrame({"development": [2, 1], "initial": [1, 1], "stable": [0, 1],
                           "strategic": [0, 0]}, index=[2024, 2025])
    ax = plot_stage_counts(counts)
    assert ax.get_title() == "Accounts by development stage"
    assert ax.get_ylabel() == "accounts" and ax.get_xlabel() == "year"
    assert len(ax.patches) == 8
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "development", "initial", "stable", "strategic"]


def test_trajectory_bands_line_and_events():
    history = pd.DataFrame({"year": [2024, 2025], "share": [0.3, 0.6],
                            "event": ["", "staff change"]})
    ax = plot_account_trajectory(history, thresholds=(0.4, 0.7), title="A001")
    assert ax.get_title() == "A001" and ax.get_ylabel() == "our share of wallet"
    assert len(ax.patches) == 3  # three stage bands
    assert list(ax.get_lines()[0].get_ydata()) == [0.3, 0.6]
    assert "staff change" in [t.get_text() for t in ax.texts]


def test_switching_cost_scatter_and_line():
    accounts = load_accounts()
    line = switching_cost_line(accounts)
    ax = plot_switching_cost(accounts, line)
    assert "switching cost" in ax.get_xlabel() and "price sensitivity" in ax.get_ylabel()
    assert len(ax.collections[0].get_offsets()) == len(accounts)
    assert f"slope {line[0]:.2f}" in ax.get_legend().get_texts()[0].get_text()
