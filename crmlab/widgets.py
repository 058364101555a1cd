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
from matplotlib.figure import Figure

from crmlab.errors import CRMDataError
from crmlab.overview import METRICS, PERIODS, period_summary
from crmlab.plots import plot_period_metric

WIDGET_DPI = 80  # enough for a screen; fewer pixels keep updates well under 100 ms
MARGINS = {"left": 0.11, "right": 0.97, "bottom": 0.22, "top": 0.9}


class Explorer:
    """Base of every explorer: wires controls to ``compute`` and ``draw``.

    The figure is rendered to PNG into an ``ipywidgets.Image`` on every update, so what
    the browser shows is exactly what ``.result`` holds.
    """

    def __init__(self, controls: dict[str, w.ValueWidget], figsize=(7.5, 3.6),
                 margins: dict[str, float] | None = None) -> None:
        self.controls = controls
        self.result: Any = None
        self.message = ""
        self.figure = Figure(figsize=figsize, dpi=WIDGET_DPI)
        self.figure.subplots_adjust(**(margins or MARGINS))
        self.image = w.Image(format="png")
        self.status = w.HTML()
        for control in controls.values():
            control.observe(lambda _change: self.update(), names="value")
        self.ui = w.VBox([w.HBox(list(controls.values()),
                                 layout=w.Layout(flex_flow="row wrap")),
                          self.status, self.image])
        self.update()

    def values(self) -> dict[str, Any]:
        """The current control values, by keyword name."""
        return {name: control.value for name, control in self.controls.items()}

    def compute(self, **values: Any) -> Any:  # pragma: no cover - each explorer overrides
        raise NotImplementedError

    def draw(self, result: Any, figure: Figure) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def update(self) -> None:
        """Recompute from the controls and redraw; a bad combination shows a message."""
        try:
            self.result, self.message = self.compute(**self.values()), ""
        except CRMDataError as err:
            self.result, self.message = None, str(err)
        self.status.value = f"<b style='color:#e15759'>{self.message}</b>" if self.message else ""
        self.image.layout.display = "none" if self.result is None else None
        if self.result is not None:
            self.figure.clear()
            self.draw(self.result, self.figure)
            buffer = io.BytesIO()
            self.figure.savefig(buffer, format="png", pil_kwargs={"compress_level": 1})
            self.image.value = buffer.getvalue()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.ui._repr_mimebundle_(**kwargs)


def dropdown(options: Any, value: Any, description: str) -> w.Dropdown:
    """A labelled dropdown in the course style."""
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
