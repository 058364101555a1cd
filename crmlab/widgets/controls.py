"""Labelled controls in the course style, so explorers do not repeat layout literals."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

LABEL = {"description_width": "initial"}  # labels as wide as their text, never cut


def dropdown(options: Any, value: Any, description: str) -> w.Dropdown:
    """A labelled dropdown.

    >>> dropdown(["a", "b"], "b", "Pick").value
    'b'
    """
    return w.Dropdown(options=options, value=value, description=description, style=LABEL)


def slider(value: float, low: float, high: float, step: float, description: str,
           readout: str = ".2f") -> w.FloatSlider:
    """A labelled slider on a linear scale.

    >>> slider(0.5, 0, 1, 0.1, "Share").max
    1.0
    """
    return w.FloatSlider(value=value, min=low, max=high, step=step, description=description,
                         readout_format=readout, style=LABEL)


def int_slider(value: int, low: int, high: int, description: str) -> w.IntSlider:
    """A labelled slider of whole numbers.

    >>> int_slider(5, 2, 9, "Bins").value
    5
    """
    return w.IntSlider(value=value, min=low, max=high, description=description, style=LABEL)


def log_slider(value: float, low_exp: float, high_exp: float, description: str
               ) -> w.FloatLogSlider:
    """A labelled slider on a log scale from 10**low_exp to 10**high_exp.

    >>> log_slider(100, 0, 4, "Customers").value
    100.0
    """
    return w.FloatLogSlider(value=value, base=10, min=low_exp, max=high_exp, step=0.05,
                            description=description, readout_format=",.0f", style=LABEL)



def text_box(value: str, description: str, placeholder: str = "") -> w.Text:
    """A labelled text box that reports its value on Enter or leaving the box.

    >>> text_box("2382", "Customer id").value
    '2382'
    """
    return w.Text(value=value, description=description, placeholder=placeholder,
                  continuous_update=False, style=LABEL)
