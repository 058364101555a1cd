"""The course website: ``crmlab book`` builds it from the repository's notebooks, and
Debian's chromium, driven by Playwright from a local web server, reads it as a visitor
would: every page reachable from the home page loads with no failed request, no request
leaving the machine, no console error, no broken image or internal link; the chapters show
their plots and no widget text; the search finds a chapter by an English word and the
glossary by a Chinese term; the exercise pages hold no line of solution code; every image
has alt text. A chapter that no longer executes fails the build.

Skipped (loudly) without /usr/bin/chromium, unless CRMLAB_REQUIRE_BROWSER=1 (``.ci/run``).
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import threading
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

import pytest
from browser import BAD_TEXT, free_port, launched, require_browser
from website import ROOT, built_site

from crmlab.book import build, first_use_links
from crmlab.chapters import ready_chapters
from crmlab.errors import CRMDataError
from crmlab.exercises import CODE_BEGIN, CODE_END
from crmlab.glossary import TERMS

sync_api = require_browser()


@pytest.fixture(scope="module")
def site():
    """The built site served on 127.0.0.1; yields its base URL and folder."""
    html = built_site()
    handler = functools.partial(QuietHandler, directory=str(html))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/", html
    finally:
        server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # no log line per request in the test output
        pass


@pytest.fixture(scope="module")
def browser():
    with launched(sync_api) as chromium:
        yield chromium


def visit(browser, url: str, base: str) -> dict:
    """Load ``url``; what went wrong on the way, its links, images and text."""
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    problems: list[str] = []
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"HTTP {r.status}: {r.url}"))
    page.on("request", lambda r: not r.url.startswith((base, "data:", "blob:"))
            and problems.append(f"request leaves the machine: {r.url}"))
    page.on("console", lambda m: m.type == "error" and problems.append(f"console error: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    try:
        page.goto(url, wait_until="networkidle")
        found = page.evaluate("""() => ({
            links: [...document.querySelectorAll('a[href]')].map(a => a.href),
            images: [...document.querySelectorAll('img')].map(i => ({src: i.currentSrc.slice(0, 80),
                     alt: i.getAttribute('alt') || '', ok: i.complete && i.naturalWidth > 0})),
            outputs: document.querySelectorAll('.cell_output img, .cell_output svg').length,
            outputText: [...document.querySelectorAll('.cell_output')].map(o => o.innerText).join('\\n'),
            text: document.body.innerText})""")
    finally:
        page.close()
    return {**found, "problems": problems}


def internal_link_problem(link: str, base: str, html: Path) -> str | None:
    """Why an internal link is broken (no file, or no element with its anchor), else None."""
    target, anchor = urldefrag(link)
    path = html / unquote(urlparse(target).path).lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    if not path.exists():
        return f"broken link {link}: no {path.relative_to(html)}"
    if anchor and path.suffix == ".html" and f'id="{anchor}"' not in path.read_text(encoding="utf-8"):
        return f"broken link {link}: no id {anchor!r} in {path.relative_to(html)}"
    return None


def solution_lines() -> dict[str, set[str]]:
    """Per notebook, the code lines inside solution regions that appear nowhere else in it."""
    lines = {}
    for c in ready_chapters():
        nb = json.loads((ROOT / "solutions" / c.notebook).read_text(encoding="utf-8"))
        inside, outside = set(), set()
        for cell in nb["cells"]:
            region = False
            for line in "".join(cell["source"]).splitlines():
                if line.strip() in (CODE_BEGIN, CODE_END):
                    region = line.strip() == CODE_BEGIN
                    continue
                (inside if region else outside).add(line.strip())
        lines[c.notebook] = {s for s in inside - outside if len(s) >= 12 and not s.startswith("#")}
    return lines


def test_every_page_loads_clean_and_reads_as_the_course(site, browser, tmp_path):
    base, html = site
    pages, todo, problems = {}, [base + "index.html"], []
    while todo:  # every HTML page reachable from the home page
        url = todo.pop()
        if url in pages:
            continue
        pages[url] = found = visit(browser, url, base)
        problems += [f"{url}: {p}" for p in found["problems"]]
        for link in found["links"]:
            if not link.startswith(base):
                continue
            broken = internal_link_problem(link, base, html)
            if broken:
                problems.append(f"{url}: {broken}")
            target = urldefrag(link)[0]
            if target.endswith(".html") and target not in pages and "/_" not in target:
                todo.append(target)
        for image in found["images"]:
            if not image["ok"]:
                problems.append(f"{url}: broken image {image['src']}")
            if len(image["alt"].strip()) < 8 or re.search(r"\.(png|svg|jpe?g)$", image["alt"]):
                problems.append(f"{url}: image without real alt text ({image['alt']!r})")
        problems += [f"{url}: an output shows {t!r}" for t in BAD_TEXT if t in found["outputText"]]
    assert not problems, "\n".join(problems[:40])
    names = {urlparse(u).path.lstrip("/") for u in pages}
    for c in ready_chapters():
        stem = c.notebook.removesuffix(".ipynb")
        for folder in ("notebooks", "exercises", "solutions"):
            assert f"{folder}/{stem}.html" in names, f"{folder}/{stem}.html is not reachable"
        chapter = pages[base + f"notebooks/{stem}.html"]
        assert chapter["outputs"] >= 3, f"chapter {c.number} shows {chapter['outputs']} plot(s)"
        assert "Interactive explorer, shown here in its default state" in chapter["text"] \
            or c.number == 0 or "Explorer(" not in (ROOT / "notebooks" / c.notebook).read_text()
        exercise = pages[base + f"exercises/{stem}.html"]["text"]
        leaked = [line for line in solution_lines()[c.notebook] if line in exercise]
        assert not leaked, f"exercises/{stem}.html shows solution code: {leaked[:3]}"
        assert "Model answer" not in exercise
    assert {"glossary.html", "datasets.html", "students.html", "instructors.html"} <= names
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    try:
        page.goto(base + "index.html", wait_until="networkidle")
        page.screenshot(path=str(html.parent / "home.png"))
        page.goto(base + "notebooks/05_satisfaction.html", wait_until="networkidle")
        page.screenshot(path=str(html.parent / "chapter.png"))
        page.locator(".crmlab-explorer").nth(3).scroll_into_view_if_needed()
        page.screenshot(path=str(html.parent / "explorer.png"))
    finally:
        page.close()


def search(browser, base: str, words: str) -> list[str]:
    page = browser.new_page()
    try:
        page.goto(base + f"search.html?q={words}", wait_until="networkidle")
        page.wait_for_selector("#search-results li a", timeout=20_000)
        return page.eval_on_selector_all("#search-results li a", "as => as.map(a => a.href)")
    finally:
        page.close()


def test_search_finds_a_chapter_and_a_chinese_glossary_term(site, browser):
    base, _ = site
    assert any("notebooks/05_satisfaction.html" in h for h in search(browser, base, "Kano"))
    assert any("glossary.html" in h for h in search(browser, base, "卡诺模型"))


def test_glossary_terms_are_anchors_and_chapters_link_their_first_use(site):
    _, html = site
    glossary = (html / "glossary.html").read_text(encoding="utf-8")
    assert glossary.count('<dt id="term-') >= 100 and "客户满意度" in glossary
    chapter = (html / "notebooks" / "05_satisfaction.html").read_text(encoding="utf-8")
    assert re.search(r'href="\.\./glossary\.html#term-satisfaction-cycle"', chapter)
    for c in ready_chapters():  # each chapter links the first use of most of its own terms
        page = (html / "notebooks" / c.notebook.replace(".ipynb", ".html")).read_text(encoding="utf-8")
        own = sum(t.chapter == c.number for t in TERMS)
        linked = len(set(re.findall(r'glossary\.html#(term-[^"]+)"', page)))
        assert linked >= own / 2, f"chapter {c.number} links {linked} of its {own} terms"
    assert "Binder" in chapter or "mybinder.org" in chapter  # the launch button


def test_first_use_links_leave_headings_code_and_links_alone():
    text = ("# ABC analysis\n```\nABC analysis\n```\n"
            "See `ABC analysis` and [ABC analysis](x.md); ABC analysis.")
    used: set[str] = set()
    out = first_use_links(text, ["ABC analysis"], used)
    assert out.splitlines()[:4] == ["# ABC analysis", "```", "ABC analysis", "```"]
    assert out.endswith("; {term}`ABC analysis <ABC analysis>`.") and used == {"ABC analysis"}
    assert first_use_links("two control charts", ["control chart"], set()) == \
        "two {term}`control charts <control chart>`"
    assert first_use_links("ABC analysis", ["ABC analysis"], used) == "ABC analysis"  # once


def test_a_chapter_that_no_longer_runs_fails_the_build(tmp_path):
    root = tmp_path / "course"
    for part in ("book/conf.py", "book/index.md", "README.md", "datasets/README.md"):
        (root / part).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / part, root / part)
    first = ready_chapters()[0].notebook
    nb = json.loads((ROOT / "notebooks" / first).read_text(encoding="utf-8"))
    nb["cells"] = [{"cell_type": "markdown", "id": "title", "metadata": {}, "source": ["# A chapter"]},
                   {"cell_type": "code", "id": "broken", "metadata": {}, "outputs": [],
                    "execution_count": None, "source": ["1 / 0  # a chapter that fails"]}]
    for folder in ("notebooks", "exercises", "solutions"):
        (root / folder).mkdir()
        (root / folder / first).write_text(json.dumps(nb), encoding="utf-8")
    (root / "book" / "index.md").write_text("# Home\n\n{{chapters}}\n\n```{toctree}\n:glob:\n\n"
                                            "notebooks/*\n```\n", encoding="utf-8")
    with pytest.raises(CRMDataError, match="did not build"):
        build(root, chapters=ready_chapters()[:1])
    assert "ZeroDivisionError" in (root / "book" / "_build" / "sphinx.log").read_text()
