"""Chapter 6 explorer: a retention-economics calculator."""

from __future__ import annotations

from typing import Any

from matplotlib.figure import Figure

from crmlab.plots.retention import npv_limits, retention_npv_background, retention_npv_marks
from crmlab.retention import cumulative_npv, profit_by_tenure, retention_profit_uplift
from crmlab.widgets.base import Explorer
from crmlab.widgets.controls import int_slider, slider

HORIZON = 20  # years of the NPV at the start (a control)


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
            "horizon": int_slider(HORIZON, 5, 40, "Horizon (years)"),
        }, table=True, margins={"left": 0.12, "right": 0.97, "bottom": 0.14, "top": 0.9})

    @classmethod
    def on_course_data(cls) -> RetentionExplorer:
        return cls()

    def compute(self, retention: float, growth: float, referral: float, discount_rate: float,
                acquisition_cost: float, horizon: int) -> dict[str, Any]:
        parts = {"growth": growth, "referral": referral, "discount_rate": discount_rate,
                 "acquisition_cost": acquisition_cost}
        uplift = retention_profit_uplift(retention, horizon=horizon, **parts)
        profits = profit_by_tenure(growth=growth, referral=referral, horizon=horizon)
        slider = self.controls["retention"]

        def npv(r: float) -> Any:
            return cumulative_npv(r, profits, discount_rate, acquisition_cost)

        # the y range holds every retention the slider offers: moving it never moves the axes;
        # it is kept while it still fits the curves well, so other controls redraw it rarely
        low, high = npv(slider.min), npv(min(slider.max + 0.05, 0.999))
        ylim = self.background[1] if self.background else None
        if ylim is None or not (ylim[0] <= min(low.min(), 0) and max(high.max(), 0) <= ylim[1]
                                and max(high.max(), 0) - min(low.min(), 0) >= 0.5 * (ylim[1] - ylim[0])):
            ylim = npv_limits(low, high)
        return {"uplift": uplift, "horizon": horizon, "before": npv(retention),
                "after": npv(retention + 0.05), "ylim": ylim}

    def background_key(self, result: dict[str, Any]) -> tuple[int, tuple[float, float]]:
        return result["horizon"], result["ylim"]

    def draw_background(self, figure: Figure) -> None:
        horizon, ylim = self.background
        retention_npv_background(figure.add_subplot(), horizon, ylim)

    def draw_marks(self, result: dict[str, Any], figure: Figure) -> list:
        u = result["uplift"]
        change = "n/a (NPV not positive)" if u.uplift != u.uplift else f"{u.uplift:+.1%}"
        return retention_npv_marks(result["before"], result["after"], figure.axes[0],
                                   labels=(f"retention {u.retention:.2f}",
                                           f"retention {u.retention + 0.05:.2f}"),
                                   title=f"+5 points of retention: {result['horizon']}-year NPV "
                                         f"per customer {change}")

    def table_html(self, result: dict[str, Any]) -> str:
        u, horizon = result["uplift"], result["horizon"]
        within = [sum(r ** t for t in range(horizon)) for r in (u.retention, u.retention + 0.05)]
        lifetimes = f"{u.lifetime_before:.1f} → {u.lifetime_after:.1f}"
        return (f"<p>expected lifetime 1 / (1 − r): {lifetimes} years, "
                f"of which within the {horizon}-year horizon {within[0]:.1f} → {within[1]:.1f} · "
                f"{horizon}-year NPV per customer {u.npv_before:,.1f} → {u.npv_after:,.1f} yuan · "
                f"uplift {u.uplift:+.1%}</p>" if u.uplift == u.uplift else
                f"<p>{horizon}-year NPV per customer {u.npv_before:,.1f} → {u.npv_after:,.1f} yuan: "
                "not positive, so no uplift in per cent</p>")
