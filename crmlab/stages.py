"""Chapter 2 compute: development stages by share of wallet, stage migration, lifecycle.

A business relationship develops through four stages, told apart by the supplier's share
of the customer's purchases in the category (share of wallet, 采购份额; seed 000 §3.2):
development (no business yet), initial cooperation (< 50 %), stable cooperation
(50-80 %) and strategic cooperation (80-100 %). Separately, the customer lifecycle
(seed 003) has four phases read off the trend of an account's purchases.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd

from crmlab.errors import CRMDataError
from crmlab.schema import aligned, as_cuts, as_numbers, require_columns

STAGES = ("development", "initial", "stable", "strategic")
STAGE_NAMES = {  # stage -> (English name, Chinese, the supplier's role)
    "development": ("development", "开发阶段", "not yet a supplier"),
    "initial": ("initial cooperation", "初期合作", "secondary or candidate supplier"),
    "stable": ("stable cooperation", "稳定合作", "main supplier"),
    "strategic": ("strategic cooperation", "战略合作", "strategic supplier"),
}
STAGE_THRESHOLDS = (0.5, 0.8)

PHASES = ("exploration", "formation", "stability", "decline")
PHASE_NAMES = {"exploration": "考察期", "formation": "形成期", "stability": "稳定期",
               "decline": "退化期"}
EXPLORE_YEARS = 2  # an account that has bought from us in fewer years is still being explored
TREND_WINDOW = 2  # years over which the trend of our sales is measured
GROWTH_FROM = 0.15  # average yearly growth of at least 15 %: formation
DECLINE_FROM = -0.10  # average yearly change of -10 % or worse: decline


def share_of_wallet(our_spend, category_spend) -> pd.Series:
    """Supplier's share of each customer's category purchases (采购份额), 0..1.

    A customer with no category spend has share 0.

    >>> share_of_wallet(pd.Series([30.0, 0.0]), pd.Series([100.0, 50.0])).tolist()
    [0.3, 0.0]

    Source: seed 000 §3.2 (stage thresholds 50 % / 80 %).
    """
    our_spend, category_spend = aligned(our_spend, category_spend, ("our_spend", "category_spend"))
    ours, total = as_numbers(our_spend, "our_spend"), as_numbers(category_spend, "category_spend")
    if len(ours) != len(total):
        raise CRMDataError(f"our_spend has {len(ours)} values, category_spend {len(total)}",
                           fix="pass two columns of the same table")
    if not ours.index.equals(total.index):
        total = total.set_axis(ours.index)
    for series, name in ((ours, "our_spend"), (total, "category_spend")):
        negative = series < 0
        if negative.any():
            raise CRMDataError(f"{name} is negative at rows {list(series.index[negative][:5])}",
                               fix="spend must be >= 0")
    above = ours > total
    if above.any():
        raise CRMDataError(
            f"our_spend exceeds category_spend at rows {list(ours.index[above][:5])}",
            fix="category spend is the customer's total in the category, ours included")
    share = (ours / total.where(total > 0)).fillna(0.0)
    return share.rename("share")


def classify_stage(share, thresholds: Sequence[float] = STAGE_THRESHOLDS):
    """Development stage from share of wallet: a name, or an ordered categorical Series.

    0 -> development; below t1 -> initial; below t2 -> stable; from t2 -> strategic.

    >>> [classify_stage(s) for s in (0.0, 0.01, 0.5, 0.79, 0.8, 1.0)]
    ['development', 'initial', 'stable', 'stable', 'strategic', 'strategic']
    """
    low, high = as_cuts(thresholds, "thresholds", example="thresholds=(0.5, 0.8)")
    scalar = not isinstance(share, (pd.Series, list, tuple, np.ndarray))
    values = as_numbers(share, "share")
    outside = (values < 0) | (values > 1)
    if outside.any():
        raise CRMDataError(f"share must lie in [0, 1]; bad at rows "
                           f"{list(values.index[outside][:5])}", fix="use share_of_wallet()")
    codes = np.select([values.to_numpy() == 0, values.to_numpy() < low,
                       values.to_numpy() < high], [0, 1, 2], default=3)
    stages = pd.Series(pd.Categorical.from_codes(codes, categories=STAGES, ordered=True),
                       index=values.index, name="stage")
    return str(stages.iloc[0]) if scalar else stages


class Migration(NamedTuple):
    """How accounts moved between stages from one year to another."""

    matrix: pd.DataFrame  # rows: stage before, columns: stage after, counts
    moved_up: int
    stayed: int
    fell_back: int


def stage_migration(before: pd.Series, after: pd.Series) -> Migration:
    """The 4x4 matrix of accounts by stage before (rows) and after (columns).

    ``before`` and ``after`` are stages indexed by account; only accounts present in both
    count, so the matrix sums to their number.

    >>> m = stage_migration(pd.Series(["initial", "stable"], index=["a", "b"]),
    ...                     pd.Series(["stable", "stable"], index=["a", "b"]))
    >>> m.moved_up, m.stayed, m.fell_back
    (1, 1, 0)
    """
    codes = []
    for series, name in ((before, "before"), (after, "after")):
        if not isinstance(series, pd.Series):
            raise CRMDataError(f"{name} must be a Series of stages indexed by account",
                               fix="use classify_stage() on one year's shares")
        unknown = set(series.dropna().astype(str)) - set(STAGES)
        if unknown or series.isna().any():
            raise CRMDataError(f"{name} has values that are not stages: "
                               f"{sorted(unknown) or ['missing']}", fix=f"use one of {STAGES}")
        if series.index.duplicated().any():
            raise CRMDataError(f"{name} has duplicate accounts", fix="one stage per account")
        codes.append(series.astype(str).map(STAGES.index))
    joined = pd.concat(codes, axis=1, join="inner", keys=["before", "after"])
    if joined.empty:
        raise CRMDataError("no account is in both before and after", where="stage_migration",
                           fix="pass the stages of the same accounts in two years")
    counts = np.zeros((4, 4), dtype=int)
    np.add.at(counts, (joined["before"].to_numpy(), joined["after"].to_numpy()), 1)
    index = pd.CategoricalIndex(STAGES, categories=STAGES, ordered=True)
    matrix = pd.DataFrame(counts, index=index.rename("from"), columns=index.rename("to"))
    return Migration(matrix, int(np.triu(counts, 1).sum()), int(np.trace(counts)),
                     int(np.tril(counts, -1).sum()))


def lifecycle_phase(purchases, *, explore_years: int = EXPLORE_YEARS,
                    window: int = TREND_WINDOW, growth_from: float = GROWTH_FROM,
                    decline_from: float = DECLINE_FROM) -> str:
    """Lifecycle phase (seed 003) of one account from its yearly purchases, oldest first.

    The course's rule: an account that has bought from us in fewer than ``explore_years``
    years is in **exploration** (考察期). Otherwise the average yearly growth of our sales
    over the last ``window`` years, g = (last / ``window`` years earlier) ** (1/window) - 1,
    decides: g >= ``growth_from`` -> **formation** (形成期, rapid growth); g <=
    ``decline_from`` -> **decline** (退化期); else **stability** (稳定期). Sales rising from
    zero count as formation.

    >>> lifecycle_phase([0, 0, 10])          # first year of business
    'exploration'
    >>> lifecycle_phase([10, 14, 20])        # +41 % a year
    'formation'
    >>> lifecycle_phase([20, 21, 20])
    'stability'
    >>> lifecycle_phase([20, 15, 10])        # -29 % a year
    'decline'
    """
    values = as_numbers(purchases, "purchases").to_numpy()
    if isinstance(explore_years, bool) or not isinstance(explore_years, numbers.Integral) \
            or explore_years < 1 or isinstance(window, bool) \
            or not isinstance(window, numbers.Integral) or window < 1:
        raise CRMDataError("explore_years and window must be whole numbers >= 1",
                           fix="e.g. explore_years=2, window=2")
    if not decline_from < 0 < growth_from:
        raise CRMDataError(f"need decline_from < 0 < growth_from, got {decline_from}, "
                           f"{growth_from}", fix="e.g. growth_from=0.15, decline_from=-0.10")
    if (values < 0).any():
        raise CRMDataError("purchases must be >= 0", fix="remove returns and credits")
    if int((values > 0).sum()) < explore_years or len(values) <= window:
        return "exploration"
    last, earlier = values[-1], values[-1 - window]
    if earlier == 0:
        return "formation" if last > 0 else "decline"
    rate = round((last / earlier) ** (1.0 / window) - 1.0, 9)  # exactly at a cut is at it
    if rate >= growth_from:
        return "formation"
    if rate <= decline_from:
        return "decline"
    return "stability"


def stage_panel(account_years: pd.DataFrame,
                thresholds: Sequence[float] = STAGE_THRESHOLDS) -> pd.DataFrame:
    """Add ``share`` and ``stage`` to a panel with ``our_spend`` and ``category_spend``.

    >>> panel = pd.DataFrame({"account_id": ["a", "a"], "year": [2024, 2025],
    ...                       "our_spend": [0.0, 60.0], "category_spend": [100.0, 100.0]})
    >>> stage_panel(panel)["stage"].tolist()
    ['development', 'stable']
    """
    require_columns(account_years, ("account_id", "year", "our_spend", "category_spend"),
                    "account panel", "use crmlab.datasets.load_account_years()")
    out = account_years.copy()
    out["share"] = share_of_wallet(out["our_spend"], out["category_spend"])
    out["stage"] = classify_stage(out["share"], thresholds)
    return out


def stage_counts(panel: pd.DataFrame) -> pd.DataFrame:
    """Accounts per stage (columns, in stage order) and year (rows), from ``stage_panel``.

    >>> panel = pd.DataFrame({"year": [2025, 2025], "stage": ["stable", "initial"]})
    >>> stage_counts(panel).loc[2025].tolist()
    [0, 1, 1, 0]
    """
    require_columns(panel, ("year", "stage"), "panel", "use stage_panel() first")
    return pd.crosstab(panel["year"], panel["stage"]).reindex(columns=list(STAGES),
                                                              fill_value=0)


def switching_cost_line(accounts: pd.DataFrame) -> tuple[float, float]:
    """Least-squares line (slope, intercept) of price sensitivity on switching cost.

    >>> switching_cost_line(pd.DataFrame({"switching_cost": [1, 2, 3],
    ...                                   "price_sensitivity": [9, 7, 5]}))
    (-2.0, 11.0)
    """
    require_columns(accounts, ("switching_cost", "price_sensitivity"), "accounts",
                    "use crmlab.datasets.load_accounts()")
    x = as_numbers(accounts["switching_cost"], "switching_cost")
    if len(x) < 2 or x.nunique() < 2:
        raise CRMDataError("a line needs at least two different switching costs",
                           fix="use more accounts")
    slope, intercept = np.polyfit(x, as_numbers(accounts["price_sensitivity"],
                                                "price_sensitivity"), 1)
    return round(float(slope), 12), round(float(intercept), 12)


def lifecycle_phases(account_years: pd.DataFrame, year: int, **rule: float) -> pd.Series:
    """Lifecycle phase of every account in ``year``, from its purchases up to that year."""
    require_columns(account_years, ("account_id", "year", "our_spend"), "account_years",
                    "use crmlab.datasets.load_account_years()")
    history = account_years[account_years["year"] <= year].sort_values("year")
    if history.empty:
        raise CRMDataError(f"no purchases in or before {year!r}", where="account_years",
                           fix="choose a year the panel covers")
    phases = history.groupby("account_id")["our_spend"].apply(
        lambda s: lifecycle_phase(s.to_numpy(), **rule))
    return pd.Series(pd.Categorical(phases, categories=PHASES, ordered=True),
                     index=phases.index, name="phase")
