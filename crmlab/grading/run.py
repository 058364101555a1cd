"""Executing one rebuilt submission in a fresh kernel, safely.

Per-cell timeout (the kernel is interrupted and the next cell runs), a total time limit,
a memory cap set in the kernel before any student code, a cap on the output kept per
cell, a throw-away working folder, and a kernel that is always shut down. Answers come
back only through this run's capture cells, with this run's nonce.
"""

from __future__ import annotations

import os
import secrets
import tempfile
import time
from dataclasses import dataclass, field
from typing import Any

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError

from crmlab.grading.capture import CAPTURE_MIMETYPE, prelude, read_capture
from crmlab.grading.rebuild import Rebuilt

OUTPUT_CAP = 1_000_000  # characters of output kept per cell


@dataclass
class Limits:
    """How long a cell and a whole submission may run (s), memory (MB), output kept."""

    cell_timeout: float = 60.0
    total_timeout: float = 600.0
    memory_mb: int | None = 4000
    output_cap: int = OUTPUT_CAP


@dataclass
class Execution:
    """What running a submission gave: status, captured answers, notes for the feedback."""

    status: str = "ok"
    answers: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


class _CappedClient(NotebookClient):
    """nbclient that keeps at most ``output_cap`` characters of output per cell."""

    output_cap = OUTPUT_CAP

    def output(self, outs, msg, display_id, cell_index):  # noqa: ANN001 - nbclient's signature
        kept = sum(len(str(o)) for o in outs)
        size = len(str(msg.get("content", "")))
        if kept + size > self.output_cap:
            if not any(o.get("name") == "grader" for o in outs):
                outs.append(nbformat.v4.new_output("stream", name="grader",
                                                   text="[output cut by the grader]\n"))
            return None
        return super().output(outs, msg, display_id, cell_index)


def execute(rebuilt: Rebuilt, limits: Limits) -> Execution:
    """Run the rebuilt cells after the grader's prelude; collect this run's captures."""
    nonce = secrets.token_hex(16)
    cells = [nbformat.v4.new_code_cell(prelude(nonce, limits.memory_mb))]
    captures: dict[int, str] = {}
    for cell in rebuilt.cells:
        if "capture" in cell:
            captures[len(cells)] = cell["capture"]
        cells.append(nbformat.v4.new_code_cell(cell["source"]))
    nb = nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": {
        "name": "python3", "display_name": "Python 3", "language": "python"}})
    result = Execution()
    with tempfile.TemporaryDirectory(prefix="crmlab-grade-") as workdir:
        client = _CappedClient(nb, timeout=limits.cell_timeout, kernel_name="python3",
                               allow_errors=True, interrupt_on_timeout=True,
                               resources={"metadata": {"path": workdir}})
        client.output_cap = limits.output_cap
        env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
               "MKL_NUM_THREADS": "1", "MPLBACKEND": "Agg"}
        start = time.monotonic()
        try:
            with open(os.devnull, "w") as quiet, client.setup_kernel(env=env, stderr=quiet):
                for index, cell in enumerate(nb.cells):
                    if time.monotonic() - start > limits.total_timeout:
                        result.status = "timeout"
                        result.notes.append(f"stopped after the total limit of "
                                            f"{limits.total_timeout:.0f} s")
                        break
                    try:
                        client.execute_cell(cell, index)
                    except CellTimeoutError:
                        result.status = "timeout"
                    if any(o.get("ename") == "KeyboardInterrupt" for o in cell.outputs
                           if o.get("output_type") == "error"):
                        result.status = "timeout"
                        result.notes.append(f"a cell ran longer than {limits.cell_timeout:.0f} s "
                                            "and was stopped")
                    if index in captures:
                        _collect(cell, nonce, captures[index], result)
        except DeadKernelError:
            result.status = "crashed"
            result.notes.append("the kernel died (e.g. os._exit or a crash); answers captured "
                                "before that are kept")
        except Exception as err:  # noqa: BLE001 - a submission must never stop the run
            result.status = "crashed"
            result.notes.append(f"the kernel failed: {type(err).__name__}")
    return result


def _collect(cell: Any, nonce: str, exercise: str, result: Execution) -> None:
    for output in cell.outputs:
        text = output.get("data", {}).get(CAPTURE_MIMETYPE)
        found = read_capture(text, nonce) if text else None
        if found and found[0] == exercise and exercise not in result.answers:
            result.answers[exercise] = found[1]
