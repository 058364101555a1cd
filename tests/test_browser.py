"""Every explorer renders as controls in real JupyterLab in real Chromium and reacts to a
control changed through the page: a notebook that shows each explorer of
``crmlab.widgets`` on the course data, and chapter 6 run whole, as a student opens it.
(Every chapter is executed by the website build; running all seven again in JupyterLab
would only repeat the same widget path at several minutes' cost.) A self-test proves
that the check fails when the widget front-end extension is disabled.

Skipped (loudly) without /usr/bin/chromium, unless CRMLAB_REQUIRE_BROWSER=1 (set by
.ci/run), which turns the skip into a failure.
"""

from pathlib import Path

import pytest
from browser import change_each_widget, jupyterlab, launched, open_and_run, require_browser, widget_problems

from crmlab.widgets import EXPLORERS

ROOT = Path(__file__).resolve().parent.parent
CHAPTER = ROOT / "notebooks" / "06_loyalty.ipynb"

sync_api = require_browser()


@pytest.fixture(scope="module")
def browser():
    with launched(sync_api) as chromium:
        yield chromium


def explorers_notebook(path: Path, names: tuple[str, ...] = EXPLORERS) -> Path:
    """A notebook with one cell per explorer (every one by default), each on the course data."""
    import nbformat

    cells = [nbformat.v4.new_code_cell(f"from crmlab.widgets import {name}\n{name}.on_course_data()")
             for name in names]
    kernel = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    nbformat.write(nbformat.v4.new_notebook(cells=cells, metadata=kernel), path)
    return path


def check_notebook(browser, url, name: str, shot: Path, widgets: int | None = None) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        open_and_run(page, url(name))
        problems = widget_problems(page, widgets)
        if not problems:
            problems = change_each_widget(page)
        show = page.locator(".widget-vbox, .jp-OutputArea-output:has-text('children=')").first
        if show.count():
            show.scroll_into_view_if_needed()
        page.screenshot(path=str(shot), full_page=False)
        assert not problems, f"{name}: " + "; ".join(problems)
    finally:
        page.close()


def test_every_explorer_renders_and_reacts_in_jupyterlab(browser, tmp_path):
    explorers = explorers_notebook(tmp_path / "explorers.ipynb")
    with jupyterlab(tmp_path, [explorers, CHAPTER]) as url:
        check_notebook(browser, url, explorers.name, tmp_path / "explorers.png", len(EXPLORERS))
        check_notebook(browser, url, CHAPTER.name, tmp_path / f"{CHAPTER.stem}.png")


def test_the_check_fails_without_the_widget_extension(browser, tmp_path):
    explorers = explorers_notebook(tmp_path / "retention.ipynb", ("RetentionExplorer",))
    with (jupyterlab(tmp_path, [explorers], widgets_enabled=False) as url,
          pytest.raises(AssertionError, match="page shows|no widget rendered")):
        check_notebook(browser, url, explorers.name, tmp_path / "disabled.png")
