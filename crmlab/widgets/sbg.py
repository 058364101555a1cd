"""Chapter 6 explorer: the sBG model of a subscription — survival, retention by month and what
a member is worth at a tenure, against one constant retention rate."""

from __future__ import annotations

from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from crmlab.plots.sbg import sbg_background, sbg_marks
from crmlab.sbg import monthly_rate, residual_values, sbg_retention, sbg_survival
from crmlab.widgets.base import Explorer
from crmlab.widgets.controls import dropdown, int_slider, slider

MONTHS_SHOWN = 240  # the plots' months from now: the horizon slider's end, so the axes never move


class SBGExplorer(Explorer):
    """Chapter 6: plan (or alpha and beta), one constant retention rate, discount rate,
    horizon and tenure -> the survival and retention in each coming month of a member who
    has stayed ``tenure`` months, and their value over the next ``horizon`` months (shaded),
    by the sBG and by the one rate. ``plans``: name -> {"alpha", "beta", "retention",
    "margin"}, e.g. fitted on the club data (``on_course_data``).

    >>> plans = {"demo": {"alpha": 0.5, "beta": 9.0, "retention": 0.97, "margin": 20.0}}
    >>> explorer = SBGExplorer(plans)
    >>> explorer.result["values"].round(1)  # a member of 12 months, the next 36 months
                sBG  one rate  one rate / sBG
    renewals
    12        475.9     385.7             0.8
    """

    def __init__(self, plans: dict[str, dict[str, float]]) -> None:
        self.plans = plans
        first = next(iter(plans.values()))
        super().__init__({
            "plan": dropdown(list(plans), next(iter(plans)), "Plan"),
            "alpha": slider(first["alpha"], 0.05, 5.0, 0.01, "α"),
            "beta": slider(first["beta"], 0.5, 100.0, 0.5, "β", readout=".1f"),
            "retention": slider(first["retention"], 0.80, 0.999, 0.001, "One rate", readout=".3f"),
            "discount_rate": slider(0.10, 0.0, 0.30, 0.01, "Discount rate / year"),
            "horizon": int_slider(36, 12, 240, "Horizon (months)"),
            "tenure": int_slider(12, 0, 60, "Tenure (months)"),
        }, figsize=(8.5, 3.4), table=True,
            margins={"left": 0.09, "right": 0.98, "bottom": 0.16, "top": 0.84, "wspace": 0.32})
        self.load_defaults_on("plan", self._plan_values)

    def _plan_values(self, plan: str) -> dict[str, float]:
        return {k: self.plans[plan][k] for k in ("alpha", "beta", "retention")}

    @classmethod
    def on_course_data(cls) -> SBGExplorer:
        from crmlab.cohorts import cohort_survival
        from crmlab.datasets import load_subscriptions
        from crmlab.generate_loyalty import END_MONTH, MONTHLY_MARGIN
        from crmlab.sbg import SBGModel, constant_retention

        plans = {}
        for plan, part in load_subscriptions().groupby("plan", sort=False):
            cohorts = cohort_survival(part, END_MONTH)
            plans[plan] = {**SBGModel().fit(cohorts).params_,
                           "retention": constant_retention(cohorts), "margin": MONTHLY_MARGIN[plan]}
        return cls(dict(sorted(plans.items(), key=lambda kv: MONTHLY_MARGIN[kv[0]])))

    def compute(self, plan: str, alpha: float, beta: float, retention: float,
                discount_rate: float, horizon: int, tenure: int) -> dict[str, Any]:
        values = residual_values(alpha, beta, retention, self.plans[plan]["margin"],
                                 monthly_rate(discount_rate), [tenure], horizon=horizon)
        survival = sbg_survival(alpha, beta, tenure + MONTHS_SHOWN)[tenure:]
        return {"survival": survival / survival[0],  # of the members still there at the tenure
                "retention": sbg_retention(alpha, beta, tenure + MONTHS_SHOWN)[tenure:],
                "values": values, "one_rate": retention, "tenure": tenure, "horizon": horizon,
                "plan": plan}

    def draw_background(self, figure: Figure) -> None:
        sbg_background(figure, MONTHS_SHOWN)

    def draw_marks(self, result: dict[str, Any], figure: Figure) -> list:
        row = result["values"].iloc[0]
        title = (f"{result['plan']}: a member of {result['tenure']} months is worth "
                 f"{row['sBG']:,.0f} yuan over the next {result['horizon']} months "
                 f"(one rate: {row['one rate']:,.0f})")
        return sbg_marks(figure, result["survival"], result["retention"], result["one_rate"],
                         result["horizon"], title)

    def table_html(self, result: dict[str, Any]) -> str:
        row: pd.Series = result["values"].iloc[0]
        n = result["tenure"]
        now = result["retention"][0]
        return (f"<p>retention in month {n + 1}: sBG {now:.3f}, one rate {result['one_rate']:.3f} · "
                f"value of a member who has stayed {n} months, over the next "
                f"{result['horizon']} months: sBG {row['sBG']:,.1f} yuan, one rate "
                f"{row['one rate']:,.1f} yuan ({row['one rate / sBG']:.0%} of the sBG's)</p>")
