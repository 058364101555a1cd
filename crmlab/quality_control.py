"""Chapter 5 compute: control charts for monitoring satisfaction over time.

Seed 004 §3.4.2 lists the control chart among the tools of satisfaction measurement.
A p chart follows the share of nonconforming units (complaints per order) with limits
p̄ ± k √(p̄(1-p̄)/nᵢ); an X-bar chart follows subgroup means (e.g. five guests' scores a
month) with limits x̿ ± (k/3) A₂ R̄ from the average range, or x̿ ± k σ̂/√n (Montgomery,
*Introduction to Statistical Quality Control*); its R chart (:func:`r_chart`) follows the
spread within subgroups, R̄ (1 ± k d₃/d₂). Points beyond the limits, and optionally
the Western Electric run rules (1956), flag months that are out of control.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from crmlab.errors import CRMDataError
from crmlab.schema import as_number, as_numbers

A2 = {2: 1.880, 3: 1.023, 4: 0.729, 5: 0.577, 6: 0.483, 7: 0.419, 8: 0.373, 9: 0.337, 10: 0.308}
# d2, d3: mean and sd of the range of n standard normal draws (Montgomery, Appendix VI)
D2 = {2: 1.128, 3: 1.693, 4: 2.059, 5: 2.326, 6: 2.534, 7: 2.704, 8: 2.847, 9: 2.970, 10: 3.078}
D3_FACTOR = {2: 0.853, 3: 0.888, 4: 0.880, 5: 0.864, 6: 0.848, 7: 0.833, 8: 0.820, 9: 0.808,
             10: 0.797}
RULES = ("beyond limits", "2 of 3 beyond 2 sigma", "4 of 5 beyond 1 sigma", "8 on one side")


def p_chart(nonconforming, sample_size, sigma: float = 3.0) -> pd.DataFrame:
    """p chart: per sample the share p, the centre p̄ = Σd / Σn, the limits
    p̄ ± sigma √(p̄(1-p̄)/nᵢ) clipped to [0, 1] (per sample when sizes vary), and whether the
    point is out of control.

    >>> chart = p_chart(pd.Series([4, 6, 20]), pd.Series([100, 100, 100]))
    >>> round(float(chart["center"].iloc[0]), 4), chart["out"].tolist()
    (0.1, [False, False, True])
    """
    d = as_numbers(nonconforming, "nonconforming")
    n = as_numbers(sample_size, "sample_size")
    if np.ndim(sample_size) == 0:  # one size for every sample
        n = pd.Series(float(n.iloc[0]), index=d.index)
    elif not isinstance(sample_size, pd.Series) and len(n) == len(d):
        n.index = d.index
    if not n.index.equals(d.index):
        raise CRMDataError("sample_size must give one size per sample, with the same index",
                           fix="align the two Series")
    k = as_number("sigma", sigma, 0.1, 10)
    bad = (d < 0) | (n <= 0) | (d > n) | (d != np.floor(d))
    if bad.any():
        raise CRMDataError(f"counts must be whole numbers from 0 to the sample size; bad at "
                           f"{list(d.index[bad][:5])}", fix="nonconforming counts cannot exceed n")
    center = float(d.sum() / n.sum())
    spread = np.sqrt(center * (1 - center) / n)
    out = pd.DataFrame({"p": d / n, "n": n, "center": center,
                        "lcl": (center - k * spread).clip(lower=0),
                        "ucl": (center + k * spread).clip(upper=1)})
    out["sigma_unit"] = spread
    out["out"] = (out["p"] > out["ucl"]) | (out["p"] < out["lcl"])
    return out


def _subgroups(samples: Any) -> pd.DataFrame:
    """The subgroups (rows) as numbers, or a CRMDataError saying what is wrong with them."""
    if not isinstance(samples, pd.DataFrame) or samples.shape[0] < 2:
        raise CRMDataError("samples must be a DataFrame with a row per subgroup (at least 2)",
                           fix="one column per observation in the subgroup")
    x = samples.apply(pd.to_numeric, errors="coerce")
    if x.isna().any().any():
        raise CRMDataError("samples have missing or non-numeric values", fix="fill or drop them")
    return x


def xbar_chart(samples: pd.DataFrame, sigma: float = 3.0, method: str = "range") -> pd.DataFrame:
    """X-bar chart of subgroups (rows) of equal size (columns): subgroup means, the grand
    mean, limits from the average range (x̿ ± (sigma/3) A₂ R̄, ``method="range"``) or from
    the pooled within-subgroup sd (x̿ ± sigma σ̂/√n, ``method="sd"``), and out-of-control
    flags.

    >>> s = pd.DataFrame([[7, 8, 9], [8, 8, 8], [6, 8, 10], [1, 2, 3]])
    >>> chart = xbar_chart(s)
    >>> round(float(chart["center"].iloc[0]), 3), round(float(chart["ucl"].iloc[0]), 3)
    (6.5, 8.546)
    """
    x = _subgroups(samples)
    size = x.shape[1]
    k = as_number("sigma", sigma, 0.1, 10)
    means = x.mean(axis=1)
    center = float(means.mean())
    if method == "range":
        if size not in A2:
            raise CRMDataError(f"A2 is tabulated for subgroups of 2 to 10, got {size}",
                               fix="use method='sd'")
        half_width = (k / 3) * A2[size] * float((x.max(axis=1) - x.min(axis=1)).mean())
    elif method == "sd":
        if size < 2:
            raise CRMDataError("an sd needs subgroups of 2 or more", fix="use larger subgroups")
        half_width = k * float(np.sqrt(x.var(axis=1, ddof=1).mean())) / np.sqrt(size)
    else:
        raise CRMDataError(f"unknown method {method!r}", fix="'range' or 'sd'")
    out = pd.DataFrame({"mean": means, "center": center, "lcl": center - half_width,
                        "ucl": center + half_width})
    out["sigma_unit"] = half_width / k
    out["out"] = (out["mean"] > out["ucl"]) | (out["mean"] < out["lcl"])
    return out


def r_chart(samples: pd.DataFrame, sigma: float = 3.0) -> pd.DataFrame:
    """R chart, the companion of the X-bar chart: each subgroup's range R, the centre R̄ and
    the limits R̄ (1 ± sigma d₃/d₂) (lower limit at least 0; at 3 sigma these are D₃R̄ and
    D₄R̄). It shows whether the spread within subgroups is stable — the X-bar limits are
    built from R̄, so they mean little when it is not (Montgomery, ch. 6).

    >>> chart = r_chart(pd.DataFrame([[7, 8, 9], [8, 8, 8], [6, 8, 10], [1, 2, 3]]))
    >>> chart["range"].tolist(), float(chart["center"].iloc[0]), round(float(chart["ucl"].iloc[0]), 3)
    ([2.0, 0.0, 4.0, 2.0], 2.0, 5.147)
    """
    x = _subgroups(samples)
    size = x.shape[1]
    if size not in D2:
        raise CRMDataError(f"d2 and d3 are tabulated for subgroups of 2 to 10, got {size}",
                           fix="use subgroups of 2 to 10 observations")
    k = as_number("sigma", sigma, 0.1, 10)
    ranges = (x.max(axis=1) - x.min(axis=1)).astype(float)
    center = float(ranges.mean())
    unit = center * D3_FACTOR[size] / D2[size]
    out = pd.DataFrame({"range": ranges, "center": center, "lcl": max(0.0, center - k * unit),
                        "ucl": center + k * unit})
    out["sigma_unit"] = unit
    out["out"] = (out["range"] > out["ucl"]) | (out["range"] < out["lcl"])
    return out


def run_rules(values: pd.Series, center, sigma_unit) -> pd.DataFrame:
    """The four Western Electric rules per point (True where the rule fires at that point):
    beyond 3 sigma; 2 of 3 in a row beyond 2 sigma on one side; 4 of 5 beyond 1 sigma on one
    side; 8 in a row on one side of the centre.

    >>> v = pd.Series([0.0] * 3 + [1.5] * 8)
    >>> run_rules(v, 0.0, 1.0)["8 on one side"].tolist()[-2:]
    [False, True]
    """
    v = as_numbers(values, "values")
    z = ((v - as_numbers(center, "center").to_numpy()) / as_numbers(sigma_unit, "sigma_unit").to_numpy()
         if np.ndim(center) or np.ndim(sigma_unit) else (v - center) / sigma_unit)
    z = pd.Series(np.asarray(z, dtype=float), index=v.index)
    out = pd.DataFrame(index=v.index)
    out[RULES[0]] = z.abs() > 3
    for rule, count, window, level in ((RULES[1], 2, 3, 2), (RULES[2], 4, 5, 1)):
        above = (z > level).astype(int).rolling(window, min_periods=window).sum() >= count
        below = (z < -level).astype(int).rolling(window, min_periods=window).sum() >= count
        out[rule] = above | below
    side = np.sign(z)
    out[RULES[3]] = ((side > 0).astype(int).rolling(8, min_periods=8).sum() == 8) | \
                    ((side < 0).astype(int).rolling(8, min_periods=8).sum() == 8)
    return out
