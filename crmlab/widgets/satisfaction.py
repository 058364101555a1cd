"""Chapter 5 explorers: expectancy disconfirmation (ratio or difference, tolerance band) and
the satisfaction cycle simulator."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from crmlab.plots.satisfaction import outcome_shares_background, outcome_shares_marks
from crmlab.plots.satisfaction_cycle import (
    cycle_limits,
    cycle_marks,
    cycle_ratio_background,
    cycle_utility_background,
)
from crmlab.satisfaction import outcome_shares
from crmlab.satisfaction_cycle import STAGES, TRIGGERS, simulate_satisfaction_cycle, stage_runs
from crmlab.widgets.base import Explorer
from crmlab.widgets.controls import dropdown, int_slider, slider


class DisconfirmationExplorer(Explorer):
    """Chapter 5: c = b / a or c = b - a, and the tolerance band around "expectations met"
    in whole scale points -> the share of guests dissatisfied, moderately satisfied and
    satisfied per attribute, and the mean c.

    >>> explorer = DisconfirmationExplorer.on_course_data()
    >>> explorer.set_controls(tolerance=1)
    >>> round(float(explorer.result.loc["wifi", "moderately satisfied"]), 3)
    0.704
    """

    def __init__(self, perceived: pd.DataFrame, expected: pd.DataFrame) -> None:
        self.perceived, self.expected = perceived, expected
        super().__init__({
            "method": dropdown(["difference", "ratio"], "difference", "Satisfaction as"),
            "tolerance": int_slider(0, 0, 2, "Tolerance band (± points)"),
        }, figsize=(7.5, 3.8), table=True,
            margins={"left": 0.16, "right": 0.97, "bottom": 0.28, "top": 0.9})

    @classmethod
    def on_course_data(cls) -> DisconfirmationExplorer:
        from crmlab.datasets import GUEST_ATTRIBUTES, load_guest_survey

        survey = load_guest_survey()
        perceived = survey[[f"perf_{a}" for a in GUEST_ATTRIBUTES]].set_axis(GUEST_ATTRIBUTES, axis=1)
        expected = survey[[f"exp_{a}" for a in GUEST_ATTRIBUTES]].set_axis(GUEST_ATTRIBUTES, axis=1)
        return cls(perceived, expected)

    def compute(self, method: str, tolerance: int) -> pd.DataFrame:
        return outcome_shares(self.perceived, self.expected, method=method, tolerance=tolerance)

    def draw_background(self, figure: Figure) -> None:
        outcome_shares_background(figure.add_subplot(), list(self.perceived.columns))

    def draw_marks(self, result: pd.DataFrame, figure: Figure) -> list:
        method, tol = self.controls["method"].value, self.controls["tolerance"].value
        rule = "b - a" if method == "difference" else "b / a"
        return outcome_shares_marks(result, figure.axes[0], title=f"Satisfaction c = {rule}, "
                                    f"moderately satisfied within ±{tol} point{'s' * (tol != 1)}")

    def table_html(self, result: pd.DataFrame) -> str:
        method = self.controls["method"].value
        c = self.perceived / self.expected if method == "ratio" else self.perceived - self.expected
        table = (100 * result).round(1)
        table[f"mean c ({'b / a' if method == 'ratio' else 'b - a'})"] = c.mean().round(3)
        return "<b>Share of guests (%)</b>" + table.to_html(border=0)


class SatisfactionCycleExplorer(Explorer):
    """Chapter 5: how fast expectations adapt and drift, how the firm improves (step,
    periods) and when it acts (after how many periods of which stage) -> both utilities,
    their ratio with each period's stage, and the periods spent in each stage.

    >>> explorer = SatisfactionCycleExplorer()
    >>> explorer.set_controls(act_when="numbness", react_after=2)
    >>> int((explorer.result["stage"] == "dissatisfaction").sum())
    0
    """

    def __init__(self, periods: int = 48) -> None:
        self.periods = periods
        super().__init__({
            "adaptation_speed": slider(0.3, 0.0, 1.0, 0.05, "Adaptation speed"),
            "expectation_drift": slider(0.01, 0.0, 0.03, 0.0025, "Expectation drift / period",
                                        readout=".4f"),
            "improvement_step": slider(0.06, 0.0, 0.2, 0.01, "Improvement / period"),
            "improvement_periods": int_slider(5, 1, 12, "Improve for (periods)"),
            "act_when": dropdown(list(TRIGGERS), "dissatisfaction", "Firm acts on"),
            "react_after": int_slider(4, 1, 12, "... after (periods)"),
        }, figsize=(7.5, 4.8), table=True,
            margins={"left": 0.1, "right": 0.97, "bottom": 0.2, "top": 0.93, "hspace": 0.15})

    @classmethod
    def on_course_data(cls) -> SatisfactionCycleExplorer:
        return cls()

    def compute(self, adaptation_speed: float, expectation_drift: float, improvement_step: float,
                improvement_periods: int, act_when: str, react_after: int) -> pd.DataFrame:
        return simulate_satisfaction_cycle(
            self.periods, improvement_step=improvement_step,
            improvement_periods=improvement_periods, react_after=react_after, act_when=act_when,
            adaptation_speed=adaptation_speed, expectation_drift=expectation_drift)

    def background_key(self, result: pd.DataFrame) -> tuple:
        """The panels' y ranges: kept while they hold every value and the values fill at
        least half of them, so most control changes redraw only the marks."""
        needed = cycle_limits(result)
        if self.background:
            kept = dict(self.background)
            if all(kept[k][0] <= needed[k][0] and needed[k][1] <= kept[k][1]
                   and needed[k][1] - needed[k][0] >= 0.5 * (kept[k][1] - kept[k][0])
                   for k in needed):
                return self.background
        return tuple(needed.items())

    def draw_background(self, figure: Figure) -> None:
        limits = dict(self.background)
        utility_ax, ratio_ax = figure.subplots(2, 1, sharex=True)
        cycle_utility_background(utility_ax, self.periods, limits["utility"])
        cycle_ratio_background(ratio_ax, self.periods, limits=limits["ratio"])

    def draw_marks(self, result: pd.DataFrame, figure: Figure) -> list:
        improving = result["improving"]
        acted = int((improving & ~improving.shift(fill_value=False)).sum())
        return cycle_marks(result, *figure.axes, title=f"The satisfaction cycle: the firm "
                           f"improves {acted} time{'s' * (acted != 1)} in {self.periods} periods")

    def table_html(self, result: pd.DataFrame) -> str:
        counts = result["stage"].value_counts().reindex(list(STAGES), fill_value=0)
        runs = stage_runs(result["stage"])
        order = " → ".join(f"{stage} ({n})" for stage, n in runs[:6]) + " → …" * (len(runs) > 6)
        return ("<b>Periods per stage</b>" + counts.rename("periods").to_frame().T.to_html(border=0)
                + f"<p>The stages in order (periods): {order}</p>")
