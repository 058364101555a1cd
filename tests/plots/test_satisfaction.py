"""Chapter 5 plots: titles, labels and what is drawn."""

import pandas as pd

from crmlab.acsi import PLSPathModel
from crmlab.ipa import importance_performance
from crmlab.kano import ANSWERS, kano_table
from crmlab.plots import (
    plot_answer_grid,
    plot_better_worse,
    plot_churn_reasons,
    plot_control_chart,
    plot_ipa,
    plot_outcome_shares,
    plot_path_diagram,
    plot_satisfaction_cycle,
    plot_utility_lines,
)
from crmlab.quality_control import p_chart
from crmlab.satisfaction import UTILITY_LINES
from crmlab.satisfaction_cycle import simulate_satisfaction_cycle


def test_utility_lines_one_per_source_line():
    ax = plot_utility_lines(pd.DataFrame({"expected": [4.0, 5.0], "actual": [4.0, 2.0]}),
                            UTILITY_LINES)
    assert len(ax.get_lines()) == 5 and ax.get_xlabel() == "expected utility"
    assert {t.get_text().strip() for t in ax.texts} == {"30%", "80%", "100%", "150%", "300%"}


def test_outcome_shares_stack_three_bars_per_attribute():
    shares = pd.DataFrame({"dissatisfied": [0.2, 0.5], "moderately satisfied": [0.3, 0.3],
                           "satisfied": [0.5, 0.2]}, index=["wifi", "staff"])
    ax = plot_outcome_shares(shares)
    assert len(ax.patches) == 6 and ax.get_xlabel() == "share of guests"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["wifi", "staff"]


def test_kano_grid_and_better_worse():
    grid = pd.DataFrame(1, index=list(ANSWERS), columns=list(ANSWERS))
    ax = plot_answer_grid(grid, title="t")
    assert ax.get_title() == "t" and len(ax.patches) == 25 and len(ax.texts) == 50
    table = kano_table(pd.DataFrame({"feature": ["a", "b"], "functional": ["like", "neutral"],
                                     "dysfunctional": ["neutral", "dislike"]}))
    ax = plot_better_worse(table, highlight="a")
    assert ax.get_title() == "Better-Worse diagram" and len(ax.collections[0].get_offsets()) == 2


def test_ipa_chart_has_crosshair_and_points():
    result = importance_performance(pd.Series({"a": 4.0, "b": 2.0}), pd.Series({"a": 4.0, "b": 2.0}))
    ax = plot_ipa(result)
    assert ax.get_xlabel().startswith("performance") and ax.get_ylabel().startswith("importance")
    assert len(ax.collections[0].get_offsets()) == 2 and len(ax.get_lines()) == 2
    assert len(ax.get_legend().get_texts()) == 5  # four quadrants and the close-call ring


def test_control_chart_marks_the_flagged_point():
    chart = p_chart(pd.Series([4, 6, 20], index=["m1", "m2", "m3"]), 100)
    ax = plot_control_chart(chart, "p", title="t")
    assert ax.get_title() == "t" and ax.get_xlabel() == "month"
    assert len(ax.collections[-1].get_offsets()) == 1 and len(ax.get_lines()) == 4


def test_cycle_and_path_diagram_and_churn():
    ax = plot_satisfaction_cycle(simulate_satisfaction_cycle(periods=12))
    assert ax.get_title() == "The satisfaction cycle" and len(ax.get_lines()) == 2
    data = pd.DataFrame({"a": [1.0, 2, 3, 5], "b": [2.0, 2, 4, 5]})
    model = PLSPathModel([("A", "B")], {"A": ["a"], "B": ["b"]}).fit(data)
    ax = plot_path_diagram(model.paths_, model.r2_, positions={"A": (0.2, 0.5), "B": (0.8, 0.5)})
    assert any("R²" in t.get_text() for t in ax.texts)
    ax = plot_churn_reasons(pd.Series({"price": 30, "other": 5}))
    assert ax.get_title() == "Why customers left" and len(ax.patches) == 2
