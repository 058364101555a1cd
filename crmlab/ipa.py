"""Chapter 5 compute: importance-performance analysis and the strategic satisfaction matrix.

The source's four-quadrant model (四分图模型, seed 004 §3.4.1): every attribute of the
offer gets an importance and a satisfaction (performance) score; a crosshair splits the
plane into A advantage (优势区: high importance, high performance — keep it up),
B repair (修补区: high importance, low performance — fix first), C opportunity (机会区:
low, low — can wait) and D maintain (维持区: low importance, high performance — a
secondary strength; do not over-invest). The strategic satisfaction matrix (seed 004
§3.4.2) reads impact on satisfaction against performance the same way.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmlab.errors import CRMDataError
from crmlab.schema import as_numbers

CROSSHAIRS = ("mean", "median", "scale")
IPA_QUADRANTS = {  # (high importance, high performance) -> (quadrant, letter, action)
    (True, True): ("advantage", "A", "keep up the good work and build on it"),
    (True, False): ("repair", "B", "fix first: important and performing poorly"),
    (False, False): ("opportunity", "C", "low priority: can wait"),
    (False, True): ("maintain", "D", "maintain; a secondary strength, do not over-invest"),
}
STRATEGIC_CELLS = {  # (strong impact, high performance) -> action
    (False, True): "maintain or cut investment, or change the target market",
    (True, True): "keep improving: a competitive advantage",
    (False, False): "unimportant: do not waste resources",
    (True, False): "focus improvement here: a competitive weakness",
}


def _pair(first, second, names: tuple[str, str]) -> tuple[pd.Series, pd.Series]:
    a, b = as_numbers(first, names[0]), as_numbers(second, names[1])
    if not a.index.equals(b.index):
        missing = sorted(set(map(str, a.index)) ^ set(map(str, b.index)))
        raise CRMDataError(f"{names[0]} and {names[1]} must list the same attributes; "
                           f"they differ in {missing[:5]}",
                           fix="index both Series by the same attribute names, in the same order")
    if a.empty:
        raise CRMDataError("no attributes given", fix="one importance and score per attribute")
    return a, b


def crosshair_point(importance: pd.Series, performance: pd.Series, crosshair="mean",
                    scale: tuple[float, float] = (1, 5)) -> tuple[float, float]:
    """Where the crosshair sits: the data means, medians, the scale midpoint, or a given
    (importance, performance) pair.

    >>> crosshair_point(pd.Series([1.0, 3.0]), pd.Series([2.0, 6.0]), "scale", (1, 7))
    (4.0, 4.0)
    """
    if isinstance(crosshair, str):
        if crosshair == "mean":
            return float(importance.mean()), float(performance.mean())
        if crosshair == "median":
            return float(importance.median()), float(performance.median())
        if crosshair == "scale":
            low, high = (float(v) for v in scale)
            if not low < high:
                raise CRMDataError(f"scale must be (lowest, highest), got {scale!r}",
                                   fix="e.g. scale=(1, 5)")
            return (low + high) / 2, (low + high) / 2
        raise CRMDataError(f"unknown crosshair {crosshair!r}",
                           fix=f"use one of {list(CROSSHAIRS)} or an (importance, performance) pair")
    try:
        x, y = (float(v) for v in crosshair)
    except (TypeError, ValueError) as err:
        raise CRMDataError(f"crosshair must be a name or two numbers, got {crosshair!r}",
                           fix="e.g. crosshair=(3.5, 3.8)") from err
    if not (np.isfinite(x) and np.isfinite(y)):
        raise CRMDataError(f"crosshair must be finite, got {crosshair!r}", fix="e.g. (3.5, 3.8)")
    return x, y


def on_the_line(first: pd.Series, second: pd.Series, at: tuple[float, float],
                names: tuple[str, str], margin: float = 0.02) -> list[str]:
    """Per attribute, which lines of the crosshair it sits on: within ``margin`` x the spread
    (max - min) of that axis (the course's rule for a close call), "" if neither.

    >>> on_the_line(pd.Series([3.775, 4.5, 3.0]), pd.Series([1.0, 2.0, 3.0]), (3.77525, 2.5),
    ...             ("importance", "performance"))
    ['importance', '', '']
    """
    near = [(first - at[0]).abs() <= margin * (first.max() - first.min()),
            (second - at[1]).abs() <= margin * (second.max() - second.min())]
    return [" and ".join(n for n, hit in zip(names, hits, strict=True) if hit)
            for hits in zip(*near, strict=True)]


def importance_performance(importance, performance, crosshair="mean",
                           scale: tuple[float, float] = (1, 5), margin: float = 0.02) -> pd.DataFrame:
    """Quadrant of each attribute; at or above the crosshair counts as high. An attribute
    within ``margin`` of a line (see :func:`on_the_line`) is a close call: ``on_line``
    names the line and ``action`` says so.

    >>> imp = pd.Series({"price": 4.5, "speed": 4.0, "design": 2.0, "app": 2.5})
    >>> perf = pd.Series({"price": 2.0, "speed": 4.2, "design": 3.9, "app": 2.1})
    >>> importance_performance(imp, perf)["quadrant"].tolist()
    ['repair', 'advantage', 'maintain', 'opportunity']
    >>> importance_performance(imp, perf, crosshair=(4.0, 3.0)).loc["speed", "action"]
    'on the importance line: a close call between advantage and maintain'
    """
    imp, perf = _pair(importance, performance, ("importance", "performance"))
    x, y = crosshair_point(imp, perf, crosshair, scale)
    highs = [(bool(i >= x), bool(p >= y)) for i, p in zip(imp, perf, strict=True)]
    out = pd.DataFrame({"importance": imp, "performance": perf})
    out["quadrant"] = [IPA_QUADRANTS[h][0] for h in highs]
    out["zone"] = [IPA_QUADRANTS[h][1] for h in highs]
    out["on_line"] = on_the_line(imp, perf, (x, y), ("importance", "performance"), margin)
    out["action"] = [_close_call(IPA_QUADRANTS, h, line, lambda c: c[0]) or IPA_QUADRANTS[h][2]
                     for h, line in zip(highs, out["on_line"], strict=True)]
    out.attrs["crosshair"] = (x, y)
    return out


def _close_call(cells: dict, high: tuple[bool, bool], line: str, name) -> str:
    """The action of an attribute on a line: the cells on both sides of it, named."""
    if not line:
        return ""
    flip = (not high[0] if "importance" in line or "impact" in line else high[0],
            not high[1] if "performance" in line else high[1])
    sides = {name(cells[high]), name(cells[flip])} - {""}
    return f"on the {line} line: a close call between {' and '.join(sorted(sides))}"


def strategic_matrix(impact, performance, crosshair="mean",
                     scale: tuple[float, float] = (1, 5), margin: float = 0.02) -> pd.DataFrame:
    """The strategic satisfaction matrix: impact on satisfaction (weak / strong) x
    performance (low / high), at or above the crosshair counting as strong / high; close
    calls as in :func:`importance_performance`.

    >>> m = strategic_matrix(pd.Series({"a": 0.6, "b": 0.1}), pd.Series({"a": 2.0, "b": 4.0}))
    >>> m[["impact_level", "performance_level"]].values.tolist()
    [['strong', 'low'], ['weak', 'high']]
    >>> m.loc["a", "action"]
    'focus improvement here: a competitive weakness'
    """
    imp, perf = _pair(impact, performance, ("impact", "performance"))
    x, y = crosshair_point(imp, perf, crosshair, scale)
    out = pd.DataFrame({"impact": imp, "performance": perf})
    out["impact_level"] = np.where(imp >= x, "strong", "weak")
    out["performance_level"] = np.where(perf >= y, "high", "low")
    highs = [(bool(i >= x), bool(p >= y)) for i, p in zip(imp, perf, strict=True)]
    out["on_line"] = on_the_line(imp, perf, (x, y), ("impact", "performance"), margin)
    out["action"] = [_close_call(STRATEGIC_CELLS, h, line, lambda c: c.split(":")[0])
                     or STRATEGIC_CELLS[h] for h, line in zip(highs, out["on_line"], strict=True)]
    out.attrs["crosshair"] = (x, y)
    return out


def derived_importance(ratings: pd.DataFrame, overall: pd.Series,
                       method: str = "correlation") -> pd.Series:
    """Importance derived from the data instead of asked: each attribute's correlation with
    overall satisfaction, or its standardised multiple-regression coefficient.

    >>> r = pd.DataFrame({"a": [1.0, 2, 3, 4], "b": [2.0, 1, 2, 1]})
    >>> derived_importance(r, pd.Series([1.0, 2, 3, 4])).round(3).tolist()
    [1.0, -0.447]
    """
    if not isinstance(ratings, pd.DataFrame) or ratings.empty:
        raise CRMDataError("ratings must be a DataFrame, one column per attribute",
                           fix="one row per respondent")
    y = as_numbers(overall, "overall")
    if not y.index.equals(ratings.index):
        raise CRMDataError("overall must have the same index as ratings",
                           fix="take both from the same survey")
    x = ratings.apply(pd.to_numeric, errors="coerce")
    if x.isna().any().any():
        raise CRMDataError("ratings have missing or non-numeric values", fix="fill or drop them")
    if method == "correlation":
        return x.corrwith(y).rename("derived importance")
    if method == "regression":
        z = (x - x.mean()) / x.std(ddof=0)
        zy = (y - y.mean()) / y.std(ddof=0)
        coef, *_ = np.linalg.lstsq(z.to_numpy(), zy.to_numpy(), rcond=None)
        return pd.Series(coef, index=x.columns, name="derived importance")
    raise CRMDataError(f"unknown method {method!r}", fix="'correlation' or 'regression'")
