"""Executing one rebuilt submission in a fresh kernel inside its sandbox.

The kernel starts in the sandbox (``sandbox.py``) and talks to this process over Unix
sockets in a folder shared with that sandbox only. A cell that runs past ``cell_timeout``
is interrupted (by message: no signal crosses the sandbox); if the kernel does not answer
a probe after that, or the submission passes ``total_timeout``, the whole sandbox is
killed. Output kept per cell is capped. Answers come back only through this run's capture
cells (``capture.py``); a student cell that raised is reported with its error.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import subprocess
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
from jupyter_client import AsyncKernelManager
from jupyter_client.kernelspec import KernelSpec
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError

from crmlab.grading.capture import CAPTURE_MIMETYPE, prelude, read_capture
from crmlab.grading.rebuild import Rebuilt
from crmlab.grading.sandbox import Sandbox, SandboxLimits, sandbox_uid

OUTPUT_CAP = 1_000_000  # characters of output kept per cell
PROBE_SECONDS = 10.0  # how long an interrupted kernel has to answer before it is killed
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass
class Limits:
    """How long a cell and a whole submission may run (s), memory per process (MB), output kept."""

    cell_timeout: float = 60.0
    total_timeout: float = 600.0
    memory_mb: int | None = 4000
    output_cap: int = OUTPUT_CAP

    def sandbox(self) -> SandboxLimits:
        return SandboxLimits(memory_mb=self.memory_mb, cpu_seconds=int(self.total_timeout) + 60)


@dataclass
class Execution:
    """What running a submission gave: status, captured answers, the student's errors, notes."""

    status: str = "ok"
    answers: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)  # exercise (or cell label) -> error
    notes: list[str] = field(default_factory=list)


class _CappedClient(NotebookClient):
    """nbclient that keeps at most ``output_cap`` characters of output per cell."""

    output_cap = OUTPUT_CAP
    timed_out = False

    async def _async_handle_timeout(self, timeout, cell=None):  # noqa: ANN001 - nbclient's signature
        self.timed_out = True
        return await super()._async_handle_timeout(timeout, cell)

    def output(self, outs, msg, display_id, cell_index):  # noqa: ANN001 - nbclient's signature
        kept = sum(len(str(o)) for o in outs)
        size = len(str(msg.get("content", "")))
        if kept + size > self.output_cap:
            if not any(o.get("name") == "grader" for o in outs):
                outs.append(nbformat.v4.new_output("stream", name="grader",
                                                   text="[output cut by the grader]\n"))
            return None
        return super().output(outs, msg, display_id, cell_index)


def error_text(output: dict[str, Any], lines: int = 3) -> str:
    """An error output as the student would read it: type, message and the last lines.

    >>> error_text({"ename": "NameError", "evalue": "name 'np' is not defined",
    ...             "traceback": ["\\x1b[31mTraceback\\x1b[0m", "----> 1 np.mean(x)", "NameError: ..."]})
    "NameError: name 'np' is not defined (----> 1 np.mean(x) | NameError: ...)"
    """
    tail = [ANSI.sub("", str(t)).strip() for t in output.get("traceback", [])][-lines:]
    tail = [t for t in tail if t and not t.startswith("Traceback")][-2:]
    head = f"{output.get('ename', 'Error')}: {str(output.get('evalue', ''))[:300]}"
    return head + (f" ({' | '.join(t.splitlines()[-1][:200] for t in tail)})" if tail else "")


