"""Generate the course's synthetic datasets from fixed seeds, byte for byte.

Every generator returns DataFrames; :func:`write_datasets` writes them as CSV and
:func:`stale_datasets` lists the committed files that a fresh build would change.
The true parameters are module constants so tests and data cards quote one source.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from crmlab.datasets import HOUSEHOLD_COLUMNS
from crmlab.errors import CRMDataError
from crmlab.files import drift
from crmlab.generate_loyalty import subscription_data
from crmlab.generate_satisfaction import churn_data, kano_data, quality_data, survey_data
from crmlab.identification import ATTRACTIVENESS, RELATIONSHIP

# --- retail customers and transactions (chapters 0, 4, 6) -------------------------------
RETAIL_SEED = 20230101
N_CUSTOMERS = 4000
RETAIL_START = pd.Timestamp("2023-01-01")
SIGNUP_END = pd.Timestamp("2024-12-31")
RETAIL_END = pd.Timestamp("2025-12-31")
CALIBRATION_END = pd.Timestamp("2025-06-30")
BGNBD_TRUTH = {"r": 0.8, "alpha": 6.0, "a": 0.9, "b": 4.0}  # time unit: weeks
# the same shop if customers dropped out as Pareto/NBD says (retail_data(dropout="pareto/nbd")):
# lifetimes exponential with a Gamma(s, beta) rate; the mean lifetime beta / (s - 1) would be
# infinite for s <= 1, so s = 0.7 gives the long-lived tail BG/NBD also has
PARETO_NBD_TRUTH = {"r": 0.8, "alpha": 6.0, "s": 0.7, "beta": 20.0}  # weeks
GAMMA_GAMMA_TRUTH = {"p": 6.0, "q": 4.0, "v": 40.0}  # spend in yuan per purchase
COST_RATIO_BETA = (14.0, 6.0)  # cost of goods / amount ~ Beta: mean 70 %, margin 30 %
CHANNELS = {  # acquisition channel: (share of customers, mean acquisition cost in yuan)
    "search": (0.30, 45.0),
    "social": (0.25, 30.0),
    "referral": (0.15, 20.0),
    "store": (0.20, 12.0),
    "email": (0.10, 8.0),
}
CITY_TIERS = {1: 0.30, 2: 0.45, 3: 0.25}


def _bgnbd_purchase_weeks(rng: np.random.Generator, rate: float, dropout: float,
                          horizon: float) -> tuple[list[float], float]:
    """Repeat-purchase times (weeks after the first purchase) and the time of dropout.

    BG/NBD (Fader, Hardie & Lee 2005): Poisson purchases at ``rate`` while alive; after
    each repeat purchase the customer drops out with probability ``dropout``.
    """
    times: list[float] = []
    t = 0.0
    while True:
        t += rng.exponential(1.0 / rate)
        if t >= horizon:
            return times, np.inf
        times.append(t)
        if rng.random() < dropout:
            return times, t


def _pareto_nbd_purchase_weeks(rng: np.random.Generator, rate: float, dropout_rate: float,
                               horizon: float) -> tuple[list[float], float]:
    """Repeat-purchase times and the time of dropout under Pareto/NBD (Schmittlein, Morrison
    & Colombo 1987): Poisson purchases at ``rate`` during an exponential lifetime with rate
    ``dropout_rate``, whatever the customer buys."""
    lifetime = rng.exponential(1.0 / dropout_rate)
    end = min(lifetime, horizon)
    times: list[float] = []
    t = rng.exponential(1.0 / rate)
    while t < end:
        times.append(t)
        t += rng.exponential(1.0 / rate)
    return times, (lifetime if lifetime < horizon else np.inf)


def retail_data(seed: int = RETAIL_SEED, dropout: str = "bg/nbd") -> dict[str, pd.DataFrame]:
    """Customers, transactions and the latent truth of the retail business. The course's
    data drops customers out as BG/NBD says (``BGNBD_TRUTH``); ``dropout="pareto/nbd"``
    runs the same shop with Pareto/NBD's dropout (``PARETO_NBD_TRUTH``), to check that
    model against known truth.

    >>> frames = retail_data()
    >>> sorted(frames)
    ['customers', 'retail_latent', 'transactions']
    """
    if dropout not in ("bg/nbd", "pareto/nbd"):
        raise CRMDataError(f"dropout must be 'bg/nbd' or 'pareto/nbd', got {dropout!r}",
                           fix="the course's data is dropout='bg/nbd'")
    rng = np.random.default_rng(seed)
    n = N_CUSTOMERS
    ids = np.arange(1, n + 1)
    signup_span = (SIGNUP_END - RETAIL_START).days + 1
    signup = RETAIL_START + pd.to_timedelta(np.sort(rng.integers(0, signup_span, n)), unit="D")
    names = list(CHANNELS)
    shares = np.array([CHANNELS[c][0] for c in names])
    channel = rng.choice(names, size=n, p=shares / shares.sum())
    mean_cost = np.array([CHANNELS[c][1] for c in channel])
    acquisition_cost = np.round(rng.gamma(4.0, mean_cost / 4.0), 2)
    tiers = list(CITY_TIERS)
    customers = pd.DataFrame({
        "customer_id": ids,
        "signup_date": signup.strftime("%Y-%m-%d"),
        "age": np.clip(np.round(rng.normal(38, 11, n)), 18, 80).astype(int),
        "gender": rng.choice(["F", "M"], size=n, p=[0.55, 0.45]),
        "city_tier": rng.choice(tiers, size=n, p=list(CITY_TIERS.values())),
        "channel": channel,
        "acquisition_cost": acquisition_cost,
    })

    bg, gg = BGNBD_TRUTH, GAMMA_GAMMA_TRUTH
    rate = rng.gamma(bg["r"], 1.0 / bg["alpha"], n)
    if dropout == "bg/nbd":
        leaving, purchase_weeks = rng.beta(bg["a"], bg["b"], n), _bgnbd_purchase_weeks
    else:
        pn = PARETO_NBD_TRUTH
        leaving, purchase_weeks = rng.gamma(pn["s"], 1.0 / pn["beta"], n), _pareto_nbd_purchase_weeks
    nu = rng.gamma(gg["q"], 1.0 / gg["v"], n)
    horizon_weeks = ((RETAIL_END - signup).days + 1) / 7.0
    rows_id, rows_day, alive = [], [], np.ones(n, dtype=bool)
    for i in range(n):
        weeks, died_at = purchase_weeks(rng, rate[i], leaving[i], horizon_weeks[i])
        days = [0] + [int(w * 7) for w in weeks]
        alive[i] = not np.isfinite(died_at)
        rows_id.extend([ids[i]] * len(days))
        rows_day.extend(days)
    cust_index = np.asarray(rows_id) - 1
    amount = np.round(rng.gamma(gg["p"], 1.0 / nu[cust_index]), 2)
    amount = np.maximum(amount, 0.01)
    cost = np.round(amount * rng.beta(*COST_RATIO_BETA, len(amount)), 2)
    dates = signup[cust_index] + pd.to_timedelta(rows_day, unit="D")
    transactions = pd.DataFrame({
        "customer_id": rows_id,
        "date": dates.strftime("%Y-%m-%d"),
        "amount": amount,
        "cost": cost,
    }).sort_values(["date", "customer_id"], kind="stable").reset_index(drop=True)
    latent = pd.DataFrame({
        "customer_id": ids,
        "purchase_rate": np.round(rate, 6),
        ("dropout_prob" if dropout == "bg/nbd" else "dropout_rate"): np.round(leaving, 6),
        "mean_spend": np.round(gg["p"] / nu, 4),
        "alive_at_end": alive,
    })
    return {"customers": customers, "transactions": transactions, "retail_latent": latent}


# --- product lines (chapter 1) -----------------------------------------------------------
# firm, product line, sector, customers, price (yuan per unit), margin (fraction of price),
# units per customer per year, cost of one contact (yuan), relationship type run today.
PRODUCT_LINES = (
    ("Brightleaf Consumer", "shampoo (consumers)", "mass consumer goods",
     2_000_000, 35.0, 0.30, 6, 25.0, "reactive"),
    ("Brightleaf Consumer", "laundry detergent (consumers)", "mass consumer goods",
     3_500_000, 25.0, 0.20, 12, 25.0, "reactive"),
    ("Brightleaf Consumer", "national retail-chain account", "retail-chain account",
     3, 20.0, 0.45, 40_000_000, 50_000.0, "partnership"),
    ("FreshCo Dairy", "milk (supermarket shoppers)", "mass consumer goods",
     800_000, 6.0, 0.08, 150, 80.0, "basic"),
    ("Paperway", "office supplies (small offices)", "office supplies",
     40_000, 60.0, 0.12, 20, 160.0, "accountable"),
    ("Paperway", "office supplies (corporate contracts)", "office supplies",
     600, 60.0, 0.22, 2_000, 3_000.0, "accountable"),
    ("Hengli Machinery", "industrial pumps", "industrial equipment",
     350, 80_000.0, 0.30, 3, 8_000.0, "accountable"),
    ("Hengli Machinery", "CNC machine tools", "industrial equipment",
     80, 1_200_000.0, 0.35, 1, 12_000.0, "proactive"),
    ("SkyWorks Aerospace", "airliners", "aircraft",
     25, 600_000_000.0, 0.45, 2, 200_000.0, "partnership"),
    ("SkyWorks Aerospace", "spare parts and maintenance", "aircraft",
     60, 2_000_000.0, 0.50, 20, 20_000.0, "reactive"),
    ("CloudDesk", "enterprise ERP licences", "software",
     45, 3_000_000.0, 0.70, 1, 30_000.0, "proactive"),
    ("CloudDesk", "small-business subscription app", "software",
     25_000, 1_200.0, 0.65, 1, 100.0, "accountable"),
    ("Longkou Orchards", "fresh fruit (overseas importers)", "agricultural exports",
     60, 90_000.0, 0.15, 12, 5_000.0, "basic"),
    ("Sunrise Hotels", "corporate travel accounts", "services",
     1_200, 900.0, 0.42, 150, 2_000.0, "reactive"),
)


def product_lines_data() -> dict[str, pd.DataFrame]:
    """Product lines of several firms with customer counts, margins and today's type.

    >>> product_lines_data()["product_lines"].shape
    (14, 11)
    """
    frame = pd.DataFrame(PRODUCT_LINES, columns=[
        "firm", "product_line", "sector", "customers", "price", "margin",
        "units_per_customer", "contact_cost", "current_type"])
    frame.insert(0, "line_id", [f"L{i:02d}" for i in range(1, len(frame) + 1)])
    frame["annual_margin_per_customer"] = (
        frame["price"] * frame["margin"] * frame["units_per_customer"]).round(2)
    return {"product_lines": frame}


# --- B2B accounts panel (chapters 2 and 3) ------------------------------------------------
ACCOUNTS_SEED = 20210101
N_ACCOUNTS = 150
ACCOUNT_YEARS = (2021, 2022, 2023, 2024, 2025)
INDUSTRY_GROWTH = {  # industry: yearly growth of the customer's category purchases
    "electronics": 0.08, "automotive": 0.03, "food processing": 0.04,
    "chemicals": 0.02, "construction": -0.03, "retail chains": 0.05,
}
START_STAGE_SHARES = {"development": 0.25, "initial": 0.35, "stable": 0.25, "strategic": 0.15}
# event: (who it can happen to, effect on our share of wallet: low, high)
ACCOUNT_EVENTS = {
    "new product launch": ("any", 0.10, 0.25),
    "incumbent quality problem": ("any", 0.15, 0.30),
    "annual supplier review": ("any", 0.05, 0.20),
    "cost-cutting drive": ("any", 0.05, 0.15),
    "key person change": ("any", -0.20, 0.20),
    "lost bid": ("customer", -1.00, -0.50),  # relative: we lose 50-100 % of our share
    "our service complaint": ("customer", -0.25, -0.10),
    "competitor price cut": ("customer", -0.25, -0.05),  # scaled by price sensitivity / 10
}
ENTRY_EVENTS = ("new product launch", "incumbent quality problem", "annual supplier review",
                "cost-cutting drive", "key person change")
EVENT_PROBABILITY = 0.25
ENTRY_PROBABILITY = 0.7  # chance that an entry-point event gets us in with a prospect
LOST_FOR_GOOD = 0.4
SWITCHING_SLOPE = -0.6  # price sensitivity = 9 - 0.6 x switching cost + noise (sd 0.8)


def _next_share(rng: np.random.Generator, share: float, event: str | None,
                sensitivity: float) -> float:
    """Our share of wallet a year later, after ``event`` (or none)."""
    if event is None:
        return share if share == 0 else float(np.clip(share + rng.normal(0.02, 0.03), 0.01, 1))
    _, low, high = ACCOUNT_EVENTS[event]
    if share == 0:
        entered = event in ENTRY_EVENTS and rng.random() < ENTRY_PROBABILITY
        return float(rng.uniform(0.10, 0.35)) if entered else 0.0
    effect = rng.uniform(low, high)
    if event == "lost bid":  # 40 % of lost bids lose the account outright
        return 0.0 if rng.random() < LOST_FOR_GOOD else float(share * (1 + effect))
    if event == "competitor price cut":
        effect *= sensitivity / 10
    return float(np.clip(share + effect, 0.01, 1))


def accounts_data(seed: int = ACCOUNTS_SEED) -> dict[str, pd.DataFrame]:
    """B2B accounts (one row each) and their yearly purchases with events (a panel).

    >>> frames = accounts_data()
    >>> frames["accounts"].shape, frames["account_years"].shape
    ((150, 5), (750, 5))
    """
    rng = np.random.default_rng(seed)
    n = N_ACCOUNTS
    industries = list(INDUSTRY_GROWTH)
    industry = rng.choice(industries, size=n)
    stages = list(START_STAGE_SHARES)
    start_stage = rng.choice(len(stages), size=n, p=list(START_STAGE_SHARES.values()))
    low_high = {0: (0.0, 0.0), 1: (0.05, 0.45), 2: (0.50, 0.78), 3: (0.80, 1.0)}
    share = np.array([rng.uniform(*low_high[s]) for s in start_stage])
    switching = np.clip(rng.uniform(1, 7, n) + 1.0 * start_stage, 1, 10).round(1)
    sensitivity = np.clip(9 + SWITCHING_SLOPE * switching + rng.normal(0, 0.8, n), 1, 10).round(1)
    category = np.exp(rng.normal(8.0, 0.8, n))  # thousand yuan a year
    ids = [f"A{i:03d}" for i in range(1, n + 1)]
    rows = []
    for i in range(n):
        s, spend = share[i], category[i]
        for k, year in enumerate(ACCOUNT_YEARS):
            event = None
            if k > 0:
                spend *= 1 + INDUSTRY_GROWTH[industry[i]] + rng.normal(0, 0.08)
                if rng.random() < EVENT_PROBABILITY:
                    pool = ENTRY_EVENTS if s == 0 else list(ACCOUNT_EVENTS)
                    event = str(rng.choice(pool))
                s = _next_share(rng, s, event, sensitivity[i])
            total = round(float(spend), 1)
            rows.append((ids[i], year, total, round(s * total, 1), event or ""))
    account_years = pd.DataFrame(rows, columns=["account_id", "year", "category_spend",
                                                "our_spend", "event"])
    accounts = pd.DataFrame({"account_id": ids, "industry": industry,
                             "first_year": ACCOUNT_YEARS[0], "switching_cost": switching,
                             "price_sensitivity": sensitivity})
    return {"accounts": accounts, "account_years": account_years}


# --- Burnett expert scores for the B2B accounts (chapter 3) -----------------------------
BURNETT_SEED = 20250301
BURNETT_NOISE = 0.8  # sd of an expert's score around the account's true level (1-5 scale)
SHARE_WEIGHT = 0.6  # the true relationship: 1 + 4 x (0.6 x share of wallet 2025 + 0.4 x u)


def burnett_data(seed: int = BURNETT_SEED) -> dict[str, pd.DataFrame]:
    """Expert scores 1-5 of every Burnett indicator for the 150 accounts of chapter 2, and
    the true attractiveness and relationship they were drawn around.

    >>> frames = burnett_data()
    >>> frames["burnett_scores"].shape, frames["burnett_latent"].shape
    ((150, 27), (150, 3))
    """
    rng = np.random.default_rng(seed)
    panel = accounts_data()["account_years"]
    last = panel[panel["year"] == ACCOUNT_YEARS[-1]].set_index("account_id")
    share = (last["our_spend"] / last["category_spend"]).to_numpy()
    n = len(last)
    attractiveness = 1 + 4 * rng.beta(2.0, 2.0, n)
    relationship = 1 + 4 * (SHARE_WEIGHT * share + (1 - SHARE_WEIGHT) * rng.beta(2.0, 2.0, n))

    def scores(truth: np.ndarray, count: int) -> np.ndarray:
        noisy = truth[:, None] + rng.normal(0, BURNETT_NOISE, (n, count))
        return np.clip(np.rint(noisy), 1, 5).astype(int)

    frame = pd.DataFrame(scores(attractiveness, len(ATTRACTIVENESS)),
                         columns=[i.key for i in ATTRACTIVENESS])
    rel = pd.DataFrame(scores(relationship, len(RELATIONSHIP)), columns=[i.key for i in RELATIONSHIP])
    rel["share_of_wallet"] = np.clip(np.rint(1 + 4 * share), 1, 5).astype(int)  # from the panel
    table = pd.concat([frame, rel], axis=1)
    table.insert(0, "account_id", last.index.to_numpy())
    latent = pd.DataFrame({"account_id": last.index.to_numpy(),
                           "true_attractiveness": attractiveness.round(3),
                           "true_relationship": relationship.round(3)})
    return {"burnett_scores": table, "burnett_latent": latent}


# --- household survey with five latent segments (chapter 3) -----------------------------
HOUSEHOLDS_SEED = 20240501
N_HOUSEHOLDS = 2000
# Vanke's five segments (seed 001) with their shares, and per feature (mean, sd):
# age of the household head (years), household size and counts of children under 18 and
# elderly 65+ (persons), income (thousand yuan a year), years of education, working hours a
# week, and 1-10 ratings of price sensitivity and of what the household wants near its home.
VANKE_SEGMENTS = {
    "wealthy families": (0.09, {
        "age_head": (46, 6), "household_size": (3.6, 0.9), "children": (1.0, 0.7),
        "elderly": (0.5, 0.6), "income": (820, 160), "education_years": (17.5, 1.3),
        "work_hours": (60, 6), "price_sensitivity": (2.0, 1.0), "wants_amenities": (9.0, 0.8),
        "wants_nightlife": (5.0, 1.5), "wants_schools": (6.0, 1.5), "wants_medical": (4.5, 1.5)}),
    "young achievers": (0.29, {
        "age_head": (30, 4), "household_size": (1.8, 0.7), "children": (0.3, 0.5),
        "elderly": (0.05, 0.2), "income": (420, 90), "education_years": (16.5, 1.3),
        "work_hours": (55, 6), "price_sensitivity": (4.5, 1.3), "wants_amenities": (6.5, 1.3),
        "wants_nightlife": (8.8, 0.9), "wants_schools": (3.0, 1.3), "wants_medical": (2.5, 1.1)}),
    "child-centred": (0.31, {
        "age_head": (38, 5), "household_size": (3.6, 0.7), "children": (1.8, 0.6),
        "elderly": (0.4, 0.6), "income": (240, 60), "education_years": (14.5, 1.8),
        "work_hours": (46, 5), "price_sensitivity": (6.0, 1.3), "wants_amenities": (5.0, 1.4),
        "wants_nightlife": (3.0, 1.2), "wants_schools": (9.0, 0.8), "wants_medical": (4.5, 1.4)}),
    "elderly care": (0.06, {
        "age_head": (60, 7), "household_size": (2.8, 0.9), "children": (0.2, 0.4),
        "elderly": (1.6, 0.5), "income": (210, 70), "education_years": (12.0, 2.2),
        "work_hours": (30, 10), "price_sensitivity": (6.0, 1.5), "wants_amenities": (6.0, 1.4),
        "wants_nightlife": (2.0, 1.0), "wants_schools": (3.0, 1.3), "wants_medical": (9.0, 0.8)}),
    "pragmatic families": (0.25, {
        "age_head": (42, 7), "household_size": (3.0, 0.9), "children": (1.0, 0.7),
        "elderly": (0.3, 0.5), "income": (140, 40), "education_years": (12.0, 2.0),
        "work_hours": (48, 5), "price_sensitivity": (9.0, 0.8), "wants_amenities": (2.5, 1.2),
        "wants_nightlife": (3.0, 1.2), "wants_schools": (5.0, 1.5), "wants_medical": (4.5, 1.5)}),
}
SEGMENT_SPREAD = 1.35  # every sd above is multiplied by this: segments overlap, as in life
WHOLE_NUMBERS = ("age_head", "household_size", "children", "elderly", "work_hours",
                 "price_sensitivity", "wants_amenities", "wants_nightlife", "wants_schools",
                 "wants_medical")


def households_data(seed: int = HOUSEHOLDS_SEED) -> dict[str, pd.DataFrame]:
    """A household survey (features only) and, kept apart, each household's true segment.

    >>> frames = households_data()
    >>> frames["households"].shape, sorted(frames["household_segments"]["segment"].unique())[:2]
    ((2000, 13), ['child-centred', 'elderly care'])
    """
    rng = np.random.default_rng(seed)
    names = list(VANKE_SEGMENTS)
    shares = [VANKE_SEGMENTS[name][0] for name in names]
    counts = np.round(np.array(shares) * N_HOUSEHOLDS).astype(int)
    segment = rng.permutation(np.repeat(np.arange(len(names)), counts))
    columns = {}
    for feature in HOUSEHOLD_COLUMNS:
        mean = np.array([VANKE_SEGMENTS[name][1][feature][0] for name in names])[segment]
        sd = SEGMENT_SPREAD * np.array([VANKE_SEGMENTS[name][1][feature][1]
                                        for name in names])[segment]
        columns[feature] = rng.normal(mean, sd)
    frame = pd.DataFrame(columns)
    frame["children"] = frame["children"].clip(0, None)
    frame["elderly"] = frame["elderly"].clip(0, None)
    frame["household_size"] = np.maximum(frame["household_size"],
                                         1 + frame["children"].round() + frame["elderly"].round())
    frame["income"] = frame["income"].clip(30, None).round(0)
    frame["education_years"] = frame["education_years"].clip(6, 22).round(1)
    frame["age_head"] = frame["age_head"].clip(22, 85)
    frame["work_hours"] = frame["work_hours"].clip(0, 80)
    for rating in ("price_sensitivity", "wants_amenities", "wants_nightlife", "wants_schools",
                   "wants_medical"):
        frame[rating] = frame[rating].clip(1, 10)
    for column in WHOLE_NUMBERS:
        frame[column] = frame[column].round().astype(int)
    ids = [f"H{i:04d}" for i in range(1, N_HOUSEHOLDS + 1)]
    frame.insert(0, "household_id", ids)
    truth = pd.DataFrame({"household_id": ids, "segment": [names[s] for s in segment]})
    return {"households": frame, "household_segments": truth}


GENERATORS: dict[str, Callable[[], dict[str, pd.DataFrame]]] = {
    "accounts": accounts_data,
    "kano": kano_data,
    "guest_survey": survey_data,
    "service_quality": quality_data,
    "churn": churn_data,
    "subscriptions": subscription_data,
    "burnett": burnett_data,
    "households": households_data,
    "retail": retail_data,
    "product_lines": product_lines_data,
}


def build_all() -> dict[str, pd.DataFrame]:
    """Every dataset of the course, by file stem.

    >>> sorted(build_all())[:3]
    ['account_years', 'accounts', 'burnett_latent']
    """
    frames: dict[str, pd.DataFrame] = {}
    for generator in GENERATORS.values():
        frames.update(generator())
    return frames


def to_csv_text(frame: pd.DataFrame) -> str:
    """The exact CSV text committed for ``frame`` (Unix newlines, no index).

    >>> to_csv_text(pd.DataFrame({"a": [1.5, 2.0]})).split()
    ['a', '1.5', '2.0']
    """
    return frame.to_csv(index=False, lineterminator="\n")


def write_datasets(directory: str | Path) -> list[Path]:
    """Write every dataset as ``<name>.csv`` into ``directory``; return the paths written."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in build_all().items():
        path = directory / f"{name}.csv"
        path.write_bytes(to_csv_text(frame).encode("utf-8"))  # LF on every system
        written.append(path)
    return written


def stale_datasets(directory: str | Path) -> dict[str, str]:
    """Datasets whose CSV is not byte for byte a fresh build: name -> why (missing, CRLF
    line endings, not UTF-8, differs).

    >>> from crmlab.datasets import data_dir
    >>> stale_datasets(data_dir())
    {}
    """
    directory = Path(directory)
    stale = {name: drift(directory / f"{name}.csv", to_csv_text(frame).encode("utf-8"))
             for name, frame in build_all().items()}
    return {name: why for name, why in stale.items() if why}
