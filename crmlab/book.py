"""The course as a website: ``crmlab book`` (``./course book``) stages the repository's own
notebooks and pages into a Sphinx source tree and builds it with myst-nb.

The site keeps the repository's paths (``notebooks/04_tiering.html``, ``exercises/…``,
``solutions/…``). Staging adds what a static page needs and the notebooks do not have:
links from a chapter's first use of each of its glossary terms to the glossary, the solutions'
worked answers and model answers behind toggles, the glossary, datasets and guide pages (from
``crmlab.glossary``, ``datasets/README.md`` and the README), and the chapter table of the
home page. Chapters are executed, with a cache (jupyter-cache) so that an unchanged one is
not run again; exercises and solutions are shown unexecuted. Explorers show a picture of
their default state (``crmlab.static``). Files are written only when their text changes, so
a rebuild with nothing changed reads nothing again.

>>> first_use_links("The ABC analysis (ABC分析法) and ABC analysis again.", ["ABC analysis"], set())
'The {term}`ABC analysis <ABC analysis>` (ABC分析法) and ABC analysis again.'
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from crmlab.chapters import Chapter, ready_chapters
from crmlab.errors import CRMDataError
from crmlab.exercises import TEXT_BEGIN, TEXT_END

ROOT = Path(__file__).resolve().parents[1]
REPOSITORY = "https://github.com/crmlab/crm-lab"
GUIDES = {"students.md": ("For students", "The students' guide"),
          "instructors.md": ("For instructors", "The instructors' guide")}
STARTUP = """\
# Written by crmlab.book: the book's kernels render explorers and figures as pictures.
import crmlab.static

crmlab.static.enable(get_ipython())
"""


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` unless it already holds it; True if it was written."""
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def _masked(line: str) -> str:
    """``line`` with code, links, roles and HTML blanked out (same length): no term is
    linked inside them."""
    return re.sub(r"`[^`]*`|\[[^\]]*\]\([^)]*\)|\{[a-z]+\}`[^`]*`|<[^>]*>|\$[^$]*\$",
                  lambda m: " " * len(m.group()), line)


def first_use_links(text: str, terms: list[str], used: set[str]) -> str:
    """Link the first use of each term in ``text`` (a markdown cell) that ``used`` does not
    hold yet to the glossary (a Sphinx ``{term}`` role), and add it to ``used``. Headings,
    code and links are left alone; longer terms win over terms inside them; a plural counts
    as a use."""
    lines = text.split("\n")
    fence = False
    for i, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        if fence or line.lstrip().startswith(("#", "<", "```", "~~~")):
            continue
        for term in sorted(terms, key=len, reverse=True):
            if term in used:
                continue
            masked = _masked(line)
            match = re.search(rf"(?<![\w-]){re.escape(term)}(?:s|es)?(?![\w-])", masked, flags=re.I)
            if match:
                shown = line[match.start():match.end()]
                role = f"{{term}}`{shown} <{term}>`"
                line = line[:match.start()] + role + line[match.end():]
                used.add(term)
        lines[i] = line
    return "\n".join(lines)


def glossary_terms() -> dict[str, list]:
    """Each English term of the glossary with its entries (a term can recur in chapters)."""
    from crmlab.glossary import TERMS

    terms: dict[str, list] = {}
    for term in TERMS:
        terms.setdefault(term.english, []).append(term)
    return terms


def glossary_page() -> str:
    """The glossary as a Sphinx glossary: every term has its own anchor and can be linked."""
    lines = ["# Glossary", "",
             "Every term of the course with its Chinese original (中文) and its meaning; the "
             "chapters link their first use of a term here.", "", "```{glossary}", ":sorted:", ""]
    for english, entries in glossary_terms().items():
        lines.append(english)
        chinese = " / ".join(dict.fromkeys(t.chinese for t in entries))
        meanings = " ".join(f"(Chapter {t.chapter}) {t.meaning}" for t in entries)
        lines += [f"  **中文** {chinese} — {meanings}", ""]
    lines.append("```")
    return "\n".join(lines) + "\n"


def _repository_links(markdown: str, page_dir: str = "") -> str:
    """Links of a repository file written in folder ``page_dir``, for a page at the site's
    top: a notebook or page of the site, else the file on GitHub (the site has no copy of
    the package's sources)."""
    def target(match: re.Match) -> str:
        text, link = match.group(1), match.group(2)
        if re.match(r"[a-z]+:|#", link):
            return match.group()
        path = os.path.normpath(os.path.join(page_dir, link.split("#")[0]))
        anchor = "#" + link.split("#", 1)[1] if "#" in link else ""
        if re.fullmatch(r"(notebooks|exercises|solutions)/\d\d_\w+\.ipynb", path):
            return f"[{text}]({path}{anchor})"
        if path == "datasets/README.md":
            return f"[{text}](datasets.md)"
        return f"[{text}]({REPOSITORY}/blob/main/{path}{anchor})"

    return re.sub(r"\[([^\]]*)\]\(([^)\s]+)\)", target, markdown)


def readme_section(readme: str, heading: str) -> str:
    """The text of one ``## heading`` section of the README (up to the next ``## ``)."""
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", readme, flags=re.M | re.S)
    if not match:
        raise CRMDataError(f"the README has no section '## {heading}'",
                           fix="keep the README's students' and instructors' sections")
    return match.group(1)


def chapter_table(chapters: Sequence[Chapter]) -> str:
    """The home page's table: each chapter with its exercises and solutions."""
    rows = ["| chapter | exercises | solutions |", "|---|---|---|"]
    for c in chapters:
        rows.append(f"| [{c.number} · {c.title}](notebooks/{c.notebook}) | "
                    f"[exercises](exercises/{c.notebook}) | [solutions](solutions/{c.notebook}) |")
    return "\n".join(rows)


