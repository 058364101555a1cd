"""Shared fixture of the widget tests: drive every control to its ends."""

import pytest


def _extremes(explorer):
    """Set every control to its extremes; each time there is a result or a message."""
    for name, control in explorer.controls.items():
        options = getattr(control, "options", None)
        start = control.value
        if options:
            ends = [v[1] if isinstance(v, tuple) else v for v in (options[0], options[-1])]
        elif isinstance(control.value, bool):
            ends = (not start, start)
        elif isinstance(control.value, str):  # a text box: empty and nonsense
            ends = ("", " no such thing ")
        else:
            ends = (control.min, control.max)
        for value in ends:
            control.value = value
            assert (explorer.result is None) == bool(explorer.message), (name, value)
        control.value = start


@pytest.fixture
def extremes():
    """A function that sets every control of an explorer to its ends, asserting that each
    position gives a result or a message (never an exception), then restores it."""
    return _extremes
