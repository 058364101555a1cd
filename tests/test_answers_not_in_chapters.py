"""No exercise can be answered by copying from its chapter: every reference answer is absent
from the executed chapter notebook's outputs, and choice questions offer four or more options.
The chapters are executed once per test run, by the course website's build (``website.py``).

What counts as "appearing" (see ``leaks``): a number printed to the check's precision, or to
three or more significant digits that round the answer; a label as a whole word; a Series
whose every (index, value) pair shares an output line; a set or list printed on one line or
as a table of just its elements (a list of one- or two-letter codes only in its own order).
Whole numbers below 100 appear in every table, so they count only on a line that also
holds two of the question's words (years included), as in "2021 -> 2025: moved up 45".
Choice answers (an option key, or a value the question quotes as a possible answer) are not
searched.
"""

from __future__ import annotations

import json
import math
import re
from html import unescape
from pathlib import Path

import pandas as pd
import pytest
from website import executed_chapter

from crmlab.chapters import ready_chapters
from crmlab.registry import Exercise, all_exercises

ROOT = Path(__file__).resolve().parent.parent
NUMBER = re.compile(r"(?<![\w.])-?\d[\d,]*(?:\.\d+)?(?:e[+-]?\d+)?%?(?![\w])")


def executed_outputs(name: str) -> list[str]:
    """The text of every output of the chapter notebook as the course website executed it
    (its explorers shown as their default state and table), HTML turned into lines."""
    nb = executed_chapter(name)
    texts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if "text" in out:
                texts.append(out["text"])
            for kind, value in out.get("data", {}).items():
                if kind == "text/html":
                    value = re.sub(r"</tr>|<br\s*/?>", "\n", value)
                    texts.append(unescape(re.sub(r"<[^>]+>", " ", value)))
                elif kind in ("text/plain", "text/markdown"):
                    texts.append(value)
    return texts


def numbers_in(text: str) -> list[tuple[float, int]]:
    """(value, decimals shown) of every number in ``text``; 12.5% is 0.125 with 3 decimals."""
    found = []
    for token in NUMBER.findall(text):
        percent = token.endswith("%")
        digits = token.rstrip("%").replace(",", "")
        try:
            value = float(digits)
        except ValueError:
            continue
        decimals = len(digits.split(".")[1]) if "." in digits and "e" not in digits else 0
        found.append((value / 100, decimals + 2) if percent else (value, decimals))
    return found


def number_shown(reference: float, text: str, ex: Exercise) -> bool:
    for value, decimals in numbers_in(text):
        if math.isclose(value, reference, rel_tol=ex.rtol, abs_tol=ex.atol):
            return True
        significant = decimals + max(int(math.floor(math.log10(abs(value)))) + 1, 0) \
            if value else 0
        if significant >= 3 and round(reference, decimals) == value:
            return True
    return False


def token_shown(value, line: str, ex: Exercise) -> bool:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return number_shown(float(value), line, ex)
    return re.search(rf"(?<![\w-]){re.escape(str(value))}(?![\w-])", line) is not None


def series_shown(reference: pd.Series, texts: list[str], ex: Exercise) -> bool:
    pairs = list(reference.items())[:50]
    for text in texts:
        lines = text.splitlines()
        found = sum(any(token_shown(label, line, ex) and token_shown(value, line, ex)
                        for line in lines) for label, value in pairs)
        if found >= max(len(pairs) * 0.9, 2):
            return True
    return False


def collection_shown(reference, texts: list[str]) -> bool:
    items = [str(v) for v in reference]
    if min(map(len, items)) < 3:  # short codes: only the same sequence counts
        if not isinstance(reference, (list, tuple)):
            return False
        pattern = r"[\s,'\"\[\]]+".join(rf"(?<!\w){re.escape(i)}(?!\w)" for i in items)
        return any(re.search(pattern, text) for text in texts)
    for text in texts:
        lines = text.splitlines()
        if any(all(item in line for item in items) for line in lines):
            return True
        if all(item in text for item in items) and len(lines) <= len(items) + 5:
            return True
    return False


COMMON = {"with", "what", "which", "that", "this", "your", "from", "each", "many", "much",
          "than", "they", "them", "their", "there", "have", "into", "only", "answer", "number",
          "text", "work", "column", "exercise", "customers", "accounts", "share", "series"}


def question_words(question: str) -> set[str]:
    """Distinctive words of a question (4+ letters, not common) and its years."""
    words = set(re.findall(r"[a-z]{4,}|\b(?:19|20)\d\d\b", question.lower()))
    return words - COMMON


