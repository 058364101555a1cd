"""The explorer contract: margins survive every redraw; a bad combination is a message."""

import pandas as pd
import pytest

from crmlab.errors import CRMDataError
from crmlab.widgets.base import Explorer
from crmlab.widgets.controls import slider


class Line(Explorer):
    def __init__(self):
        super().__init__({"slope": slider(1.0, -2.0, 2.0, 0.5, "Slope")},
                         margins={"left": 0.3, "right": 0.9, "bottom": 0.2, "top": 0.8})

    def compute(self, slope):
        if slope == 0:
            raise CRMDataError("a flat line shows nothing", fix="move the slider")
        return pd.Series([0.0, slope])

    def draw(self, result, figure):
        figure.add_subplot().plot(result)


def test_margins_survive_redraws():
    explorer = Line()
    for value in (2.0, -1.0):
        explorer.controls["slope"].value = value
        assert explorer.figure.axes[0].get_position().x0 == pytest.approx(0.3)


def test_a_bad_combination_shows_a_message_and_hides_the_plot():
    explorer = Line()
    explorer.controls["slope"].value = 0.0
    assert explorer.result is None and "flat line" in explorer.status.value
    assert explorer.image.layout.display == "none"
    explorer.controls["slope"].value = 0.5
    assert explorer.result.tolist() == [0.0, 0.5] and explorer.message == ""


@pytest.mark.parametrize("name", ["RelationshipExplorer", "PyramidExplorer", "RFMExplorer",
                                  "ABCExplorer", "CLVExplorer", "ServingCostExplorer",
                                  "StageExplorer", "DataTourExplorer"])
def test_a_control_set_to_nan_from_code_shows_a_message(name):
    """ipywidgets lets code set a float slider to NaN; the explorer says so and recovers."""
    import crmlab.widgets as widgets

    explorer = getattr(widgets, name).on_course_data()
    floats = [(n, c) for n, c in explorer.controls.items() if isinstance(c.value, float)]
    for control_name, control in floats:
        before = control.value
        control.value = float("nan")
        assert explorer.result is None and "not a number" in explorer.message, control_name
        control.value = before
        assert explorer.result is not None and explorer.message == "", control_name
