"""Helpers of the real-browser test: a throwaway JupyterLab server and a Chromium page.

Everything the server writes (config, data, runtime, IPython profile, the notebooks it
opens) lives in a temporary folder, so the user's Jupyter set-up is never touched.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
WIDGET_MANAGER = "@jupyter-widgets/jupyterlab-manager"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage"]
LAB_SETTINGS = {  # every cell in the DOM (no windowing); no news pop-up
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false"},
}
BAD_TEXT = ("Error displaying widget", "interactive(children=", "VBox(children=",
            "HBox(children=", "model not found")


def require_browser():
    """Playwright's sync API; without /usr/bin/chromium the calling test module is skipped
    with a loud reason, or fails when CRMLAB_REQUIRE_BROWSER=1 (as in CI)."""
    import pytest

    if not CHROMIUM.exists():
        reason = ("BROWSER TESTS NOT RUN: /usr/bin/chromium is missing "
                  "(install Debian's package: apt-get install chromium)")
        if os.environ.get("CRMLAB_REQUIRE_BROWSER") == "1":
            pytest.fail(reason + " and CRMLAB_REQUIRE_BROWSER=1", pytrace=False)
        pytest.skip(reason, allow_module_level=True)
    return pytest.importorskip("playwright.sync_api")


@contextmanager
def launched(sync_api) -> Iterator:
    """Debian's chromium, headless, for the length of the block."""
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def jupyterlab(workdir: Path, notebooks: list[Path], *, widgets_enabled: bool = True
               ) -> Iterator[Callable[[str], str]]:
    """Start JupyterLab on 127.0.0.1 serving copies of ``notebooks``; yield name -> page URL.

    With ``widgets_enabled=False`` the widget front-end extension is disabled in the
    server's own temporary configuration (the fault the browser test must catch).
    """
    root = workdir / "root"
    (root / "notebooks").mkdir(parents=True)
    for nb in notebooks:
        shutil.copy(nb, root / "notebooks" / nb.name)
    env = dict(os.environ)
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR",
                 "JUPYTERLAB_SETTINGS_DIR", "JUPYTERLAB_WORKSPACES_DIR"):
        env[name] = str(workdir / name.lower())
        Path(env[name]).mkdir()
    for plugin, settings in LAB_SETTINGS.items():
        path = Path(env["JUPYTERLAB_SETTINGS_DIR"]) / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(settings))
    if not widgets_enabled:
        labconfig = workdir / "jupyter_config_dir" / "labconfig"
        labconfig.mkdir(parents=True)
        (labconfig / "page_config.json").write_text(
            json.dumps({"disabledExtensions": {WIDGET_MANAGER: True}}))
    port, token = free_port(), "crmlab-browser-test"
    with open(workdir / "jupyterlab.log", "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}",
             "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}",
             f"--ServerApp.root_dir={root}", "--expose-app-in-browser",
             "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
             "--LabApp.news_url=None", *(["--allow-root"] if os.geteuid() == 0 else [])],
            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            wait_until_up(f"http://127.0.0.1:{port}/api/status?token={token}", server, workdir)
            # a fresh workspace per notebook, so tabs of earlier pages are not restored
            yield lambda name: (f"http://127.0.0.1:{port}/lab/workspaces/{Path(name).stem}"
                                f"/tree/notebooks/{name}?reset&token={token}")
        finally:
            if server.poll() is None:
                os.killpg(server.pid, signal.SIGTERM)
                try:
                    server.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    os.killpg(server.pid, signal.SIGKILL)


def wait_until_up(url: str, server: subprocess.Popen, workdir: Path) -> None:
    """Poll the server's status URL until it answers; fail with its log if it dies."""
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError as err:
            if server.poll() is not None or time.monotonic() > deadline:
                log = (workdir / "jupyterlab.log").read_text()[-3000:]
                raise RuntimeError(f"JupyterLab did not start:\n{log}") from err
            time.sleep(0.5)


