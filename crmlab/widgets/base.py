"""The explorer contract every widget follows: controls -> compute -> plot.

Every explorer exposes ``.controls`` (name -> ipywidget), ``.result`` (the latest
computed result) and ``.message`` (why there is no result, if so). Display it as the
last expression of a cell. No control position raises: an impossible combination
shows a message instead of a plot.
"""

from __future__ import annotations

import io
import math
from typing import Any

import ipywidgets as w
import PIL.Image
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from crmlab.errors import CRMDataError
from crmlab.static import explorer_html, static_mode

WIDGET_DPI = 80  # enough for a screen; fewer pixels keep updates well under 100 ms
MARGINS = {"left": 0.11, "right": 0.97, "bottom": 0.22, "top": 0.9}


class Explorer:
    """Base of every explorer: wires controls to ``compute`` and ``draw``.

    The figure is rendered to PNG into an ``ipywidgets.Image`` on every update, so what
    the browser shows is exactly what ``.result`` holds. An explorer whose plot has a
    fixed part may define ``draw_background(figure)`` and ``draw_marks(result, figure)``
    (returning the artists it adds) instead of ``draw``: the background is then rendered
    once and only the marks are drawn on each update. Marks must not move the axes; where the
    axes must follow the result (a y range), ``background_key(result)`` returns what the
    background depends on (e.g. the limits, read back as ``self.background``), and the
    background is drawn again whenever it changes.
    """

    def __init__(self, controls: dict[str, w.ValueWidget],
                 figsize: tuple[float, float] = (7.5, 3.6),
                 margins: dict[str, float] | None = None, table: bool = False) -> None:
        self.controls = controls
        self.result: Any = None
        self.message = ""
        self.figure = Figure(figsize=figsize, dpi=WIDGET_DPI)
        self._background: Any = None
        self.background: Any = None  # the key the cached background was drawn for
        self._plot_key: Any = None
        self.margins = margins or MARGINS
        self.figure.subplots_adjust(**self.margins)
        width = f"{round(figsize[0] * WIDGET_DPI)}px"  # shown at its own size, not stretched
        self.image = w.Image(format="png", layout=w.Layout(width=width, max_width="100%"))
        self.status = w.HTML()
        self.table = w.HTML()  # a result table below the plot, for explorers that show one
        for control in controls.values():
            control.observe(self._on_change, names="value")
        self.ui = w.VBox([w.HBox(list(controls.values()),
                                 layout=w.Layout(flex_flow="row wrap")),
                          self.status, self.image, *([self.table] if table else [])])
        self.update()

    def values(self) -> dict[str, Any]:
        """The current control values, by keyword name.

        Slider values come back from the browser as floats such as 0.15000000000000002;
        they are rounded to 9 decimals so that a value set at a cut stays exactly at it.
        """
        return {name: round(v, 9) if isinstance(v, float) else v
                for name, v in ((n, c.value) for n, c in self.controls.items())}

    def compute(self, **values: Any) -> Any:  # pragma: no cover - each explorer overrides
        raise NotImplementedError

    def draw(self, result: Any, figure: Figure) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    paused = False  # True while an explorer sets several controls at once
    budget_ms = 100.0  # what one update may take (benchmarks/run.py measures it)

    def _on_change(self, _change: dict) -> None:
        self.update()

    def load_defaults_on(self, name: str, defaults: Any) -> None:
        """Changing control ``name`` calls ``defaults(new_value)``, which returns the values
        other controls take for it; they are set with one update (see ``set_controls``)."""
        self.controls[name].unobserve(self._on_change, names="value")
        self.controls[name].observe(lambda change: self.set_controls(**defaults(change["new"])),
                                    names="value")

    def set_controls(self, **values: Any) -> None:
        """Set several controls (in the order given) and update once, e.g. when choosing a
        mode or an item loads its defaults.

        >>> from crmlab.widgets import ABCExplorer
        >>> explorer = ABCExplorer.on_course_data()
        >>> explorer.set_controls(second=0.95, first=0.5)
        >>> explorer.result["summary"].loc["A", "customer_share"]
        np.float64(0.5)
        """
        self.paused = True
        try:
            for name, value in values.items():
                self.controls[name].value = value
        finally:
            self.paused = False
        self.update()

    def update(self) -> None:
        """Recompute from the controls and redraw; a bad combination shows a message."""
        if self.paused:
            return
        values = self.values()
        bad = [name for name, v in values.items() if isinstance(v, float) and not math.isfinite(v)]
        try:
            if bad:
                raise CRMDataError(f"control {bad[0]!r} is set to {values[bad[0]]}, not a number",
                                   fix="set it to a value within its range")
            self.result, self.message = self.compute(**values), ""
        except CRMDataError as err:
            self.result, self.message = None, str(err)
        self.status.value = f"<b style='color:#e15759'>{self.message}</b>" if self.message else ""
        self.image.layout.display = "none" if self.result is None else None
        if self.result is not None:
            key = self.plot_key(self.values())
            if key is None or key != self._plot_key:  # redraw only when the plot changes
                self.image.value = self.render(self.result)
            self._plot_key = key
            self.table.value = self.table_html(self.result)
        else:
            self.table.value = ""

    def background_key(self, result: Any) -> Any:
        """What the cached background depends on; None (the default): nothing, drawn once."""
        return None

    def table_html(self, result: Any) -> str:
        """HTML of a table shown below the plot; none by default."""
        return ""

    def plot_key(self, values: dict[str, Any]) -> Any:
        """The control values the plot depends on; None (the default) redraws every time."""
        return None

    def render(self, result: Any) -> bytes:
        """The figure of ``result`` as PNG bytes."""
        if not hasattr(self, "draw_marks"):
            self.figure.clear()  # which also resets the margins (matplotlib >= 3.10)
            self.figure.subplots_adjust(**self.margins)
            self.draw(result, self.figure)
            buffer = io.BytesIO()
            self.figure.savefig(buffer, format="png", pil_kwargs={"compress_level": 1})
            return buffer.getvalue()
        canvas = FigureCanvasAgg(self.figure)
        key = self.background_key(result)
        if self._background is None or key != self.background:
            self.background = key
            self.figure.clear()
            self.figure.subplots_adjust(**self.margins)
            self.draw_background(self.figure)
            canvas.draw()
            self._background = canvas.copy_from_bbox(self.figure.bbox)
        canvas.restore_region(self._background)
        artists = self.draw_marks(result, self.figure)
        renderer = canvas.get_renderer()
        for artist in artists:
            artist.draw(renderer)
        image = PIL.Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba())
        for artist in artists:
            if artist.axes is not None and artist is not artist.axes.title:
                artist.remove()
        buffer = io.BytesIO()
        image.save(buffer, format="png", compress_level=1)
        return buffer.getvalue()

    @classmethod
    def on_course_data(cls) -> Explorer:  # pragma: no cover - each explorer overrides
        """The explorer on the course datasets, as its chapter notebook shows it."""
        raise NotImplementedError

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        if static_mode():  # a static page (the course website): a picture, not a widget
            return {"text/html": explorer_html(self),
                    "text/plain": f"{type(self).__name__} (interactive in JupyterLab)"}
        return self.ui._repr_mimebundle_(**kwargs)
