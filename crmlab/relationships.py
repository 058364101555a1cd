"""Chapter 1 compute: the five relationship types, Kotler's matrix and the cost of serving.

Kotler's selection matrix (seed 000/004 §3.1) recommends a relationship type from the
number of customers and the unit profit margin. The cut points that make "few/many" and
"low/high" are not in the source; the course defaults below are documented choices.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from crmlab.errors import CRMDataError
from crmlab.schema import aligned, as_cuts, as_number, as_numbers, require_columns


class RelationshipType(NamedTuple):
    key: str
    english: str
    chinese: str
    after_sale: str
    contacts_per_year: float  # firm-initiated or handled contacts per customer per year
    retention: float  # course assumption: share of customers kept each year


RELATIONSHIP_TYPES: tuple[RelationshipType, ...] = (
    RelationshipType("basic", "basic", "基本型",
                     "sells the product and has no further contact", 0.0, 0.50),
    RelationshipType("reactive", "reactive", "被动型",
                     "sells, and invites the customer to call with problems or comments",
                     0.2, 0.60),
    RelationshipType("accountable", "accountable", "负责型",
                     "calls soon after the sale to ask whether the product met expectations "
                     "and gathers suggestions", 1.0, 0.70),
    RelationshipType("proactive", "proactive", "能动型",
                     "keeps contacting the customer with suggestions and new-product "
                     "information", 4.0, 0.80),
    RelationshipType("partnership", "partnership", "伙伴型",
                     "works continuously with the customer to solve its problems and support "
                     "its success", 24.0, 0.90),
)
TYPE_KEYS = tuple(t.key for t in RELATIONSHIP_TYPES)
CUSTOMER_LEVELS = ("many", "medium", "few")
MARGIN_LEVELS = ("low", "medium", "high")

# Course defaults for the cut points (not in the source; see the chapter notebook):
FEW_BELOW = 100  # fewer customers than a small key-account team can know personally
MANY_FROM = 10_000  # a mass market: personal contact with each customer is impossible
LOW_BELOW = 0.15  # thin margins: groceries, commodities, office supplies
HIGH_FROM = 0.40  # rich margins: software, aircraft, branded goods sold to a retailer


def types_markdown() -> str:
    """The five types (key, Chinese name, what the firm does after the sale) as a Markdown
    table, in full.

    >>> types_markdown().splitlines()[2]
    '| basic | 基本型 | sells the product and has no further contact |'
    """
    from crmlab.markdown import markdown_table

    table = pd.DataFrame([(t.key, t.chinese, t.after_sale) for t in RELATIONSHIP_TYPES],
                         columns=["type", "中文", "after the sale, the firm …"])
    return markdown_table(table)


def kotler_matrix() -> pd.DataFrame:
    """Kotler's 3x3 selection matrix: customers (rows) x unit margin (columns) -> type.

    >>> kotler_matrix().loc["few", "high"]
    'partnership'
    """
    rows = pd.CategoricalIndex(CUSTOMER_LEVELS, categories=CUSTOMER_LEVELS, ordered=True,
                               name="customers")
    cols = pd.CategoricalIndex(MARGIN_LEVELS, categories=MARGIN_LEVELS, ordered=True,
                               name="margin")
    cells = [[TYPE_KEYS[i + j] for j in range(3)] for i in range(3)]
    return pd.DataFrame(cells, index=rows, columns=cols)


def _as_array(values, name: str) -> tuple[np.ndarray, bool]:
    """Checked numbers as an array, and whether the input was a single number."""
    scalar = not isinstance(values, (pd.Series, list, tuple, np.ndarray, dict))
    return as_numbers(values, name).to_numpy(), scalar


def customer_level(n_customers, cuts: tuple[float, float] = (FEW_BELOW, MANY_FROM)):
    """``"few"`` below the first cut, ``"many"`` at or above the second, else ``"medium"``.

    >>> customer_level(99), customer_level(100), customer_level(10_000)
    ('few', 'medium', 'many')
    """
    few_below, many_from = as_cuts(cuts, "customer_cuts", high=np.inf, example="(100, 10000)")
    array, scalar = _as_array(n_customers, "n_customers")
    wrong = (array < 0) | (array != np.floor(array))
    if wrong.any():
        raise CRMDataError(f"n_customers must be whole numbers >= 0; bad values "
                           f"{array[wrong][:5].tolist()}", fix="count customers as 0, 1, 2, ...")
    levels = np.where(array < few_below, "few", np.where(array >= many_from, "many", "medium"))
    return _shape_like(levels, n_customers, scalar, "customers")


def margin_level(margin, cuts: tuple[float, float] = (LOW_BELOW, HIGH_FROM)):
    """``"low"`` below the first cut, ``"high"`` at or above the second, else ``"medium"``.

    ``margin`` is the unit profit margin as a fraction of price, in [0, 1).

    >>> margin_level(0.1499), margin_level(0.15), margin_level(0.40)
    ('low', 'medium', 'high')
    """
    low_below, high_from = as_cuts(cuts, "margin_cuts", high_open=True, example="(0.15, 0.40)")
    array, scalar = _as_array(margin, "margin")
    wrong = (array < 0) | (array >= 1)
    if wrong.any():
        raise CRMDataError(f"margin must be a fraction of price in [0, 1); bad values "
                           f"{array[wrong][:5].tolist()}", fix="write 25 % as 0.25")
    levels = np.where(array < low_below, "low", np.where(array >= high_from, "high", "medium"))
    return _shape_like(levels, margin, scalar, "margin")


def _shape_like(levels: np.ndarray, like, scalar: bool, name: str):
    if scalar:
        return str(levels[0])
    index = like.index if isinstance(like, pd.Series) else None
    return pd.Series(levels, index=index, name=name)


def recommend_relationship_type(
    n_customers,
    margin,
    *,
    customer_cuts: tuple[float, float] = (FEW_BELOW, MANY_FROM),
    margin_cuts: tuple[float, float] = (LOW_BELOW, HIGH_FROM),
):
    """The relationship type Kotler's matrix recommends (Kotler; seed 000 §3.1).

    Works on numbers or, element-wise, on Series (e.g. DataFrame columns).

    >>> recommend_relationship_type(2_000_000, 0.30)   # shampoo buyers
    'reactive'
    >>> recommend_relationship_type(3, 0.45)           # a retail-chain key account
    'partnership'
    """
    n_customers, margin = aligned(n_customers, margin, ("n_customers", "margin"))
    rows = customer_level(n_customers, customer_cuts)
    cols = margin_level(margin, margin_cuts)
    if isinstance(rows, str) and isinstance(cols, str):
        return TYPE_KEYS[CUSTOMER_LEVELS.index(rows) + MARGIN_LEVELS.index(cols)]
    rows_s, cols_s = pd.Series(rows), pd.Series(cols)
    if rows_s.empty or cols_s.empty:
        raise CRMDataError("there is nothing to classify: no customer counts or margins",
                           fix="pass at least one product line")
    if len(rows_s) != len(cols_s) and min(len(rows_s), len(cols_s)) != 1:
        raise CRMDataError(f"n_customers has {len(rows_s)} values but margin has {len(cols_s)}",
                           fix="pass columns of the same table")
    rank = (rows_s.map(CUSTOMER_LEVELS.index).to_numpy()
            + cols_s.map(MARGIN_LEVELS.index).to_numpy())
    index = next((s.index for s in (n_customers, margin) if isinstance(s, pd.Series)), None)
    return pd.Series(np.asarray(TYPE_KEYS)[rank], index=index, name="recommended")


def classify_product_lines(
    lines: pd.DataFrame,
    *,
    customer_cuts: tuple[float, float] = (FEW_BELOW, MANY_FROM),
    margin_cuts: tuple[float, float] = (LOW_BELOW, HIGH_FROM),
) -> pd.DataFrame:
    """Add customer level, margin level, the recommended type and a mismatch flag.

    ``lines`` needs ``customers`` and ``margin``; ``current_type`` (if present) is compared
    with the recommendation. Returns a new DataFrame.
    """
    require_columns(lines, ("customers", "margin"), "product lines",
                    "use crmlab.datasets.load_product_lines() or add the columns")
    out = lines.copy()
    out["customer_level"] = customer_level(out["customers"], customer_cuts)
    out["margin_level"] = margin_level(out["margin"], margin_cuts)
    out["recommended"] = recommend_relationship_type(
        out["customers"], out["margin"], customer_cuts=customer_cuts, margin_cuts=margin_cuts)
    if "current_type" in out.columns:
        out["mismatch"] = out["current_type"] != out["recommended"]
    return out


def adjusted_types(contacts_scale: float = 1.0, closeness: float = 1.0
                   ) -> tuple[RelationshipType, ...]:
    """The five types with the course assumptions changed: contacts per year times
    ``contacts_scale``; the retention each type gains over basic times ``closeness``
    (1 = the course assumption, 0 = closeness keeps no one longer).

    >>> [t.retention for t in adjusted_types(closeness=0.5)]
    [0.5, 0.55, 0.6, 0.65, 0.7]
    >>> adjusted_types(contacts_scale=2)[-1].contacts_per_year
    48.0
    """
    scale = as_number("contacts_scale", contacts_scale, 0)
    gain = as_number("closeness", closeness, 0, 1)
    base = RELATIONSHIP_TYPES[0].retention
    return tuple(t._replace(contacts_per_year=t.contacts_per_year * scale,
                            retention=round(base + gain * (t.retention - base), 9))
                 for t in RELATIONSHIP_TYPES)


def relationship_profit(annual_margin: float, contact_cost: float, *,
                        types: tuple[RelationshipType, ...] = RELATIONSHIP_TYPES) -> pd.DataFrame:
    """Profit per customer under each relationship type: the cost-of-serving model.

    Serving cost per year = contacts per year x ``contact_cost``. A customer stays each
    year with the type's retention rate r, so is expected to buy for 1 / (1 - r) years;
    lifetime profit = (``annual_margin`` - serving cost) / (1 - r), undiscounted. Contact
    intensities and retention rates are course assumptions (``RELATIONSHIP_TYPES``).

    >>> table = relationship_profit(annual_margin=63.0, contact_cost=25.0)  # shampoo buyer
    >>> table["lifetime_profit"].round(1).tolist()
    [126.0, 145.0, 126.7, -185.0, -5370.0]
    """
    annual_margin = as_number("annual_margin", annual_margin, 0)
    contact_cost = as_number("contact_cost", contact_cost, 0)
    table = pd.DataFrame([t._asdict() for t in types]).set_index("key")
    table["serving_cost"] = table["contacts_per_year"] * contact_cost
    table["annual_profit"] = annual_margin - table["serving_cost"]
    table["expected_years"] = 1.0 / (1.0 - table["retention"])
    table["lifetime_profit"] = table["annual_profit"] * table["expected_years"]
    table.index.name = "type"
    return table[["contacts_per_year", "serving_cost", "annual_profit", "retention",
                  "expected_years", "lifetime_profit"]]
