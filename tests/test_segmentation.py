"""Segmentation: k-means on standardised features recovers the survey's true segments;
naive choices do markedly worse; profiles, k choice and bad input."""

import pandas as pd
import pytest

from crmlab import CRMDataError
from crmlab.datasets import load_household_segments, load_households
from crmlab.segmentation import (
    FEATURE_SETS,
    agreement,
    choose_k,
    feature_matrix,
    rfm_clusters,
    segment_households,
    segment_profiles,
)


@pytest.fixture(scope="module")
def survey():
    return load_households()


@pytest.fixture(scope="module")
def truth(survey):
    return load_household_segments().set_index("household_id")["segment"].reindex(survey.index)


def test_the_course_method_recovers_the_truth(survey, truth):
    """Stated in the data card and the chapter: ARI 0.87 with standardised features, k = 5."""
    assert agreement(segment_households(survey), truth) >= 0.85


def test_naive_choices_do_markedly_worse(survey, truth):
    assert agreement(segment_households(survey, scale=False), truth) < 0.4  # income dominates
    assert agreement(segment_households(survey, k=3), truth) < 0.75


def test_truth_has_the_vanke_shares():
    shares = load_household_segments()["segment"].value_counts(normalize=True)
    assert shares.to_dict() == {"child-centred": 0.31, "young achievers": 0.29,
                                "pragmatic families": 0.25, "wealthy families": 0.09,
                                "elderly care": 0.06}


def test_elbow_at_five(survey):
    table = choose_k(survey, ks=range(3, 8))
    drops = -table["inertia"].diff()
    assert drops.loc[5] > 2 * drops.loc[6]  # the last big drop comes at k = 5


def test_profiles_name_the_richest_segment_by_its_income(survey):
    labels = segment_households(survey)
    profiles = segment_profiles(survey, labels)
    richest = profiles["income"].idxmax()
    assert "high income" in profiles.loc[richest, "name"]
    assert profiles["share"].sum() == pytest.approx(1)
    assert profiles.loc[0, "share"] >= profiles.loc[4, "share"]  # numbered by size


def test_standardised_features_by_hand():
    frame = pd.DataFrame({"a": [1.0, 2.0, 3.0]})
    # mean 2, population sd sqrt(2/3) = 0.8165
    assert feature_matrix(frame)["a"].round(4).tolist() == [-1.2247, 0.0, 1.2247]


def test_same_seed_same_labels(survey):
    subset = survey.iloc[:300]
    assert segment_households(subset, 4, random_state=3).equals(
        segment_households(subset, 4, random_state=3))


def test_rfm_clusters_split_active_from_lapsed():
    rfm = pd.DataFrame({"recency": [5, 8, 6, 300, 320, 310], "frequency": [9, 8, 7, 1, 1, 2],
                        "monetary": [900.0, 800, 700, 30, 40, 50]})
    assert rfm_clusters(rfm, k=2).tolist() == [0, 0, 0, 1, 1, 1]


@pytest.mark.parametrize(("call", "words"), [
    (lambda s: segment_households(s, k=1), "k must be"),
    (lambda s: segment_households(s, k=2.5), "k must be"),
    (lambda s: segment_households(s, features=["income", "nope"]), r"\['nope'\]"),
    (lambda s: segment_households(s.assign(income=None)), "missing or non-numeric"),
    (lambda s: segment_households(pd.DataFrame()), "non-empty"),
    (lambda s: segment_profiles(s, pd.Series([0, 1])), "labels must"),
    (lambda s: agreement(pd.Series([0, 1]), pd.Series([0, 1], index=[5, 6])), "same index"),
    (lambda s: rfm_clusters(pd.DataFrame({"x": [1]})), "recency"),
])
def test_bad_input(survey, call, words):
    with pytest.raises(CRMDataError, match=words):
        call(survey.iloc[:50])


def test_survey_is_not_changed(survey):
    before = survey.copy()
    segment_profiles(survey, segment_households(survey, features=FEATURE_SETS["housing needs"]))
    pd.testing.assert_frame_equal(survey, before)
