"""Glossary: every chapter's terms render with both languages."""

import pytest

from crmlab import CRMDataError
from crmlab.glossary import TERMS, glossary_table


def test_chapter_table_has_english_and_chinese():
    table = glossary_table(0)
    assert table.loc["analytical CRM", "中文"] == "分析型CRM"
    assert list(table.columns) == ["中文", "meaning"]


def test_terms_are_unique_and_complete():
    names = [(t.english, t.chapter) for t in TERMS]
    assert len(names) == len(set(names))
    assert all(t.chinese and t.meaning for t in TERMS)


def test_unknown_chapter():
    with pytest.raises(CRMDataError, match="no glossary terms"):
        glossary_table(42)
