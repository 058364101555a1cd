"""Chapter 3 (customer identification and segmentation): reference answers."""

from __future__ import annotations

import pandas as pd

from crmlab.datasets import load_account_years, load_burnett_scores, load_household_segments, load_households
from crmlab.identification import (
    ATTRACTIVENESS,
    RELATIONSHIP_LEVELS,
    burnett_level,
    burnett_matrix,
    burnett_strategy,
    clp_matrix,
    default_weights,
    relationship_status,
    weighted_index,
)
from crmlab.registry import exercise
from crmlab.segmentation import FEATURE_SETS, agreement, choose_k, segment_households

BUSINESS = tuple(i for i in ATTRACTIVENESS if i.group == "business status")
EX4_FEATURES = ["income", "education_years", "price_sensitivity", "wants_amenities"]


def _truth() -> pd.Series:
    return load_household_segments().set_index("household_id")["segment"]


@exercise("ch3.ex1",
          "use only the six business-status columns; multiply each by its weight (.08 .03 .05 "
          ".03 .04 .04), add them up per account, and divide by the sum of those six weights.",
          "scores[cols].mul(pd.Series(w)).sum(axis=1) / sum(w.values()), with cols the six keys "
          "volume ... impression and w their weights; the index stays account_id.")
def business_status_index() -> pd.Series:
    return weighted_index(load_burnett_scores(), {i.key: i.weight for i in BUSINESS}, BUSINESS)


@exercise("ch3.ex2",
          "first turn each index into a level with the new cuts, then look the pair up in the "
          "strategy grid.",
          "attractiveness 3.2 is at or above 3.0: high; relationship 2.4 is below 2.5: poor. "
          "Answer with the letter.")
def strategy_under_other_cuts() -> str:
    strategy = burnett_strategy(burnett_level(3.2, (2.0, 3.0)),
                                burnett_level(2.4, labels=RELATIONSHIP_LEVELS))
    return {"develop": "a", "selective defence": "b", "maintain a little": "c",
            "defend, maintain": "d", "exit": "e"}[strategy]


@exercise("ch3.ex3",
          "choose the indicator in the explorer's first menu, move its weight to 0 and read how "
          "many accounts the plot rings (the title says it too).",
          "in code: burnett_matrix(scores, {**default_weights(), 'our_margin': 0})['strategy'] "
          "!= burnett_matrix(scores)['strategy'], then .sum().")
def accounts_changed_without_our_margin() -> int:
    scores = load_burnett_scores()
    weights = {**default_weights(), "our_margin": 0.0}
    changed = burnett_matrix(scores, weights)["strategy"] != burnett_matrix(scores)["strategy"]
    return int(changed.sum())


@exercise("ch3.ex4",
          "standardise the four columns first (StandardScaler), then KMeans(n_clusters=5, "
          "n_init=10, random_state=0); compare its labels with the true segments.",
          "adjusted_rand_score(truth.reindex(survey.index), labels); round to two decimals.",
          atol=0.006, rtol=0.0)
def ari_on_four_features() -> float:
    return agreement(segment_households(load_households(), 5, EX4_FEATURES),
                     _truth().reindex(load_households().index))


@exercise("ch3.ex5",
          "choose_k with the demographics features gives one silhouette per k; look for the "
          "highest.",
          "choose_k(survey, range(2, 9), features=FEATURE_SETS['demographics'])['silhouette']"
          ".idxmax()")
def best_k_by_silhouette_on_demographics() -> int:
    table = choose_k(load_households(), range(2, 9), features=FEATURE_SETS["demographics"])
    return int(table["silhouette"].idxmax())


@exercise("ch3.ex6",
          "with k = 6 one true segment has to share two clusters: look for two profiles that "
          "look alike.",
          "pd.crosstab(labels, truth): the true segment with two large counts in its column.")
def segment_split_by_six() -> str:
    survey = load_households()
    table = pd.crosstab(segment_households(survey, 6), _truth().reindex(survey.index))
    split = (table >= 0.25 * table.sum()).sum().idxmax()
    return {"wealthy families": "a", "young achievers": "b", "child-centred": "c",
            "elderly care": "d", "pragmatic families": "e"}[split]


@exercise("ch3.ex7",
          "the decision maker chooses, the buyer signs and pays, the user works with the "
          "product, the influencer advises.",
          "answer a dict with the four roles as keys and the letters a-d as values.",
          synonyms={"end user": "user", "end-user": "user", "decision-maker": "decision maker",
                    "decider": "decision maker", "purchaser": "buyer"})
def buying_centre_roles() -> pd.Series:
    return pd.Series({"buyer": "b", "user": "c", "influencer": "d", "decision maker": "a"})


@exercise("ch3.ex8",
          "compute the relationship index of every account and its 2025 share of wallet; "
          "loyal needs both at or above their cuts.",
          "relationship_status(share_2025, relationship_index(scores), view_from=3.5) and "
          "count 'loyal'.")
def loyal_with_a_stricter_view() -> int:
    panel = load_account_years()
    last = panel[panel["year"] == 2025].set_index("account_id")
    share = last["our_spend"] / last["category_spend"]
    relationship = burnett_matrix(load_burnett_scores())["relationship"].reindex(share.index)
    return int((relationship_status(share, relationship, view_from=3.5) == "loyal").sum())


@exercise("ch3.ex10",
          "the cuts move from the medians to the 75th percentiles of current value and of "
          "potential; then add up the 2025 revenue of the core cell and divide by all revenue.",
          "clp_matrix(last['our_spend'], last['category_spend'] - last['our_spend'], cuts=0.75); "
          "last.loc[cell == 'core', 'our_spend'].sum() / last['our_spend'].sum().")
def core_revenue_share_at_upper_quartiles() -> float:
    last = load_account_years().query("year == 2025").set_index("account_id")
    clp = clp_matrix(last["our_spend"], last["category_spend"] - last["our_spend"], cuts=0.75)
    return float(last.loc[clp["cell"] == "core", "our_spend"].sum() / last["our_spend"].sum())
