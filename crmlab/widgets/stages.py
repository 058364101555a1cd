"""Chapter 2 explorer: share thresholds and the lifecycle rule -> stages, migration, one
account's trajectory."""

from __future__ import annotations

from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from crmlab.plots.stages import (
    stage_counts_background,
    stage_counts_marks,
    trajectory_background,
    trajectory_marks,
)
from crmlab.stages import (
    DECLINE_FROM,
    GROWTH_FROM,
    STAGE_THRESHOLDS,
    TREND_WINDOW,
    lifecycle_phase,
    stage_counts,
    stage_migration,
    stage_panel,
)
from crmlab.widgets.base import Explorer
from crmlab.widgets.controls import dropdown, int_slider, slider


class StageExplorer(Explorer):
    """Chapter 2: share thresholds and the lifecycle rule -> stages per year, the migration
    matrix between two years, and one account's trajectory.

    >>> explorer = StageExplorer.on_course_data()
    >>> int(explorer.result["migration"].matrix.to_numpy().sum())
    150
    """

    def __init__(self, account_years: pd.DataFrame, account: str | None = None) -> None:
        self.account_years = account_years
        years = sorted(account_years["year"].unique().tolist())
        accounts = sorted(account_years["account_id"].unique().tolist())
        super().__init__({
            "t1": slider(STAGE_THRESHOLDS[0], 0.05, 0.95, 0.05, "Stable from share"),
            "t2": slider(STAGE_THRESHOLDS[1], 0.10, 1.00, 0.05, "Strategic from share"),
            "year_from": dropdown(years, years[0], "Migration from"),
            "year_to": dropdown(years, years[-1], "to"),
            "account": dropdown(accounts, account or accounts[0], "Account"),
            "growth_from": slider(GROWTH_FROM, 0.01, 0.50, 0.01, "Formation: growth from"),
            "decline_from": slider(DECLINE_FROM, -0.50, -0.01, 0.01, "Decline: change to"),
            "window": int_slider(TREND_WINDOW, 1, 4, "Trend years"),
        }, figsize=(9.5, 3.6), table=True,
            margins={"left": 0.07, "right": 0.98, "bottom": 0.15, "top": 0.88, "wspace": 0.45})

    @classmethod
    def on_course_data(cls) -> StageExplorer:
        from crmlab.datasets import load_account_years

        return cls(load_account_years())

    def compute(self, t1: float, t2: float, year_from: int, year_to: int, account: str,
                growth_from: float, decline_from: float, window: int) -> dict[str, Any]:
        thresholds = (t1, t2)
        panel = stage_panel(self.account_years, thresholds)
        by_year = {year: frame.set_index("account_id")["stage"]
                   for year, frame in panel.groupby("year")}
        history = panel[panel["account_id"] == account].sort_values("year")
        phase = lifecycle_phase(history["our_spend"].to_numpy(), window=window,
                                growth_from=growth_from, decline_from=decline_from)
        return {"thresholds": thresholds, "counts": stage_counts(panel),
                "migration": stage_migration(by_year[year_from], by_year[year_to]),
                "history": history, "phase": phase, "account": account,
                "years": (year_from, year_to)}

    def draw_background(self, figure: Figure) -> None:
        left, right = figure.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.25]})
        years = sorted(self.account_years["year"].unique().tolist())
        stage_counts_background(left, years, self.account_years["account_id"].nunique())
        trajectory_background(right, years)

    def draw_marks(self, result: dict[str, Any], figure: Figure) -> list:
        left, right = figure.axes
        return (stage_counts_marks(result["counts"], left)
                + trajectory_marks(result["history"], right, thresholds=result["thresholds"],
                                   title=f"{result['account']}: lifecycle phase "
                                         f"{result['phase']}"))

    def table_html(self, result: dict[str, Any]) -> str:
        m = result["migration"]
        first, last = result["years"]
        return (f"<b>Accounts by stage: {first} (rows) to {last} (columns)</b>"
                + m.matrix.to_html(border=0)
                + f"<p>moved up {m.moved_up} · stayed {m.stayed} · fell back {m.fell_back}</p>")
