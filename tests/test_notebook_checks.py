"""Run every solution and exercise notebook, once per test run: every cell runs without an
error (the execution raises on one), all checks pass in the solutions, none is answered in
the exercises. (The chapters are executed by the website build, ``tests/test_book.py``;
``./course test notebooks/NN_x.ipynb`` runs any one notebook with nbval.)"""

import json
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from crmlab.checks import MIMETYPE

ROOT = Path(__file__).resolve().parent.parent


def check_records(path: Path) -> list[dict]:
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return [out["data"][MIMETYPE] for cell in nb.cells if cell.cell_type == "code"
            for out in cell.outputs if MIMETYPE in out.get("data", {})]


def count_checks(path: Path) -> int:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return sum("".join(c["source"]).count("check(") for c in nb["cells"]
               if c["cell_type"] == "code")


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "solutions").glob("*.ipynb")))
def test_every_check_passes_in_the_solution(name):
    path = ROOT / "solutions" / name
    records = check_records(path)
    assert len(records) == count_checks(path) >= 3
    failed = [r["exercise"] for r in records if not r["passed"]]
    assert failed == []


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "exercises").glob("*.ipynb")))
def test_every_check_is_unanswered_in_the_blank_exercise(name):
    records = check_records(ROOT / "exercises" / name)
    assert records and all(not r["answered"] for r in records)
