"""Chapter 3 compute: identifying key accounts with Burnett's two-dimensional matrix.

Burnett (2002), as taught in seed 000/004 §3.2.1: experts score each account 5 (best)
to 1 on weighted indicators. Dimension 1, customer attractiveness (客户吸引力), has four
groups of indicators; dimension 2, the relationship status (客户关系状况), has seven.
Each weighted total lies in 1..5, is cut into three levels, and the pair of levels picks
one of nine strategies (基于Burnett矩阵的核心客户发展策略).

The source gives weights only for the six business-status indicators (.08 .03 .05 .03 .04
.04). The other weights, the equal weights of the relationship indicators, the level cuts
and the rule for the four relationship statuses are the course's documented choices.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

import numpy as np
import pandas as pd

from crmlab.errors import CRMDataError
from crmlab.schema import as_cuts, as_number, as_numbers


class Indicator(NamedTuple):
    key: str
    group: str
    english: str
    chinese: str
    weight: float


ATTRACTIVENESS: tuple[Indicator, ...] = (
    # business status (客户业务状况): the source's weights
    Indicator("volume", "business status", "transaction volume / amount", "交易量/金额", 0.08),
    Indicator("firm_lifecycle", "business status", "the customer firm's lifecycle",
              "客户企业的生命周期", 0.03),
    Indicator("market_potential", "business status", "market expansion potential",
              "市场拓展潜力", 0.05),
    Indicator("supplier_relations", "business status", "relationship with suppliers",
              "与供应商的关系", 0.03),
    Indicator("organisation", "business status", "organisation and efficiency",
              "组织结构与效能", 0.04),
    Indicator("impression", "business status", "overall impression", "综合印象", 0.04),
    # product / service characteristics (客户的产品/服务特征): course weights, .04 each
    Indicator("product_lifecycle", "product / service", "product lifecycle", "产品的生命周期", 0.04),
    Indicator("complexity", "product / service", "product complexity", "产品的复杂性", 0.04),
    Indicator("value_added", "product / service", "value-added potential", "获得附加价值潜力", 0.04),
    Indicator("technology", "product / service", "technology content", "技术含量", 0.04),
    Indicator("differentiation", "product / service", "degree of differentiation",
              "产品差异性程度", 0.04),
    # industry (客户的行业状况): course weights, .06 each
    Indicator("competition", "industry", "competitive structure of the industry",
              "行业竞争结构", 0.06),
    Indicator("profit_potential", "industry", "present and future profit potential",
              "行业现在及未来的盈利潜力", 0.06),
    Indicator("sensitivity", "industry", "sensitivity to quality, service, credibility",
              "对质量/服务/可信度的敏感度", 0.06),
    Indicator("integration", "industry", "chance of vertical integration", "行业垂直整合的可能性",
              0.06),
    # joint profit potential (获取共同利润潜力): course weights, the largest group
    Indicator("cost_structure", "joint profit", "the customer's cost structure", "客户的成本结构",
              0.07),
    Indicator("improvement", "joint profit", "room for continuous improvement", "客户持续改进的可能",
              0.07),
    Indicator("our_margin", "joint profit", "effect on our gross margin", "对你的毛利的影响", 0.08),
    Indicator("our_resources", "joint profit", "our resources can support the customer",
              "你的资源能够支持客户的需求", 0.07),
)
RELATIONSHIP: tuple[Indicator, ...] = tuple(
    Indicator(key, "relationship", english, chinese, 1 / 7) for key, english, chinese in (
        ("share_of_wallet", "our share of the customer's wallet", "客户钱夹份额"),
        ("share_trend", "its trend over three years", "3年来变化趋势"),
        ("contact", "frequency and breadth of contact", "平时联系的频率和广度"),
        ("relationship_length", "length of the relationship", "我们建立关系时间"),
        ("price_view", "the customer's view of our price competitiveness", "客户对我价格竞争性印象"),
        ("service_view", "the customer's view of our service quality", "客户对我服务质量评价"),
        ("technical_view", "the customer's view of our technical strength", "客户对我技术力量评价"),
    ))
LEVEL_CUTS = (2.5, 3.5)  # index below 2.5: low / poor; from 3.5: high / good
ATTRACTIVENESS_LEVELS = ("low", "medium", "high")
RELATIONSHIP_LEVELS = ("poor", "fair", "good")
STRATEGIES = {  # (attractiveness, relationship) -> strategy; seed 000 §3.2.1 via COURSE.md
    ("high", "poor"): "selective defence", ("high", "fair"): "develop",
    ("high", "good"): "develop and defend",
    ("medium", "poor"): "maintain a little", ("medium", "fair"): "defend, maintain",
    ("medium", "good"): "develop",
    ("low", "poor"): "exit", ("low", "fair"): "maintain a little",
    ("low", "good"): "selective maintenance",
}
READINGS = {"course": STRATEGIES,  # and seed 000's flattened line read row by row:
             "row by row": {**STRATEGIES, ("high", "poor"): "selective maintenance",
                            ("low", "good"): "selective defence"}}
MAIN_SUPPLIER_FROM = 0.5  # share of wallet from which we are the main supplier (chapter 2)
STATUS_VIEW_FROM = 3.0  # relationship index from which the customer views us favourably
STATUSES = ("loyal", "competitive", "convertible", "competitor's loyal")


def default_weights(indicators: tuple[Indicator, ...] = ATTRACTIVENESS) -> dict[str, float]:
    """The course's weights of ``indicators``, by key (they sum to 1).

    >>> w = default_weights()
    >>> round(sum(w.values()), 10), w["volume"]
    (1.0, 0.08)
    """
    return {i.key: i.weight for i in indicators}


def normalise_weights(weights: Mapping[str, float], keys: tuple[str, ...]) -> pd.Series:
    """Weights by indicator key scaled to sum 1; ``CRMDataError`` for an unknown key, a
    missing one, a negative or non-finite weight, or all zeros.

    >>> normalise_weights({"a": 2, "b": 6}, ("a", "b")).tolist()
    [0.25, 0.75]
    """
    if not isinstance(weights, Mapping):
        raise CRMDataError(f"weights must be a dict of indicator -> weight, got "
                           f"{type(weights).__name__}", fix="e.g. default_weights()")
    unknown = sorted(set(weights) - set(keys))
    missing = [k for k in keys if k not in weights]
    if unknown or missing:
        raise CRMDataError(f"weights name unknown indicators {unknown} and lack {missing}",
                           fix=f"give one weight for each of {list(keys)}")
    try:
        series = pd.Series({k: float(weights[k]) for k in keys})
    except (TypeError, ValueError) as err:
        raise CRMDataError(f"weights must be numbers, got {dict(weights)!r}",
                           fix="e.g. default_weights()") from err
    bad = ~np.isfinite(series) | (series < 0)
    if bad.any():
        raise CRMDataError(f"weights must be finite and >= 0; bad for {list(series.index[bad])}",
                           fix="use 0 to leave an indicator out")
    if series.sum() <= 0:
        raise CRMDataError("all weights are 0", fix="give at least one indicator a weight")
    return series / series.sum()


def _scores(scores: pd.DataFrame, keys: tuple[str, ...]) -> pd.DataFrame:
    """The indicator columns of ``scores`` as numbers, each a whole or fractional 1..5."""
    if not isinstance(scores, pd.DataFrame):
        raise CRMDataError(f"scores must be a DataFrame (one row per account), got "
                           f"{type(scores).__name__}", fix="use crmlab.datasets.load_burnett_scores()")
    missing = [k for k in keys if k not in scores.columns]
    if missing:
        raise CRMDataError(f"scores lack the indicator column(s) {missing}",
                           fix="score every indicator 1-5, or give it weight 0")
    if scores.empty:
        raise CRMDataError("scores has no accounts", fix="one row per account")
    values = scores[list(keys)].apply(pd.to_numeric, errors="coerce")
    bad = ~(values >= 1) | ~(values <= 5)
    if bad.to_numpy().any():
        rows, cols = np.nonzero(bad.to_numpy())
        where = [f"{values.index[r]}/{values.columns[c]}" for r, c in zip(rows[:5], cols[:5],
                                                                            strict=True)]
        raise CRMDataError(f"scores must lie in 1..5; bad at account/indicator {where}",
                           fix="experts score each indicator 5 (best) to 1")
    return values


def weighted_index(scores: pd.DataFrame, weights: Mapping[str, float] | None = None,
                   indicators: tuple[Indicator, ...] = ATTRACTIVENESS) -> pd.Series:
    """Weighted score per account (row), in 1..5; weights normalised to sum 1.

    Without ``weights``: the course weights of ``indicators``. With ``weights``: a mapping
    column -> weight over any indicator columns of ``scores`` — the course's keys, a firm's
    own indicators (the seed: indicators should differ by industry), or a mix.

    >>> s = pd.DataFrame({"a": [5, 1], "b": [1, 1]}, index=["x", "y"])
    >>> ind = (Indicator("a", "g", "a", "", 3), Indicator("b", "g", "b", "", 1))
    >>> weighted_index(s, indicators=ind).tolist()
    [4.0, 1.0]
    >>> weighted_index(s, {"a": 1, "b": 1}).tolist()
    [3.0, 1.0]
    """
    if weights is None:
        keys = tuple(i.key for i in indicators)
        w = normalise_weights(default_weights(indicators), keys)
    else:
        if not isinstance(weights, Mapping) or not weights:
            raise CRMDataError(f"weights must be a non-empty dict of indicator column -> weight, "
                               f"got {weights!r}", fix="e.g. {'volume': 3, 'our_margin': 1}")
        keys = tuple(weights)
        w = normalise_weights(weights, keys)
    return (_scores(scores, keys) * w).sum(axis=1).rename("index")


def attractiveness_index(scores: pd.DataFrame, weights: Mapping[str, float] | None = None
                         ) -> pd.Series:
    """Customer attractiveness (客户吸引力指数) per account, 1..5: the weighted expert
    scores — the course's 19 indicators by default, or a firm's own (``weighted_index``).

    >>> one = pd.DataFrame([{i.key: 3 for i in ATTRACTIVENESS}])
    >>> attractiveness_index(one).round(6).tolist()
    [3.0]
    >>> attractiveness_index(pd.DataFrame({"x": [5, 2], "y": [1, 2]}), {"x": 3, "y": 1}).tolist()
    [4.0, 2.0]
    """
    return weighted_index(scores, weights, ATTRACTIVENESS).rename("attractiveness")


def relationship_index(scores: pd.DataFrame, weights: Mapping[str, float] | None = None
                       ) -> pd.Series:
    """Relationship status index per account, 1..5 (equal weights by default).

    >>> one = pd.DataFrame([{i.key: 4 for i in RELATIONSHIP}])
    >>> relationship_index(one).round(6).tolist()
    [4.0]
    """
    return weighted_index(scores, weights, RELATIONSHIP).rename("relationship")


def burnett_level(index, cuts: tuple[float, float] = LEVEL_CUTS,
                  labels: tuple[str, str, str] = ATTRACTIVENESS_LEVELS):
    """Level of an index in 1..5: ``labels[0]`` below the first cut, ``labels[2]`` from the
    second, else ``labels[1]``. A number gives a label, a Series a Series.

    >>> burnett_level(2.49), burnett_level(2.5), burnett_level(3.5)
    ('low', 'medium', 'high')
    >>> burnett_level(3.0, labels=RELATIONSHIP_LEVELS)
    'fair'
    """
    low, high = as_cuts(cuts, "cuts", low=1.0, high=5.0, example="(2.5, 3.5)")
    series = isinstance(index, pd.Series)
    values = pd.to_numeric(index if series else pd.Series([index]), errors="coerce")
    bad = ~((values >= 1) & (values <= 5))
    if bad.any():
        raise CRMDataError(f"an index must lie in 1..5; got {list(values[bad][:5])}",
                           fix="use attractiveness_index() or relationship_index()")
    levels = np.where(values < low, labels[0], np.where(values >= high, labels[2], labels[1]))
    if not series:
        return str(levels[0])
    return pd.Series(pd.Categorical(levels, categories=list(labels), ordered=True),
                     index=index.index, name=index.name)


def burnett_strategy(attractiveness, relationship):
    """The strategy of the 3x3 grid for an attractiveness level (low/medium/high) and a
    relationship level (poor/fair/good); scalars or two Series with the same index.

    >>> burnett_strategy("high", "poor"), burnett_strategy("low", "good")
    ('selective defence', 'selective maintenance')
    """
    if isinstance(attractiveness, pd.Series) or isinstance(relationship, pd.Series):
        if not (isinstance(attractiveness, pd.Series) and isinstance(relationship, pd.Series)
                and attractiveness.index.equals(relationship.index)):
            raise CRMDataError("attractiveness and relationship must be two Series with the "
                               "same index", fix="compute both levels from the same accounts")
        pairs = list(zip(attractiveness.astype(str), relationship.astype(str), strict=True))
        return pd.Series([_strategy(a, r) for a, r in pairs], index=attractiveness.index,
                         name="strategy")
    return _strategy(attractiveness, relationship)


def _strategy(attractiveness, relationship) -> str:
    key = (str(attractiveness).strip().lower(), str(relationship).strip().lower())
    if key not in STRATEGIES:
        raise CRMDataError(f"unknown levels {attractiveness!r} x {relationship!r}",
                           fix=f"attractiveness is one of {list(ATTRACTIVENESS_LEVELS)}, "
                               f"relationship one of {list(RELATIONSHIP_LEVELS)}")
    return STRATEGIES[key]


def relationship_status(share, relationship, *, main_from: float = MAIN_SUPPLIER_FROM,
                        view_from: float = STATUS_VIEW_FROM):
    """The four relationship statuses the source names, by the course's rule: our share of
    wallet at or above ``main_from`` (we are the main supplier) and a relationship index at
    or above ``view_from`` -> loyal; main supplier but a weaker relationship -> competitive
    (rivals can take the business); below ``main_from`` with a good relationship ->
    convertible; neither -> a competitor's loyal customer.

    >>> [relationship_status(s, r) for s, r in [(0.7, 4), (0.7, 2), (0.2, 4), (0.2, 2)]]
    ['loyal', 'competitive', 'convertible', "competitor's loyal"]
    """
    series = isinstance(share, pd.Series)
    s = pd.to_numeric(share if series else pd.Series([share]), errors="coerce")
    r = pd.to_numeric(relationship if isinstance(relationship, pd.Series)
                      else pd.Series([relationship], index=s.index), errors="coerce")
    if not s.index.equals(r.index):
        raise CRMDataError("share and relationship must have the same index",
                           fix="compute both for the same accounts")
    if (~s.between(0, 1)).any() or (~r.between(1, 5)).any():
        raise CRMDataError("share must lie in 0..1 and the relationship index in 1..5",
                           fix="share of wallet as a fraction, e.g. 0.35")
    main, warm = s >= main_from, r >= view_from
    status = np.select([main & warm, main, warm], list(STATUSES[:3]), default=STATUSES[3])
    if not series:
        return str(status[0])
    return pd.Series(status, index=s.index, name="status")


def burnett_matrix(scores: pd.DataFrame, weights: Mapping[str, float] | None = None, *,
                   relationship_weights: Mapping[str, float] | None = None,
                   attractiveness_cuts: tuple[float, float] = LEVEL_CUTS,
                   relationship_cuts: tuple[float, float] = LEVEL_CUTS) -> pd.DataFrame:
    """Per account: both indices, both levels and the strategy of the grid.

    ``scores`` has one row per account (indexed by account id) and a column per indicator;
    ``weights`` and ``relationship_weights`` weigh the two indices (the course's weights by
    default; see ``weighted_index`` for a firm's own indicators).

    >>> row = {**{i.key: 5 for i in ATTRACTIVENESS}, **{i.key: 1 for i in RELATIONSHIP}}
    >>> burnett_matrix(pd.DataFrame([row], index=["A1"])).loc["A1", "strategy"]
    'selective defence'
    """
    attractiveness = attractiveness_index(scores, weights)
    relationship = relationship_index(scores, relationship_weights)
    out = pd.DataFrame({"attractiveness": attractiveness, "relationship": relationship})
    out["attractiveness_level"] = burnett_level(attractiveness, attractiveness_cuts)
    out["relationship_level"] = burnett_level(relationship, relationship_cuts, RELATIONSHIP_LEVELS)
    out["strategy"] = burnett_strategy(out["attractiveness_level"], out["relationship_level"])
    return out


def strategy_grid(reading: str = "course") -> pd.DataFrame:
    """The 3x3 strategy grid: attractiveness (rows, high first) x relationship (columns).

    Seed 000 prints the nine strategies as one flattened line. ``reading="course"`` is the
    syllabus's reading (COURSE.md); ``reading="row by row"`` reads the line row by row,
    which swaps two corners: high attractiveness / poor relationship and low / good.

    >>> strategy_grid().loc["medium", "fair"]
    'defend, maintain'
    >>> strategy_grid("row by row").loc["high", "poor"], strategy_grid().loc["high", "poor"]
    ('selective maintenance', 'selective defence')
    """
    if reading not in READINGS:
        raise CRMDataError(f"unknown reading {reading!r}", fix=f"one of {list(READINGS)}")
    cells = READINGS[reading]
    rows = list(reversed(ATTRACTIVENESS_LEVELS))
    return pd.DataFrame([[cells[(a, r)] for r in RELATIONSHIP_LEVELS] for a in rows],
                        index=pd.Index(rows, name="attractiveness"),
                        columns=pd.Index(list(RELATIONSHIP_LEVELS), name="relationship"))


def pareto_statistics(values, top: float = 0.2, target: float = 0.8) -> pd.Series:
    """The 80/20 rule as a first filter (80/20原则): the share of the total that the top
    ``top`` of customers bring, and the smallest share of customers (largest first) that
    brings ``target`` of it, with the counts behind both.

    >>> stats = pareto_statistics(pd.Series([50, 20, 10, 10, 5, 5, 0, 0, 0, 0]))
    >>> stats[["top_customers", "top_share", "customers_for_target", "share_for_target"]].tolist()
    [2, 0.7, 3, 0.3]
    """
    x = as_numbers(values, "values")
    share, goal = as_number("top", top, 0, 1), as_number("target", target, 0, 1)
    if (x < 0).any() or x.sum() <= 0:
        raise CRMDataError("values must be >= 0 with a positive total",
                           fix="use what each customer brings (revenue or margin), not losses")
    ranked = np.sort(x.to_numpy())[::-1]
    cumulative = np.cumsum(ranked) / ranked.sum()
    n_top = int(round(share * len(ranked)))
    needed = int(np.searchsorted(cumulative, goal - 1e-12) + 1)
    return pd.Series({"customers": len(ranked), "top_customers": n_top,
                      "top_share": float(cumulative[n_top - 1]) if n_top else 0.0,
                      "customers_for_target": needed, "share_for_target": needed / len(ranked)},
                     dtype=object)


CLP_CELLS = {  # (high current value, high potential) -> (cell, what to do); the course's reading
    (True, True): ("core", "develop and defend: high value now and more to win"),
    (True, False): ("harvest", "keep the value we have at a fair cost of service"),
    (False, True): ("grow", "invest to win a larger share of a large wallet"),
    (False, False): ("serve efficiently", "serve at low cost; little to gain"),
}


def clp_matrix(current, potential, cuts="median") -> pd.DataFrame:
    """The CLP classification matrix (基于CLP的客户分类矩阵) in the course's reading: each
    customer's current value against its potential, cut at the medians (or at given
    ``cuts`` = (current, potential), or at quantiles with ``cuts=0.75``); at or above a
    cut counts as high.

    >>> current = pd.Series({"a": 9, "b": 8, "c": 1, "d": 2})
    >>> m = clp_matrix(current, pd.Series({"a": 5, "b": 1, "c": 6, "d": 0}))
    >>> m["cell"].tolist()
    ['core', 'harvest', 'grow', 'serve efficiently']
    """
    now, later = as_numbers(current, "current value"), as_numbers(potential, "potential")
    if not now.index.equals(later.index):
        raise CRMDataError("current value and potential must have the same index (customers)",
                           fix="compute both for the same customers, e.g. from one year's rows")
    if isinstance(cuts, str) and cuts == "median":
        at = (now.median(), later.median())
    elif isinstance(cuts, (int, float)) and not isinstance(cuts, bool):
        q = as_number("cuts", cuts, 0, 1)
        at = (now.quantile(q), later.quantile(q))
    else:
        try:
            at = tuple(float(c) for c in cuts)
        except (TypeError, ValueError) as err:
            raise CRMDataError(f"cuts must be 'median', a quantile or two numbers, got {cuts!r}",
                               fix="e.g. cuts='median', cuts=0.75 or cuts=(5000, 8000)") from err
        if len(at) != 2:
            raise CRMDataError(f"cuts must be two numbers, got {cuts!r}", fix="(current, potential)")
    highs = [(bool(c >= at[0]), bool(p >= at[1])) for c, p in zip(now, later, strict=True)]
    out = pd.DataFrame({"current": now, "potential": later,
                        "cell": [CLP_CELLS[h][0] for h in highs],
                        "action": [CLP_CELLS[h][1] for h in highs]}, index=now.index)
    out.attrs["cuts"] = (float(at[0]), float(at[1]))
    return out
