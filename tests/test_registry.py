"""The exercise registry: explicit, loaded by chapter on demand, cached, complete."""

import importlib
import json
import re
import subprocess
import sys
import time

import pytest

from crmlab import checks, registry
from crmlab.chapters import ready_chapters
from crmlab.registry import all_exercises, lookup

CHECK_CALL = re.compile(r"""check\(\s*["'](ch\d+\.ex\d+)["']""")


def exercise_ids_in(folder) -> set[str]:
    ids = set()
    for path in folder.glob("*.ipynb"):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "code":
                ids |= set(CHECK_CALL.findall("".join(cell["source"])))
    return ids


def test_every_exercise_in_the_solutions_is_registered_and_every_registered_one_is_used(root):
    used = exercise_ids_in(root / "solutions")
    assert used == set(all_exercises())


def test_lookup_loads_only_that_chapter_in_a_fresh_process():
    code = ("import sys; from crmlab.registry import lookup; lookup('ch1.ex1'); "
            "print(sorted(m for m in sys.modules if m.startswith('crmlab.answers.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['crmlab.answers.relationships']"


@pytest.mark.parametrize("bad", ["ch9.ex1", "chapter4", "", None, 4, "ch4.ex99"])
def test_unknown_ids_are_none(bad):
    assert lookup(bad) is None


def test_reference_is_computed_once_per_process():
    ex = lookup("ch4.ex6")  # refits BG/NBD
    first = ex.reference()
    start = time.perf_counter()
    for _ in range(5):
        assert ex.reference() is first
    assert time.perf_counter() - start < 0.01


def test_registry_survives_reloading_checks_and_registry():
    before = set(all_exercises())
    importlib.reload(checks)
    importlib.reload(registry)
    assert set(registry.all_exercises()) == before
    assert checks.evaluate("ch0.ex3", 0.7 ** (1 / 3)).passed


def test_hints_come_in_steps():
    ex = registry.Exercise("ch0.ex99", lambda: 1, ("the idea", "the recipe"))
    assert [ex.hint(t) for t in (0, 1, 2, 3)] == ["the idea", "the idea", "the recipe", "the recipe"]


def test_every_ready_chapter_has_exercises():
    chapters = {int(i.split(".")[0][2:]) for i in all_exercises()}
    assert chapters == {c.number for c in ready_chapters()}


def test_a_registration_without_hint_or_with_a_bad_id_is_refused():
    with pytest.raises(ValueError):
        registry.exercise("ch4.ex1")
    with pytest.raises(ValueError):
        registry.exercise("4.1", "hint")


def test_every_exercise_has_staged_hints_the_idea_before_the_recipe():
    single = [i for i, ex in all_exercises().items() if len(ex.hints) < 2]
    assert single == []


@pytest.mark.parametrize("chapter", ready_chapters(), ids=lambda c: c.notebook)
def test_every_chapter_has_enough_exercises_of_every_kind(root, chapter):
    """8 or more exercises (10 in chapter 4): computed, read off a widget, chosen, written."""
    cells = json.loads((root / "solutions" / chapter.notebook).read_text(encoding="utf-8"))["cells"]
    headings = [c for c in cells if c["cell_type"] == "markdown"
                and "".join(c["source"]).startswith("## Exercise")]
    code = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    text = "".join("".join(c["source"]) for c in headings)
    assert len(headings) >= (10 if chapter.number == 4 else 8)
    assert "Explorer(" in code  # a widget to read
    assert re.search(r"^- [a-d]\)", text, flags=re.M) or '`"' in text  # a choice
    assert "written" in text.lower() and "Rubric" in text  # a written answer with a rubric
