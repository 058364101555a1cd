"""Chapter 5 explorers: expectancy disconfirmation (ratio or difference, tolerance band) and
the satisfaction cycle simulator."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from crmlab.plots.satisfaction import outcome_shares_background, outcome_shares_marks
from crmlab.plots.satisfaction_cycle import cycle_ratio_background, cycle_ratio_marks
from crmlab.satisfaction import outcome_shares
from crmlab.satisfaction_cycle import simulate_satisfaction_cycle
from crmlab.widgets.base import Explorer
from crmlab.widgets.controls import dropdown, int_slider, slider


class DisconfirmationExplorer(Explorer):
    """Chapter 5: c = b / a or c = b - a, and the tolerance band around "expectations met"
    -> the share of guests dissatisfied, moderately satisfied and satisfied per attribute.

    >>> explorer = DisconfirmationExplorer.on_course_data()
    >>> explorer.controls["tolerance"].value = 0.0
    >>> round(float(explorer.result.sum(axis=1).iloc[0]), 6)
    1.0
    """

    def __init__(self, perceived: pd.DataFrame, expected: pd.DataFrame) -> None:
        self.perceived, self.expected = perceived, expected
        super().__init__({
            "method": dropdown(["difference", "ratio"], "difference", "Satisfaction as"),
            "tolerance": slider(0.0, 0.0, 1.0, 0.05, "Tolerance band (±)"),
        }, figsize=(7.5, 3.8), table=True,
            margins={"left": 0.16, "right": 0.97, "bottom": 0.28, "top": 0.9})

    @classmethod
    def on_course_data(cls) -> DisconfirmationExplorer:
        from crmlab.datasets import GUEST_ATTRIBUTES, load_guest_survey

        survey = load_guest_survey()
        perceived = survey[[f"perf_{a}" for a in GUEST_ATTRIBUTES]].set_axis(GUEST_ATTRIBUTES, axis=1)
        expected = survey[[f"exp_{a}" for a in GUEST_ATTRIBUTES]].set_axis(GUEST_ATTRIBUTES, axis=1)
        return cls(perceived, expected)

    def compute(self, method: str, tolerance: float) -> pd.DataFrame:
        return outcome_shares(self.perceived, self.expected, method=method, tolerance=tolerance)

    def draw_background(self, figure: Figure) -> None:
        outcome_shares_background(figure.add_subplot(), list(self.perceived.columns))

    def draw_marks(self, result: pd.DataFrame, figure: Figure) -> list:
        method, tol = self.controls["method"].value, self.controls["tolerance"].value
        rule = "b - a" if method == "difference" else "b / a"
        return outcome_shares_marks(result, figure.axes[0], title=f"Satisfaction c = {rule}, "
                                    f"moderately satisfied within ±{tol:.2f}")

    def table_html(self, result: pd.DataFrame) -> str:
        return "<b>Share of guests (%)</b>" + (100 * result).round(1).to_html(border=0)


class SatisfactionCycleExplorer(Explorer):
    """Chapter 5: adaptation speed, expectation drift, improvement size and frequency ->
    the simulated satisfaction cycle and the periods spent in each stage.

    >>> explorer = SatisfactionCycleExplorer()
    >>> explorer.controls["expectation_drift"].value = 0.0
    >>> int((explorer.result["stage"] == "dissatisfaction").sum())
    0
    """

    def __init__(self, periods: int = 48) -> None:
        self.periods = periods
        super().__init__({
            "adaptation_speed": slider(0.25, 0.0, 1.0, 0.05, "Adaptation speed"),
            "expectation_drift": slider(0.02, 0.0, 0.1, 0.005, "Expectation drift / period",
                                        readout=".3f"),
            "improvement_size": slider(0.2, 0.0, 1.0, 0.05, "Improvement size"),
            "improvement_every": int_slider(12, 1, 48, "Improve every (periods)"),
        }, table=True, margins={"left": 0.1, "right": 0.97, "bottom": 0.3, "top": 0.9})

    @classmethod
    def on_course_data(cls) -> SatisfactionCycleExplorer:
        return cls()

    def compute(self, adaptation_speed: float, expectation_drift: float, improvement_size: float,
                improvement_every: int) -> pd.DataFrame:
        return simulate_satisfaction_cycle(self.periods, improvement_size, improvement_every,
                                           adaptation_speed, expectation_drift)

    def draw_background(self, figure: Figure) -> None:
        cycle_ratio_background(figure.add_subplot(), self.periods)

    def draw_marks(self, result: pd.DataFrame, figure: Figure) -> list:
        return cycle_ratio_marks(result, figure.axes[0])

    def table_html(self, result: pd.DataFrame) -> str:
        counts = result["stage"].value_counts().reindex(
            ["numbness", "dissatisfaction", "satisfaction", "over-satisfaction"], fill_value=0)
        return "<b>Periods per stage</b>" + counts.rename("periods").to_frame().T.to_html(border=0)
