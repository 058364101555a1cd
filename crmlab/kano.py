"""Chapter 5 compute: the Kano model — classifying features from a Kano questionnaire.

Each respondent answers two questions per feature: how they feel if the feature is there
(functional) and if it is not (dysfunctional), each with one of five answers. The pair is
looked up in the standard evaluation table (Kano et al. 1984; Berger et al. 1993):
A attractive (兴奋型), O one-dimensional (期望型), M must-be (基本型), I indifferent,
R reverse, Q questionable. Seed 004 §3.4.1 teaches the three main types and how
excitement decays into performance and basic needs over time.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from crmlab.errors import CRMDataError
from crmlab.schema import require_columns

ANSWERS = ("like", "must-be", "neutral", "live-with", "dislike")
ANSWER_ALIASES = {  # what a questionnaire may say -> the canonical answer
    **{a: a for a in ANSWERS}, "must be": "must-be", "live with": "live-with",
    "i like it": "like", "i expect it": "must-be", "i am neutral": "neutral",
    "i can live with it": "live-with", "i dislike it": "dislike",
    "喜欢": "like", "理所当然": "must-be", "无所谓": "neutral", "能忍受": "live-with",
    "不喜欢": "dislike", **{str(i): a for i, a in enumerate(ANSWERS, start=1)},
}
CATEGORIES = ("A", "O", "M", "I", "R", "Q")
CATEGORY_NAMES = {"A": ("attractive", "兴奋型"), "O": ("one-dimensional", "期望型"),
                  "M": ("must-be", "基本型"), "I": ("indifferent", "无差异型"),
                  "R": ("reverse", "反向型"), "Q": ("questionable", "可疑结果")}
TIE_ORDER = ("M", "O", "A", "I", "R", "Q")  # Sauerwein et al. (1996): ties go to the first
_ROWS = {  # functional answer -> category for each dysfunctional answer, in ANSWERS order
    "like": "QAAAO", "must-be": "RIIIM", "neutral": "RIIIM", "live-with": "RIIIM",
    "dislike": "RRRRQ",
}
KANO_TABLE = pd.DataFrame([list(_ROWS[f]) for f in ANSWERS],
                          index=pd.Index(ANSWERS, name="functional"),
                          columns=pd.Index(ANSWERS, name="dysfunctional"))


def parse_answers(answers, name: str = "answers") -> pd.Series:
    """Questionnaire answers as canonical labels: the five English labels (any case), the
    Chinese labels, or codes 1-5 in that order; ``CRMDataError`` names the rows that are
    none of these.

    >>> parse_answers(pd.Series(["Like", 5, "无所谓"])).tolist()
    ['like', 'dislike', 'neutral']
    """
    series = answers if isinstance(answers, pd.Series) else pd.Series([answers])
    text = series.map(lambda a: str(int(a)) if isinstance(a, (int, np.integer, float))
                      and not isinstance(a, bool) and float(a).is_integer() else str(a))
    parsed = text.str.strip().str.lower().map(ANSWER_ALIASES)
    bad = parsed.isna()
    if bad.any():
        shown = [f"{i}: {series[i]!r}" for i in series.index[bad][:5]]
        raise CRMDataError(f"unknown Kano answers in {name} at rows {shown}",
                           fix=f"use one of {list(ANSWERS)} (or their Chinese labels, or 1-5)")
    return parsed


def kano_category(functional, dysfunctional):
    """Kano category (A, O, M, I, R or Q) of an answer pair, for scalars or two Series.

    >>> kano_category("like", "dislike"), kano_category("neutral", "dislike")
    ('O', 'M')
    >>> kano_category(pd.Series(["like", "dislike"]), pd.Series(["neutral", "like"])).tolist()
    ['A', 'R']
    """
    scalar = not isinstance(functional, pd.Series)
    f = parse_answers(functional, "functional")
    d = parse_answers(dysfunctional, "dysfunctional")
    if not f.index.equals(d.index):
        raise CRMDataError("functional and dysfunctional answers must have the same index",
                           fix="take both columns from the same table")
    cats = [KANO_TABLE.loc[a, b] for a, b in zip(f, d, strict=True)]
    return cats[0] if scalar else pd.Series(cats, index=f.index, name="category")


def _top(counts: pd.Series, among: tuple[str, ...]) -> str:
    """The most frequent category among ``among``, ties by the tie order."""
    best = max(counts[c] for c in among)
    return next(c for c in TIE_ORDER if c in among and counts[c] == best)


def category_by_rule(counts: pd.Series, rule: str = "majority") -> str:
    """One feature's category from its counts of A O M I R Q.

    ``"majority"``: the most frequent category, ties broken M > O > A > I > R > Q
    (Sauerwein et al. 1996). ``"relevance"``: if A + O + M > I + R + Q, the most frequent
    of A, O, M; otherwise the most frequent of I, R, Q.

    >>> c = pd.Series({"A": 3, "O": 3, "M": 2, "I": 4, "R": 0, "Q": 0})
    >>> category_by_rule(c), category_by_rule(c, "relevance")
    ('I', 'O')
    """
    if rule == "majority":
        return _top(counts, CATEGORIES)
    if rule == "relevance":
        relevant = counts["A"] + counts["O"] + counts["M"]
        return _top(counts, ("A", "O", "M")) if relevant > counts["I"] + counts["R"] + counts["Q"] \
            else _top(counts, ("I", "R", "Q"))
    raise CRMDataError(f"unknown rule {rule!r}", fix="rule='majority' or rule='relevance'")


def fong_significant(top: int, second: int, n: int) -> bool:
    """Whether the two most frequent categories differ significantly (Fong 1996):
    |a - b| > 1.65 sqrt((a + b)(2n - a - b) / (2n)).

    >>> fong_significant(60, 30, 100), fong_significant(40, 35, 100)
    (True, False)
    """
    if n <= 0:
        return False
    return abs(top - second) > 1.65 * math.sqrt((top + second) * (2 * n - top - second) / (2 * n))


def kano_counts(survey: pd.DataFrame) -> pd.DataFrame:
    """Counts of A O M I R Q per feature from a long survey (``feature``, ``functional``,
    ``dysfunctional``; one row per respondent and feature).

    >>> s = pd.DataFrame({"feature": ["x", "x"], "functional": ["like", "like"],
    ...                   "dysfunctional": ["dislike", "neutral"]})
    >>> kano_counts(s).loc["x"].tolist()
    [1, 1, 0, 0, 0, 0]
    """
    require_columns(survey, ("feature", "functional", "dysfunctional"), "Kano survey",
                    "one row per respondent and feature with the two answers")
    if survey.empty:
        raise CRMDataError("the Kano survey has no answers", fix="pass at least one row")
    category = kano_category(survey["functional"], survey["dysfunctional"])
    counts = pd.crosstab(survey["feature"], category).reindex(columns=list(CATEGORIES),
                                                              fill_value=0)
    counts.columns.name = None
    return counts


def kano_table(survey: pd.DataFrame, rule: str = "majority") -> pd.DataFrame:
    """One row per feature: counts A O M I R Q, n, category, better and worse (Berger et al.
    1993: better = (A+O)/(A+O+M+I), worse = -(O+M)/(A+O+M+I)), category strength (top
    share minus second share), total strength ((A+O+M)/n) and whether the top two
    categories differ significantly (Fong 1996).

    >>> s = pd.DataFrame({"feature": ["x"] * 4, "functional": ["like"] * 3 + ["neutral"],
    ...                   "dysfunctional": ["dislike", "dislike", "neutral", "dislike"]})
    >>> row = kano_table(s).loc["x"]
    >>> row["category"], float(row["better"]), float(row["worse"])
    ('O', 0.75, -0.75)
    """
    return table_from_counts(kano_counts(survey), rule)


def table_from_counts(counts: pd.DataFrame, rule: str = "majority") -> pd.DataFrame:
    """The columns of :func:`kano_table` from a table of counts (one row per feature).

    >>> counts = pd.DataFrame({"A": [2], "O": [2], "M": [1], "I": [0], "R": [0], "Q": [0]})
    >>> table_from_counts(counts)[["category", "category_strength"]].values.tolist()
    [['O', 0.0]]
    """
    out = counts[list(CATEGORIES)].astype(int).copy()
    out["n"] = out.sum(axis=1)
    out["category"] = [category_by_rule(row, rule) for _, row in out[list(CATEGORIES)].iterrows()]
    core = out[["A", "O", "M", "I"]].sum(axis=1).replace(0, np.nan)
    out["better"] = (out["A"] + out["O"]) / core
    out["worse"] = -(out["O"] + out["M"]) / core
    ranked = np.sort(out[list(CATEGORIES)].to_numpy(), axis=1)[:, ::-1]
    out["category_strength"] = (ranked[:, 0] - ranked[:, 1]) / out["n"]
    out["total_strength"] = (out["A"] + out["O"] + out["M"]) / out["n"]
    out["significant"] = [fong_significant(int(a), int(b), int(n))
                          for a, b, n in zip(ranked[:, 0], ranked[:, 1], out["n"], strict=True)]
    return out


BETTER_WORSE_CORNERS = {(True, False): "A", (True, True): "O", (False, True): "M",
                        (False, False): "I"}


def better_worse_quadrant(table: pd.DataFrame, line: float = 0.5) -> pd.DataFrame:
    """Each feature's corner of the Better-Worse diagram (better and |worse| at or above
    ``line``: O; better only: A; |worse| only: M; neither: I) beside its category, and
    whether they disagree. Reverse and questionable features are left out: Better and
    Worse do not count R and Q answers.

    >>> t = pd.DataFrame({"better": [0.49, 0.8, 0.1], "worse": [-0.75, -0.2, -0.1],
    ...                   "category": ["O", "A", "R"]}, index=["check-in", "fruit", "sign-up"])
    >>> better_worse_quadrant(t)[["quadrant", "disagrees"]].values.tolist()
    [['M', True], ['A', False]]
    """
    require_columns(table, ("better", "worse", "category"), "Kano table", "use kano_table(survey)")
    shown = table[~table["category"].isin(["R", "Q"])]
    corner = [BETTER_WORSE_CORNERS[(bool(b >= line), bool(-w >= line))]
              for b, w in zip(shown["better"], shown["worse"], strict=True)]
    return pd.DataFrame({"category": shown["category"], "quadrant": corner,
                         "better": shown["better"], "worse": shown["worse"],
                         "disagrees": [c != q for c, q in zip(shown["category"], corner, strict=True)]},
                        index=shown.index)


def answer_grid(survey: pd.DataFrame, feature: str) -> pd.DataFrame:
    """One feature's answers as counts per (functional, dysfunctional) pair, 5 x 5.

    >>> s = pd.DataFrame({"feature": ["x", "x"], "functional": ["like", "like"],
    ...                   "dysfunctional": ["dislike", "dislike"]})
    >>> int(answer_grid(s, "x").loc["like", "dislike"])
    2
    """
    require_columns(survey, ("feature", "functional", "dysfunctional"), "Kano survey",
                    "one row per respondent and feature with the two answers")
    rows = survey[survey["feature"] == feature]
    if rows.empty:
        raise CRMDataError(f"no answers for feature {feature!r}",
                           fix=f"choose one of {sorted(survey['feature'].unique())[:8]}")
    grid = pd.crosstab(parse_answers(rows["functional"], "functional"),
                       parse_answers(rows["dysfunctional"], "dysfunctional"))
    return grid.reindex(index=list(ANSWERS), columns=list(ANSWERS), fill_value=0)
