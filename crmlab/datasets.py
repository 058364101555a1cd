"""Load the course datasets, or a user's own CSV with a column mapping.

Each ``load_<name>()`` reads ``datasets/<name>.csv`` (or the ``path`` you give), checks it
against the dataset's schema and returns a new DataFrame with proper dtypes and parsed
dates. Your own file can use its own column names: pass
``columns={"CustomerID": "customer_id", "InvoiceDate": "date", "Total": "amount"}``.

>>> tx = load_transactions()
>>> list(tx.columns)
['customer_id', 'date', 'amount', 'cost']
>>> str(tx["date"].dtype)
'datetime64[ns]'
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from crmlab.acsi import ACSI_INDICATORS
from crmlab.errors import CRMDataError
from crmlab.identification import ATTRACTIVENESS, RELATIONSHIP
from crmlab.schema import Column, read_table, validate_frame

DATA_DIR_VARIABLE = "CRMLAB_DATA_DIR"
BURNETT_KEYS = tuple(i.key for i in (*ATTRACTIVENESS, *RELATIONSHIP))
GUEST_ATTRIBUTES = ("cleanliness", "check_in", "staff", "breakfast", "wifi", "price", "location",
                    "quiet")
GUEST_CONSTRUCTS = ("expectations", "quality", "value", "satisfaction", "complaints", "loyalty")
GUEST_COUNTS = (*(f"{kind}_{a}" for a in GUEST_ATTRIBUTES for kind in ("imp", "perf", "exp")),
                *(i.key for i in ACSI_INDICATORS), "recommend", "stays_last_year", "stayed_again")
HOUSEHOLD_COLUMNS = ("age_head", "household_size", "children", "elderly", "income",
                     "education_years", "work_hours", "price_sensitivity", "wants_amenities",
                     "wants_nightlife", "wants_schools", "wants_medical")

SCHEMAS: dict[str, tuple[Column, ...]] = {
    "customers": (
        Column("customer_id", "id", unique=True),
        Column("signup_date", "date"),
        Column("age", "count", required=False),
        Column("gender", "category", required=False),
        Column("city_tier", "count", required=False),
        Column("channel", "category", required=False),
        Column("acquisition_cost", "amount", required=False),
    ),
    "transactions": (
        Column("customer_id", "id"),
        Column("date", "date"),
        Column("amount", "amount"),
        Column("cost", "amount", required=False),
    ),
    "product_lines": (
        Column("line_id", "id", unique=True),
        Column("firm", "category"),
        Column("product_line", "category"),
        Column("sector", "category"),
        Column("customers", "count"),
        Column("price", "amount"),
        Column("margin", "amount"),
        Column("units_per_customer", "amount"),
        Column("contact_cost", "amount"),
        Column("current_type", "category"),
        Column("annual_margin_per_customer", "amount"),
    ),
    "accounts": (
        Column("account_id", "id", unique=True),
        Column("industry", "category"),
        Column("first_year", "count"),
        Column("switching_cost", "amount"),
        Column("price_sensitivity", "amount"),
    ),
    "account_years": (
        Column("account_id", "id"),
        Column("year", "count"),
        Column("category_spend", "amount"),
        Column("our_spend", "amount"),
        Column("event", "category", required=False),
    ),
    "burnett_scores": (
        Column("account_id", "id", unique=True),
        *(Column(key, "count") for key in BURNETT_KEYS),
    ),
    "burnett_latent": (
        Column("account_id", "id", unique=True),
        Column("true_attractiveness", "number"),
        Column("true_relationship", "number"),
    ),
    "households": (
        Column("household_id", "id", unique=True),
        *(Column(name, "amount") for name in HOUSEHOLD_COLUMNS),
    ),
    "household_segments": (
        Column("household_id", "id", unique=True),
        Column("segment", "category"),
    ),
    "kano_survey": (
        Column("respondent", "id"),
        Column("feature", "category"),
        Column("functional", "category"),
        Column("dysfunctional", "category"),
    ),
    "guest_survey": (
        Column("guest_id", "id", unique=True),
        Column("guest_type", "category"),
        *(Column(name, "count") for name in GUEST_COUNTS),
    ),
    "guest_latent": (
        Column("guest_id", "id", unique=True),
        *(Column(name, "number") for name in GUEST_CONSTRUCTS),
    ),
    "service_quality": (
        Column("month", "category"),
        Column("orders", "count"),
        Column("complaints", "count"),
        *(Column(f"score_{k}", "amount") for k in range(1, 6)),
    ),
    "churn_reasons": (
        Column("customer_id", "id", unique=True),
        Column("month_lost", "category"),
        Column("reason", "category"),
        Column("yearly_value", "amount"),
    ),
    "subscriptions": (
        Column("member_id", "id", unique=True),
        Column("plan", "category"),
        Column("satisfaction", "count"),
        Column("joined", "category"),
        Column("tenure_months", "count"),
        Column("churned", "count"),
    ),
    "retail_latent": (
        Column("customer_id", "id", unique=True),
        Column("purchase_rate", "amount"),
        Column("dropout_prob", "amount"),
        Column("mean_spend", "amount"),
        Column("alive_at_end", "category"),
    ),
}


def data_dir() -> Path:
    """The folder of the course CSVs: ``$CRMLAB_DATA_DIR`` or the repository's ``datasets/``."""
    override = os.environ.get(DATA_DIR_VARIABLE)
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "datasets"


