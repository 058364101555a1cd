"""No stale picture: for every explorer, at the default, minimum and maximum of every control,
the image it shows equals a full redraw of the same result (background and marks drawn
together). A background cached with one axis and marks drawn on another (the retention
calculator's y-axis in 'yuan' 0-1 under NPVs of -80 to 170) fails here."""

import importlib
import io

import numpy as np
import PIL.Image
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from crmlab.widgets import EXPLORERS

TOLERATED = 0.0005  # share of pixels that may differ


def _explorer_class(name):
    widgets = importlib.import_module("crmlab.widgets")
    return getattr(widgets, name)


def full_redraw(explorer, result):
    """The explorer's figure drawn from scratch for ``result``: the background drawn after the
    marks were added (so with the axes as the marks leave them), the marks on top of it in
    the same order as a cached update draws them."""
    figure = explorer.figure
    figure.clear()
    figure.subplots_adjust(**explorer.margins)
    canvas = FigureCanvasAgg(figure)
    explorer.background = explorer.background_key(result)  # drawn for this very result
    if hasattr(explorer, "draw_marks"):
        explorer.draw_background(figure)
        artists = [a for a in explorer.draw_marks(result, figure)
                   if a.axes is None or a is not a.axes.title]  # titles are part of the layout
        for artist in artists:
            artist.set_visible(False)
        canvas.draw()
        renderer = canvas.get_renderer()
        for artist in artists:
            artist.set_visible(True)
            artist.draw(renderer)
    else:
        explorer.draw(result, figure)
        canvas.draw()
    image = np.asarray(PIL.Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba()))
    explorer._background = None  # the figure was rebuilt: the next update caches anew
    return image[..., :3].copy()


def shown(explorer):
    return np.asarray(PIL.Image.open(io.BytesIO(explorer.image.value)).convert("RGB"))


def positions(control):
    options = getattr(control, "options", None)
    if options:
        values = [options[0], options[-1]]
        return [v[1] if isinstance(v, tuple) else v for v in values]
    if isinstance(control.value, (bool, str)):
        return []
    return [control.min, control.max]


@pytest.mark.parametrize("name", EXPLORERS)
def test_the_shown_image_equals_a_full_redraw_at_every_control_end(name, tmp_path):
    explorer = _explorer_class(name).on_course_data()
    twin = _explorer_class(name).on_course_data()  # redrawn from scratch, never shown
    cases = [(None, None)] + [(key, value) for key, control in explorer.controls.items()
                              for value in positions(control)]  # the default, then each end
    for control_name, value in cases:
        if control_name is not None:
            start = explorer.controls[control_name].value
            explorer.controls[control_name].value = value
        if explorer.result is not None:
            mine = shown(explorer)
            twin.paused = True  # its controls only, for draw code that reads them; no update
            for key, control in explorer.controls.items():
                twin.controls[key].value = control.value
            twin.paused = False
            expected = full_redraw(twin, explorer.result)
            assert mine.shape == expected.shape, (control_name, value)
            differ = np.any(np.abs(mine.astype(int) - expected.astype(int)) > 48, axis=-1).mean()
            if differ > TOLERATED:
                PIL.Image.fromarray(mine).save(tmp_path / "shown.png")
                PIL.Image.fromarray(expected).save(tmp_path / "redrawn.png")
            assert differ <= TOLERATED, (f"{name}: {control_name} = {value!r}: {differ:.2%} of pixels "
                                         f"differ from a full redraw (see {tmp_path})")
        if control_name is not None:
            explorer.controls[control_name].value = start
