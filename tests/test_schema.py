"""Shared validators: required columns and ordered cuts, one wording everywhere."""

import numpy as np
import pandas as pd
import pytest

from crmlab import CRMDataError
from crmlab.schema import as_cuts, require_columns


def test_require_columns_passes_the_frame_through_unchanged():
    frame = pd.DataFrame({"a": [1], "b": [2]})
    assert require_columns(frame, ["b"], "t", "fix") is frame


@pytest.mark.parametrize(("frame", "words"), [(pd.DataFrame({"a": [1]}), r"missing column\(s\) \['b'\]"),
                                              (None, "expected a pandas DataFrame"),
                                              ([1, 2], "got list")])
def test_require_columns_names_what_is_missing(frame, words):
    with pytest.raises(CRMDataError, match=words):
        require_columns(frame, ["a", "b"], "my table", "add b")


@pytest.mark.parametrize(("cuts", "kwargs", "expected"), [
    ((0.5, 0.8), {}, (0.5, 0.8)),
    (np.array([0.2, 0.9]), {}, (0.2, 0.9)),
    ([0.1, 0.5, 1.0], {"count": None}, (0.1, 0.5, 1.0)),
    ((100, 10_000), {"high": np.inf}, (100.0, 10_000.0)),
])
def test_as_cuts_accepts_rising_cuts(cuts, kwargs, expected):
    assert as_cuts(cuts, "cuts", **kwargs) == expected


@pytest.mark.parametrize(("cuts", "kwargs"), [
    ((0.8, 0.5), {}), ((0.5, 0.5), {}), ((0.0, 0.5), {}), ((0.5, 1.2), {}), ((0.5,), {}),
    ((0.4, 1.0), {"high_open": True}), ((np.nan, 0.5), {}), ("ab", {}), (None, {}), ((), {"count": None}),
])
def test_as_cuts_refuses_anything_else_with_one_wording(cuts, kwargs):
    with pytest.raises(CRMDataError, match="rise strictly"):
        as_cuts(cuts, "cuts", **kwargs)


@pytest.mark.parametrize("value", ["soon", None, "2024-13-45", 3 + 4j])
def test_as_timestamp_refuses_what_is_not_a_date(value):
    from crmlab.schema import as_timestamp

    with pytest.raises(CRMDataError, match="as_of is not a date"):
        as_timestamp(value, "as_of")


def test_markdown_table_keeps_every_character():
    from crmlab.markdown import markdown_table

    text = markdown_table(pd.DataFrame({"a": ["x" * 200], "b": ["1|2"]}))
    assert text.splitlines()[2] == "| " + "x" * 200 + " | 1\\|2 |"
