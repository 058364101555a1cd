"""Time every widget update (compute + redraw + PNG render) and every notebook run.

    python benchmarks/run.py                 # widgets and notebooks
    python benchmarks/run.py --no-notebooks  # widgets only
    python benchmarks/run.py --repeat 30

Widget rows: median and maximum over repeated updates, each update setting one control
to its next value: recompute, redraw and render the PNG the browser shows.
Budget: the explorer's ``budget_ms`` (100 ms; 1 s where an update refits a clustering).
Notebook rows: median wall time of a full nbclient execution. Budget: 20 s.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_BUDGET_S = 20.0


def widget_cases() -> dict[str, tuple[Callable[[], object], str, float]]:
    """name -> (make the explorer on the course data, one of its controls to cycle, its
    budget in ms): every control of every explorer that ``crmlab.widgets`` exports."""
    import crmlab.widgets

    cases = {}
    for name in crmlab.widgets.EXPLORERS:
        cls = getattr(crmlab.widgets, name)
        module = cls.__module__.rsplit(".", 1)[-1]
        for control in cls.on_course_data().controls:
            cases[f"{module}.{name}: {control}"] = (cls.on_course_data, control, cls.budget_ms)
    return cases


def time_widget(make: Callable[[], object], control: str, repeat: int) -> list[float]:
    explorer = make()
    widget = explorer.controls[control]
    options = getattr(widget, "options", None)
    if options:
        values = itertools.cycle([o[1] if isinstance(o, tuple) else o for o in options][1:]
                                 + [widget.value])
    elif isinstance(widget.value, bool):  # check boxes: flip
        values = itertools.cycle([not widget.value, widget.value])
    elif isinstance(widget.value, str):  # text boxes (a customer id): the placeholder's, then back
        values = itertools.cycle([widget.placeholder.removeprefix("e.g. "), widget.value])
    else:  # sliders: walk between the ends
        values = itertools.cycle([widget.min, widget.max, widget.value])
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        widget.value = next(values)
        times.append((time.perf_counter() - start) * 1000)
    return times


def scale_rows(repeat: int = 5) -> list[tuple[str, float, str]]:
    """At scale: 1,000,000 purchases of 50,000 customers (a fixed seed) for chapters 4 and 6,
    and the ACSI model of chapter 5."""
    import numpy as np
    import pandas as pd

    from crmlab.acsi import ACSI_BLOCKS, ACSI_STRUCTURE, PLSPathModel
    from crmlab.clv import BetaGeoModel, clv_summary
    from crmlab.cohorts import cohort_retention
    from crmlab.datasets import load_guest_survey
    from crmlab.tiering import rfm_table

    rng = np.random.default_rng(7)
    n = 1_000_000
    tx = pd.DataFrame({
        "customer_id": rng.integers(1, 50_001, n),
        "date": pd.Timestamp("2023-01-01") + pd.to_timedelta(rng.integers(0, 1095, n), unit="D"),
        "amount": rng.gamma(2.0, 40.0, n).round(2)})

    def median(run: Callable[[], object], times: int = repeat) -> float:
        samples = []
        for _ in range(times):
            start = time.perf_counter()
            run()
            samples.append(time.perf_counter() - start)
        return statistics.median(samples)

    base = median(lambda: tx.groupby("customer_id").agg(
        first=("date", "min"), last=("date", "max"), n=("amount", "count"),
        total=("amount", "sum")))
    rows = [("bare pandas groupby(...).agg(min, max, count, sum)", base, "reference")]
    for name, run in [("rfm_table", lambda: rfm_table(tx, "2025-12-31")),
                      ("clv_summary freq='W'", lambda: clv_summary(tx, "2025-12-31", "W")),
                      ("clv_summary freq='D'", lambda: clv_summary(tx, "2025-12-31", "D"))]:
        seconds = median(run)
        rows.append((name, seconds, f"{seconds / base:.2f}x the bare groupby (budget 2x)"))
    seconds = median(lambda: cohort_retention(tx, "M"))
    rows.append(("cohort_retention, monthly", seconds, f"{seconds / base:.2f}x the bare groupby "
                                                       "(budget 3x)"))
    summary = clv_summary(tx, "2025-12-31", "W")
    seconds = median(lambda: BetaGeoModel().fit(summary), 3)
    rows.append(("BetaGeoModel().fit, 50,000 customers", seconds, "budget 2 s"))
    survey = load_guest_survey()
    seconds = median(lambda: PLSPathModel(ACSI_STRUCTURE, ACSI_BLOCKS).fit(survey), 20)
    rows.append(("PLSPathModel(ACSI).fit, 1,000 guests", seconds, "budget 0.05 s"))
    model = PLSPathModel(ACSI_STRUCTURE, ACSI_BLOCKS).fit(survey)
    seconds = median(lambda: model.bootstrap(500), 3)
    rows.append(("PLSPathModel.bootstrap(500)", seconds, "budget 10 s"))
    return rows


def time_notebook(path: Path, repeat: int) -> list[float]:
    import nbformat
    from nbclient import NotebookClient

    times = []
    for _ in range(repeat):
        nb = nbformat.read(path, as_version=4)
        start = time.perf_counter()
        NotebookClient(nb, timeout=300, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}
                       ).execute(stderr=subprocess.DEVNULL)  # the kernel's TCP warning
        times.append(time.perf_counter() - start)
    return times


def notebooks() -> list[Path]:
    """Every chapter, solution and exercise notebook of the ready chapters."""
    from crmlab.chapters import ready_chapters

    return [ROOT / folder / row.notebook for folder in ("notebooks", "solutions", "exercises")
            for row in ready_chapters()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="widget updates per row")
    parser.add_argument("--notebook-repeat", type=int, default=1, help="runs per notebook")
    parser.add_argument("--no-notebooks", action="store_true")
    parser.add_argument("--no-scale", action="store_true",
                        help="skip the 1,000,000-purchase timings of chapter 4")
    args = parser.parse_args(argv)
    over = 0
    print(f"{'widget update':58} {'median ms':>10} {'max ms':>8} {'budget':>7}")
    for name, (make, control, budget) in widget_cases().items():
        times = time_widget(make, control, args.repeat)
        median = statistics.median(times)
        over += median > budget
        flag = "" if median <= budget else "  OVER"
        print(f"{name:58} {median:10.1f} {max(times):8.1f} {budget:7.0f}{flag}")
    if not args.no_scale:
        print(f"\n{'at scale (median of repeated runs)':58} {'seconds':>10}")
        for name, seconds, note in scale_rows():
            print(f"{name:58} {seconds:10.3f}  {note}")
    if not args.no_notebooks:
        print(f"\n{'notebook':58} {'median s':>10} {'max s':>8}  budget {NOTEBOOK_BUDGET_S:.0f} s")
        for path in notebooks():
            times = time_notebook(path, args.notebook_repeat)
            median = statistics.median(times)
            over += median > NOTEBOOK_BUDGET_S
            flag = "" if median <= NOTEBOOK_BUDGET_S else "  OVER"
            name = f"{path.parent.name}/{path.name}"
            print(f"{name:58} {median:10.2f} {max(times):8.2f}{flag}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
