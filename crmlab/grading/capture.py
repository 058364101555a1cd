"""Taking answers out of a student's kernel as plain data, by the grader's own code.

``prelude(nonce, memory_mb)`` is the first cell the grader runs in a fresh kernel, before
any student code: it caps the kernel's memory and defines ``__crmlab_capture__`` with
references to the builtins, numpy and pandas functions it needs taken at that moment, so
a student who later redefines ``check``, monkeypatches ``crmlab.checks`` or patches
``float`` methods cannot change what is captured. A value is converted by its exact type:
``float``, ``int``, ``str`` and ``bool`` subclasses are read with the base type's own
method (a lying ``__float__`` or ``__eq__`` is never called); containers, numpy arrays and
pandas Series/DataFrames are converted element by element within a size limit; anything
else becomes "unsupported". Each capture is published as JSON text under
``CAPTURE_MIMETYPE`` with the run's nonce, and :func:`decode` rebuilds plain Python and
pandas objects from it in the grader's process.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

CAPTURE_MIMETYPE = "text/x-crmlab-capture"
MAX_ITEMS = 200_000  # elements converted per answer at the most

PRELUDE = r'''
def __crmlab_make_capture__(nonce, memory_mb, max_items):
    import json, resource
    import numpy as np
    import pandas as pd
    from IPython import get_ipython

    if memory_mb:
        limit = int(memory_mb) * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    publish = get_ipython().display_pub.publish
    dumps = json.dumps
    type_, isinstance_, len_, str_ = type, isinstance, len, str
    float_f, int_f, str_f, bool_t = float.__float__, int.__int__, str.__str__, bool
    Series, DataFrame, ndarray, generic = pd.Series, pd.DataFrame, np.ndarray, np.generic
    series_index = pd.Series.index
    to_numpy, index_list, frame_items = pd.Series.to_numpy, pd.Index.tolist, pd.DataFrame.items
    nd_tolist, item = np.ndarray.tolist, np.generic.item
    Timestamp, Period = pd.Timestamp, pd.Period
    count = [0]

    class TooBig(Exception):
        pass

    def plain(x, depth):
        count[0] += 1
        if count[0] > max_items or depth > 6:
            raise TooBig()
        t = type_(x)
        if x is None:
            return {"t": "none"}
        if x is Ellipsis:
            return {"t": "ellipsis"}
        if isinstance_(x, bool_t):
            return {"t": "bool", "v": int_f(x) == 1}
        if isinstance_(x, int) and not isinstance_(x, bool_t):
            return {"t": "int", "v": int_f(x)}
        if isinstance_(x, float):
            return {"t": "float", "v": float_f(x)}
        if isinstance_(x, str):
            return {"t": "str", "v": str_f(x)}
        if isinstance_(x, generic):
            return plain(item(x), depth + 1)
        if isinstance_(x, (Timestamp, Period)):
            return {"t": "str", "v": str_f(str_(x))}
        if isinstance_(x, Series):
            index = series_index.__get__(x, Series)
            return {"t": "series", "index": [plain(i, depth + 1) for i in index_list(index)],
                    "values": [plain(v, depth + 1) for v in nd_tolist(to_numpy(x, dtype=object))]}
        if isinstance_(x, DataFrame):
            cols = []
            for name, column in frame_items(x):
                cols.append([plain(name, depth + 1), plain(column, depth + 1)])
            return {"t": "frame", "columns": cols}
        if isinstance_(x, ndarray):
            return {"t": "list", "v": [plain(v, depth + 1) for v in nd_tolist(x.astype(object))]}
        if t in (list, tuple, set, frozenset):
            if len_(x) > max_items:
                raise TooBig()
            kind = "list" if t in (list, tuple) else "set"
            return {"t": kind, "v": [plain(v, depth + 1) for v in x]}
        if t is dict:
            if len_(x) > max_items:
                raise TooBig()
            return {"t": "dict", "v": [[plain(k, depth + 1), plain(v, depth + 1)] for k, v in x.items()]}
        return {"t": "unsupported", "type": t.__name__ if isinstance_(t.__name__, str) else "?"}

    def capture(exercise, thunk):
        count[0] = 0
        try:
            value = plain(thunk(), 0)
        except NameError:
            value = {"t": "missing"}
        except TooBig:
            value = {"t": "unsupported", "type": "answer too large"}
        except BaseException as err:  # the student's object may raise anything
            value = {"t": "unsupported", "type": "error: " + type_(err).__name__}
        text = dumps({"nonce": nonce, "exercise": exercise, "value": value})
        publish({"text/plain": "captured " + exercise, "__CRMLAB_MIMETYPE__": text})

    return capture


__crmlab_capture__ = __crmlab_make_capture__(__CRMLAB_NONCE__, __CRMLAB_MEMORY__, __CRMLAB_MAX__)
del __crmlab_make_capture__
'''


def prelude(nonce: str, memory_mb: int | None) -> str:
    """Source of the grader's first cell for a run with this nonce and memory cap (MB)."""
    return (PRELUDE.replace("__CRMLAB_MIMETYPE__", CAPTURE_MIMETYPE)
            .replace("__CRMLAB_NONCE__", repr(nonce)).replace("__CRMLAB_MEMORY__", repr(memory_mb))
            .replace("__CRMLAB_MAX__", repr(MAX_ITEMS)))


def capture_source(exercise: str, expression: str) -> str:
    """Source of the cell that captures the answer ``expression`` of ``exercise``.

    >>> capture_source("ch0.ex1", "active_2024")
    "__crmlab_capture__('ch0.ex1', lambda: (active_2024))"
    """
    return f"__crmlab_capture__({exercise!r}, lambda: ({expression}))"


class Unsupported:
    """An answer the grader could not take as plain data (its type is named)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def __repr__(self) -> str:
        return f"<{self.kind}>"


def decode(value: dict[str, Any]) -> Any:
    """The plain Python or pandas object of a captured value (``...`` if there was none).

    >>> decode({"t": "series", "index": [{"t": "str", "v": "a"}], "values": [{"t": "int", "v": 3}]})
    a    3
    dtype: int64
    >>> decode({"t": "missing"})
    Ellipsis
    """
    kind = value.get("t")
    if kind in ("missing", "ellipsis"):
        return ...
    if kind == "none":
        return None
    if kind in ("bool", "int", "float", "str"):
        return {"bool": bool, "int": int, "float": float, "str": str}[kind](value["v"])
    if kind == "list":
        return [decode(v) for v in value["v"]]
    if kind == "set":
        return {_hashable(decode(v)) for v in value["v"]}
    if kind == "dict":
        return {_hashable(decode(k)): decode(v) for k, v in value["v"]}
    if kind == "series":
        index = [_hashable(decode(i)) for i in value["index"]]
        values = [decode(v) for v in value["values"]]
        return pd.Series(values, index=index, dtype=None if values else float).infer_objects()
    if kind == "frame":
        return pd.DataFrame({_hashable(decode(name)): decode(col) for name, col in value["columns"]})
    return Unsupported(str(value.get("type", "unknown")))


def _hashable(value: Any) -> Any:
    return value if isinstance(value, (str, int, float, bool, type(None))) else repr(value)


def read_capture(text: str, nonce: str) -> tuple[str, Any] | None:
    """(exercise, answer) from a published capture, or None if it is not this run's."""
    try:
        record = json.loads(text)
    except (TypeError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("nonce") != nonce:
        return None
    return str(record.get("exercise")), decode(record.get("value") or {"t": "missing"})
