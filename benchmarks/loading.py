"""Peak memory and time of loading a large transactions file (5 million rows by default).

    python benchmarks/loading.py            # 5,000,000 rows
    python benchmarks/loading.py --rows 1000000

Writes a CSV shaped like datasets/transactions.csv (integer ids, ISO dates, amounts, costs)
into a temporary folder, then loads it with ``crmlab.datasets.load_transactions`` in a fresh
Python process and reports that process's peak resident memory, the memory of
the same process before loading (Python, pandas and crmlab imported), both as the kernel's
high-water mark VmHWM, the load time
(median of the runs) and the size of the loaded frame. Budget: 600 MB peak.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

BUDGET_MB = 600.0
CHILD = """
import json, re, sys, time
import crmlab.datasets as d

def high_water_mb():  # VmHWM: this process's peak resident memory (ru_maxrss survives fork)
    status = open("/proc/self/status").read()
    return int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1)) / 1024

before = high_water_mb()
start = time.perf_counter()
frame = d.load_transactions(sys.argv[1])
seconds = time.perf_counter() - start
peak = high_water_mb()
print(json.dumps({"before_mb": before, "peak_mb": peak, "seconds": seconds,
                  "frame_mb": frame.memory_usage(deep=True).sum() / 2**20, "rows": len(frame)}))
"""


def write_file(path: Path, rows: int, seed: int = 7) -> None:
    rng = np.random.default_rng(seed)
    days = pd.Timestamp("2023-01-01") + pd.to_timedelta(rng.integers(0, 1096, rows), "D")
    amount = rng.gamma(2.0, 30.0, rows).round(2)
    pd.DataFrame({"customer_id": rng.integers(1, 200_001, rows), "date": days.strftime("%Y-%m-%d"),
                  "amount": amount, "cost": (amount * 0.7).round(2)}).to_csv(path, index=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "transactions.csv"
        write_file(path, args.rows)
        runs = [json.loads(subprocess.run([sys.executable, "-c", CHILD, str(path)], check=True,
                                          capture_output=True, text=True).stdout)
                for _ in range(args.repeat)]
    peak = max(r["peak_mb"] for r in runs)
    print(f"rows {runs[0]['rows']:,}; file {path.name}")
    print(f"before loading   {statistics.median(r['before_mb'] for r in runs):8.0f} MB")
    print(f"peak (max of {args.repeat})  {peak:8.0f} MB   budget {BUDGET_MB:.0f} MB")
    print(f"loaded frame     {statistics.median(r['frame_mb'] for r in runs):8.0f} MB")
    print(f"load time        {statistics.median(r['seconds'] for r in runs):8.2f} s (median)")
    return 0 if peak <= BUDGET_MB else 1


if __name__ == "__main__":
    sys.exit(main())
