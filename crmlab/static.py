"""Static rendering for the course website: explorers and figures as pictures with alt text.

Live, an explorer is an ipywidgets widget. On a static page (the site that ``crmlab book``
builds) there is no kernel behind it, so with ``CRMLAB_STATIC=1`` in the environment an
explorer shows a picture of its default state, its table, and a line saying how to run it
live; :func:`enable` (called from the book's IPython start-up file) also gives every
matplotlib figure an HTML form whose alt text is its titles and axis labels.

>>> from matplotlib.figure import Figure
>>> fig = Figure()
>>> ax = fig.add_subplot()
>>> _ = ax.set(title="Pareto curve", xlabel="share of customers", ylabel="share of margin")
>>> figure_alt(fig)
'Chart: Pareto curve (x: share of customers; y: share of margin)'
"""

from __future__ import annotations

import base64
import html
import io
import os
from typing import Any

from matplotlib.figure import Figure

LIVE = ("Interactive explorer, shown here in its default state. To move its controls, open "
        "this notebook in Binder (the rocket button at the top of the page) or run "
        "<code>./course lab</code> on your computer.")


def static_mode() -> bool:
    """True when explorers should show themselves as pictures (``CRMLAB_STATIC=1``)."""
    return os.environ.get("CRMLAB_STATIC") == "1"


def figure_alt(figure: Figure) -> str:
    """Alt text of a figure from what it says: its titles and axis labels."""
    parts = []
    if figure._suptitle is not None and figure._suptitle.get_text():
        parts.append(figure._suptitle.get_text())
    for ax in figure.axes:
        title = " ".join(t for t in (ax.get_title("left"), ax.get_title(), ax.get_title("right")) if t)
        axes = "; ".join(f"{k}: {v}" for k, v in (("x", ax.get_xlabel()), ("y", ax.get_ylabel())) if v)
        if title or axes:
            parts.append(f"{title} ({axes})" if title and axes else title or axes)
    text = " | ".join(" ".join(p.split()) for p in parts) or "a chart"
    return f"Chart: {text}"


def png_img(png: bytes, alt: str) -> str:
    """An <img> holding ``png`` inline (the page needs no other file) with its alt text."""
    data = base64.b64encode(png).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt, quote=True)}">'


def figure_html(figure: Figure) -> str:
    """A figure as an inline PNG with alt text (what the static site shows)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight", dpi=100)
    return png_img(buffer.getvalue(), figure_alt(figure))


def explorer_html(explorer: Any) -> str:
    """An explorer's default state as a picture, its message or table, and how to run it."""
    alt = f"{type(explorer).__name__} in its default state. {figure_alt(explorer.figure)}"
    picture = png_img(explorer.image.value, alt) if explorer.image.value else ""
    return (f'<figure class="crmlab-explorer">{picture}{explorer.status.value}'
            f"{explorer.table.value}<figcaption>{LIVE}</figcaption></figure>")


def enable(shell: Any) -> None:
    """Give matplotlib figures their HTML form in an IPython shell (static pages). The
    inline backend drops every Figure formatter when it starts, so the form is registered
    again after each cell, before the backend shows the cell's figures."""
    def register(*_: Any) -> None:
        shell.display_formatter.formatters["text/html"].for_type(Figure, figure_html)

    register()
    shell.events.register("post_execute", register)
