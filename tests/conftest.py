"""Shared fixtures: the repository root and small hand-made tables."""

import os
from pathlib import Path

# Two test workers share two cores: a BLAS or OpenMP pool of one thread per core in each
# worker (scikit-learn's k-means, numpy) oversubscribes them, and OpenMP's spinning threads
# then run several times slower (a k-means cell: 1.6 s alone, 9 s beside the other worker).
# One thread each; the kernels, the website build and JupyterLab the tests start inherit it.
for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

import matplotlib  # noqa: E402 - after the thread limits, which must precede numpy's import
import pytest  # noqa: E402

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def write_csv(tmp_path):
    """Write text to a CSV file in a temporary folder and return its path."""

    def write(text: str, name: str = "data.csv") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
