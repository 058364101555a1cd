"""``crmlab doctor``: is this environment able to run the course? One line per item.

Checks the Python version, every required package and its version range, the
JupyterLab widget extension (installed, enabled, matching ipywidgets), the datasets and
the notebooks' kernel. Each line says OK or FAIL, and for a FAIL how to fix it.

>>> Item("python", True, "3.11.7").line()
'OK    python: 3.11.7'
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

from packaging.requirements import Requirement

MIN_PYTHON = (3, 10)
WIDGET_MANAGER = "@jupyter-widgets/jupyterlab-manager"
KERNEL = "python3"


class Item(NamedTuple):
    """One checked item: its name, whether it is fine, what was found, and the fix."""

    name: str
    ok: bool
    found: str
    fix: str = ""

    def line(self) -> str:
        text = f"{'OK' if self.ok else 'FAIL':5} {self.name}: {self.found}"
        return text if self.ok else f"{text} -> fix: {self.fix}"


def installed_version(package: str) -> str | None:
    """The installed version of ``package``, or None when it is not installed."""
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def required_packages() -> list[Requirement]:
    """crmlab's runtime requirements plus those of the ``lab`` extra."""
    reqs = [Requirement(text) for text in metadata.requires("crmlab") or []]
    return [r for r in reqs if r.marker is None or r.marker.evaluate({"extra": "lab"})]


def probe_python() -> Item:
    found = ".".join(map(str, sys.version_info[:3]))
    return Item("python", sys.version_info[:2] >= MIN_PYTHON, found,
                f"install Python {'.'.join(map(str, MIN_PYTHON))} or newer")


def probe_package(req: Requirement) -> Item:
    version = installed_version(req.name)
    fix = f"pip install '{req.name}{req.specifier}'"
    if version is None:
        return Item(f"package {req.name}", False, "not installed", fix)
    ok = req.specifier.contains(version, prereleases=True)
    return Item(f"package {req.name}", ok,
                f"{version}" + ("" if ok else f" (needs {req.specifier})"), fix)


def _lab_extension_dirs() -> Iterator[Path]:
    from jupyter_core.paths import jupyter_path

    for base in jupyter_path("labextensions"):
        yield Path(base) / WIDGET_MANAGER


def _disabled_in(config_dirs: list[str]) -> list[Path]:
    disabled = []
    for base in config_dirs:
        path = Path(base) / "labconfig" / "page_config.json"
        if path.is_file():
            try:
                settings = json.loads(path.read_text(encoding="utf-8"))
            except ValueError:
                continue
            if settings.get("disabledExtensions", {}).get(WIDGET_MANAGER):
                disabled.append(path)
    return disabled


def probe_widget_extension() -> Item:
    name = "JupyterLab widget extension"
    fix = "pip install 'ipywidgets>=8,<9' in the environment that runs JupyterLab"
    try:
        from jupyter_core.paths import jupyter_config_path
    except ImportError:
        return Item(name, False, "JupyterLab is not installed", "pip install 'jupyterlab>=4,<5'")
    found = next((d for d in _lab_extension_dirs() if (d / "package.json").is_file()), None)
    if found is None:
        return Item(name, False, f"{WIDGET_MANAGER} is not installed", fix)
    ext_version = json.loads((found / "package.json").read_text(encoding="utf-8"))["version"]
    disabled = _disabled_in(jupyter_config_path())
    if disabled:
        return Item(name, False, f"{WIDGET_MANAGER} {ext_version} is disabled in {disabled[0]}",
                    f"jupyter labextension enable {WIDGET_MANAGER}")
    wanted = [Requirement(r) for r in metadata.requires("ipywidgets") or []
              if r.startswith("jupyterlab_widgets") or r.startswith("jupyterlab-widgets")]
    widgets_pkg = installed_version("jupyterlab_widgets")
    if wanted and (widgets_pkg is None or not wanted[0].specifier.contains(widgets_pkg)):
        return Item(name, False, f"jupyterlab_widgets {widgets_pkg} does not match ipywidgets "
                    f"{installed_version('ipywidgets')} (needs {wanted[0].specifier})",
                    f"pip install --upgrade ipywidgets '{wanted[0]}'")
    return Item(name, True, f"{WIDGET_MANAGER} {ext_version}, enabled, matches ipywidgets "
                f"{installed_version('ipywidgets')}")


def probe_datasets() -> list[Item]:
    from crmlab.datasets import SCHEMAS, load

    items = []
    for name in SCHEMAS:
        try:
            rows = len(load(name))
            items.append(Item(f"dataset {name}", True, f"{rows:,} rows"))
        except Exception as err:  # report every failure as a line, never a traceback
            items.append(Item(f"dataset {name}", False, str(err),
                              "run `crmlab datasets` in the repository"))
    return items


def probe_kernel() -> Item:
    name = f"kernel '{KERNEL}'"
    try:
        from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
    except ImportError:
        return Item(name, False, "jupyter_client is not installed", "pip install ipykernel")
    try:
        spec = KernelSpecManager().get_kernel_spec(KERNEL)
    except NoSuchKernel:
        return Item(name, False, "not found", "pip install ipykernel")
    python = spec.argv[0] if spec.argv[0] != "python" else sys.executable
    probe = subprocess.run([python, "-c", "import crmlab, ipywidgets"], capture_output=True,
                           text=True, timeout=60)
    if probe.returncode != 0:
        return Item(name, False, f"{python} cannot import crmlab and ipywidgets",
                    "pip install -e . with that Python, or use ./course lab")
    return Item(name, True, f"{python} imports crmlab")


def probe_sandbox() -> Item:
    """Which sandbox ``crmlab grade`` would run students' code in (only instructors need one,
    so a missing sandbox is reported, not failed)."""
    from crmlab.grading.sandbox import HOW_TO_GET_ONE, KINDS, probe

    reasons = {kind: probe(kind) for kind in KINDS if kind != "none"}
    working = [kind for kind, why in reasons.items() if why is None]
    if working:
        return Item("grading sandbox", True, f"{working[0]} works (crmlab grade runs students' code in it)")
    why = "; ".join(f"{k}: {w}" for k, w in reasons.items())
    return Item("grading sandbox", True, f"none available, crmlab grade will refuse to run students' "
                f"code ({why}); for instructors: {HOW_TO_GET_ONE}")


def diagnose(probes: list[Callable[[], Item | list[Item]]] | None = None) -> list[Item]:
    """Run every probe; a probe that fails unexpectedly becomes a FAIL line."""
    probes = probes or [probe_python,
                        *[lambda r=r: probe_package(r) for r in required_packages()],
                        probe_widget_extension, probe_datasets, probe_kernel, probe_sandbox]
    items: list[Item] = []
    for run in probes:
        try:
            result = run()
        except Exception as err:  # the doctor reports, it does not crash
            result = Item(getattr(run, "__name__", "probe"), False, repr(err), "see the message")
        items.extend(result if isinstance(result, list) else [result])
    return items


def main() -> int:
    """Print one line per item; return 1 if anything failed."""
    items = diagnose()
    for item in items:
        print(item.line())
    failed = sum(not item.ok for item in items)
    print(f"\n{len(items) - failed} OK, {failed} FAIL")
    return 1 if failed else 0
