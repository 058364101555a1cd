"""Generate chapter 6's subscription data from a fixed seed: members of the hotel's paid
club with their plan, satisfaction, tenure and whether they cancelled (for survival
curves). The monthly cancellation hazards are module constants, quoted by the data card.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

SUBSCRIPTION_SEED = 20250901
N_MEMBERS = 1500
OBSERVED_MONTHS = 36  # members joined over 2023-2025; observation ends in December 2025
PLANS = {"basic": (0.45, 0.050), "standard": (0.35, 0.030), "premium": (0.20, 0.018)}
# plan: (share of members, monthly hazard of cancelling at satisfaction 7)
SATISFACTION_EFFECT = 0.15  # each satisfaction point above 7 cuts the hazard by 15 % (below: raises)


def subscription_data(seed: int = SUBSCRIPTION_SEED) -> dict[str, pd.DataFrame]:
    """One row per club member: plan, satisfaction (1-10), month joined, tenure in months
    and whether they cancelled (1) or were still members at the end (0: censored).

    >>> members = subscription_data()["subscriptions"]
    >>> members.shape, sorted(members["plan"].unique())
    ((1500, 6), ['basic', 'premium', 'standard'])
    """
    rng = np.random.default_rng(seed)
    plans = rng.choice(list(PLANS), size=N_MEMBERS, p=[v[0] for v in PLANS.values()])
    satisfaction = np.clip(np.rint(rng.normal(7, 1.8, N_MEMBERS)), 1, 10).astype(int)
    joined = rng.integers(0, OBSERVED_MONTHS, N_MEMBERS)  # month 0 = January 2023
    hazard = np.array([PLANS[p][1] for p in plans]) * (1 - SATISFACTION_EFFECT) ** (satisfaction - 7)
    lifetime = rng.geometric(np.clip(hazard, 0.001, 0.9))  # months until cancelling
    window = OBSERVED_MONTHS - joined
    churned = (lifetime <= window).astype(int)
    tenure = np.where(churned == 1, lifetime, window)
    months = pd.period_range("2023-01", periods=OBSERVED_MONTHS, freq="M").astype(str)
    return {"subscriptions": pd.DataFrame({
        "member_id": [f"M{i:04d}" for i in range(1, N_MEMBERS + 1)], "plan": plans,
        "satisfaction": satisfaction, "joined": np.asarray(months)[joined],
        "tenure_months": tenure, "churned": churned})}
