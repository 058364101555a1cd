"""Taking answers out of a student's kernel as plain data.

``prelude(nonce)`` is the first cell the grader runs in a fresh kernel, before any student
code: it makes the converter of ``crmlab.answer_data`` (the same one ``check`` uses, so
whatever passes the self-check passes the grader) and defines ``__crmlab_capture__``.
Each capture is published as JSON text under ``CAPTURE_MIMETYPE`` with the run's nonce;
:func:`read_capture` rebuilds the answer in the grader's process, where it is compared
with the reference. Plain data cannot carry a lying ``__eq__``, and the references never
enter the sandbox, so a student who replaces the capture function can only hand in
values — which is what answering is.
"""

from __future__ import annotations

import json
from typing import Any

from crmlab.answer_data import from_plain

CAPTURE_MIMETYPE = "text/x-crmlab-capture"

PRELUDE = r'''
def __crmlab_make_capture__(nonce):
    import json
    from IPython import get_ipython
    from crmlab.answer_data import make_converter

    convert, publish, dumps, type_ = make_converter(), get_ipython().display_pub.publish, json.dumps, type

    def capture(exercise, thunk):
        try:
            value = convert(thunk())
        except NameError:
            value = {"t": "missing"}
        except BaseException as err:  # the student's expression may raise anything
            value = {"t": "unsupported", "type": "an answer whose evaluation raised " + type_(err).__name__}
        text = dumps({"nonce": nonce, "exercise": exercise, "value": value})
        publish({"text/plain": "captured " + exercise, "__CRMLAB_MIMETYPE__": text})

    return capture


__crmlab_capture__ = __crmlab_make_capture__(__CRMLAB_NONCE__)
del __crmlab_make_capture__
'''


def prelude(nonce: str) -> str:
    """Source of the grader's first cell for a run with this nonce."""
    return PRELUDE.replace("__CRMLAB_MIMETYPE__", CAPTURE_MIMETYPE).replace("__CRMLAB_NONCE__",
                                                                             repr(nonce))


def capture_source(exercise: str, expression: str) -> str:
    """Source of the cell that captures the answer ``expression`` of ``exercise``.

    >>> capture_source("ch0.ex1", "active_2024")
    "__crmlab_capture__('ch0.ex1', lambda: (active_2024))"
    """
    return f"__crmlab_capture__({exercise!r}, lambda: ({expression}))"


def read_capture(text: str, nonce: str) -> tuple[str, Any] | None:
    """(exercise, answer) from a published capture, or None if it is not this run's.

    >>> read_capture('{"nonce": "n", "exercise": "ch0.ex3", "value": {"t": "float", "v": 0.5}}', "n")
    ('ch0.ex3', 0.5)
    >>> read_capture("[1, 2]", "n") is None
    True
    """
    try:
        record = json.loads(text)
    except (TypeError, ValueError, RecursionError):
        return None
    if not isinstance(record, dict) or record.get("nonce") != nonce:
        return None
    return str(record.get("exercise")), from_plain(record.get("value") or {"t": "missing"})