RUN_ALL = """async () => {
  const app = window.jupyterapp;
  const panel = app.shell.currentWidget;
  await panel.sessionContext.ready;
  await app.commands.execute('notebook:run-all-cells');
  await panel.sessionContext.session.kernel.requestKernelInfo();
}"""


def open_and_run(page, url: str) -> None:
    """Open a notebook in JupyterLab, wait for its kernel, run all cells, wait for the end."""
    page.goto(url)
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
                           " && window.jupyterapp.shell.currentWidget.sessionContext",
                           timeout=90_000)
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    page.evaluate(RUN_ALL)
    page.wait_for_function(
        "() => [...window.jupyterapp.shell.currentWidget.node"
        ".querySelectorAll('.jp-CodeCell .jp-InputPrompt')]"
        ".every(p => /\\[\\d+\\]/.test(p.textContent))", timeout=120_000)
    page.wait_for_timeout(1500)  # let widget views finish rendering


def widget_problems(page, expected: int | None = None) -> list[str]:
    """What is wrong with the widgets on the page (empty when they all render as controls,
    ``expected`` of them if given)."""
    problems = []
    outputs = page.evaluate("() => [...document.querySelectorAll('.jp-OutputArea-output')]"
                            ".map(e => e.textContent).join('\\n')")
    problems += [f"page shows {text!r}" for text in BAD_TEXT if text in outputs]
    widgets = page.locator(".jp-OutputArea-output .widget-vbox:has(.widget-image)")
    if widgets.count() == 0:
        problems.append("no widget rendered as controls (no .widget-vbox with an image)")
    elif expected is not None and widgets.count() != expected:
        problems.append(f"{widgets.count()} widgets rendered as controls, not {expected}")
    for i in range(widgets.count()):
        widget = widgets.nth(i)
        if widget.locator("select, .widget-slider, .widget-dropdown").count() == 0:
            problems.append(f"widget {i} has no slider or dropdown")
    return problems


SHOWN = ("el => [...el.querySelectorAll('img')].map(i => i.src).join('|')"
         " + [...el.querySelectorAll('.widget-html-content')].map(h => h.textContent).join('|')")


def change_each_widget(page) -> list[str]:
    """Change the first control of every widget through the page; report unchanged outputs.

    What a widget shows is its image plus any HTML it displays (tables, messages).
    """
    problems = []
    widgets = page.locator(".jp-OutputArea-output .widget-vbox:has(.widget-image)")
    for i in range(widgets.count()):
        widget = widgets.nth(i)
        handle = widget.element_handle()
        before = page.evaluate(f"({SHOWN})", handle)
        select = widget.locator("select")
        if select.count():
            # option texts show spaces as no-break spaces: compare them as plain spaces
            options = [o.replace("\xa0", " ") for o in select.first.locator("option").all_inner_texts()]
            current = select.first.input_value().replace("\xa0", " ")
            select.first.select_option(index=next(k for k, o in enumerate(options) if o != current))
        else:
            slider = widget.locator(".noUi-handle").first
            slider.focus()
            page.keyboard.press("ArrowRight")
        try:
            page.wait_for_function(f"([el, old]) => ({SHOWN})(el) !== old",
                                   arg=[handle, before], timeout=15_000)
        except Exception:
            problems.append(f"widget {i}: output did not change after a control change")
        problems += type_in_text_box(page, widget, handle, i)
    return problems


def type_in_text_box(page, widget, handle, i: int) -> list[str]:
    """A widget with a text box (the CLV explorer's customer id): type the last customer's
    id and press Enter; what the widget shows must change."""
    box = widget.locator(".widget-text input")
    if box.count() == 0:
        return []
    before = page.evaluate(f"({SHOWN})", handle)
    box.first.fill(box.first.get_attribute("placeholder").removeprefix("e.g. "))
    box.first.press("Enter")
    try:
        page.wait_for_function(f"([el, old]) => ({SHOWN})(el) !== old",
                               arg=[handle, before], timeout=15_000)
    except Exception:
        return [f"widget {i}: output did not change after typing in its text box"]
    return []
