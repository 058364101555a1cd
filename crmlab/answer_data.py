"""Answers as plain data: the one conversion shared by the self-check and the grader.

``check(...)`` in a student's notebook and ``crmlab grade`` both turn an answer into plain
data with a converter from :func:`make_converter` and compare what :func:`from_plain`
rebuilds from it, so whatever passes the self-check passes the grader. The converter
takes every function it uses at the moment it is made (the grader makes it before any
student code runs) and reads a value by its base type's own methods: a ``float``
subclass with a lying ``__eq__`` or ``__float__``, or a list subclass with its own
``__iter__``, is read as the number or list it really holds.

What it reads: ``None``, ``...``, bools, ints, floats, ``Fraction`` and ``Decimal``, text,
numpy scalars and arrays (a 0-d array is its scalar), pandas Series (extension dtypes
too; ``NA`` and ``NaT`` are missing), DataFrames, Index, timestamps (as text), lists,
tuples, sets, dicts and other finite iterables (``dict.keys()``, generators, ``range``).
Anything else, or more than ``max_items`` elements, is "unsupported" with its type.

>>> convert = make_converter()
>>> import numpy as np
>>> from fractions import Fraction
>>> from_plain(convert(np.array(0.25))), from_plain(convert(Fraction(1, 8)))
(0.25, 0.125)
>>> from_plain(convert(x for x in "ab"))
['a', 'b']
>>> from_plain(convert(object()))
<unsupported: object>
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

MAX_ITEMS = 200_000  # elements converted per answer at the most
MAX_DEPTH = 6


class Unsupported:
    """An answer that could not be read as plain data (its type, or why, is named)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def __repr__(self) -> str:
        return f"<unsupported: {self.kind}>"


