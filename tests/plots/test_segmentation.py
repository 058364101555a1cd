"""Chapter 3 plots: k choice and the segment profile heatmap."""

import matplotlib.pyplot as plt
import pandas as pd

from crmlab.plots import plot_k_choice, plot_segment_profiles
from crmlab.segmentation import segment_profiles


def test_k_choice_two_panels():
    table = pd.DataFrame({"inertia": [10.0, 6.0, 5.0], "silhouette": [0.3, 0.4, 0.35]},
                         index=pd.Index([2, 3, 4], name="k"))
    left, right = plot_k_choice(table)
    assert left.get_title().startswith("Elbow") and right.get_title().startswith("Mean silhouette")
    assert left.get_xlabel() == right.get_xlabel() == "number of segments k"
    assert list(right.get_lines()[0].get_ydata()) == [0.3, 0.4, 0.35]
    plt.close("all")


def test_profile_heatmap_labels_segments_and_features():
    survey = pd.DataFrame({"income": [100.0, 120, 900, 950], "age_head": [30, 32, 60, 58]})
    profiles = segment_profiles(survey, pd.Series([0, 0, 1, 1]))
    ax = plot_segment_profiles(profiles)
    assert ax.get_title() == "Segment profiles: mean of each feature"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["income (k yuan/yr)", "age head (years)"]
    colorbar = ax.figure.axes[-1]
    assert "average of the segments" in colorbar.get_ylabel()  # the colour legend
    assert ax.get_yticklabels()[1].get_text() == "1: high income, older (50%)"
    assert len(ax.images) == 1 and len(ax.texts) == 4
    plt.close("all")
