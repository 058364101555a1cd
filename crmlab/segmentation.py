"""Chapter 3 compute: segmentation (客户细分) by clustering, with scikit-learn.

Segmentation groups customers whose needs are alike so that each group gets its own
offer (Wendell Smith 1956; seeds 000/004 §3.2.2, 001, 003). The course's method is the
standard one: standardise the chosen features (z-scores), k-means with several starts
(scikit-learn's ``KMeans``), k chosen by the elbow of the inertia and by the silhouette,
segments read from their profiles, and, where the truth is known (the synthetic survey),
agreement measured by the adjusted Rand index.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, silhouette_score
from sklearn.preprocessing import StandardScaler

from crmlab.errors import CRMDataError

N_INIT = 10  # k-means starts; the best (lowest inertia) is kept
FEATURE_SETS = {
    "all": ("age_head", "household_size", "children", "elderly", "income", "education_years",
            "work_hours", "price_sensitivity", "wants_amenities", "wants_nightlife",
            "wants_schools", "wants_medical"),
    "demographics": ("age_head", "household_size", "children", "elderly", "income",
                     "education_years", "work_hours"),
    "housing needs": ("price_sensitivity", "wants_amenities", "wants_nightlife", "wants_schools",
                      "wants_medical"),
}


def feature_matrix(survey: pd.DataFrame, features: Sequence[str] | None = None, *,
                   scale: bool = True) -> pd.DataFrame:
    """The chosen columns (default: all), as numbers, standardised to mean 0 and sd 1 when
    ``scale``.

    >>> feature_matrix(pd.DataFrame({"a": [1.0, 3.0], "b": [10, 10]})).to_numpy().tolist()
    [[-1.0, 0.0], [1.0, 0.0]]
    """
    if not isinstance(survey, pd.DataFrame) or survey.empty:
        raise CRMDataError("survey must be a non-empty DataFrame, one row per household",
                           fix="use crmlab.datasets.load_households()")
    features = list(survey.columns if features is None else features)
    missing = [f for f in features if f not in survey.columns]
    if missing or not features:
        raise CRMDataError(f"features {missing or features} are not columns of the survey",
                           fix=f"choose from {list(survey.columns)}")
    data = survey[features].apply(pd.to_numeric, errors="coerce")
    bad = data.isna().any(axis=1)
    if bad.any():
        raise CRMDataError(f"missing or non-numeric values in rows {list(data.index[bad][:5])}",
                           fix="fill or drop those households first")
    if not scale:
        return data.astype(float)
    return pd.DataFrame(StandardScaler().fit_transform(data), index=data.index, columns=features)


def segment_households(survey: pd.DataFrame, k: int = 5, features: Sequence[str] | None = None,
                       random_state: int = 0, *, scale: bool = True) -> pd.Series:
    """K-means segment (0..k-1) per household, numbered by size (0 is the largest; equal sizes
    by their first household).

    >>> df = pd.DataFrame({"x": [0.0, 0.1, 0.2, 5.0, 5.1]})
    >>> segment_households(df, k=2).tolist()
    [0, 0, 0, 1, 1]
    """
    matrix = feature_matrix(survey, features, scale=scale)
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 2 <= k < len(matrix):
        raise CRMDataError(f"k must be a whole number from 2 to {len(matrix) - 1}, got {k!r}",
                           fix="e.g. k=5")
    labels = KMeans(n_clusters=int(k), n_init=N_INIT, random_state=random_state).fit_predict(matrix)
    sizes = pd.Series(labels).value_counts()
    first_row = {c: int(np.argmax(labels == c)) for c in sizes.index}
    order = sorted(sizes.index, key=lambda c: (-sizes[c], first_row[c]))
    renumber = {old: new for new, old in enumerate(order)}
    return pd.Series([renumber[c] for c in labels], index=survey.index, name="segment")


def choose_k(survey: pd.DataFrame, ks: Sequence[int] = range(2, 9),
             features: Sequence[str] | None = None, random_state: int = 0) -> pd.DataFrame:
    """Inertia (within-cluster sum of squares, for the elbow) and mean silhouette per k.

    >>> df = pd.DataFrame({"x": [0.0, 0.1, 0.2, 5.0, 5.1, 9.0, 9.1]})
    >>> int(choose_k(df, ks=[2, 3])["silhouette"].idxmax())
    3
    """
    matrix = feature_matrix(survey, features)
    rows = []
    for k in ks:
        model = KMeans(n_clusters=int(k), n_init=N_INIT, random_state=random_state).fit(matrix)
        rows.append((int(k), float(model.inertia_), float(silhouette_score(matrix, model.labels_))))
    return pd.DataFrame(rows, columns=["k", "inertia", "silhouette"]).set_index("k")


def segment_profiles(survey: pd.DataFrame, labels: pd.Series,
                     features: Sequence[str] | None = None) -> pd.DataFrame:
    """Per segment: its share of households and the mean of each feature (natural units),
    plus a readable name from its two most distinctive features.

    >>> df = pd.DataFrame({"income": [100.0, 120, 900, 950], "age": [30, 32, 60, 58]})
    >>> segment_profiles(df, pd.Series([0, 0, 1, 1]))["name"].tolist()
    ['low income, younger', 'high income, older']
    """
    data = feature_matrix(survey, features, scale=False)
    if not isinstance(labels, pd.Series) or not labels.index.equals(data.index):
        raise CRMDataError("labels must be a Series with the survey's index",
                           fix="pass the output of segment_households(survey)")
    means = data.groupby(labels.to_numpy()).mean()
    z = (means - data.mean()) / data.std(ddof=0).replace(0, 1)
    names = [", ".join(_words(f, z.loc[s, f] > 0)
                       for f in z.loc[s].abs().sort_values(ascending=False).index[:2])
             for s in means.index]
    out = means.round(2)
    out.insert(0, "share", labels.value_counts(normalize=True).reindex(means.index).round(3))
    out.insert(0, "name", names)
    out.index.name = "segment"
    return out


def _words(feature: str, high: bool) -> str:
    """A feature and its direction as words: ('income', True) -> 'high income'; age reads
    'older' or 'younger'.

    >>> _words("wants_schools", True), _words("age_head", False)
    ('high wants schools', 'younger')
    """
    if feature in ("age", "age_head"):
        return "older" if high else "younger"
    return ("high " if high else "low ") + feature.replace("_", " ")


def agreement(labels: pd.Series, truth: pd.Series) -> float:
    """Adjusted Rand index of two labellings of the same households: 1 identical, about 0
    for chance, independent of how the segments are numbered or named (Hubert & Arabie 1985).

    >>> agreement(pd.Series([0, 0, 1, 1]), pd.Series(["a", "a", "b", "b"]))
    1.0
    """
    if not isinstance(labels, pd.Series) or not isinstance(truth, pd.Series) \
            or not labels.index.equals(truth.index):
        raise CRMDataError("labels and truth must be two Series with the same index",
                           fix="align them by household_id first")
    return float(adjusted_rand_score(truth.astype(str), labels.astype(str)))


def rfm_clusters(rfm: pd.DataFrame, k: int = 4, random_state: int = 0) -> pd.Series:
    """Behavioural segments of customers from an RFM table: k-means on standardised
    recency, log frequency and log monetary (logs tame the long tails of counts and spend).

    >>> rfm = pd.DataFrame({"recency": [5, 6, 300, 320], "frequency": [9, 8, 1, 1],
    ...                     "monetary": [900.0, 800, 30, 40]})
    >>> rfm_clusters(rfm, k=2).tolist()
    [0, 0, 1, 1]
    """
    if not isinstance(rfm, pd.DataFrame) or not {"recency", "frequency", "monetary"} <= set(rfm):
        raise CRMDataError("rfm must have recency, frequency and monetary columns",
                           fix="use crmlab.tiering.rfm_table() first")
    features = pd.DataFrame({"recency": rfm["recency"], "log_frequency": np.log1p(rfm["frequency"]),
                             "log_monetary": np.log1p(rfm["monetary"].clip(lower=0))},
                            index=rfm.index)
    return segment_households(features, k, random_state=random_state).rename("cluster")