def make_converter(max_items: int = MAX_ITEMS, max_depth: int = MAX_DEPTH
                   ) -> Callable[[Any], dict[str, Any]]:
    """A function that turns an answer into JSON-ready plain data (see the module text)."""
    import decimal
    import fractions

    import numpy as np

    type_, isinstance_, len_, iter_, next_, bool_ = type, isinstance, len, iter, next, bool
    float_f, int_f, str_f, str_t = float.__float__, int.__int__, str.__str__, str
    numerator, denominator = fractions.Fraction.numerator.fget, fractions.Fraction.denominator.fget
    decimal_float = decimal.Decimal.__float__
    list_iter, tuple_iter = list.__iter__, tuple.__iter__
    set_iter, frozenset_iter, dict_items = set.__iter__, frozenset.__iter__, dict.items
    Series, DataFrame, Index, ndarray, generic = pd.Series, pd.DataFrame, pd.Index, np.ndarray, np.generic
    axis_index, series_values = pd.Series.index, pd.Series.to_numpy
    frame_items, index_values = pd.DataFrame.items, pd.Index.to_numpy
    nd_tolist, nd_ndim, item = np.ndarray.tolist, np.ndarray.ndim.__get__, np.generic.item
    Timestamp, Period, Timedelta = pd.Timestamp, pd.Period, pd.Timedelta
    NA, NaT = pd.NA, pd.NaT
    Fraction, Decimal = fractions.Fraction, decimal.Decimal
    plain_text = (str, bytes, bytearray)

    class TooBig(Exception):
        pass

    def convert(value: Any) -> dict[str, Any]:
        count = [0]

        def items(iterator: Any, depth: int) -> list[dict[str, Any]]:
            out = []
            for element in iterator:
                out.append(plain(element, depth + 1))
            return out

        def plain(x: Any, depth: int) -> dict[str, Any]:
            count[0] += 1
            if count[0] > max_items or depth > max_depth:
                raise TooBig()
            if x is None or x is NA or x is NaT:
                return {"t": "none"}
            if x is Ellipsis:
                return {"t": "ellipsis"}
            if isinstance_(x, (bool, np.bool_)):
                return {"t": "bool", "v": bool_(x)}
            if isinstance_(x, int):
                return {"t": "int", "v": int_f(x)}
            if isinstance_(x, float):
                return {"t": "float", "v": float_f(x)}
            if isinstance_(x, Fraction):
                return {"t": "float", "v": int_f(numerator(x)) / int_f(denominator(x))}
            if isinstance_(x, Decimal):
                return {"t": "float", "v": decimal_float(x)}
            if isinstance_(x, str):
                return {"t": "str", "v": str_f(x)}
            if isinstance_(x, generic):
                return plain(item(x), depth)
            if isinstance_(x, (Timestamp, Period, Timedelta)):
                return {"t": "str", "v": str_f(str_t(x))}
            if isinstance_(x, ndarray):
                if nd_ndim(x) == 0:
                    return plain(item(x.reshape(1)[0]) if x.dtype == object else x.item(), depth)
                return {"t": "list", "v": items(iter_(nd_tolist(x)), depth)}
            if isinstance_(x, Series):
                index = index_values(axis_index.__get__(x, Series), dtype=object)
                return {"t": "series", "index": items(iter_(nd_tolist(index)), depth),
                        "values": items(iter_(nd_tolist(series_values(x, dtype=object))), depth)}
            if isinstance_(x, DataFrame):
                return {"t": "frame", "columns": [[plain(name, depth + 1), plain(column, depth + 1)]
                                                  for name, column in frame_items(x)]}
            if isinstance_(x, Index):
                return {"t": "list", "v": items(iter_(nd_tolist(index_values(x, dtype=object))), depth)}
            if isinstance_(x, list):
                return {"t": "list", "v": items(list_iter(x), depth)}
            if isinstance_(x, tuple):
                return {"t": "list", "v": items(tuple_iter(x), depth)}
            if isinstance_(x, (set, frozenset)):
                return {"t": "set", "v": items((set_iter if isinstance_(x, set) else frozenset_iter)(x),
                                               depth)}
            if isinstance_(x, dict):
                return {"t": "dict", "v": [[plain(k, depth + 1), plain(v, depth + 1)]
                                           for k, v in dict_items(x)]}
            if isinstance_(x, plain_text):
                return {"t": "unsupported", "type": type_(x).__name__}
            try:
                iterator = iter_(x)
            except TypeError:
                return {"t": "unsupported", "type": str_f(str_t(type_(x).__name__))}
            out = []
            while True:
                try:
                    element = next_(iterator)
                except StopIteration:
                    return {"t": "list", "v": out}
                out.append(plain(element, depth + 1))
                if len_(out) > max_items:
                    raise TooBig()

        try:
            data = plain(value, 0)
        except TooBig:
            return {"t": "unsupported", "type": f"an answer with more than {max_items:,} elements"}
        except RecursionError:
            return {"t": "unsupported", "type": "an answer nested too deeply"}
        except BaseException as err:  # noqa: BLE001 - the student's object may raise anything
            return {"t": "unsupported", "type": f"a value whose reading raised {type_(err).__name__}"}
        return data

    return convert


def from_plain(value: Any) -> Any:
    """The plain Python or pandas object of converted data (``...`` if there was none).

    >>> from_plain({"t": "series", "index": [{"t": "str", "v": "a"}], "values": [{"t": "int", "v": 3}]})
    a    3
    dtype: int64
    >>> from_plain({"t": "missing"})
    Ellipsis
    >>> from_plain("not a dict")
    <unsupported: unreadable capture>
    """
    if not isinstance(value, dict):
        return Unsupported("unreadable capture")
    kind = value.get("t")
    try:
        if kind in ("missing", "ellipsis"):
            return ...
        if kind == "none":
            return None
        if kind in ("bool", "int", "float", "str"):
            return {"bool": bool, "int": int, "float": float, "str": str}[kind](value["v"])
        if kind == "list":
            return [from_plain(v) for v in value["v"]]
        if kind == "set":
            return {_hashable(from_plain(v)) for v in value["v"]}
        if kind == "dict":
            return {_hashable(from_plain(k)): from_plain(v) for k, v in value["v"]}
        if kind == "series":
            index = [_hashable(from_plain(i)) for i in value["index"]]
            values = [from_plain(v) for v in value["values"]]
            return pd.Series(values, index=index, dtype=None if values else float).infer_objects()
        if kind == "frame":
            return pd.DataFrame({_hashable(from_plain(name)): from_plain(col)
                                 for name, col in value["columns"]})
    except (KeyError, TypeError, ValueError):
        return Unsupported("unreadable capture")
    return Unsupported(str(value.get("type", "unknown")))


def _hashable(value: Any) -> Any:
    return value if isinstance(value, (str, int, float, bool, type(None))) else repr(value)
