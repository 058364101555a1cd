"""Time the sBG fit on 1,000 cohorts of different ages (1 to 20 periods, 500 customers
each, drawn from known alpha = 0.7, beta = 1.2) and say how close it gets to the truth.
Usage: .venv/bin/python benchmarks/sbg.py"""

import statistics
import time

import numpy as np

from crmlab.sbg import SBGModel


def cohorts(n: int = 1000, size: int = 500, seed: int = 7) -> list[list[int]]:
    rng = np.random.default_rng(seed)
    curves = []
    for k in range(n):
        age = 1 + k % 20
        theta = rng.beta(0.7, 1.2, size)
        lifetime = rng.geometric(theta)  # periods until the customer leaves
        curves.append([int((lifetime > t).sum()) for t in range(age + 1)])
    return curves


def main() -> None:
    data = cohorts()
    times, model = [], None
    for _ in range(5):
        start = time.perf_counter()
        model = SBGModel().fit(data)
        times.append(time.perf_counter() - start)
    a, b = model.params_.values()
    print(f"sBG on {len(data)} cohorts: median {1000 * statistics.median(times):.0f} ms over 5 fits; "
          f"alpha {a:.3f} (true 0.7), beta {b:.3f} (true 1.2)")


if __name__ == "__main__":
    main()
