"""The sandbox's command line, and what a process inside it can see and do (for real)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import crmlab
from crmlab.errors import CRMDataError
from crmlab.grading import sandbox
from crmlab.grading.sandbox import SandboxLimits, bwrap_command, choose, limit_command
from tests.grading.conftest import requires_sandbox

ROOT = Path(__file__).resolve().parents[2]
LOOK_AROUND = """import json, os, crmlab
import crmlab.registry as registry
out = {{"env": dict(os.environ), "uid": os.getuid(), "pids": [p for p in os.listdir("/proc") if p.isdigit()],
       "course": sorted(os.listdir({root!r})), "answers": os.listdir({answers!r}),
       "lookup": repr(registry.lookup("ch0.ex1"))}}
try:
    open(crmlab.__file__, "a")
except OSError as err:
    out["write"] = type(err).__name__
print(json.dumps(out))
"""


def test_the_command_hides_answers_and_solutions_and_clears_the_environment(tmp_path):
    args = bwrap_command(tmp_path / "ipc", tmp_path / "home", uid=234567)
    text = " ".join(args)
    answers = Path(crmlab.__file__).parent / "answers"
    assert ["--tmpfs", str(answers)] == args[args.index(str(answers)) - 1: args.index(str(answers)) + 1]
    assert str(ROOT / "solutions") not in text and str(ROOT / "exercises") not in text
    assert "--clearenv" in args and "--die-with-parent" in args and "--new-session" in args
    assert "--unshare-net" in args or "--unshare-all" in args
    if os.geteuid() == 0:
        assert "--reuid=234567" in args and "--bounding-set=-all" in args


def test_limits_are_set_on_the_first_process():
    args = limit_command(SandboxLimits(memory_mb=1000, cpu_seconds=60, file_mb=10, processes=50), "bwrap")
    if args:
        assert args[0] == "prlimit" and f"--as={1000 * 1024 * 1024}" in args and args[-1] == "--"
        assert any(a.startswith("--nproc=") for a in args)


def test_without_any_sandbox_grading_refuses_and_says_how_to_get_one(monkeypatch):
    monkeypatch.setattr(sandbox, "probe", lambda kind: f"{kind} is not installed")
    with pytest.raises(CRMDataError, match="no sandbox") as err:
        choose(None)
    assert "bubblewrap" in str(err.value) and "--no-sandbox" in str(err.value)
    with pytest.raises(CRMDataError, match="unknown sandbox"):
        choose("chroot")


@requires_sandbox
def test_inside_the_sandbox_nothing_of_the_instructor_is_visible(tmp_path):
    ipc, home = tmp_path / "ipc", tmp_path / "home"
    ipc.mkdir()
    home.mkdir()
    os.chmod(tmp_path, 0o755)
    uid = 234568
    if os.geteuid() == 0:
        os.chown(home, uid, uid)
    code = LOOK_AROUND.format(root=str(ROOT), answers=str(Path(crmlab.__file__).parent / "answers"))
    args = [*limit_command(SandboxLimits(), "bwrap"), *bwrap_command(ipc, home, uid),
            sys.executable, "-c", code]
    done = subprocess.run(args, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "CRMLAB_TEST_SECRET": "s3cret"})
    seen = json.loads(done.stdout)
    assert "CRMLAB_TEST_SECRET" not in seen["env"] and "HOME" in seen["env"]
    assert "solutions" not in seen["course"] and "exercises" not in seen["course"]
    assert seen["answers"] == [] and seen["lookup"] == "None"
    assert seen["write"] in ("OSError", "PermissionError")
    assert len(seen["pids"]) <= 3  # its own PID namespace: bwrap's init and itself
    if os.geteuid() == 0:
        assert seen["uid"] == uid
