"""Text tables as Markdown, so a notebook reads in full even unexecuted (e.g. on GitHub).

Chapter notebooks keep such tables in markdown cells whose metadata names the function
that writes them (``{"crmlab": {"generated": "crmlab.glossary:glossary_markdown",
"kwargs": {"chapter": 0}}}``); a test checks that every such cell is up to date, and
:func:`refresh_generated_cells` rewrites them.

>>> print(markdown_table(pd.DataFrame({"term": ["ABC"], "meaning": ["A | B\\nC"]})))
| term | meaning |
|---|---|
| ABC | A \\| B<br>C |
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import pandas as pd


def _cell(value: Any) -> str:
    return str(value).replace("|", "\\|").replace("\n", "<br>")


def markdown_table(frame: pd.DataFrame) -> str:
    """The whole frame (columns as headers, no index, nothing cut) as a Markdown table."""
    lines = ["| " + " | ".join(_cell(c) for c in frame.columns) + " |",
             "|" + "---|" * len(frame.columns)]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |"
              for row in frame.itertuples(index=False)]
    return "\n".join(lines)


def generator(spec: dict[str, Any]) -> Callable[[], str]:
    """The function a generated cell's metadata names, with its keyword arguments bound."""
    module, name = spec["generated"].split(":")
    function = getattr(importlib.import_module(module), name)
    return lambda: function(**spec.get("kwargs", {}))


def generated_cells(nb: dict[str, Any]) -> list[tuple[dict[str, Any], str]]:
    """(cell, the text it should hold) for every generated markdown cell of a notebook.

    >>> cell = {"cell_type": "markdown", "source": ["old"], "metadata": {"crmlab": {
    ...     "generated": "crmlab.glossary:glossary_markdown", "kwargs": {"chapter": 0}}}}
    >>> generated_cells({"cells": [cell]})[0][1].splitlines()[0]
    '| term | 中文 | meaning |'
    """
    return [(cell, generator(cell["metadata"]["crmlab"])())
            for cell in nb["cells"] if "generated" in cell.get("metadata", {}).get("crmlab", {})]


def refresh_generated_cells(nb: dict[str, Any]) -> int:
    """Rewrite every generated cell from its function; returns how many changed."""
    changed = 0
    for cell, text in generated_cells(nb):
        lines = text.split("\n")
        source = [line + "\n" for line in lines[:-1]] + [lines[-1]]
        if cell["source"] != source:
            cell["source"], changed = source, changed + 1
    return changed
