"""Time the Pareto/NBD fit on 100,000 customers (simulated from known parameters, weekly
histories pooled into unique (x, t_x, T) rows), against lifetimes' ParetoNBDFitter on the
same summary when a Python with lifetimes is given.

Usage: .venv/bin/python benchmarks/pareto_nbd.py [--lifetimes /path/to/python]
(lifetimes 0.11 needs numpy < 2, so it lives in its own environment)."""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from crmlab.pareto_nbd import ParetoNBDModel

TRUTH = {"r": 0.8, "alpha": 6.0, "s": 0.7, "beta": 20.0}
LIFETIMES = """
import sys, time, pandas as pd
from lifetimes import ParetoNBDFitter
data = pd.read_csv(sys.argv[1])
start = time.perf_counter()
fit = ParetoNBDFitter().fit(data["frequency"], data["recency"], data["T"])
print(time.perf_counter() - start, *[fit.params_[k] for k in ("r", "alpha", "s", "beta")])
"""


def population(customers: int = 100_000, seed: int = 11) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    lam = rng.gamma(TRUTH["r"], 1 / TRUTH["alpha"], customers)
    mu = rng.gamma(TRUTH["s"], 1 / TRUTH["beta"], customers)
    big_t = rng.integers(52, 105, customers).astype(float)  # whole weeks, as clv_summary gives
    end = np.minimum(rng.exponential(1 / mu), big_t)
    x = np.minimum(rng.poisson(lam * end), np.floor(end))  # at most one purchase period a week
    tx = np.where(x > 0, np.maximum(np.floor(end * rng.beta(np.maximum(x, 1), 1)), x), 0.0)
    return pd.DataFrame({"frequency": x, "recency": tx, "T": big_t})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lifetimes", help="a Python interpreter with lifetimes installed")
    args = parser.parse_args()
    data = population()
    times = []
    for _ in range(3):
        start = time.perf_counter()
        model = ParetoNBDModel().fit(data)
        times.append(time.perf_counter() - start)
    ours = statistics.median(times)
    shown = ", ".join(f"{k} {v:.3f} (true {TRUTH[k]})" for k, v in model.params_.items())
    print(f"crmlab Pareto/NBD on {len(data):,} customers: median {ours:.2f} s over 3 fits; {shown}")
    if args.lifetimes:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "summary.csv"
            data.to_csv(path, index=False)
            done = subprocess.run([args.lifetimes, "-c", LIFETIMES, str(path)], capture_output=True,
                                  text=True, check=True)
        seconds, *params = map(float, done.stdout.split())
        print(f"lifetimes ParetoNBDFitter on the same summary: {seconds:.2f} s "
              f"(r {params[0]:.3f}, alpha {params[1]:.3f}, s {params[2]:.3f}, beta {params[3]:.3f}); "
              f"ratio crmlab / lifetimes = {ours / seconds:.3f}")


if __name__ == "__main__":
    sys.exit(main())
