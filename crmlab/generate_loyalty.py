"""Generate chapter 6's subscription data from a fixed seed: members of the hotel's paid
club with their plan, satisfaction, tenure and whether they cancelled (for survival
curves and the sBG model). Each member has a monthly churn probability of their own, drawn
per plan from the Beta distribution in ``PLANS`` (the shifted-beta-geometric model of
Fader & Hardie 2007); the data card quotes these parameters.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import beta as beta_distribution
from scipy.stats import norm

SUBSCRIPTION_SEED = 20250901
N_MEMBERS = 3000
OBSERVED_MONTHS = 36  # members joined over 2023-2025; observation ends in December 2025
END_MONTH = "2025-12"  # the last month observed
PLANS = {"basic": (0.45, 0.5, 9.0), "standard": (0.35, 0.6, 19.0), "premium": (0.20, 0.7, 38.0)}
# plan: (share of members, alpha, beta): a member's monthly churn probability is Beta(alpha, beta)
MONTHLY_MARGIN = {"basic": 20.0, "standard": 35.0, "premium": 60.0}  # yuan a member brings a month
SATISFACTION_LINK = 0.5  # correlation of satisfaction with the member's staying power


def subscription_data(seed: int = SUBSCRIPTION_SEED, members: int = N_MEMBERS
                      ) -> dict[str, pd.DataFrame]:
    """One row per club member: plan, satisfaction (1-10), month joined, tenure in months
    and whether they cancelled (1) or were still members at the end (0: censored).
    ``members`` other than the course's 3,000 draws a larger or smaller club (for tests).

    >>> members = subscription_data()["subscriptions"]
    >>> members.shape, sorted(members["plan"].unique())
    ((3000, 6), ['basic', 'premium', 'standard'])
    """
    rng = np.random.default_rng(seed)
    plans = rng.choice(list(PLANS), size=members, p=[v[0] for v in PLANS.values()])
    rank = rng.uniform(size=members)  # the member's place in their plan's churn distribution
    alpha, beta = (np.array([PLANS[p][k] for p in plans]) for k in (1, 2))
    churn = beta_distribution.ppf(rank, alpha, beta)  # the member's monthly churn probability
    # members who are likely to stay are more satisfied (a Gaussian copula on the rank)
    noise = rng.normal(size=members)
    score = SATISFACTION_LINK * norm.ppf(1 - rank) + np.sqrt(1 - SATISFACTION_LINK ** 2) * noise
    satisfaction = np.clip(np.rint(7 + 1.8 * score), 1, 10).astype(int)
    joined = rng.integers(0, OBSERVED_MONTHS, members)  # month 0 = January 2023
    lifetime = rng.geometric(churn)  # months until cancelling
    window = OBSERVED_MONTHS - joined
    churned = (lifetime <= window).astype(int)
    tenure = np.where(churned == 1, lifetime, window)
    months = pd.period_range(end=END_MONTH, periods=OBSERVED_MONTHS, freq="M").astype(str)
    return {"subscriptions": pd.DataFrame({
        "member_id": [f"M{i:04d}" for i in range(1, members + 1)], "plan": plans,
        "satisfaction": satisfaction, "joined": np.asarray(months)[joined],
        "tenure_months": tenure, "churned": churned})}
