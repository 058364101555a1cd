"""Time the course website's build: a first build (empty caches) and a rebuild with
nothing changed. Usage: .venv/bin/python benchmarks/book.py  (takes about two minutes)."""

import shutil
import time
from pathlib import Path

from crmlab.book import build

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    shutil.rmtree(ROOT / "book" / "_build", ignore_errors=True)
    times = {}
    for run in ("first build", "rebuild, nothing changed", "rebuild, nothing changed (2)"):
        start = time.perf_counter()
        build(ROOT)
        times[run] = time.perf_counter() - start
    for run, seconds in times.items():
        print(f"{run:32} {seconds:6.1f} s")


if __name__ == "__main__":
    main()
