"""Chapter 4 CLV plot: draws a computed curve."""

import matplotlib.pyplot as plt

from crmlab.clv import clv_curve
from crmlab.plots import plot_clv_curve


def test_clv_curve_plots_the_computed_values():
    curve = clv_curve(100, 0.8, 0.1, 3)
    ax = plot_clv_curve(curve)
    assert ax.get_title() == "CLV after 3 years: 164 yuan"
    assert ax.get_xlabel() == "years" and "discounted profit" in ax.get_ylabel()
    assert list(ax.get_lines()[0].get_ydata()) == curve.tolist()
    plt.close("all")