def small_number_shown(reference: float, texts: list[str], question: str) -> bool:
    words = question_words(question)
    token = re.compile(rf"(?<![\w.,-]){int(reference)}(?:\.0+)?(?![\w.]|,\d)")
    for text in texts:
        for line in text.lower().splitlines():
            if token.search(line) and len(words & set(re.findall(r"[a-z]{4,}|\d{4}", line))) >= 2:
                return True
    return False


def leaks(ex: Exercise, texts: list[str], options: list[str], question: str = "") -> bool:
    """True if the reference answer of ``ex`` appears in the outputs ``texts``."""
    reference = ex.reference()
    if isinstance(reference, str):
        if reference in options:
            return False
        return any(token_shown(reference, text, ex) for text in texts)
    if isinstance(reference, pd.Series):
        return series_shown(reference, texts, ex)
    if isinstance(reference, (set, list, tuple)):
        return collection_shown(reference, texts)
    if float(reference).is_integer() and abs(reference) < 100:
        return small_number_shown(float(reference), texts, question)
    return any(number_shown(float(reference), text, ex) for text in texts)


def exercise_texts(solution: Path) -> dict[str, str]:
    """The markdown that introduces each checked exercise of a solution notebook."""
    nb = json.loads(solution.read_text(encoding="utf-8"))
    texts, pending = {}, []
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            pending.append(source)
        for exercise_id in re.findall(r'check\("(ch\d+\.ex\d+)"', source):
            texts[exercise_id], pending = "\n".join(pending), []
    return texts


def options_of(text: str) -> list[str]:
    """Possible answers a question names: '- a) ...' gives 'a'; a quoted `"basic"` anywhere
    gives 'basic'."""
    letters = re.findall(r"^- ([a-z])\)", text, flags=re.M)
    return letters + [q for q in re.findall(r'`"([^"`]+)"`', text) if q not in letters]


@pytest.mark.parametrize("chapter", ready_chapters(), ids=lambda c: c.notebook)
def test_no_reference_answer_appears_in_the_executed_chapter(chapter):
    texts = executed_outputs(chapter.notebook)
    assert len(texts) > 10  # the notebook really ran and printed
    questions = exercise_texts(ROOT / "solutions" / chapter.notebook)
    mine = {i: ex for i, ex in all_exercises().items() if i.startswith(f"ch{chapter.number}.")}
    assert set(mine) == set(questions)
    copied = [i for i, ex in mine.items()
              if leaks(ex, texts, options_of(questions[i]), questions[i])]
    assert copied == []


def test_choice_questions_offer_four_or_more_options():
    few = {}
    for chapter in ready_chapters():
        for exercise_id, text in exercise_texts(ROOT / "solutions" / chapter.notebook).items():
            reference = all_exercises()[exercise_id].reference()
            options = options_of(text)
            if isinstance(reference, str) and reference in options and len(options) < 4:
                few[exercise_id] = options
    assert few == {}


def test_the_leak_finder_finds_what_it_should():
    ex = Exercise("ch9.ex1", lambda: 0.2567, ("h",), rtol=1e-4)
    assert leaks(ex, ["top share: 25.67%"], []) and leaks(ex, ["0.257"], [])
    assert not leaks(ex, ["0.26 and 25.7 and 2567"], [])
    label = Exercise("ch9.ex2", lambda: "A147", ("h",))
    assert leaks(label, ["account A147 rose"], []) and not leaks(label, ["A1470"], [])
    assert not leaks(label, ["A147"], ["A147"])
    series = Exercise("ch9.ex3", lambda: pd.Series({"email": 68586.25, "store": 125578.28}),
                      ("h",))
    assert leaks(series, ["channel\nemail  68,586.25\nstore  125578.28"], [])
    assert not leaks(series, ["email 1\nstore 2\n68586.25 125578.28"], [])
    group = Exercise("ch9.ex4", lambda: {"milk", "shampoo"}, ("h",))
    assert leaks(group, ["{'milk', 'shampoo'}"], [])
    assert not leaks(group, ["milk\nshampoo\n" + "other\n" * 10], [])
    count = Exercise("ch9.ex5", lambda: 1925, ("h",))
    assert leaks(count, ["1,925 customers"], []) and not leaks(count, ["19250"], [])
    moved = Exercise("ch9.ex7", lambda: 45, ("h",))
    question = "How many accounts moved up to a later stage in 2025 than in 2021?"
    assert leaks(moved, ["2021 -> 2025: moved up 45, stayed 88"], [], question)
    assert not leaks(moved, ["initial  45  12\nstable  3  45"], [], question)
    codes = Exercise("ch9.ex6", lambda: ["A", "M", "R"], ("h",))
    assert leaks(codes, ["['A', 'M', 'R']"], []) and not leaks(codes, ["A O M I R"], [])
    assert options_of('- a) one\n- b) two\n- `"basic"`, or `"proactive"`') == [
        "a", "b", "basic", "proactive"]
