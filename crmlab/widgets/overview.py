"""Chapter 0 explorer: the retail data per period, metric and acquisition channel."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from matplotlib.figure import Figure

from crmlab.errors import CRMDataError
from crmlab.overview import METRICS, PERIODS, period_summary
from crmlab.plots.overview import plot_period_metric
from crmlab.widgets.base import Explorer
from crmlab.widgets.controls import dropdown


class DataTourExplorer(Explorer):
    """Chapter 0: one metric of the retail data per period, for all or one channel.

    >>> tour = DataTourExplorer.on_course_data()
    >>> tour.controls["metric"].value = "new customers"
    >>> from crmlab.datasets import load_customers
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

    @classmethod
    def on_course_data(cls) -> DataTourExplorer:
        from crmlab.datasets import load_customers, load_transactions

        return cls(load_transactions(), load_customers())

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
