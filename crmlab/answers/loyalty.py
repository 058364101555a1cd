"""Chapter 6 (loyalty): reference answers."""

from __future__ import annotations

import pandas as pd

from crmlab.clv import clv_summary
from crmlab.cohorts import (
    cohort_retention,
    cohort_survival,
    survival_at,
    survival_curve,
    winback_list,
)
from crmlab.datasets import load_guest_survey, load_subscriptions, load_transactions
from crmlab.generate import RETAIL_END
from crmlab.generate_loyalty import END_MONTH, MONTHLY_MARGIN, PLANS
from crmlab.loyalty import jones_sasser, net_promoter_score
from crmlab.registry import exercise
from crmlab.retention import customer_npv, expected_lifetime, retention_profit_uplift
from crmlab.sbg import SBGModel, constant_retention, monthly_rate, residual_values, sbg_retention

LAPSED_AFTER_DAYS = 180  # no purchase in the last half year: lapsed


def _survival_at(plan: str, months: int) -> float:
    """The Kaplan-Meier share of a plan's members still in the club after ``months``."""
    members = load_subscriptions()
    chosen = members[members["plan"] == plan]
    return survival_at(survival_curve(chosen["tenure_months"], chosen["churned"]), months)


@exercise("ch6.ex1",
          "keep the family guests, then % of recommend answers 9-10 minus % of answers 0-6.",
          "100 * ((r >= 9).mean() - (r <= 6).mean()) with r the family guests' recommend.",
          atol=0.05, rtol=0.0)
def nps_of_families() -> float:
    survey = load_guest_survey()
    return net_promoter_score(survey.loc[survey["guest_type"] == "family", "recommend"]).nps


@exercise("ch6.ex2",
          "with cuts at 8, compare the guest's sat_overall and repurchase_likelihood with 8; "
          "check the apostle and terrorist extremes too.",
          "jones_sasser(survey['sat_overall'], survey['repurchase_likelihood'], cuts=(8, 8))"
          ".loc['G0007']")
def quadrant_of_g0007() -> str:
    survey = load_guest_survey()
    return str(jones_sasser(survey["sat_overall"], survey["repurchase_likelihood"], (8, 8))
               .loc["G0007"])


@exercise("ch6.ex3",
          "read how many basic members are still there after two years (Kaplan-Meier), turn "
          "that into the same retention for every month, and the lifetime follows as 1 / churn.",
          "S = survival of the basic plan at 24 months; monthly retention = S ** (1 / 24); "
          "lifetime = 1 / (1 - monthly retention), in months.")
def basic_lifetime_in_months() -> float:
    return expected_lifetime(1 - _survival_at("basic", 24) ** (1 / 24))


@exercise("ch6.ex4",
          "year t's profit counts only if the customer is still there (retention^(t-1)) and is "
          "discounted by (1 + d)^t; subtract the acquisition cost once.",
          "-40 + 50/1.1 + 0.7*60/1.1**2 + 0.7**2*70/1.1**3", rtol=1e-6)
def npv_by_hand() -> float:
    return customer_npv(0.7, pd.Series([50.0, 60.0, 70.0], index=[1, 2, 3]), 0.1, 40)


@exercise("ch6.ex5",
          "find each customer's first purchase month; keep the customers whose first month is "
          "2024-03; count those who bought in 2024-09 (six months later) and divide.",
          "cohort_retention(transactions).loc['2024-03', 6]", rtol=1e-6)
def march_2024_cohort_at_six_months() -> float:
    return float(cohort_retention(load_transactions()).loc["2024-03", 6])


@exercise("ch6.ex6",
          "compute the Kaplan-Meier curve of the premium members only and read it at 24 months.",
          "survival_curve(premium['tenure_months'], premium['churned']).loc[24, 'survival']",
          atol=0.005, rtol=0.0)
def premium_members_after_two_years() -> float:
    return _survival_at("premium", 24)


@exercise("ch6.ex7",
          "rank the customers lapsed for 180 days as the chapter did (winback_list), keep the "
          "first 25, and add up what winning each back is expected to bring (its score).",
          "winback_list(clv_summary(transactions, RETAIL_END, 'D'), lapsed_after=180)"
          "['score'].head(25).sum()")
def value_of_25_winback_calls() -> float:
    summary = clv_summary(load_transactions(), RETAIL_END, "D")
    return float(winback_list(summary, LAPSED_AFTER_DAYS)["score"].head(25).sum())


@exercise("ch6.ex8",
          "the same model as the chapter's calculator, with retention 0.70 instead of 0.80.",
          "retention_profit_uplift(0.70).uplift", rtol=1e-6)
def uplift_from_70_percent() -> float:
    return retention_profit_uplift(0.70).uplift


@exercise("ch6.ex9",
          "high relative attitude but few repeat purchases: what holds such customers back?",
          "latent loyalty: they like the brand but situational factors (price, access, "
          "habits) keep them from buying more.")
def latent_loyalty_reading() -> str:
    return "b"


def _plan_cohorts(plan: str) -> pd.DataFrame:
    """The plan's members alive by months since joining, one column per joining month."""
    members = load_subscriptions()
    return cohort_survival(members[members["plan"] == plan], END_MONTH)


@exercise("ch6.ex11",
          "fit the sBG on more of each membership: the first 24 months instead of 12, for the "
          "standard plan, and project its survival to month 35.",
          "cohorts = cohort_survival(standard members, END_MONTH); "
          "SBGModel().fit(cohorts.loc[:24]).survival(35).iloc[-1]")
def standard_projected_from_two_years() -> float:
    return float(SBGModel().fit(_plan_cohorts("standard").loc[:24]).survival(35).iloc[-1])


@exercise("ch6.ex12",
          "the one rate now comes from members past their first year only: rebase each cohort's "
          "curve at month 12 so that it starts there, and value a new member with that rate and "
          "with the sBG fitted on all months.",
          "rate = constant_retention(cohorts.loc[12:].reset_index(drop=True)); "
          "residual_values(*SBGModel().fit(cohorts).params_.values(), rate, 20, "
          "monthly_rate(0.10), [0], horizon=36).loc[0, 'one rate / sBG']")
def mature_rate_overvalues_new_members() -> float:
    cohorts = _plan_cohorts("basic")
    rate = constant_retention(cohorts.loc[12:].reset_index(drop=True))
    model = SBGModel().fit(cohorts)
    values = residual_values(*model.params_.values(), rate, MONTHLY_MARGIN["basic"],
                             monthly_rate(0.10), [0], horizon=36)
    return float(values.loc[0, "one rate / sBG"])


@exercise("ch6.ex13",
          "of the members still there after t - 1 months, a share (β + t - 1) / (α + β + t - 1) "
          "renews in month t; the rest cancel.",
          "1 - (38 + 24) / (0.7 + 38 + 24) = 0.7 / 62.7")
def premium_churn_in_month_25() -> float:
    _, alpha, beta = PLANS["premium"]
    return float(1 - sbg_retention(alpha, beta, 25)[-1])
