"""The course website, built once per test run for the tests that need it (the site's
browser test, and the check that no chapter prints an exercise's answer, which reads the
executed chapters from the site's cache). A file lock makes parallel test workers share
one build: the first builds, the others find it built (an incremental no-op, which still
costs Sphinx's start, so each worker does it once)."""

from __future__ import annotations

import fcntl
import functools
import json
from pathlib import Path

from crmlab.book import build, code_fingerprint

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "book" / "_build"


@functools.cache
def built_site() -> Path:
    """Build (or bring up to date) ``book/_build/html``; returns it."""
    BUILD.mkdir(parents=True, exist_ok=True)
    with open(BUILD / ".test-lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            return build(ROOT)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def executed_chapter(name: str) -> dict:
    """Chapter notebook ``name`` as the site executed it (from the site's jupyter-cache)."""
    from jupyter_cache import get_cache

    built_site()
    nb = json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))
    import nbformat

    _, merged = get_cache(BUILD / ".jupyter_cache" / code_fingerprint(ROOT)).merge_match_into_notebook(
        nbformat.reads(json.dumps(nb), as_version=4))
    return merged
