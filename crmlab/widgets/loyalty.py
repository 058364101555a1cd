"""Chapter 6 explorers: the zone of indifference on the satisfaction-loyalty curve, and
the cut points of the two loyalty matrices."""

from __future__ import annotations

from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from crmlab.errors import CRMDataError
from crmlab.loyalty import (
    DICK_BASU,
    DICK_BASU_CUTS,
    JONES_SASSER_CUTS,
    dick_basu,
    jones_sasser,
    loyalty_curve,
    zone_summary,
)
from crmlab.plots.loyalty import (
    jittered,
    loyalty_curve_background,
    loyalty_curve_marks,
    loyalty_matrix_background,
    loyalty_matrix_marks,
)
from crmlab.widgets.base import Explorer
from crmlab.widgets.controls import int_slider, slider


class ZoneExplorer(Explorer):
    """Chapter 6: bounds of a zone of indifference on the satisfaction-loyalty curve ->
    loyalty below, inside and above it, and the slope inside.

    >>> explorer = ZoneExplorer.on_course_data()
    >>> bool(explorer.result.loc["zone", "customers"] > 0)
    True
    """

    def __init__(self, satisfaction: pd.Series, loyalty: pd.Series) -> None:
        self.satisfaction, self.loyalty = satisfaction, loyalty
        self.curve = loyalty_curve(satisfaction, loyalty)
        low, high = self.curve.zone or (satisfaction.min(), satisfaction.max())
        top = int(satisfaction.max())
        super().__init__({
            "low": int_slider(int(low), int(satisfaction.min()), top, "Zone from"),
            "high": int_slider(int(high), int(satisfaction.min()), top, "Zone to"),
        }, table=True, margins={"left": 0.1, "right": 0.97, "bottom": 0.15, "top": 0.9})

    @classmethod
    def on_course_data(cls) -> ZoneExplorer:
        from crmlab.datasets import load_guest_survey

        survey = load_guest_survey()
        return cls(survey["sat_overall"], survey["stayed_again"])

    def compute(self, low: int, high: int) -> pd.DataFrame:
        if low > high:
            raise CRMDataError(f"the zone starts at {low}, above where it ends ({high})",
                               fix="set 'Zone from' at or below 'Zone to'")
        return zone_summary(self.satisfaction, self.loyalty, (low - 1e-9, high))

    def draw_background(self, figure: Figure) -> None:
        loyalty_curve_background(self.curve.table, figure.add_subplot())

    def draw_marks(self, result: pd.DataFrame, figure: Figure) -> list:
        low, high = self.controls["low"].value, self.controls["high"].value
        slope = result.loc["zone", "slope"]
        if slope != slope:  # one satisfaction level (or none) inside: no line to fit
            text = "a single level, so no slope (widen the zone)"
        else:
            text = "flat" if abs(slope) < 0.03 else f"slope {slope:+.3f} per point"
        return loyalty_curve_marks((low, high), figure.axes[0],
                                   title=f"Zone {low}-{high}: {text}")

    def table_html(self, result: pd.DataFrame) -> str:
        return result.round(3).to_html(border=0)


def one_sided(values: pd.Series, cut: float, axis: str) -> str:
    """A note when a cut leaves every customer on one side of an axis, else "".

    >>> one_sided(pd.Series([3, 5, 9]), 1, "attitude")
    'all 3 high on attitude: the cut splits no one'
    >>> one_sided(pd.Series([3, 5, 9]), 5, "attitude")
    ''
    """
    high = int((values >= cut).sum())
    if 0 < high < len(values):
        return ""
    return f"all {len(values)} {'high' if high else 'low'} on {axis}: the cut splits no one"


MATRICES = {  # name: (x column, y column, course cuts, x label, y label, rule, cells)
    "Dick & Basu": ("recommend", "stays_last_year", DICK_BASU_CUTS,
                    "attitude: recommend (0-10), a stand-in for relative attitude", "stays last year",
                    dick_basu, list(DICK_BASU.values())),
    "Jones & Sasser": ("sat_overall", "repurchase_likelihood", JONES_SASSER_CUTS,
                       "overall satisfaction (1-10)", "likelihood of staying again (1-10)",
                       jones_sasser, ["apostle", "loyalist", "mercenary", "hostage", "defector",
                                      "terrorist"]),
}
AXES = {"Dick & Basu": ("attitude", "patronage"), "Jones & Sasser": ("satisfaction", "loyalty")}


