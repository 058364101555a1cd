"""Generate chapter 5's (and 6's) datasets from fixed seeds: a Kano questionnaire, a hotel
guest survey with a true ACSI structural model, a monthly service-quality series with one
planted out-of-control month, and the reasons of lost customers. The truths are module
constants, quoted by the data card (``datasets/README.md``) and the tests.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmlab.acsi import ACSI_INDICATORS
from crmlab.kano import ANSWERS, CATEGORIES, KANO_TABLE

# --- Kano questionnaire -------------------------------------------------------------------
KANO_SEED = 20250501
KANO_RESPONDENTS = 300
KANO_FEATURES = {  # feature of a hotel stay: true category, share of answers per category
    "clean room": ("M", {"M": .68, "O": .16, "I": .10, "A": .04, "R": .01, "Q": .01}),
    "hot water at any hour": ("M", {"M": .58, "O": .20, "I": .16, "A": .04, "R": .01, "Q": .01}),
    "fast Wi-Fi": ("O", {"O": .55, "M": .20, "A": .13, "I": .10, "R": .01, "Q": .01}),
    "quick check-in": ("O", {"O": .40, "M": .36, "I": .16, "A": .06, "R": .01, "Q": .01}),
    "spacious room": ("O", {"O": .38, "I": .33, "A": .20, "M": .07, "R": .01, "Q": .01}),
    "welcome fruit basket": ("A", {"A": .56, "I": .28, "O": .12, "M": .02, "R": .01, "Q": .01}),
    "free minibar": ("A", {"A": .46, "O": .24, "I": .24, "M": .04, "R": .01, "Q": .01}),
    "pillow menu": ("A", {"A": .38, "I": .37, "O": .14, "M": .04, "R": .05, "Q": .02}),
    "many TV channels": ("I", {"I": .58, "A": .16, "O": .14, "M": .08, "R": .03, "Q": .01}),
    "robot room service": ("I", {"I": .40, "A": .30, "O": .20, "M": .05, "R": .03, "Q": .02}),
    "compulsory loyalty sign-up": ("R", {"R": .62, "I": .26, "M": .04, "A": .03, "O": .03,
                                         "Q": .02}),
}


def kano_data(seed: int = KANO_SEED) -> dict[str, pd.DataFrame]:
    """Every respondent's functional and dysfunctional answer for every feature (long).

    >>> kano_data()["kano_survey"].shape
    (3300, 4)
    """
    rng = np.random.default_rng(seed)
    cells = {c: [(f, d) for f in ANSWERS for d in ANSWERS if KANO_TABLE.loc[f, d] == c]
             for c in CATEGORIES}
    rows = []
    for respondent in range(1, KANO_RESPONDENTS + 1):
        for feature, (_, shares) in KANO_FEATURES.items():
            category = rng.choice(list(shares), p=np.array(list(shares.values())) /
                                  sum(shares.values()))
            functional, dysfunctional = cells[category][rng.integers(len(cells[category]))]
            rows.append((f"R{respondent:03d}", feature, functional, dysfunctional))
    return {"kano_survey": pd.DataFrame(rows, columns=["respondent", "feature", "functional",
                                                       "dysfunctional"])}


# --- hotel guest survey: importance-performance, expectations, ACSI, NPS, repurchase ----------
SURVEY_SEED = 20250601
N_GUESTS = 1000
ATTRIBUTES = {  # attribute: (stated importance, performance, expectation (1-5), true impact)
    "cleanliness": (4.6, 4.3, 4.5, 0.50),
    "check_in": (3.4, 3.0, 3.5, 0.30),
    "staff": (4.0, 4.1, 3.8, 0.60),
    "breakfast": (3.0, 3.6, 3.2, 0.20),
    "wifi": (3.2, 2.6, 3.5, 0.60),
    "price": (4.4, 2.9, 3.4, 0.15),
    "location": (3.8, 4.2, 3.9, 0.10),
    "quiet": (3.9, 3.3, 3.6, 0.50),
}
ACSI_TRUTH = {  # standardised path coefficients of the true structural model
    ("expectations", "quality"): 0.55, ("expectations", "value"): 0.15,
    ("quality", "value"): 0.60, ("expectations", "satisfaction"): 0.10,
    ("quality", "satisfaction"): 0.45, ("value", "satisfaction"): 0.35,
    ("satisfaction", "complaints"): -0.50, ("satisfaction", "loyalty"): 0.65,
    ("complaints", "loyalty"): -0.15,
}
ACSI_LOADING = 0.9  # every indicator = 0.9 x its construct + noise, on a 1-10 scale
GUEST_TYPES = {"business": (0.40, 0.2), "leisure": (0.40, 0.0), "family": (0.20, -0.3)}
# (share of guests, shift of loyalty in sd): families are the least loyal guests
REPURCHASE_BY_SATISFACTION = {1: 0.05, 2: 0.08, 3: 0.12, 4: 0.20, 5: 0.38, 6: 0.40, 7: 0.42,
                              8: 0.45, 9: 0.78, 10: 0.92}
# probability of staying again within a year by overall satisfaction (1-10): rising, then a
# zone of indifference from 5 to 8 (flat), then a jump for the completely satisfied (9-10)
ZONE_OF_INDIFFERENCE = (5, 8)


def _latent(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    """Construct scores with unit variance following ``ACSI_TRUTH`` (errors sized so)."""
    order = ["expectations", "quality", "value", "satisfaction", "complaints", "loyalty"]
    cov = np.zeros((6, 6))
    scores: dict[str, np.ndarray] = {}
    for j, construct in enumerate(order):
        sources = [(order.index(s), b) for (s, t), b in ACSI_TRUTH.items() if t == construct]
        explained = sum(b1 * b2 * cov[i1, i2] for i1, b1 in sources for i2, b2 in sources)
        noise = rng.normal(0, np.sqrt(1 - explained), n)
        scores[construct] = sum((b * scores[order[i]] for i, b in sources), noise)
        for k in range(j):
            cov[j, k] = cov[k, j] = sum(b * cov[i, k] for i, b in sources)
        cov[j, j] = 1.0
    return scores


def _rating(rng: np.random.Generator, mean: float, signal: np.ndarray, noise: float,
            low: int, high: int) -> np.ndarray:
    return np.clip(np.rint(mean + signal + rng.normal(0, noise, len(signal))), low, high).astype(int)


def survey_data(seed: int = SURVEY_SEED) -> dict[str, pd.DataFrame]:
    """1,000 hotel guests: importance, performance and expectation per attribute (1-5), the
    ACSI questions (1-10), likelihood to recommend (0-10), stays and later repurchase.

    >>> frame = survey_data()["guest_survey"]
    >>> frame.shape, int(frame["sat_overall"].between(1, 10).sum())
    ((1000, 43), 1000)
    """
    rng = np.random.default_rng(seed)
    n = N_GUESTS
    types = rng.choice(list(GUEST_TYPES), size=n, p=[v[0] for v in GUEST_TYPES.values()])
    lat = _latent(rng, n)
    loyalty = lat["loyalty"] + np.array([GUEST_TYPES[t][1] for t in types])
    frame = pd.DataFrame({"guest_id": [f"G{i:04d}" for i in range(1, n + 1)], "guest_type": types})
    for name, (importance, performance, expectation, impact) in ATTRIBUTES.items():
        frame[f"imp_{name}"] = _rating(rng, importance, np.zeros(n), 0.6, 1, 5)
        frame[f"perf_{name}"] = _rating(rng, performance, impact * 1.1 * lat["quality"], 0.6, 1, 5)
        frame[f"exp_{name}"] = _rating(rng, expectation, 0.4 * lat["expectations"], 0.6, 1, 5)
    unique = np.sqrt(1 - ACSI_LOADING ** 2)
    for indicator in ACSI_INDICATORS:
        signal = lat[indicator.construct] if indicator.construct != "loyalty" else loyalty
        centre = 3.0 if indicator.construct == "complaints" else 6.8
        frame[indicator.key] = _rating(rng, centre, 1.8 * (ACSI_LOADING * signal + unique *
                                                           rng.normal(0, 1, n)), 0.0, 1, 10)
    frame["recommend"] = _rating(rng, 7.2, 2.0 * loyalty, 1.0, 0, 10)
    frame["stays_last_year"] = rng.poisson(np.exp(0.6 + 0.5 * loyalty))
    p_again = frame["sat_overall"].map(REPURCHASE_BY_SATISFACTION).to_numpy()
    frame["stayed_again"] = (rng.random(n) < p_again).astype(int)
    truth = pd.DataFrame({"guest_id": frame["guest_id"],
                          **{c: np.round(v, 4) for c, v in lat.items()}})
    return {"guest_survey": frame, "guest_latent": truth}


# --- monthly service quality (control charts) -----------------------------------------------
QUALITY_SEED = 20250701
QUALITY_MONTHS = pd.period_range("2023-01", "2025-12", freq="M")
COMPLAINT_RATE = 0.04  # complaints per order in a normal month
PLANTED_MONTH = "2024-08"  # the month the call centre was outsourced
PLANTED_RATE = 0.07
SCORE_MEAN, SCORE_SD, PLANTED_SCORE_MEAN = 7.8, 0.9, 6.2  # 5 guests' scores a month (1-10)
SCORES_PER_MONTH = 5


def quality_data(seed: int = QUALITY_SEED) -> dict[str, pd.DataFrame]:
    """Orders, complaints and five guests' satisfaction scores per month, 2023-2025.

    >>> q = quality_data()["service_quality"]
    >>> q.shape, q.loc[q["month"] == "2024-08", "complaints"].item() > 0
    ((36, 8), True)
    """
    rng = np.random.default_rng(seed)
    months = QUALITY_MONTHS.astype(str)
    orders = rng.integers(800, 1301, len(months))
    planted = months == PLANTED_MONTH
    complaints = rng.binomial(orders, np.where(planted, PLANTED_RATE, COMPLAINT_RATE))
    frame = pd.DataFrame({"month": months, "orders": orders, "complaints": complaints})
    means = np.where(planted, PLANTED_SCORE_MEAN, SCORE_MEAN)
    for k in range(1, SCORES_PER_MONTH + 1):
        frame[f"score_{k}"] = np.clip(np.round(rng.normal(means, SCORE_SD), 1), 1, 10)
    return {"service_quality": frame}


# --- why customers left (churn reasons) -------------------------------------------------------
CHURN_SEED = 20250801
N_LOST = 320
CHURN_REASON_SHARES = {"price": 0.30, "inconvenience": 0.15, "missing key feature": 0.10,
                       "negative service encounter": 0.14, "poor response to failure": 0.11,
                       "competitor's move": 0.10, "ethical problem": 0.03, "involuntary": 0.07}


def churn_data(seed: int = CHURN_SEED) -> dict[str, pd.DataFrame]:
    """Lost customers of 2025 with the main reason they gave and their yearly value.

    >>> churn_data()["churn_reasons"]["reason"].nunique()
    8
    """
    rng = np.random.default_rng(seed)
    reasons = rng.choice(list(CHURN_REASON_SHARES), size=N_LOST,
                         p=list(CHURN_REASON_SHARES.values()))
    months = rng.choice(pd.period_range("2025-01", "2025-12", freq="M").astype(str), size=N_LOST)
    value = np.round(rng.gamma(2.0, 900.0, N_LOST), 0)
    return {"churn_reasons": pd.DataFrame({"customer_id": [f"L{i:03d}" for i in range(1, N_LOST + 1)],
                                           "month_lost": months, "reason": reasons,
                                           "yearly_value": value})}
