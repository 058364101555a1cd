"""Chapter 3 segment explorer, driven through its controls."""

import pytest

from crmlab.widgets import SegmentExplorer


@pytest.fixture(scope="module")
def explorer():
    return SegmentExplorer.on_course_data()


def test_default_reaches_the_stated_agreement(explorer):
    assert explorer.result["ari"] >= 0.85 and len(explorer.result["profiles"]) == 5
    assert "adjusted Rand index" in explorer.table.value


def test_every_control_at_its_extremes(explorer, extremes):
    extremes(explorer)


def test_unscaled_features_do_worse_and_k_changes_profiles(explorer):
    best = explorer.result["ari"]
    explorer.controls["scale"].value = False
    assert explorer.result["ari"] < best - 0.4
    explorer.controls["scale"].value = True
    explorer.controls["k"].value = 7
    assert len(explorer.result["profiles"]) == 7
    explorer.controls["features"].value = "demographics"
    assert set(explorer.result["profiles"].columns) >= {"income", "age_head"}
    assert "wants_schools" not in explorer.result["profiles"].columns
    explorer.controls["k"].value, explorer.controls["features"].value = 5, "all"