def load(
    name: str,
    path: str | Path | None = None,
    *,
    columns: Mapping[str, str] | None = None,
    sep: str = ",",
    encoding: str | None = None,
    date_format: str | None = None,
) -> pd.DataFrame:
    """Load dataset ``name`` from the course folder, or your own file at ``path``.

    Ids are read as whole numbers only if every id is a plain integer (no leading zeros);
    otherwise all ids of the column stay text, so ``007`` and ``7`` are two customers. The
    text encoding is detected unless you pass ``encoding``. Dates follow one policy
    (``crmlab.schema.DATE_POLICY``); pass ``date_format`` (e.g. ``"%d/%m/%Y"``) when the
    file's dates fit more than one format.
    """
    if name not in SCHEMAS:
        raise CRMDataError(
            f"unknown dataset {name!r}", fix=f"use one of {sorted(SCHEMAS)}"
        )
    if path is None:
        path = data_dir() / f"{name}.csv"
        if not path.is_file():
            raise CRMDataError(
                "course dataset not found",
                where=str(path),
                fix="run `crmlab datasets` in the repository, or set CRMLAB_DATA_DIR",
            )
    return read_table(path, SCHEMAS[name], columns=columns, sep=sep, encoding=encoding,
                      date_format=date_format)


def validate_transactions(
    transactions: pd.DataFrame, *, columns: Mapping[str, str] | None = None,
    date_format: str | None = None,
) -> pd.DataFrame:
    """A validated copy of a transactions DataFrame (``customer_id``, ``date``, ``amount``).

    >>> validate_transactions(pd.DataFrame({"customer_id": [1], "date": ["2024-01-31"],
    ...                                  "amount": [-5]}))
    Traceback (most recent call last):
    ...
    crmlab.errors.CRMDataError: DataFrame, column 'amount': 1 negative value(s) at row 0. Fix: ...
    """
    return validate_frame(transactions, SCHEMAS["transactions"], columns=columns,
                          date_format=date_format)


def validate_customers(
    customers: pd.DataFrame, *, columns: Mapping[str, str] | None = None,
    date_format: str | None = None,
) -> pd.DataFrame:
    """A validated copy of a customers DataFrame (unique ``customer_id``, ``signup_date``).

    >>> validate_customers(pd.DataFrame({"customer_id": [1, 1], "signup_date": ["2024-01-01"] * 2}))
    Traceback (most recent call last):
    ...
    crmlab.errors.CRMDataError: DataFrame, column 'customer_id': duplicate ids ['1'] at rows 0, 1. Fix: ...
    """
    return validate_frame(customers, SCHEMAS["customers"], columns=columns,
                          date_format=date_format)


def load_customers(
    path: str | Path | None = None, *, columns: Mapping[str, str] | None = None,
    sep: str = ",", encoding: str | None = None, date_format: str | None = None,
) -> pd.DataFrame:
    """Retail customers: id, signup date, age, gender, city tier, channel, acquisition cost.

    >>> load_customers()["channel"].value_counts().index[0]
    'search'
    """
    return load("customers", path, columns=columns, sep=sep, encoding=encoding,
                date_format=date_format)


def load_transactions(
    path: str | Path | None = None, *, columns: Mapping[str, str] | None = None,
    sep: str = ",", encoding: str | None = None, date_format: str | None = None,
) -> pd.DataFrame:
    """Retail purchases: ``customer_id``, ``date``, ``amount`` and ``cost`` (yuan)."""
    return load("transactions", path, columns=columns, sep=sep, encoding=encoding,
                date_format=date_format)


def load_product_lines(
    path: str | Path | None = None, *, columns: Mapping[str, str] | None = None,
    sep: str = ",", encoding: str | None = None,
) -> pd.DataFrame:
    """Product lines (chapter 1): customers, price, margin, contact cost, today's type.

    >>> load_product_lines().set_index("line_id").loc["L01", "current_type"]
    'reactive'
    """
    return load("product_lines", path, columns=columns, sep=sep, encoding=encoding)


def load_accounts(
    path: str | Path | None = None, *, columns: Mapping[str, str] | None = None,
    sep: str = ",", encoding: str | None = None,
) -> pd.DataFrame:
    """B2B accounts (chapter 2): industry, switching cost and price sensitivity (1-10 scores).

    >>> load_accounts()["account_id"].is_unique
    True
    """
    return load("accounts", path, columns=columns, sep=sep, encoding=encoding)


def load_account_years(
    path: str | Path | None = None, *, columns: Mapping[str, str] | None = None,
    sep: str = ",", encoding: str | None = None,
) -> pd.DataFrame:
    """Yearly panel of the B2B accounts: category spend, our spend (thousand yuan), events.

    >>> panel = load_account_years()
    >>> bool((panel["our_spend"] <= panel["category_spend"]).all())
    True
    """
    frame = load("account_years", path, columns=columns, sep=sep, encoding=encoding)
    if "event" in frame.columns:
        frame["event"] = frame["event"].fillna("")
    return frame


