"""Text a student must read lives in markdown cells, in full, and stays in step with crmlab."""

import json
from pathlib import Path

import pytest

from crmlab.chapters import ready_chapters
from crmlab.markdown import generated_cells, refresh_generated_cells

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted(c.notebook for c in ready_chapters())


def chapter(name: str) -> dict:
    return json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", CHAPTERS)
def test_generated_tables_are_up_to_date(name):
    stale = [cell["id"] for cell, text in generated_cells(chapter(name))
             if "".join(cell["source"]) != text]
    assert stale == [], (f"{name}: cells {stale} differ from crmlab; refresh them with "
                         "crmlab.markdown.refresh_generated_cells")


@pytest.mark.parametrize("name", CHAPTERS)
def test_every_chapter_has_its_glossary_as_markdown(name):
    cells = generated_cells(chapter(name))
    glossary = [cell for cell, _ in cells if cell["metadata"]["crmlab"]["generated"].endswith(
        "glossary_markdown")]
    assert len(glossary) == 1 and glossary[0]["cell_type"] == "markdown"
    code = "".join("".join(c["source"]) for c in chapter(name)["cells"] if c["cell_type"] == "code")
    assert "glossary_table" not in code


def test_chapter_2_tables_are_markdown_not_code_output():
    names = {cell["metadata"]["crmlab"]["generated"].split(":")[1]
             for cell, _ in generated_cells(chapter("02_development_stages.ipynb"))}
    assert {"stages_markdown", "strategy_markdown", "opportunities_markdown", "ways_markdown",
            "regression_markdown", "glossary_markdown"} <= names


def test_no_long_text_is_cut_off():
    """The longest meanings and strategies appear whole (pandas would cut them at 50)."""
    from crmlab.glossary import TERMS

    text = "".join("".join(c["source"]) for name in CHAPTERS for c in chapter(name)["cells"])
    longest = max(TERMS, key=lambda t: len(t.meaning))
    assert len(longest.meaning) > 50 and longest.meaning in text


def test_refresh_rewrites_a_stale_cell():
    nb = chapter("01_relationship_types.ipynb")
    cell, text = generated_cells(nb)[0]
    cell["source"] = ["stale"]
    assert refresh_generated_cells(nb) == 1 and "".join(cell["source"]) == text


@pytest.mark.parametrize("name", CHAPTERS)
def test_exercise_links_are_clickable_relative_links(name):
    text = "".join("".join(c["source"]) for c in chapter(name)["cells"] if c["cell_type"] == "markdown")
    assert f"](../exercises/{name})" in text and f"](../solutions/{name})" in text
    assert "Open `exercises/" not in text