class _SandboxedKernel:
    """A kernel manager whose kernel runs in ``sandbox``, on sockets in a private folder."""

    def __init__(self, sandbox: Sandbox, limits: Limits, base: Path) -> None:
        self.sandbox, self.limits = sandbox, limits
        ipc, home = base / "ipc", base / "home"
        ipc.mkdir()
        home.mkdir()
        connection = ipc / "kernel.json"
        self.km = AsyncKernelManager(transport="ipc", ip=str(ipc / "k"), connection_file=str(connection))
        uid = sandbox_uid() if sandbox.kind == "bwrap" and os.geteuid() == 0 else None
        command = sandbox.kernel_command(connection, ipc, home, limits.sandbox(), uid)
        self.km._kernel_spec = KernelSpec(argv=command, display_name="crmlab grader",
                                          language="python", interrupt_mode="message", env={})
        self.km.write_connection_file()
        if uid is not None:
            for path in (ipc, home, connection):
                os.chown(path, uid, uid)
        self.start_arguments = {"env": {"PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                                        **({} if sandbox.isolated else _plain_kernel_env(home))},
                                "cwd": str(home), "stdout": subprocess.DEVNULL,
                                "stderr": subprocess.DEVNULL}

    def kill(self) -> None:
        """Kill every process of the sandbox (its first process, and with it the namespace)."""
        process = getattr(self.km.provisioner, "process", None) if self.km.has_kernel else None
        if process is not None and process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except OSError:
                process.kill()


def _plain_kernel_env(home: Path) -> dict[str, str]:
    """The environment of a kernel run without a sandbox (``--no-sandbox``): still cleared."""
    from crmlab.grading.sandbox import ENVIRONMENT

    return {**ENVIRONMENT, "HOME": str(home), "IPYTHONDIR": str(home / ".ipython"),
            "MPLCONFIGDIR": str(home / ".matplotlib"), "XDG_CACHE_HOME": str(home / ".cache")}


def execute(rebuilt: Rebuilt, limits: Limits, sandbox: Sandbox) -> Execution:
    """Run the rebuilt cells after the grader's prelude; collect this run's captures."""
    nonce = secrets.token_hex(16)
    cells = [nbformat.v4.new_code_cell(prelude(nonce))]
    meta: dict[int, dict[str, Any]] = {}
    for cell in rebuilt.cells:
        meta[len(cells)] = cell
        cells.append(nbformat.v4.new_code_cell(cell["source"]))
    nb = nbformat.v4.new_notebook(cells=cells)
    result = Execution()
    base = Path(tempfile.mkdtemp(prefix="crmlab-grade-"))
    base.chmod(0o755)
    kernel = None
    expired = threading.Event()
    try:
        kernel = _SandboxedKernel(sandbox, limits, base)
        client = _CappedClient(nb, km=kernel.km, timeout=limits.cell_timeout, allow_errors=True,
                               interrupt_on_timeout=True, error_on_timeout={
                                   "ename": "CellTimeoutError", "evalue": "", "traceback": []},
                               startup_timeout=120, resources={"metadata": {"path": str(base)}},
                               # the answers are captured cell by cell, and the sandbox is
                               # killed anyway: waiting for a polite shutdown only costs seconds
                               shutdown_kernel="immediate")
        client.output_cap = limits.output_cap

        def stop() -> None:
            expired.set()
            kernel.kill()

        watchdog = threading.Timer(limits.total_timeout, stop)
        watchdog.daemon = True
        watchdog.start()
        try:
            with client.setup_kernel(**kernel.start_arguments):
                _run_cells(client, nb, meta, nonce, limits, result, kernel)
        finally:
            watchdog.cancel()
    except DeadKernelError:
        _stopped(result, expired, limits)
    except Exception as err:  # noqa: BLE001 - a submission must never stop the run
        if expired.is_set():
            _stopped(result, expired, limits)
        else:
            result.status = "crashed"
            result.notes.append(f"the kernel failed: {type(err).__name__}: {str(err)[:200]}")
    finally:
        if kernel is not None:
            kernel.kill()
        shutil.rmtree(base, ignore_errors=True)
    return result


def _stopped(result: Execution, expired: threading.Event, limits: Limits) -> None:
    if expired.is_set():
        result.status = "timeout"
        result.notes.append(f"stopped after the total limit of {limits.total_timeout:.0f} s; "
                            "answers captured before that are kept")
    elif result.status != "timeout":
        result.status = "crashed"
        result.notes.append("the kernel died (e.g. os._exit, a kill or a crash); answers captured "
                            "before that are kept")


def _run_cells(client: _CappedClient, nb: Any, meta: dict[int, dict[str, Any]], nonce: str,
               limits: Limits, result: Execution, kernel: _SandboxedKernel) -> None:
    for index, cell in enumerate(nb.cells):
        client.timed_out = False
        try:
            client.execute_cell(cell, index)
        except CellTimeoutError:
            client.timed_out = True
        errors = [o for o in cell.outputs if o.get("output_type") == "error"]
        if client.timed_out or any(o.get("ename") == "KeyboardInterrupt" for o in errors):
            result.status = "timeout"
            result.notes.append(f"a cell ran longer than {limits.cell_timeout:.0f} s and was stopped")
            if not _answers_probe(client, kernel):
                result.notes.append("the cell ignored the interrupt, so the kernel was stopped; "
                                    "exercises after it got no points")
                return
        elif errors and index in meta and meta[index].get("label"):
            result.errors.setdefault(meta[index]["label"], error_text(errors[0]))
        if index in meta and "capture" in meta[index]:
            _collect(cell, nonce, meta[index]["capture"], result)


def _answers_probe(client: _CappedClient, kernel: _SandboxedKernel) -> bool:
    """Whether the kernel is idle again after an interrupt (a tiny cell answers in time);
    if not, the sandbox is killed."""
    probe = nbformat.v4.new_code_cell("pass")
    timeout, client.timeout = client.timeout, PROBE_SECONDS
    client.timed_out = False
    try:
        client.execute_cell(probe, 0)
        answered = not client.timed_out
    except (CellTimeoutError, DeadKernelError):
        answered = False
    finally:
        client.timeout = timeout
    if not answered:
        kernel.kill()
    return answered


def _collect(cell: Any, nonce: str, exercise: str, result: Execution) -> None:
    for output in cell.outputs:
        text = output.get("data", {}).get(CAPTURE_MIMETYPE)
        found = read_capture(text, nonce) if text else None
        if found and found[0] == exercise:
            result.answers[exercise] = found[1]

