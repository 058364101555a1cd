"""Interactive explorers: controls -> a crmlab compute function -> a crmlab plot.

Every explorer exposes ``.controls`` (name -> ipywidget), ``.result`` (the latest
computed result) and ``.message`` (why there is no result, if so). Display it as the
last expression of a cell. No control position raises: an impossible combination
shows a message instead of a plot.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import ipywidgets as w
import pandas as pd
import PIL.Image
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from crmlab.clv import BetaGeoModel, clv_retention
from crmlab.errors import CRMDataError
from crmlab.overview import METRICS, PERIODS, period_summary
from crmlab.plots import (
    kotler_grid_background,
    kotler_grid_marks,
    plot_clv_curve,
    plot_pareto,
    plot_period_metric,
    plot_pyramids,
    plot_rfm_heatmap,
    stage_count_bars,
    stage_counts_frame,
    trajectory_frame,
    trajectory_marks,
)
from crmlab.relationships import (
    FEW_BELOW,
    HIGH_FROM,
    LOW_BELOW,
    MANY_FROM,
    classify_product_lines,
    customer_level,
    margin_level,
    recommend_relationship_type,
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
from crmlab.tiering import abc_classes, customer_pyramid, rfm_scores, tier_summary

WIDGET_DPI = 80  # enough for a screen; fewer pixels keep updates well under 100 ms
MARGINS = {"left": 0.11, "right": 0.97, "bottom": 0.22, "top": 0.9}


class Explorer:
    """Base of every explorer: wires controls to ``compute`` and ``draw``.

    The figure is rendered to PNG into an ``ipywidgets.Image`` on every update, so what
    the browser shows is exactly what ``.result`` holds. An explorer whose plot has a
    fixed part may define ``draw_background(figure)`` and ``draw_marks(result, figure)``
    (returning the artists it adds) instead of ``draw``: the background is then rendered
    once and only the marks are drawn on each update.
    """

    def __init__(self, controls: dict[str, w.ValueWidget],
                 figsize: tuple[float, float] = (7.5, 3.6),
                 margins: dict[str, float] | None = None, table: bool = False) -> None:
        self.controls = controls
        self.result: Any = None
        self.message = ""
        self.figure = Figure(figsize=figsize, dpi=WIDGET_DPI)
        self._background: Any = None
        self._plot_key: Any = None
        self.figure.subplots_adjust(**(margins or MARGINS))
        width = f"{round(figsize[0] * WIDGET_DPI)}px"  # shown at its own size, not stretched
        self.image = w.Image(format="png", layout=w.Layout(width=width, max_width="100%"))
        self.status = w.HTML()
        self.table = w.HTML()  # a result table below the plot, for explorers that show one
        for control in controls.values():
            control.observe(self._on_change, names="value")
        self.ui = w.VBox([w.HBox(list(controls.values()),
                                 layout=w.Layout(flex_flow="row wrap")),
                          self.status, self.image, *([self.table] if table else [])])
        self.update()

    def values(self) -> dict[str, Any]:
        """The current control values, by keyword name.

        Slider values come back from the browser as floats such as 0.15000000000000002;
        they are rounded to 9 decimals so that a value set at a cut stays exactly at it.
        """
        return {name: round(v, 9) if isinstance(v, float) else v
                for name, v in ((n, c.value) for n, c in self.controls.items())}

    def compute(self, **values: Any) -> Any:  # pragma: no cover - each explorer overrides
        raise NotImplementedError

    def draw(self, result: Any, figure: Figure) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    paused = False  # True while an explorer sets several controls at once

    def _on_change(self, _change: dict) -> None:
        self.update()

    def update(self) -> None:
        """Recompute from the controls and redraw; a bad combination shows a message."""
        if self.paused:
            return
        try:
            self.result, self.message = self.compute(**self.values()), ""
        except CRMDataError as err:
            self.result, self.message = None, str(err)
        self.status.value = f"<b style='color:#e15759'>{self.message}</b>" if self.message else ""
        self.image.layout.display = "none" if self.result is None else None
        if self.result is not None:
            key = self.plot_key(self.values())
            if key is None or key != self._plot_key:  # redraw only when the plot changes
                self.image.value = self.render(self.result)
            self._plot_key = key
            self.table.value = self.table_html(self.result)
        else:
            self.table.value = ""

    def table_html(self, result: Any) -> str:
        """HTML of a table shown below the plot; none by default."""
        return ""

    def plot_key(self, values: dict[str, Any]) -> Any:
        """The control values the plot depends on; None (the default) redraws every time."""
        return None

    def render(self, result: Any) -> bytes:
        """The figure of ``result`` as PNG bytes."""
        if not hasattr(self, "draw_marks"):
            self.figure.clear()
            self.draw(result, self.figure)
            buffer = io.BytesIO()
            self.figure.savefig(buffer, format="png", pil_kwargs={"compress_level": 1})
            return buffer.getvalue()
        canvas = FigureCanvasAgg(self.figure)
        if self._background is None:
            self.figure.clear()
            self.draw_background(self.figure)
            canvas.draw()
            self._background = canvas.copy_from_bbox(self.figure.bbox)
        canvas.restore_region(self._background)
        artists = self.draw_marks(result, self.figure)
        renderer = canvas.get_renderer()
        for artist in artists:
            artist.draw(renderer)
        image = PIL.Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba())
        for artist in artists:
            if artist.axes is not None and artist is not artist.axes.title:
                artist.remove()
        buffer = io.BytesIO()
        image.save(buffer, format="png", compress_level=1)
        return buffer.getvalue()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.ui._repr_mimebundle_(**kwargs)


def dropdown(options: Any, value: Any, description: str) -> w.Dropdown:
    """A labelled dropdown in the course style.

    >>> dropdown(["a", "b"], "b", "Pick").value
    'b'
    """
    return w.Dropdown(options=options, value=value, description=description,
                      style={"description_width": "initial"})


class DataTourExplorer(Explorer):
    """Chapter 0: one metric of the retail data per period, for all or one channel.

    >>> from crmlab.datasets import load_customers, load_transactions
    >>> tour = DataTourExplorer(load_transactions(), load_customers())
    >>> tour.controls["metric"].value = "new customers"
    >>> int(tour.result.sum()) == len(load_customers())
    True
    """

    def __init__(self, transactions: pd.DataFrame, customers: pd.DataFrame) -> None:
        self._summaries: dict[tuple[str, str], pd.DataFrame] = {}
        self._summary: Callable[[str, str | None], pd.DataFrame] = (
            lambda period, channel: period_summary(transactions, customers, period=period,
                                                   channel=channel))
        channels = ["all", *sorted(customers["channel"].dropna().unique())]
        super().__init__({
            "metric": dropdown(list(METRICS), "revenue", "Metric"),
            "period": dropdown(list(PERIODS), "month", "Period"),
            "channel": dropdown(channels, "all", "Acquisition channel"),
        })

    def compute(self, metric: str, period: str, channel: str) -> pd.Series:
        key = (period, channel)
        if key not in self._summaries:
            self._summaries[key] = self._summary(period, None if channel == "all" else channel)
        series = self._summaries[key][metric]
        if series.isna().all() or series.empty:
            raise CRMDataError(f"no {metric} data for channel {channel!r}",
                               fix="choose another metric or channel")
        return series

    def draw(self, result: pd.Series, figure: Figure) -> None:
        channel = self.controls["channel"].value
        plot_period_metric(result, figure.add_subplot(), title=f"{result.name.capitalize()} per "
                                             f"{self.controls['period'].value} ({channel})")


def log_slider(value: float, low_exp: float, high_exp: float, description: str) -> w.FloatLogSlider:
    """A labelled slider on a log scale from 10**low_exp to 10**high_exp.

    >>> log_slider(100, 0, 4, "Customers").value
    100.0
    """
    return w.FloatLogSlider(value=value, base=10, min=low_exp, max=high_exp, step=0.05,
                            description=description, readout_format=",.0f",
                            style={"description_width": "initial"})


def slider(value: float, low: float, high: float, step: float, description: str
           ) -> w.FloatSlider:
    """A labelled slider on a linear scale.

    >>> slider(0.5, 0, 1, 0.1, "Share").max
    1.0
    """
    return w.FloatSlider(value=value, min=low, max=high, step=step, description=description,
                         readout_format=".2f", style={"description_width": "initial"})


class RelationshipExplorer(Explorer):
    """Chapter 1: customer count and margin (and the four cuts) -> Kotler's grid.

    >>> from crmlab.datasets import load_product_lines
    >>> explorer = RelationshipExplorer(load_product_lines())
    >>> explorer.controls["customers"].value = 20
    >>> explorer.controls["margin"].value = 0.5
    >>> explorer.result["recommended"]
    'partnership'
    """

    def __init__(self, lines: pd.DataFrame) -> None:
        self.lines = lines
        super().__init__({
            "customers": log_slider(5_000, 0, 7, "Customers"),
            "margin": slider(0.25, 0.0, 0.95, 0.01, "Unit margin"),
            "few_below": log_slider(FEW_BELOW, 1, 3.5, "'Few' below"),
            "many_from": log_slider(MANY_FROM, 3, 6, "'Many' from"),
            "low_below": slider(LOW_BELOW, 0.01, 0.6, 0.01, "'Low' margin below"),
            "high_from": slider(HIGH_FROM, 0.05, 0.9, 0.01, "'High' margin from"),
        }, figsize=(7.5, 5.2), margins={"left": 0.13, "right": 0.98, "bottom": 0.15, "top": 0.93})

    def compute(self, customers: float, margin: float, few_below: float, many_from: float,
                low_below: float, high_from: float) -> dict[str, Any]:
        cuts = {"customer_cuts": (round(few_below), round(many_from)),
                "margin_cuts": (low_below, high_from)}
        n = round(customers)
        return {
            "customers": n,
            "margin": margin,
            "customer_level": customer_level(n, cuts["customer_cuts"]),
            "margin_level": margin_level(margin, cuts["margin_cuts"]),
            "recommended": recommend_relationship_type(n, margin, **cuts),
            "lines": classify_product_lines(self.lines, **cuts),
        }

    def draw_background(self, figure: Figure) -> None:
        kotler_grid_background(figure.add_subplot())

    def draw_marks(self, result: dict[str, Any], figure: Figure) -> list:
        return kotler_grid_marks(
            result["lines"], figure.axes[0],
            chosen=(result["customer_level"], result["margin_level"]),
            title=f"{result['customers']:,} customers at {result['margin']:.0%} margin: "
                  f"{result['recommended']}")


class StageExplorer(Explorer):
    """Chapter 2: share thresholds and the lifecycle rule -> stages per year, the migration
    matrix between two years, and one account's trajectory.

    >>> from crmlab.datasets import load_account_years
    >>> explorer = StageExplorer(load_account_years())
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
            "window": w.IntSlider(value=TREND_WINDOW, min=1, max=4, description="Trend years",
                                  style={"description_width": "initial"}),
        }, figsize=(9.5, 3.6), table=True,
            margins={"left": 0.07, "right": 0.98, "bottom": 0.15, "top": 0.88, "wspace": 0.45})

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
        stage_counts_frame(left, years, self.account_years["account_id"].nunique())
        trajectory_frame(right, years)

    def draw_marks(self, result: dict[str, Any], figure: Figure) -> list:
        left, right = figure.axes
        return (stage_count_bars(result["counts"], left)
                + trajectory_marks(result["history"], right, thresholds=result["thresholds"],
                                   title=f"{result['account']}: lifecycle phase "
                                         f"{result['phase']}"))

    def table_html(self, result: dict[str, Any]) -> str:
        m = result["migration"]
        first, last = result["years"]
        return (f"<b>Accounts by stage: {first} (rows) to {last} (columns)</b>"
                + m.matrix.to_html(border=0)
                + f"<p>moved up {m.moved_up} · stayed {m.stayed} · fell back {m.fell_back}</p>")


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
        self.controls["by"].unobserve(self._on_change, names="value")
        self.controls["by"].observe(self._defaults, names="value")

    def _defaults(self, change: dict) -> None:
        """Switching the mode moves the cuts to that mode's defaults, with one redraw."""
        first, second = {"customers": (0.2, 0.9), "value": (0.8, 0.95)}[change["new"]]
        self.paused = True
        self.controls["second"].value = second
        self.controls["first"].value = first
        self.paused = False
        self.update()

    def compute(self, by: str, first: float, second: float) -> dict[str, Any]:
        classes = abc_classes(self.values_, by=by, cuts=(first, second))
        return {"classes": classes, "summary": tier_summary(self.values_, classes), "by": by}

    def draw(self, result: dict[str, Any], figure: Figure) -> None:
        plot_pareto(self.values_, result["classes"], figure.add_subplot(),
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
    """Chapter 4: RFM bins and weights -> segment sizes and an R x F heatmap of monetary.

    >>> from crmlab.datasets import load_transactions
    >>> from crmlab.tiering import rfm_table
    >>> explorer = RFMExplorer(rfm_table(load_transactions(), "2025-12-31"))
    >>> explorer.controls["bins"].value = 3
    >>> int(explorer.result["R"].max())
    3
    """

    def __init__(self, rfm: pd.DataFrame) -> None:
        self.rfm = rfm
        super().__init__({
            "bins": w.IntSlider(value=5, min=2, max=9, description="Bins",
                                style={"description_width": "initial"}),
            "w_r": slider(1.0, 0.0, 3.0, 0.1, "Weight R"),
            "w_f": slider(1.0, 0.0, 3.0, 0.1, "Weight F"),
            "w_m": slider(1.0, 0.0, 3.0, 0.1, "Weight M"),
        }, figsize=(5.5, 4.2), table=True,
            margins={"left": 0.13, "right": 0.97, "bottom": 0.13, "top": 0.9})

    def compute(self, bins: int, w_r: float, w_f: float, w_m: float) -> pd.DataFrame:
        return rfm_scores(self.rfm, bins=bins, weights=(w_r, w_f, w_m))

    def draw(self, result: pd.DataFrame, figure: Figure) -> None:
        plot_rfm_heatmap(result, self.rfm["monetary"], figure.add_subplot())

    def plot_key(self, values: dict[str, Any]) -> Any:
        return values["bins"]  # the weights change the scores and segments, not the heatmap

    def table_html(self, result: pd.DataFrame) -> str:
        sizes = result.groupby("segment", observed=False).agg(
            customers=("score", "size"), mean_score=("score", "mean")).round(2)
        return "<b>Customers per RFM segment</b>" + sizes.to_html(border=0)


class CLVExplorer(Explorer):
    """Chapter 4: retention-CLV inputs -> CLV and the cumulative discounted profit curve;
    a chosen customer's P(alive) and expected purchases from a fitted BG/NBD model.

    >>> import pandas as pd
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
            "horizon": w.IntSlider(value=10, min=1, max=30, description="Horizon (years)",
                                   style={"description_width": "initial"}),
            "acquisition_cost": slider(0.0, 0.0, 500.0, 10.0, "Acquisition cost"),
            "customer": dropdown(summary.index.tolist()[:500], summary.index[0], "Customer"),
        }, table=True)

    def compute(self, margin: float, retention: float, discount_rate: float, horizon: int,
                acquisition_cost: float, customer: Any) -> dict[str, Any]:
        row = self.summary.loc[customer]
        args = (row["frequency"], row["recency"], row["T"])
        return {
            "clv": clv_retention(margin, retention, discount_rate,
                                 periods=horizon, acquisition_cost=acquisition_cost),
            "inputs": (margin, retention, discount_rate, horizon,
                       acquisition_cost),
            "customer": customer,
            "p_alive": float(self.model.p_alive(*args)),
            "expected_next_year": float(self.model.expected_purchases(self.per_year, *args)),
        }

    def draw(self, result: dict[str, Any], figure: Figure) -> None:
        plot_clv_curve(*result["inputs"], ax=figure.add_subplot())

    def plot_key(self, values: dict[str, Any]) -> Any:
        return tuple(v for k, v in values.items() if k != "customer")

    def table_html(self, result: dict[str, Any]) -> str:
        return (f"<b>Customer {result['customer']}</b> (fitted BG/NBD model): "
                f"P(alive) = {result['p_alive']:.3f}, expected purchases in the next year = "
                f"{result['expected_next_year']:.2f}")
