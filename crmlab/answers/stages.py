"""Chapter 2 (development stages): reference answers."""

from __future__ import annotations

import pandas as pd

from crmlab.datasets import load_account_years
from crmlab.registry import exercise
from crmlab.stages import classify_stage, share_of_wallet, stage_migration, stage_panel


def _year(panel: pd.DataFrame, year: int) -> pd.DataFrame:
    return panel[panel["year"] == year].set_index("account_id")


@exercise("ch2.ex1", "divide our_spend by category_spend for the 2025 rows; where "
                     "category_spend is 0 the share is 0. Index by account_id.")
def share_2025() -> pd.Series:
    rows = _year(load_account_years(), 2025)
    return share_of_wallet(rows["our_spend"], rows["category_spend"])


@exercise("ch2.ex2", "count stages with pd.cut(share, [0, 1e-12, 0.5, 0.8, 1.0001], "
                     "right=False, labels=...) — share 0 is development — then "
                     ".value_counts(). Index by stage name.")
def stage_counts_2025() -> pd.Series:
    stages = classify_stage(share_2025())
    return stages.value_counts().reindex(["development", "initial", "stable", "strategic"])


@exercise("ch2.ex3", "classify both years, join on account_id, and count accounts whose "
                     "stage in 2025 is later in the order than in 2021.")
def moved_up_2021_2025() -> int:
    panel = stage_panel(load_account_years())
    return stage_migration(_year(panel, 2021)["stage"], _year(panel, 2025)["stage"]).moved_up


@exercise("ch2.ex4", "set the 'Stable from share' slider to 0.40 and read the 2025 bar: how "
                     "many accounts are stable or strategic?")
def stable_or_strategic_at_40() -> int:
    stages = classify_stage(share_2025(), (0.40, 0.80))
    return int(stages.isin(["stable", "strategic"]).sum())


@exercise("ch2.ex5", "look at the event recorded in the year the share jumped.")
def event_behind_a111_entry() -> str:
    rows = load_account_years()
    rows = rows[(rows["account_id"] == "A111") & (rows["year"] == 2022)]
    return str(rows["event"].iloc[0])


@exercise("ch2.ex6", "which strategy of the stable stage makes leaving painful because a "
                     "change costs the customer money up front?")
def airline_strategy() -> str:
    return "c"