def load_retail_latent(path: str | Path | None = None) -> pd.DataFrame:
    """The retail generator's hidden truth per customer (for checking models only)."""
    frame = load("retail_latent", path)
    frame["alive_at_end"] = frame["alive_at_end"].astype(str).eq("True")
    return frame


def load_burnett_scores(
    path: str | Path | None = None, *, columns: Mapping[str, str] | None = None,
    sep: str = ",", encoding: str | None = None,
) -> pd.DataFrame:
    """Experts' 1-5 scores of every Burnett indicator per B2B account (chapter 3), indexed
    by ``account_id`` (the accounts of chapter 2).

    >>> load_burnett_scores().loc["A001", "volume"] in range(1, 6)
    True
    """
    return load("burnett_scores", path, columns=columns, sep=sep, encoding=encoding).set_index("account_id")


def load_burnett_latent(path: str | Path | None = None) -> pd.DataFrame:
    """The true attractiveness and relationship (1-5) the expert scores were drawn around
    (for checking the method only), indexed by ``account_id``.

    >>> load_burnett_latent().columns.tolist()
    ['true_attractiveness', 'true_relationship']
    """
    return load("burnett_latent", path).set_index("account_id")


def load_households(
    path: str | Path | None = None, *, columns: Mapping[str, str] | None = None,
    sep: str = ",", encoding: str | None = None,
) -> pd.DataFrame:
    """The household survey (chapter 3): demographics, income and housing needs, indexed by
    ``household_id``; no segment column (that is what a student finds).

    >>> load_households().shape
    (2000, 12)
    """
    return load("households", path, columns=columns, sep=sep, encoding=encoding).set_index("household_id")


def load_household_segments(path: str | Path | None = None) -> pd.DataFrame:
    """Each household's true segment (``household_id``, ``segment``), kept apart from the
    survey so that students cluster without seeing it.

    >>> float(load_household_segments()["segment"].value_counts(normalize=True)["child-centred"])
    0.31
    """
    return load("household_segments", path)


def load_kano_survey(
    path: str | Path | None = None, *, columns: Mapping[str, str] | None = None,
    sep: str = ",", encoding: str | None = None,
) -> pd.DataFrame:
    """A Kano questionnaire (chapter 5): one row per respondent and hotel feature with the
    functional and dysfunctional answer.

    >>> load_kano_survey()["feature"].nunique()
    11
    """
    return load("kano_survey", path, columns=columns, sep=sep, encoding=encoding)


def load_guest_survey(
    path: str | Path | None = None, *, columns: Mapping[str, str] | None = None,
    sep: str = ",", encoding: str | None = None,
) -> pd.DataFrame:
    """The hotel guest survey (chapters 5 and 6), indexed by ``guest_id``: importance,
    performance and expectation per attribute (1-5), the ACSI questions (1-10), likelihood
    to recommend (0-10), stays last year and whether the guest stayed again.

    >>> load_guest_survey().shape
    (1000, 42)
    """
    return load("guest_survey", path, columns=columns, sep=sep, encoding=encoding).set_index("guest_id")


def load_guest_latent(path: str | Path | None = None) -> pd.DataFrame:
    """The guests' true construct scores the survey answers were drawn from (for checking
    the ACSI estimation only), indexed by ``guest_id``.

    >>> load_guest_latent().shape
    (1000, 6)
    """
    return load("guest_latent", path).set_index("guest_id")


def load_service_quality(
    path: str | Path | None = None, *, columns: Mapping[str, str] | None = None,
    sep: str = ",", encoding: str | None = None,
) -> pd.DataFrame:
    """Monthly orders, complaints and five guests' satisfaction scores (1-10), 2023-2025.

    >>> load_service_quality()["month"].iloc[0]
    '2023-01'
    """
    return load("service_quality", path, columns=columns, sep=sep, encoding=encoding)


def load_churn_reasons(
    path: str | Path | None = None, *, columns: Mapping[str, str] | None = None,
    sep: str = ",", encoding: str | None = None,
) -> pd.DataFrame:
    """Customers lost in 2025 with the main reason they gave and their yearly value (yuan).

    >>> int(load_churn_reasons()["customer_id"].nunique())
    320
    """
    return load("churn_reasons", path, columns=columns, sep=sep, encoding=encoding)


def load_subscriptions(
    path: str | Path | None = None, *, columns: Mapping[str, str] | None = None,
    sep: str = ",", encoding: str | None = None,
) -> pd.DataFrame:
    """Members of the hotel's paid club (chapter 6): plan, satisfaction (1-10), month joined,
    tenure in months and whether they cancelled (1) or are still members (0, censored).

    >>> int(load_subscriptions()["churned"].isin([0, 1]).sum())
    3000
    """
    return load("subscriptions", path, columns=columns, sep=sep, encoding=encoding)
