"""Chapter 6 explorer: a retention-economics calculator."""

from __future__ import annotations

from typing import Any

from matplotlib.figure import Figure

from crmlab.plots.retention import retention_npv_background, retention_npv_marks
from crmlab.retention import cumulative_npv, profit_by_tenure, retention_profit_uplift
from crmlab.widgets.base import Explorer
from crmlab.widgets.controls import slider

HORIZON = 20


class RetentionExplorer(Explorer):
    """Chapter 6: retention, profit growth with tenure, referral value, discount rate and
    acquisition cost -> expected lifetime, the customer's NPV and the profit uplift of five
    more points of retention.

    >>> explorer = RetentionExplorer()
    >>> round(explorer.result["uplift"].uplift, 3)
    0.582
    """

    def __init__(self) -> None:
        super().__init__({
            "retention": slider(0.80, 0.30, 0.94, 0.01, "Retention"),
            "growth": slider(4.0, 0.0, 15.0, 0.5, "Profit growth / year (yuan)"),
            "referral": slider(3.0, 0.0, 15.0, 0.5, "Referral value / year (yuan)"),
            "discount_rate": slider(0.10, 0.0, 0.30, 0.01, "Discount rate"),
            "acquisition_cost": slider(80.0, 0.0, 300.0, 10.0, "Acquisition cost (yuan)"),
        }, table=True, margins={"left": 0.12, "right": 0.97, "bottom": 0.14, "top": 0.9})

    @classmethod
    def on_course_data(cls) -> RetentionExplorer:
        return cls()

    def compute(self, retention: float, growth: float, referral: float, discount_rate: float,
                acquisition_cost: float) -> dict[str, Any]:
        parts = {"growth": growth, "referral": referral, "discount_rate": discount_rate,
                 "acquisition_cost": acquisition_cost}
        uplift = retention_profit_uplift(retention, horizon=HORIZON, **parts)
        profits = profit_by_tenure(growth=growth, referral=referral, horizon=HORIZON)
        return {"uplift": uplift,
                "before": cumulative_npv(retention, profits, discount_rate, acquisition_cost),
                "after": cumulative_npv(retention + 0.05, profits, discount_rate,
                                        acquisition_cost)}

    def draw_background(self, figure: Figure) -> None:
        retention_npv_background(figure.add_subplot(), HORIZON)

    def draw_marks(self, result: dict[str, Any], figure: Figure) -> list:
        u = result["uplift"]
        change = "n/a (NPV not positive)" if u.uplift != u.uplift else f"{u.uplift:+.0%}"
        return retention_npv_marks(result["before"], result["after"], figure.axes[0],
                                   labels=(f"retention {u.retention:.2f}",
                                           f"retention {u.retention + 0.05:.2f}"),
                                   title=f"+5 points of retention: NPV per customer {change}")

    def table_html(self, result: dict[str, Any]) -> str:
        u = result["uplift"]
        return (f"<p>expected lifetime {u.lifetime_before:.1f} → {u.lifetime_after:.1f} years · "
                f"NPV per customer {u.npv_before:,.0f} → {u.npv_after:,.0f} yuan</p>")
