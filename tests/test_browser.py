"""Every chapter notebook's widgets render as controls in real JupyterLab in real Chromium,
and react to a control changed through the page. A self-test proves that the check fails
when the widget front-end extension is disabled.

Skipped (loudly) without /usr/bin/chromium, unless CRMLAB_REQUIRE_BROWSER=1 (set by
.ci/run), which turns the skip into a failure.
"""

from pathlib import Path

import pytest
from browser import change_each_widget, jupyterlab, launched, open_and_run, require_browser, widget_problems

from crmlab.chapters import ready_chapters

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = [ROOT / "notebooks" / c.notebook for c in ready_chapters()]

sync_api = require_browser()


@pytest.fixture(scope="module")
def browser():
    with launched(sync_api) as chromium:
        yield chromium


def check_notebook(browser, url, name: str, shot: Path) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        open_and_run(page, url(name))
        problems = widget_problems(page)
        if not problems:
            problems = change_each_widget(page)
        show = page.locator(".widget-vbox, .jp-OutputArea-output:has-text('children=')").first
        if show.count():
            show.scroll_into_view_if_needed()
        page.screenshot(path=str(shot), full_page=False)
        assert not problems, f"{name}: " + "; ".join(problems)
    finally:
        page.close()


def test_widgets_render_and_react_in_jupyterlab(browser, tmp_path):
    with jupyterlab(tmp_path, CHAPTERS) as url:
        for notebook in CHAPTERS:
            check_notebook(browser, url, notebook.name, tmp_path / f"{notebook.stem}.png")


def test_the_check_fails_without_the_widget_extension(browser, tmp_path):
    with (jupyterlab(tmp_path, CHAPTERS[:1], widgets_enabled=False) as url,
          pytest.raises(AssertionError, match="page shows|no widget rendered")):
        check_notebook(browser, url, CHAPTERS[0].name, tmp_path / "disabled.png")
