"""ruff, as configured in pyproject.toml, finds nothing."""

import shutil
import subprocess
import sys


def test_ruff_is_clean(root):
    ruff = shutil.which("ruff") or [sys.executable, "-m", "ruff"]
    command = [ruff] if isinstance(ruff, str) else ruff
    result = subprocess.run([*command, "check", str(root)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
