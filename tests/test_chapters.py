"""The chapter table is the one list: notebooks, README, glossary and answers follow it."""

import re

import pytest

from crmlab import CRMDataError
from crmlab.chapters import CHAPTERS, chapter, ready_chapters
from crmlab.glossary import glossary_table


def test_numbers_run_from_zero_without_gaps():
    assert [c.number for c in CHAPTERS] == list(range(len(CHAPTERS)))


def test_ready_chapters_have_all_three_notebooks_and_planned_ones_none(root):
    for row in CHAPTERS:
        present = [(root / folder / row.notebook).is_file()
                   for folder in ("notebooks", "solutions", "exercises")]
        assert present == [row.ready] * 3, row


def test_no_notebook_outside_the_table(root):
    names = {c.notebook for c in CHAPTERS}
    for folder in ("notebooks", "solutions", "exercises"):
        assert {p.name for p in (root / folder).glob("*.ipynb")} <= names, folder


def test_readme_table_follows_the_chapter_table(root):
    readme = (root / "README.md").read_text(encoding="utf-8")
    for row in CHAPTERS:
        line = next(line for line in readme.splitlines() if line.startswith(f"| {row.number} |"))
        assert line.rstrip().endswith(f"| {row.status} |"), line
        linked = f"(notebooks/{row.notebook})" in line
        assert linked == row.ready, line
        assert re.search(re.escape(row.title), line, re.I), line


def test_every_ready_chapter_has_glossary_terms():
    for row in ready_chapters():
        assert len(glossary_table(row.number)) >= 5


def test_unknown_chapter():
    with pytest.raises(CRMDataError, match="no chapter 9"):
        chapter(9)
