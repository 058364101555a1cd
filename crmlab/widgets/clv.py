"""Chapter 4 explorer: retention-CLV inputs and one customer's BG/NBD predictions."""

from __future__ import annotations

from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from crmlab.clv import BetaGeoModel, clv_curve
from crmlab.plots.clv import plot_clv_curve
from crmlab.widgets.base import Explorer
from crmlab.widgets.controls import dropdown, int_slider, slider


class CLVExplorer(Explorer):
    """Chapter 4: retention-CLV inputs -> CLV and the cumulative discounted profit curve;
    a chosen customer's P(alive) and expected purchases from a fitted BG/NBD model.

    >>> summary = pd.DataFrame({"frequency": [0.0, 3, 8], "recency": [0.0, 20, 90],
    ...                         "T": [100.0, 100, 100]}, index=[1, 2, 3])
    >>> explorer = CLVExplorer(BetaGeoModel().fit(summary), summary)
    >>> round(explorer.result["clv"], 2)
    119.72
    """

    def __init__(self, model: BetaGeoModel, summary: pd.DataFrame, horizon_unit: str = "weeks",
                 per_year: float = 52.0) -> None:
        self.model, self.summary = model, summary
        self.horizon_unit, self.per_year = horizon_unit, per_year
        super().__init__({
            "margin": slider(100.0, 0.0, 500.0, 10.0, "Margin / year (yuan)"),
            "retention": slider(0.6, 0.0, 0.99, 0.01, "Retention"),
            "discount_rate": slider(0.1, 0.0, 0.5, 0.01, "Discount rate"),
            "horizon": int_slider(10, 1, 30, "Horizon (years)"),
            "acquisition_cost": slider(0.0, 0.0, 500.0, 10.0, "Acquisition cost"),
            "customer": dropdown(summary.index.tolist()[:500], summary.index[0], "Customer"),
        }, table=True)

    @classmethod
    def on_course_data(cls) -> CLVExplorer:
        from crmlab.clv import clv_summary
        from crmlab.datasets import load_transactions
        from crmlab.generate import CALIBRATION_END

        summary = clv_summary(load_transactions(), CALIBRATION_END, "W")
        return cls(BetaGeoModel().fit(summary), summary)

    def compute(self, margin: float, retention: float, discount_rate: float, horizon: int,
                acquisition_cost: float, customer: Any) -> dict[str, Any]:
        row = self.summary.loc[customer]
        args = (row["frequency"], row["recency"], row["T"])
        curve = clv_curve(margin, retention, discount_rate, horizon, acquisition_cost)
        return {
            "clv": float(curve.iloc[-1]),
            "curve": curve,
            "customer": customer,
            "p_alive": float(self.model.p_alive(*args)),
            "expected_next_year": float(self.model.expected_purchases(self.per_year, *args)),
        }

    def draw(self, result: dict[str, Any], figure: Figure) -> None:
        plot_clv_curve(result["curve"], ax=figure.add_subplot())

    def plot_key(self, values: dict[str, Any]) -> Any:
        return tuple(v for k, v in values.items() if k != "customer")

    def table_html(self, result: dict[str, Any]) -> str:
        return (f"<b>Customer {result['customer']}</b> (fitted BG/NBD model): "
                f"P(alive) = {result['p_alive']:.3f}, expected purchases in the next year = "
                f"{result['expected_next_year']:.2f}")