class LoyaltyMatrixExplorer(Explorer):
    """Chapter 6: the cut points of Dick & Basu's and Jones & Sasser's matrices -> customers
    per cell and how many change cell from the course cuts.

    >>> explorer = LoyaltyMatrixExplorer.on_course_data()
    >>> int(explorer.result["Dick & Basu"]["counts"].sum())
    1000
    """

    def __init__(self, survey: pd.DataFrame) -> None:
        self.survey = survey
        self.points = {name: (jittered(survey[m[0]]), jittered(survey[m[1]], salt=1))
                       for name, m in MATRICES.items()}
        self.default = {name: m[5](survey[m[0]], survey[m[1]], m[2]) for name, m in MATRICES.items()}
        self._parts: dict[str, dict[str, Any]] = {}
        (a, p), (s, lo) = DICK_BASU_CUTS, JONES_SASSER_CUTS
        super().__init__({
            "attitude_cut": slider(a, 1.0, 10.0, 1.0, "Attitude high from", readout=".0f"),
            "patronage_cut": slider(p, 1.0, 10.0, 1.0, "Stays high from", readout=".0f"),
            "satisfaction_cut": slider(s, 1.0, 10.0, 1.0, "Satisfaction high from", readout=".0f"),
            "loyalty_cut": slider(lo, 1.0, 10.0, 1.0, "Loyalty high from", readout=".0f"),
        }, figsize=(10, 4.6), table=True,
            margins={"left": 0.07, "right": 0.98, "bottom": 0.28, "top": 0.86, "wspace": 0.25})

    @classmethod
    def on_course_data(cls) -> LoyaltyMatrixExplorer:
        from crmlab.datasets import load_guest_survey

        return cls(load_guest_survey())

    def compute(self, attitude_cut: float, patronage_cut: float, satisfaction_cut: float,
                loyalty_cut: float) -> dict[str, Any]:
        cuts = {"Dick & Basu": (attitude_cut, patronage_cut),
                "Jones & Sasser": (satisfaction_cut, loyalty_cut)}
        for name, (x, y, _, _, _, rule, order) in MATRICES.items():
            if self._parts.get(name, {}).get("cuts") != cuts[name]:  # only what moved
                cells = rule(self.survey[x], self.survey[y], cuts[name])
                self._parts[name] = {"cells": cells, "cuts": cuts[name],
                                     "counts": cells.value_counts().reindex(order, fill_value=0),
                                     "moved": int((cells != self.default[name]).sum()),
                                     "note": "; ".join(filter(None, (
                                         one_sided(self.survey[x], cuts[name][0], AXES[name][0]),
                                         one_sided(self.survey[y], cuts[name][1], AXES[name][1]))))}
        return dict(self._parts)

    def draw_background(self, figure: Figure) -> None:
        for ax, (x, y, _, xlabel, ylabel, _, cells) in zip(figure.subplots(1, 2),
                                                           MATRICES.values(), strict=True):
            limits = ((self.survey[x].min() - 0.7, self.survey[x].max() + 0.7),
                      (self.survey[y].min() - 0.7, self.survey[y].max() + 0.7))
            loyalty_matrix_background(ax, xlabel, ylabel, limits, cells)

    def draw_marks(self, result: dict[str, Any], figure: Figure) -> list:
        artists = []
        for ax, (name, part) in zip(figure.axes, result.items(), strict=True):
            x, y = self.points[name]
            title = f"{name}: {part['moved']} change cell"
            if part["note"]:
                title += f"\n{part['note']}"
            artists += loyalty_matrix_marks(x, y, part["cells"], part["cuts"], ax, title=title)
        return artists

    def table_html(self, result: dict[str, Any]) -> str:
        tables = "".join(f"<div><b>{name}</b>{part['counts'].to_frame('customers').to_html(border=0)}"
                         f"<i>{part['note']}</i></div>" for name, part in result.items())
        return f"<div style='display:flex;gap:3em'>{tables}</div>"
