"""Chapter 5 (satisfaction): reference answers."""

from __future__ import annotations

import pandas as pd

from crmlab.acsi import ACSI_BLOCKS, ACSI_STRUCTURE, PLSPathModel
from crmlab.datasets import (
    GUEST_ATTRIBUTES,
    load_churn_reasons,
    load_guest_survey,
    load_kano_survey,
    load_service_quality,
)
from crmlab.ipa import importance_performance
from crmlab.kano import better_worse_quadrant, kano_category, kano_table
from crmlab.quality_control import p_chart
from crmlab.registry import exercise
from crmlab.satisfaction import churn_cost, disconfirmation, sample_size
from crmlab.satisfaction_cycle import simulate_satisfaction_cycle

PAIRS = [("like", "live-with"), ("neutral", "dislike"), ("dislike", "like"), ("must-be", "neutral"),
         ("like", "dislike")]


@exercise("ch5.ex1",
          "find the functional answer's row and the dysfunctional answer's column of the Kano "
          "table; the cell is the category.",
          "like x live-with is A; neutral x dislike is M; dislike x like is R; must-be x neutral "
          "is I; like x dislike is O — answer a list of the five letters in order.")
def categories_of_five_pairs() -> list[str]:
    return [kano_category(f, d) for f, d in PAIRS]


@exercise("ch5.ex2",
          "keep the rows of respondents R001 to R150, count A, O, M and I for fast Wi-Fi, then "
          "better = (A+O)/(A+O+M+I) and worse = -(O+M)/(A+O+M+I).",
          "kano_table(survey[survey['respondent'] <= 'R150']).loc['fast Wi-Fi', ['better', "
          "'worse']]; answer a Series indexed by 'better' and 'worse'.", rtol=1e-4)
def better_worse_first_half() -> pd.Series:
    survey = load_kano_survey()
    table = kano_table(survey[survey["respondent"] <= "R150"])
    return table.loc["fast Wi-Fi", ["better", "worse"]].astype(float)


@exercise("ch5.ex3",
          "take family guests only, average imp_ and perf_ per attribute, and put the crosshair "
          "at the medians of those averages.",
          "importance_performance(imp_means, perf_means, crosshair='median') and read the "
          "quadrant of quiet.")
def quiet_for_families_at_the_medians() -> str:
    survey = load_guest_survey()
    families = survey[survey["guest_type"] == "family"]
    imp = pd.Series({a: families[f"imp_{a}"].mean() for a in GUEST_ATTRIBUTES})
    perf = pd.Series({a: families[f"perf_{a}"].mean() for a in GUEST_ATTRIBUTES})
    return str(importance_performance(imp, perf, "median").loc["quiet", "quadrant"])


@exercise("ch5.ex4",
          "p-bar is all complaints over all orders (all 36 months); the month's limit uses its "
          "own number of orders.",
          "ucl = pbar + 3 * sqrt(pbar * (1 - pbar) / n) with n the orders of 2025-03.", rtol=1e-6)
def ucl_march_2025() -> float:
    quality = load_service_quality().set_index("month")
    return float(p_chart(quality["complaints"], quality["orders"]).loc["2025-03", "ucl"])


@exercise("ch5.ex5",
          "keep the business guests and fit PLSPathModel(ACSI_STRUCTURE, ACSI_BLOCKS) on them; "
          "read paths_.",
          "model.paths_[('value', 'satisfaction')] with the model fitted on "
          "survey[survey['guest_type'] == 'business']", atol=0.005, rtol=0.0)
def business_value_to_satisfaction() -> float:
    survey = load_guest_survey()
    model = PLSPathModel(ACSI_STRUCTURE, ACSI_BLOCKS).fit(survey[survey["guest_type"] == "business"])
    return float(model.paths_[("value", "satisfaction")])


@exercise("ch5.ex6",
          "the firm acts only once dissatisfaction has lasted the number of periods you set; "
          "count every dissatisfied period of the 48, over all rounds of the cycle.",
          "simulate_satisfaction_cycle(48, react_after=8) and count stage == "
          "'dissatisfaction'.")
def dissatisfied_periods_slower_firm() -> int:
    cycle = simulate_satisfaction_cycle(48, react_after=8)
    return int((cycle["stage"] == "dissatisfaction").sum())


@exercise("ch5.ex7",
          "lost customers = customers x churn rate; each costs its margin and the acquisition "
          "cost of a replacement.",
          "12,000 x 0.18 = 2,160 lost; 2,160 x (240 + 500).")
def churn_cost_by_hand() -> float:
    return churn_cost(12_000, 0.18, 240, 500).total


@exercise("ch5.ex8",
          "keep the rows lost from 2025-07 on whose reason is one of the two service failures; "
          "each costs what it bought a year plus a replacement.",
          "failures = lost[(lost['month_lost'] >= '2025-07') & lost['reason'].isin([...])]; "
          "failures['yearly_value'].sum() + 450 * len(failures).")
def service_failures_second_half_cost() -> float:
    lost = load_churn_reasons()
    failures = lost[(lost["month_lost"] >= "2025-07")
                    & lost["reason"].isin(["negative service encounter", "poor response to failure"])]
    return float(failures["yearly_value"].sum() + 450 * len(failures))


@exercise("ch5.ex9",
          "for business guests compute perf_wifi - exp_wifi; with a band of one point, only a "
          "gap below -1 is dissatisfied.",
          "((g['perf_wifi'] - g['exp_wifi']) < -1).mean() with g the business guests.")
def business_dissatisfied_with_wifi() -> float:
    survey = load_guest_survey()
    business = survey[survey["guest_type"] == "business"]
    outcome = disconfirmation(business["perf_wifi"], business["exp_wifi"], tolerance=1)
    return float((outcome == "dissatisfied").mean())


@exercise("ch5.ex10",
          "build the Kano table of the respondents after R150 first; a feature's corner comes "
          "from better and |worse| against the 0.5 lines, its category from the majority rule.",
          "better_worse_quadrant(kano_table(kano[kano['respondent'] > 'R150'])) and keep the "
          "index where disagrees is True, sorted.")
def corners_that_disagree_second_half() -> list[str]:
    corners = better_worse_quadrant(kano_table(load_kano_survey().query("respondent > 'R150'")))
    return sorted(corners.index[corners["disagrees"]])


@exercise("ch5.ex11",
          "n0 = z² p (1 - p) / e² with z = 1.96, p = 0.5, e = 0.04; then the finite-population "
          "correction n0 / (1 + (n0 - 1) / N).",
          "1.96² x 0.25 / 0.0016 = 600.25; 600.25 / (1 + 599.25 / 3000) = 500.3 -> round up.")
def sample_size_for_3000_guests() -> int:
    return sample_size(0.04, population=3000)
