"""Chapter 4 explorers: ABC cuts, pyramid tier shares, RFM bins and weights."""

from __future__ import annotations

from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from crmlab.errors import CRMDataError
from crmlab.plots.tiering import plot_pareto, plot_pyramids, plot_rfm_heatmap
from crmlab.tiering import (
    ABC_DEFAULT_CUTS,
    abc_classes,
    customer_pyramid,
    pareto_curve,
    rfm_grid,
    rfm_rank,
    rfm_scores,
    tier_summary,
)
from crmlab.widgets.base import Explorer
from crmlab.widgets.controls import dropdown, int_slider, slider


def course_margin() -> pd.Series:
    """Gross margin per customer of the course's retail data: what chapter 4 tiers by."""
    from crmlab.datasets import load_customers, load_transactions
    from crmlab.overview import customer_profit

    return customer_profit(load_transactions(), load_customers())["gross margin"]


class ABCExplorer(Explorer):
    """Chapter 4: ABC mode and cuts -> Pareto curve with the classes, counts and shares.

    >>> explorer = ABCExplorer(pd.Series([50.0, 30, 10, 5, 3, 2, 0, 0, 0, 0]))
    >>> explorer.result["summary"]["customers"].tolist()
    [2, 7, 1]
    """

    def __init__(self, values: pd.Series) -> None:
        self.values_ = values
        super().__init__({
            "by": dropdown(["customers", "value"], "customers", "Cut by share of"),
            "first": slider(0.2, 0.05, 0.95, 0.01, "A up to"),
            "second": slider(0.9, 0.10, 1.00, 0.01, "B up to"),
        }, table=True, margins={"left": 0.1, "right": 0.97, "bottom": 0.16, "top": 0.9})
        self.load_defaults_on("by", self._defaults)

    @classmethod
    def on_course_data(cls) -> ABCExplorer:
        return cls(course_margin())

    def _defaults(self, by: str) -> dict[str, float]:
        """Switching the mode moves the cuts to that mode's defaults (B's first, so that
        the cuts never cross on the way)."""
        first, second = ABC_DEFAULT_CUTS[by]
        return {"second": second, "first": first}

    def compute(self, by: str, first: float, second: float) -> dict[str, Any]:
        classes = abc_classes(self.values_, by=by, cuts=(first, second))
        return {"classes": classes, "summary": tier_summary(self.values_, classes), "by": by,
                "curve": pareto_curve(self.values_, classes)}

    def draw(self, result: dict[str, Any], figure: Figure) -> None:
        plot_pareto(result["curve"], figure.add_subplot(),
                    title=f"ABC by share of {result['by']}", legend_shares=False)

    def table_html(self, result: dict[str, Any]) -> str:
        table = result["summary"].assign(
            customer_share=lambda t: (100 * t["customer_share"]).round(1),
            value_share=lambda t: (100 * t["value_share"]).round(1), value=lambda t: t["value"].round(0))
        return table.rename(columns={"customer_share": "% customers",
                                     "value_share": "% value"}).to_html(border=0)


class PyramidExplorer(Explorer):
    """Chapter 4: tier shares -> the quantity pyramid beside the profit pyramid.

    >>> explorer = PyramidExplorer(pd.Series(range(100), dtype=float))
    >>> explorer.result["customers"].tolist()
    [1, 19, 30, 50]
    """

    def __init__(self, values: pd.Series) -> None:
        self.values_ = values
        super().__init__({
            "top": slider(0.01, 0.01, 0.30, 0.01, "Top"),
            "major": slider(0.19, 0.01, 0.60, 0.01, "Major"),
            "ordinary": slider(0.30, 0.01, 0.80, 0.01, "Ordinary"),
        }, figsize=(8, 3.4), margins={"left": 0.02, "right": 0.98, "bottom": 0.04, "top": 0.88})

    @classmethod
    def on_course_data(cls) -> PyramidExplorer:
        return cls(course_margin())

    def compute(self, top: float, major: float, ordinary: float) -> pd.DataFrame:
        small = round(1 - top - major - ordinary, 9)
        if small <= 0:
            raise CRMDataError(f"top + major + ordinary = {top + major + ordinary:.2f} leaves "
                               "nothing for small customers", fix="lower one of the sliders")
        tiers = customer_pyramid(self.values_, (top, major, ordinary, small))
        return tier_summary(self.values_, tiers)

    def draw(self, result: pd.DataFrame, figure: Figure) -> None:
        plot_pyramids(result, tuple(figure.subplots(1, 2)))


class RFMExplorer(Explorer):
    """Chapter 4: RFM bins and weights -> segment sizes, an R x F heatmap of monetary, and
    the ranking by weighted score (the weights move who is on top).

    >>> explorer = RFMExplorer.on_course_data()
    >>> explorer.controls["bins"].value = 3
    >>> int(explorer.result["R"].max())
    3
    """

    def __init__(self, rfm: pd.DataFrame) -> None:
        self.rfm = rfm
        super().__init__({
            "bins": int_slider(5, 2, 9, "Bins"),
            "w_r": slider(1.0, 0.0, 3.0, 0.1, "Weight R"),
            "w_f": slider(1.0, 0.0, 3.0, 0.1, "Weight F"),
            "w_m": slider(1.0, 0.0, 3.0, 0.1, "Weight M"),
        }, figsize=(5.5, 4.2), table=True,
            margins={"left": 0.13, "right": 0.97, "bottom": 0.13, "top": 0.9})

    @classmethod
    def on_course_data(cls) -> RFMExplorer:
        from crmlab.datasets import load_transactions
        from crmlab.tiering import rfm_table

        return cls(rfm_table(load_transactions(), "2025-12-31"))

    def compute(self, bins: int, w_r: float, w_f: float, w_m: float) -> pd.DataFrame:
        scores = rfm_scores(self.rfm, bins=bins, weights=(w_r, w_f, w_m))
        return scores.assign(rank=rfm_rank(scores, self.rfm))

    def draw(self, result: pd.DataFrame, figure: Figure) -> None:
        plot_rfm_heatmap(rfm_grid(result, self.rfm["monetary"]), figure.add_subplot())

    def plot_key(self, values: dict[str, Any]) -> Any:
        return values["bins"]  # the weights change the scores and segments, not the heatmap

    def table_html(self, result: pd.DataFrame) -> str:
        sizes = result.groupby("segment", observed=False).agg(
            customers=("score", "size"), mean_score=("score", "mean")).round(2)
        top = result.sort_values("rank").head(10).join(self.rfm)[
            ["rank", "recency", "frequency", "monetary", "R", "F", "M", "score", "segment"]]
        top_fifth = result["rank"] <= len(result) // 5
        share = self.rfm["monetary"][top_fifth].sum() / self.rfm["monetary"].sum()
        return ("<div style='display:flex;gap:2em;flex-wrap:wrap'><div><b>Customers per RFM "
                f"segment</b>{sizes.to_html(border=0)}</div><div><b>Top 10 by weighted "
                f"score</b> (the top 20 % by this score hold {share:.1%} of all spend)"
                f"{top.round(2).to_html(border=0)}</div></div>")
