"""Chapter 2 (development stages): reference answers."""

from __future__ import annotations

import pandas as pd

from crmlab.datasets import load_account_years, load_accounts
from crmlab.registry import exercise
from crmlab.stages import (
    STAGES,
    classify_stage,
    lifecycle_phases,
    share_of_wallet,
    stage_migration,
    stage_panel,
)


def _year(panel: pd.DataFrame, year: int) -> pd.DataFrame:
    return panel[panel["year"] == year].set_index("account_id")


def _share(year: int) -> pd.Series:
    rows = _year(load_account_years(), year)
    return share_of_wallet(rows["our_spend"], rows["category_spend"])


@exercise("ch2.ex1",
          "Share of wallet is our part of what the customer spends in the category; a "
          "customer who spent nothing in the category gives us a share of 0, not an error.",
          "keep the 2023 rows, set_index('account_id'), divide our_spend by category_spend "
          "and put 0 where category_spend is 0 (.where(category_spend > 0, 0.0)).")
def share_2023() -> pd.Series:
    return _share(2023)


@exercise("ch2.ex2",
          "Two steps: pick the chemicals accounts, then place each 2024 share in a stage; a "
          "stage nobody is in still appears, with 0.",
          "join the industry from load_accounts() on account_id, keep industry == "
          "'chemicals' and year 2024, pd.cut the shares with [0, 1e-12, 0.5, 0.8, 1.0001], "
          "right=False, then .value_counts().reindex(stage names, fill_value=0).")
def chemicals_stage_counts_2024() -> pd.Series:
    accounts = load_accounts().set_index("account_id")
    share = _share(2024)
    chemicals = share[accounts.loc[share.index, "industry"] == "chemicals"]
    return classify_stage(chemicals).value_counts().reindex(list(STAGES), fill_value=0)


@exercise("ch2.ex3",
          "Falling back means a stage earlier in the order development < initial < stable < "
          "strategic; compare each account with itself two years apart.",
          "classify 2022 and 2024, map each stage to its position 0-3, align on account_id "
          "and count the accounts whose 2024 position is smaller than their 2022 position.")
def fell_back_2022_2024() -> int:
    panel = stage_panel(load_account_years())
    return stage_migration(_year(panel, 2022)["stage"], _year(panel, 2024)["stage"]).fell_back


@exercise("ch2.ex4",
          "Lower the threshold and accounts with a share between 0.40 and 0.50 move from "
          "initial to stable; the 2025 bar shows it.",
          "set 'Stable from share' to 0.40 (leave 0.80) and add the stable and strategic "
          "counts of 2025 — or count 2025 shares >= 0.40.")
def stable_or_strategic_at_40() -> int:
    stages = classify_stage(_share(2025), (0.40, 0.80))
    return int(stages.isin(["stable", "strategic"]).sum())


@exercise("ch2.ex5",
          "Compute each account's share in both years and look at the change, not the level.",
          "share 2024 - share 2023 per account_id (both with the 0 rule), then .idxmax(); "
          "answer the account id as text.")
def largest_rise_2023_2024() -> str:
    return str((_share(2024) - _share(2023)).idxmax())


@exercise("ch2.ex6",
          "Which stage is the supplier in, and what does the move try to change: how pleasant "
          "it is to stay, or how costly it is to leave?",
          "equipment installed and staff trained at the supplier's expense would have to be "
          "replaced and retrained with any other supplier: a one-off cost of changing.")
def dosing_equipment_strategy() -> str:
    return "d"


@exercise("ch2.ex7",
          "The phase reads the trend of our own yearly sales to each account up to the year "
          "asked, not the share of wallet.",
          "lifecycle_phases(account_years, 2024) gives every account's phase in 2024; count "
          "the accounts in 'decline'.")
def declining_accounts_2024() -> int:
    return int((lifecycle_phases(load_account_years(), 2024) == "decline").sum())