def _solution_toggles(nb: dict) -> dict:
    """Worked answers (code cells with a solution) folded behind a toggle; model answers
    (markdown solution regions) in a closed drop-down."""
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "code" and "### BEGIN SOLUTION" in source:
            tags = cell.setdefault("metadata", {}).setdefault("tags", [])
            if "hide-input" not in tags:
                tags.append("hide-input")
        elif cell["cell_type"] == "markdown" and TEXT_BEGIN in source:
            source = re.sub(rf"{re.escape(TEXT_BEGIN)}\n?(.*?)\n?{re.escape(TEXT_END)}",
                            lambda m: f"::::{{dropdown}} Model answer and rubric\n{m.group(1)}\n::::",
                            source, flags=re.S)
            cell["source"] = source.splitlines(keepends=True)
    return nb


def _notebook_text(nb: dict) -> str:
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"


def stage(root: Path = ROOT, source: Path | None = None,
          chapters: Sequence[Chapter] | None = None) -> Path:
    """Write the site's Sphinx source tree (``book/_build/source``) of ``chapters`` (default:
    every ready chapter); returns its folder."""
    source = source or root / "book" / "_build" / "source"
    chapters = ready_chapters() if chapters is None else chapters
    book = root / "book"
    write_if_changed(source / "conf.py", (book / "conf.py").read_text(encoding="utf-8"))
    readme = (root / "README.md").read_text(encoding="utf-8")
    home = (book / "index.md").read_text(encoding="utf-8").replace("{{chapters}}", chapter_table(chapters))
    write_if_changed(source / "index.md", home)
    for name, (heading, title) in GUIDES.items():
        write_if_changed(source / name, f"# {title}\n\n(From the README.)\n\n"
                         + _repository_links(readme_section(readme, heading)))
    datasets = (root / "datasets" / "README.md").read_text(encoding="utf-8")
    write_if_changed(source / "datasets.md", _repository_links(datasets, "datasets"))
    write_if_changed(source / "glossary.md", glossary_page())
    for chapter in chapters:
        nb = json.loads((root / "notebooks" / chapter.notebook).read_text(encoding="utf-8"))
        terms = [e for e, entries in glossary_terms().items() if any(t.chapter == chapter.number
                                                                     for t in entries)]
        used: set[str] = set()
        for cell in nb["cells"]:
            if cell["cell_type"] == "markdown" and "generated" not in cell["metadata"].get("crmlab", {}):
                linked = first_use_links("".join(cell["source"]), terms, used)
                cell["source"] = linked.splitlines(keepends=True)
        write_if_changed(source / "notebooks" / chapter.notebook, _notebook_text(nb))
        for folder in ("exercises", "solutions"):
            nb = json.loads((root / folder / chapter.notebook).read_text(encoding="utf-8"))
            if folder == "solutions":
                nb = _solution_toggles(nb)
            write_if_changed(source / folder / chapter.notebook, _notebook_text(nb))
    _favicon(source / "_static" / "favicon.png")
    return source


def _favicon(path: Path) -> None:
    """The site's icon (browsers ask for one): a white C on the course's blue."""
    if path.exists():
        return
    from PIL import Image, ImageDraw

    icon = Image.new("RGB", (32, 32), "#1b6ca8")
    ImageDraw.Draw(icon).text((9, 4), "C", fill="white", font_size=24)
    path.parent.mkdir(parents=True, exist_ok=True)
    icon.save(path)


def code_fingerprint(root: Path = ROOT) -> str:
    """A hash of what a chapter's outputs depend on besides its own cells: the package and
    the datasets. The execution cache lives in a folder named by it, so a change to either
    runs the chapters again (jupyter-cache itself only looks at the notebook's code)."""
    digest = hashlib.sha256()
    for path in sorted([*(root / "crmlab").rglob("*.py"), *(root / "datasets").glob("*.csv")]):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def build(root: Path = ROOT, *, jobs: int = 2, quiet: bool = True,
          chapters: Sequence[Chapter] | None = None) -> Path:
    """Stage and build the site into ``book/_build/html``; returns that folder.
    ``CRMDataError`` when Sphinx fails, e.g. a chapter that no longer executes."""
    out = root / "book" / "_build"
    source = stage(root, out / "source", chapters)
    ipython = out / "ipython"
    write_if_changed(ipython / "profile_default" / "startup" / "00-crmlab-book.py", STARTUP)
    cache = out / ".jupyter_cache" / code_fingerprint(root)
    for old in (out / ".jupyter_cache").glob("*"):  # caches of earlier code
        if old != cache:
            shutil.rmtree(old) if old.is_dir() else old.unlink()
    env = {**os.environ, "CRMLAB_STATIC": "1", "IPYTHONDIR": str(ipython),
           "CRMLAB_BOOK_CACHE": str(cache)}
    command = [sys.executable, "-m", "sphinx", "-T", "-b", "html", "-j", str(jobs), "-d",
               str(out / "doctrees"), *(["-q"] if quiet else []), str(source), str(out / "html")]
    done = subprocess.run(command, env=env, cwd=root, capture_output=True, text=True)
    (out / "sphinx.log").write_text(done.stdout + done.stderr, encoding="utf-8")
    if done.returncode:
        raise CRMDataError(f"the site did not build (sphinx exit {done.returncode}): "
                           f"{done.stderr.strip()[-1500:]}",
                           fix=f"read {out / 'sphinx.log'}; a chapter that fails to run shows "
                               "its cell and error there")
    return out / "html"
