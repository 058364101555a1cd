"""Chapter 1: Kotler's matrix, cut boundaries, bad input and the cost-of-serving model."""

import itertools

import pandas as pd
import pytest

from crmlab import CRMDataError
from crmlab.datasets import load_product_lines
from crmlab.relationships import (
    FEW_BELOW,
    HIGH_FROM,
    LOW_BELOW,
    MANY_FROM,
    RELATIONSHIP_TYPES,
    classify_product_lines,
    kotler_matrix,
    recommend_relationship_type,
    relationship_profit,
)

# COURSE.md section 1, row by row
MATRIX = {("many", "low"): "basic", ("many", "medium"): "reactive",
          ("many", "high"): "accountable", ("medium", "low"): "reactive",
          ("medium", "medium"): "accountable", ("medium", "high"): "proactive",
          ("few", "low"): "accountable", ("few", "medium"): "proactive",
          ("few", "high"): "partnership"}
CUSTOMERS = {"many": 50_000, "medium": 1_000, "few": 10}
MARGINS = {"low": 0.05, "medium": 0.25, "high": 0.6}


@pytest.mark.parametrize(("cell", "expected"), MATRIX.items())
def test_all_nine_cells(cell, expected):
    rows, cols = cell
    assert recommend_relationship_type(CUSTOMERS[rows], MARGINS[cols]) == expected
    assert kotler_matrix().loc[rows, cols] == expected


def test_types_in_order_with_chinese_names():
    assert [(t.key, t.chinese) for t in RELATIONSHIP_TYPES] == [
        ("basic", "基本型"), ("reactive", "被动型"), ("accountable", "负责型"),
        ("proactive", "能动型"), ("partnership", "伙伴型")]


@pytest.mark.parametrize(("n", "level_type"), [
    (FEW_BELOW - 1, "proactive"),   # few x medium margin
    (FEW_BELOW, "accountable"),     # exactly at the first cut: medium
    (MANY_FROM - 1, "accountable"),
    (MANY_FROM, "reactive"),        # exactly at the second cut: many
    (0, "proactive"),
])
def test_customer_cut_boundaries(n, level_type):
    assert recommend_relationship_type(n, 0.25) == level_type


@pytest.mark.parametrize(("margin", "level_type"), [
    (LOW_BELOW - 1e-9, "reactive"),  # medium customers x low margin
    (LOW_BELOW, "accountable"),      # exactly at the first cut: medium
    (HIGH_FROM - 1e-9, "accountable"),
    (HIGH_FROM, "proactive"),        # exactly at the second cut: high
    (0.0, "reactive"),
])
def test_margin_cut_boundaries(margin, level_type):
    assert recommend_relationship_type(1_000, margin) == level_type


def test_custom_cuts():
    assert recommend_relationship_type(500, 0.1, customer_cuts=(1_000, 5_000),
                                       margin_cuts=(0.05, 0.1)) == "partnership"


def test_column_wise_on_a_dataframe():
    frame = pd.DataFrame({"customers": [10, 50_000], "margin": [0.6, 0.05]}, index=["a", "b"])
    result = recommend_relationship_type(frame["customers"], frame["margin"])
    assert result.to_dict() == {"a": "partnership", "b": "basic"}


@pytest.mark.parametrize(("n", "margin", "cuts", "words"), [
    (-1, 0.2, {}, "whole numbers >= 0"),
    (10.5, 0.2, {}, "whole numbers >= 0"),
    (10, 1.0, {}, r"\[0, 1\)"),
    (10, -0.1, {}, r"\[0, 1\)"),
    (float("nan"), 0.2, {}, "missing"),
    (10, float("nan"), {}, "missing"),
    (10, 0.2, {"customer_cuts": (100, 10)}, "smaller cut first"),
    (10, 0.2, {"margin_cuts": (0.4, 0.4)}, "smaller cut first"),
    (10, 0.2, {"margin_cuts": (0.4, 1.2)}, "below 1"),
    ("ten", 0.2, {}, "number"),
    (True, 0.2, {}, "number"),
])
def test_bad_input(n, margin, cuts, words):
    with pytest.raises(CRMDataError, match=words):
        recommend_relationship_type(n, margin, **cuts)


def test_product_lines_mismatches():
    lines = classify_product_lines(load_product_lines())
    assert set(lines.loc[lines["mismatch"], "line_id"]) == {"L05", "L10", "L11", "L13", "L14"}


def test_classify_does_not_change_its_input():
    lines = load_product_lines()
    before = lines.copy()
    classify_product_lines(lines)
    pd.testing.assert_frame_equal(lines, before)


def test_profit_model_hand_worked():
    # key account: margin 360 million a year, a contact costs 50,000
    table = relationship_profit(360e6, 50_000)
    assert table.loc["partnership", "serving_cost"] == 24 * 50_000
    assert table.loc["partnership", "lifetime_profit"] == pytest.approx((360e6 - 1.2e6) / 0.1)
    assert table.loc["basic", "lifetime_profit"] == pytest.approx(360e6 / 0.5)
    assert table["lifetime_profit"].idxmax() == "partnership"


def test_partnership_with_every_shampoo_buyer_is_ruinous():
    table = relationship_profit(63.0, 25.0)
    assert table.loc["partnership", "lifetime_profit"] < 0 < table.loc["reactive",
                                                                        "lifetime_profit"]


def test_cost_model_agrees_with_the_matrix_on_the_course_data():
    for row in classify_product_lines(load_product_lines()).itertuples():
        best = relationship_profit(row.annual_margin_per_customer,
                                   row.contact_cost)["lifetime_profit"].idxmax()
        assert best == row.recommended, row.product_line


@pytest.mark.parametrize(("margin", "cost"), [(-1, 5), (10, -5), (float("nan"), 5), ("x", 5)])
def test_profit_model_bad_input(margin, cost):
    with pytest.raises(CRMDataError):
        relationship_profit(margin, cost)


def test_matrix_is_monotone():
    """Fewer customers or a higher margin never means a less intensive type."""
    order = [t.key for t in RELATIONSHIP_TYPES]
    for n, m in itertools.product([5, 500, 50_000], [0.05, 0.25, 0.6]):
        here = order.index(recommend_relationship_type(n, m))
        assert order.index(recommend_relationship_type(max(n // 100, 0), m)) >= here
        assert order.index(recommend_relationship_type(n, min(m + 0.3, 0.95))) >= here


def test_adjusted_types_by_hand():
    """Contacts x 0.5 and half the retention gain: partnership 12 contacts, retention
    0.5 + 0.5 x (0.9 - 0.5) = 0.7; basic stays at 0 contacts and 0.5."""
    from crmlab.relationships import adjusted_types

    types = {t.key: t for t in adjusted_types(contacts_scale=0.5, closeness=0.5)}
    assert types["partnership"].contacts_per_year == 12.0
    assert types["partnership"].retention == pytest.approx(0.7)
    assert (types["basic"].contacts_per_year, types["basic"].retention) == (0.0, 0.5)


@pytest.mark.parametrize(("kwargs", "words"), [({"closeness": 1.5}, "closeness"),
                                                ({"contacts_scale": -1}, "contacts_scale"),
                                                ({"closeness": float("nan")}, "closeness")])
def test_adjusted_types_refuses_impossible_assumptions(kwargs, words):
    from crmlab.relationships import adjusted_types

    with pytest.raises(CRMDataError, match=words):
        adjusted_types(**kwargs)
