"""Chapter 5 compute: the ACSI model estimated by PLS path modelling.

The American Customer Satisfaction Index (Fornell et al. 1996; first used in 1994, built
on the Swedish SCSB; seed 004 §3.4.1): customer expectations, perceived quality and
perceived value drive satisfaction, which drives complaints and loyalty. Each construct
is measured by a few survey questions (``ACSI_INDICATORS``, the source's table).

``PLSPathModel`` is the partial least squares path modelling algorithm of Wold (1982)
and Lohmöller (1989), as in the R packages plspm and seminr: reflective (mode A) outer
estimation, a centroid, factorial or path inner weighting scheme, alternating until the
outer weights settle. It is written on numpy (a few dozen lines of regressions). The
official ACSI is estimated with PLS too, but on its own national samples, with its
own weighting and measurement conventions (e.g. missing-value handling, a 1-10 scale per
industry); this is the textbook algorithm on the course's survey. Covariance-based SEM
(e.g. LISREL) instead fits the whole covariance matrix by maximum likelihood and needs
stronger distributional assumptions; PLS maximises explained variance, is robust on small
samples, and tends to underestimate inner paths when indicators are few and noisy.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd

from crmlab.errors import CRMDataError

SCHEMES = ("centroid", "factorial", "path")


class Indicator(NamedTuple):
    key: str
    construct: str
    english: str
    chinese: str


ACSI_INDICATORS: tuple[Indicator, ...] = (
    Indicator("exp_overall", "expectations", "overall expectation of quality", "对产品质量的总体期望"),
    Indicator("exp_customisation", "expectations", "expected fit to one's own needs",
              "对产品质量满足顾客需求程度的期望"),
    Indicator("exp_reliability", "expectations", "expected reliability", "对产品质量可靠性的期望"),
    Indicator("qual_overall", "quality", "overall quality experienced", "顾客对产品质量的总体评价"),
    Indicator("qual_customisation", "quality", "fit to one's own needs experienced",
              "顾客对产品质量满足需求程度的评价"),
    Indicator("qual_reliability", "quality", "reliability experienced", "顾客对产品质量可靠性的评价"),
    Indicator("value_quality_given_price", "value", "quality given the price",
              "给定价格时顾客对质量级别的评价"),
    Indicator("value_price_given_quality", "value", "price given the quality",
              "给定质量时顾客对价格级别的评价"),
    Indicator("sat_overall", "satisfaction", "overall satisfaction", "总体满意度"),
    Indicator("sat_vs_expectation", "satisfaction", "compared with expectations", "感知与期望的比较"),
    Indicator("sat_vs_ideal", "satisfaction", "compared with the ideal", "与理想产品的比较"),
    Indicator("complaints", "complaints", "complaints made, formal or informal", "顾客抱怨"),
    Indicator("repurchase_likelihood", "loyalty", "likelihood of buying again", "重复购买的可能性"),
    Indicator("price_tolerance", "loyalty", "price rise one would accept", "能承受的涨价幅度"),
)
ACSI_STRUCTURE: tuple[tuple[str, str], ...] = (
    ("expectations", "quality"), ("expectations", "value"), ("quality", "value"),
    ("expectations", "satisfaction"), ("quality", "satisfaction"), ("value", "satisfaction"),
    ("satisfaction", "complaints"), ("satisfaction", "loyalty"), ("complaints", "loyalty"),
)
ACSI_BLOCKS: dict[str, list[str]] = {}
for _i in ACSI_INDICATORS:
    ACSI_BLOCKS.setdefault(_i.construct, []).append(_i.key)


def _order(structure: Sequence[tuple[str, str]], constructs: Sequence[str]) -> list[str]:
    """Constructs in an order where every source comes before its targets; a cycle is an
    error."""
    incoming = {c: {s for s, t in structure if t == c} for c in constructs}
    ordered: list[str] = []
    while len(ordered) < len(constructs):
        ready = [c for c in constructs if c not in ordered and incoming[c] <= set(ordered)]
        if not ready:
            left = [c for c in constructs if c not in ordered]
            raise CRMDataError(f"the structure has a cycle among {left}",
                               fix="PLS path models must be recursive: remove a path")
        ordered += ready
    return ordered


def _standardise(v: np.ndarray) -> np.ndarray:
    sd = v.std()
    return (v - v.mean()) / (sd if sd > 0 else 1.0)


class PLSPathModel:
    """PLS path model: ``PLSPathModel(structure, blocks).fit(data)``.

    ``structure`` lists (source, target) paths between constructs; ``blocks`` maps each
    construct to its indicator columns (reflective, mode A). After ``fit``: ``paths_``
    (Series by (source, target)), ``r2_`` (endogenous constructs), ``weights_`` and
    ``loadings_`` (Series by (construct, indicator)), ``scores_`` (standardised construct
    scores), ``total_effects_`` (DataFrame source x target), ``gof_`` (goodness of fit,
    sqrt(mean communality x mean R²); Tenenhaus et al. 2005), ``n_iter_`` and ``index_``.

    ``index_`` is each construct's ACSI-style index on 0-100: the standardised outer
    weights are turned back into weights on the indicators' own scale (w_k / sd_k),
    rescaled to sum 1, applied to the indicator means, and the result x on the scale
    [lo, hi] is reported as 100 (x - lo) / (hi - lo) (Fornell et al. 1996).

    >>> rng = np.random.default_rng(0)
    >>> f = rng.normal(size=500)
    >>> data = pd.DataFrame({"x1": f + rng.normal(size=500), "x2": f + rng.normal(size=500),
    ...                      "y1": f + rng.normal(size=500), "y2": f + rng.normal(size=500)})
    >>> model = PLSPathModel([("X", "Y")], {"X": ["x1", "x2"], "Y": ["y1", "y2"]}).fit(data)
    >>> bool(0.5 < model.paths_[("X", "Y")] < 0.8)
    True
    """

    def __init__(self, structure: Sequence[tuple[str, str]], blocks: Mapping[str, Sequence[str]],
                 scheme: str = "path", scaled: bool = True, tol: float = 1e-7,
                 max_iter: int = 300, scale: tuple[float, float] = (1, 10)) -> None:
        self.structure = [tuple(p) for p in structure]
        self.blocks = {c: list(cols) for c, cols in blocks.items()}
        self.scheme, self.scaled, self.tol, self.max_iter, self.scale = (
            scheme, scaled, tol, max_iter, scale)

    def _check(self, data: pd.DataFrame) -> np.ndarray:
        if self.scheme not in SCHEMES:
            raise CRMDataError(f"unknown scheme {self.scheme!r}", fix=f"one of {list(SCHEMES)}")
        if not isinstance(data, pd.DataFrame) or len(data) < 3:
            raise CRMDataError("data must be a DataFrame with at least 3 rows",
                               fix="one row per respondent, one column per indicator")
        for source, target in self.structure:
            for c in (source, target):
                if c not in self.blocks:
                    raise CRMDataError(f"construct {c!r} of the structure has no block",
                                       fix="give blocks={construct: [indicator columns]}")
            if source == target:
                raise CRMDataError(f"path {source!r} -> itself", fix="remove it")
        self.constructs_ = _order(self.structure, list(self.blocks))
        linked = {c for p in self.structure for c in p}
        unlinked = [c for c in self.blocks if c not in linked]
        if unlinked:
            raise CRMDataError(f"constructs {unlinked} have no path", fix="connect or drop them")
        columns = [col for c in self.constructs_ for col in self.blocks[c]]
        missing = [col for col in columns if col not in data.columns]
        if missing or any(not self.blocks[c] for c in self.constructs_):
            raise CRMDataError(f"indicator column(s) {missing} are not in the data",
                               fix=f"the data has {list(data.columns)[:12]}...")
        values = data[columns].apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
        if not np.isfinite(values).all():
            rows = list(data.index[~np.isfinite(values).all(axis=1)][:5])
            raise CRMDataError(f"missing or non-numeric indicator values at rows {rows}",
                               fix="drop or impute those rows first")
        if (values.std(axis=0) == 0).any():
            flat = [col for col, sd in zip(columns, values.std(axis=0), strict=True) if sd == 0]
            raise CRMDataError(f"indicators {flat} do not vary", fix="drop them")
        return values

    def fit(self, data: pd.DataFrame) -> PLSPathModel:
        """Estimate the model from ``data`` (one row per respondent); returns self."""
        raw = self._check(data)
        self._raw, self._index = raw, data.index
        self.columns_ = [col for c in self.constructs_ for col in self.blocks[c]]
        weights, self.n_iter_ = self._estimate(raw, None)
        self._finish(raw, weights)
        return self

    def _prepared(self, raw: np.ndarray) -> list[np.ndarray]:
        x = raw - raw.mean(axis=0)
        if self.scaled:
            x = x / raw.std(axis=0)
        blocks, start = [], 0
        for c in self.constructs_:
            blocks.append(x[:, start:start + len(self.blocks[c])])
            start += len(self.blocks[c])
        return blocks

    def _estimate(self, raw: np.ndarray, start: list[np.ndarray] | None
                  ) -> tuple[list[np.ndarray], int]:
        blocks = self._prepared(raw)
        n = raw.shape[0]
        where = {c: i for i, c in enumerate(self.constructs_)}
        preds = [[where[s] for s, t in self.structure if t == c] for c in self.constructs_]
        succs = [[where[t] for s, t in self.structure if s == c] for c in self.constructs_]
        adjacent = [sorted(set(p) | set(s)) for p, s in zip(preds, succs, strict=True)]
        weights = start or [np.ones(b.shape[1]) for b in blocks]
        weights = [w / (b @ w).std() for b, w in zip(blocks, weights, strict=True)]
        for iteration in range(1, self.max_iter + 1):
            scores = np.column_stack([_standardise(b @ w) for b, w in zip(blocks, weights,
                                                                          strict=True)])
            corr = scores.T @ scores / n
            inner = np.zeros_like(corr)
            for j in range(len(blocks)):
                if self.scheme == "path":
                    if preds[j]:
                        p = preds[j]
                        inner[j, p] = np.linalg.lstsq(scores[:, p], scores[:, j], rcond=None)[0]
                    inner[j, succs[j]] = corr[j, succs[j]]
                else:
                    inner[j, adjacent[j]] = (np.sign(corr[j, adjacent[j]]) if self.scheme == "centroid"
                                             else corr[j, adjacent[j]])
            proxies = scores @ inner.T
            new = []
            for j, b in enumerate(blocks):
                z = _standardise(proxies[:, j])
                w = b.T @ z / n  # mode A: covariances of the indicators with the inner proxy
                new.append(w / (b @ w).std())
            change = max(float(np.abs(a - b).max()) for a, b in zip(new, weights, strict=True))
            weights = new
            if change < self.tol:
                return weights, iteration
        raise CRMDataError(f"PLS did not converge in {self.max_iter} iterations (last change "
                           f"{change:.2g})", fix="raise max_iter or tol, or check the blocks")

    def _finish(self, raw: np.ndarray, weights: list[np.ndarray]) -> None:
        blocks = self._prepared(raw)
        scores = np.column_stack([_standardise(b @ w) for b, w in zip(blocks, weights, strict=True)])
        loadings = []
        for j, b in enumerate(blocks):
            load = np.array([np.corrcoef(b[:, k], scores[:, j])[0, 1] for k in range(b.shape[1])])
            if load.sum() < 0:  # orient each construct like most of its indicators
                weights[j], scores[:, j], load = -weights[j], -scores[:, j], -load
            loadings.append(load)
        self._weights = weights
        keys = [(c, col) for c in self.constructs_ for col in self.blocks[c]]
        self.weights_ = pd.Series(np.concatenate(weights), index=pd.MultiIndex.from_tuples(keys))
        self.loadings_ = pd.Series(np.concatenate(loadings), index=self.weights_.index)
        self.scores_ = pd.DataFrame(scores, index=self._index, columns=self.constructs_)
        self.paths_, self.r2_ = self._paths(scores)
        m = len(self.constructs_)
        b = np.zeros((m, m))
        for (s, t), v in self.paths_.items():
            b[self.constructs_.index(s), self.constructs_.index(t)] = v
        total = np.linalg.inv(np.eye(m) - b) - np.eye(m)
        self.total_effects_ = pd.DataFrame(total, index=self.constructs_, columns=self.constructs_)
        multi = [load for load in loadings if len(load) > 1]
        communality = float(np.mean(np.concatenate(multi) ** 2)) if multi else 1.0
        self.gof_ = float(np.sqrt(communality * self.r2_.mean()))
        self.index_ = self._indices(raw, weights)

    def _paths(self, scores: np.ndarray) -> tuple[pd.Series, pd.Series]:
        paths, r2 = {}, {}
        for j, c in enumerate(self.constructs_):
            preds = [s for s, t in self.structure if t == c]
            if not preds:
                continue
            cols = [self.constructs_.index(p) for p in preds]
            coef, *_ = np.linalg.lstsq(scores[:, cols], scores[:, j], rcond=None)
            fitted = scores[:, cols] @ coef
            r2[c] = float(1 - ((scores[:, j] - fitted) ** 2).sum() / (scores[:, j] ** 2).sum())
            paths.update({(p, c): float(v) for p, v in zip(preds, coef, strict=True)})
        order = [p for p in self.structure if tuple(p) in paths]
        return (pd.Series([paths[p] for p in order], index=pd.MultiIndex.from_tuples(order)),
                pd.Series(r2))

    def _indices(self, raw: np.ndarray, weights: list[np.ndarray]) -> pd.Series:
        low, high = (float(v) for v in self.scale)
        out, start = {}, 0
        for c, w in zip(self.constructs_, weights, strict=True):
            cols = slice(start, start + len(w))
            start += len(w)
            unscaled = w / raw[:, cols].std(axis=0) if self.scaled else w
            share = unscaled / unscaled.sum()
            out[c] = 100 * (float(share @ raw[:, cols].mean(axis=0)) - low) / (high - low)
        return pd.Series(out, name="index")

    def bootstrap(self, n: int = 500, random_state: int = 0, level: float = 0.95) -> pd.DataFrame:
        """Resample the respondents ``n`` times, refit, and report per path the estimate,
        the bootstrap standard error and the percentile interval at ``level``."""
        if not hasattr(self, "paths_"):
            raise CRMDataError("fit the model before bootstrapping", fix="model.fit(data)")
        rng = np.random.default_rng(random_state)
        rows = self._raw.shape[0]
        draws = np.empty((n, len(self.paths_)))
        for b in range(n):
            sample = self._raw[rng.integers(0, rows, rows)]
            weights, _ = self._estimate(sample, [w.copy() for w in self._weights])
            blocks = self._prepared(sample)
            scores = np.column_stack([_standardise(x @ w) for x, w in zip(blocks, weights,
                                                                          strict=True)])
            signs = np.sign([np.sum(x.T @ scores[:, j]) for j, x in enumerate(blocks)])
            paths, _ = self._paths(scores * np.where(signs == 0, 1, signs))
            draws[b] = paths.reindex(self.paths_.index).to_numpy()
        tail = (1 - level) / 2 * 100
        return pd.DataFrame({"estimate": self.paths_, "std_error": draws.std(axis=0, ddof=1),
                             "lower": np.percentile(draws, tail, axis=0),
                             "upper": np.percentile(draws, 100 - tail, axis=0)})
