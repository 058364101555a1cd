"""Chapter 4 explorer: retention-CLV inputs and one customer's BG/NBD predictions."""

from __future__ import annotations

from html import escape
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from crmlab.clv import BetaGeoModel, clv_curve
from crmlab.plots.clv import plot_clv_curve
from crmlab.widgets.base import Explorer
from crmlab.widgets.controls import int_slider, slider, text_box


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
            "customer": text_box(str(summary.index[0]), "Customer id",
                                 f"e.g. {summary.index[-1]}"),
        }, table=True)

    @classmethod
    def on_course_data(cls) -> CLVExplorer:
        from crmlab.clv import clv_summary
        from crmlab.datasets import load_transactions
        from crmlab.generate import CALIBRATION_END

        summary = clv_summary(load_transactions(), CALIBRATION_END, "W")
        return cls(BetaGeoModel().fit(summary), summary)

    def find(self, typed: str) -> Any:
        """The summary's id written as ``typed`` (the text of an int id finds the int), or
        None when there is no such customer."""
        text = str(typed).strip()
        by_text = self._ids_by_text()
        return by_text.get(text)

    def _ids_by_text(self) -> dict[str, Any]:
        if not hasattr(self, "_by_text"):
            self._by_text = {str(i): i for i in self.summary.index}
        return self._by_text

    def compute(self, margin: float, retention: float, discount_rate: float, horizon: int,
                acquisition_cost: float, customer: str) -> dict[str, Any]:
        curve = clv_curve(margin, retention, discount_rate, horizon, acquisition_cost)
        result = {"clv": float(curve.iloc[-1]), "curve": curve, "customer": customer,
                  "p_alive": None, "expected_next_year": None}
        found = self.find(customer)
        if found is not None:
            row = self.summary.loc[found]
            args = (row["frequency"], row["recency"], row["T"])
            result.update(customer=found, history=row,
                          p_alive=float(self.model.p_alive(*args)),
                          expected_next_year=float(
                              self.model.expected_purchases(self.per_year, *args)))
        return result

    def draw(self, result: dict[str, Any], figure: Figure) -> None:
        plot_clv_curve(result["curve"], ax=figure.add_subplot())

    def plot_key(self, values: dict[str, Any]) -> Any:
        return tuple(v for k, v in values.items() if k != "customer")

    def table_html(self, result: dict[str, Any]) -> str:
        if result["p_alive"] is None:
            first, last = self.summary.index[0], self.summary.index[-1]
            return (f"<b style='color:#e15759'>No customer with id {escape(result['customer'])!r}"
                    f"</b> in the summary ({len(self.summary):,} customers, ids such as "
                    f"{first} ... {last}). Type an id and press Enter.")
        row = result["history"]
        return (f"<b>Customer {escape(str(result['customer']))}</b>: {row['frequency']:.0f} "
                f"repeat purchases; first purchase {row['T']:.0f} {self.horizon_unit} before "
                f"the end of the data, last purchase {row['recency']:.0f} {self.horizon_unit} "
                f"after the first. Fitted BG/NBD "
                f"model: P(alive) = {result['p_alive']:.3f}, expected purchases in the next "
                f"year = {result['expected_next_year']:.2f}")
