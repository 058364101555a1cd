"""Loaders: course data dtypes, a user's own CSV, and one CRMDataError per kind of bad input."""

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.pandas import column, data_frames

from crmlab import CRMDataError
from crmlab.datasets import (
    load,
    load_customers,
    load_retail_latent,
    load_transactions,
    validate_transactions,
)
from crmlab.overview import period_summary


def test_course_data_has_proper_dtypes():
    tx = load_transactions()
    assert list(tx.columns) == ["customer_id", "date", "amount", "cost"]
    assert str(tx["date"].dtype) == "datetime64[ns]"
    assert tx["customer_id"].dtype == "int64"
    assert (tx["amount"] >= 0).all()
    cu = load_customers()
    assert cu["customer_id"].is_unique and str(cu["signup_date"].dtype) == "datetime64[ns]"
    assert set(tx["customer_id"]) <= set(cu["customer_id"])
    assert load_retail_latent()["alive_at_end"].dtype == bool


def test_user_file_with_column_mapping(write_csv):
    path = write_csv("CustomerID;InvoiceDate;Total\nA7;2024-03-01;12.5\nB2;2024-03-02;3\n")
    tx = load_transactions(path, columns={"CustomerID": "customer_id", "InvoiceDate": "date",
                                          "Total": "amount"}, sep=";")
    assert tx["customer_id"].tolist() == ["A7", "B2"]
    assert tx["amount"].tolist() == [12.5, 3.0]
    assert tx["date"].iloc[1] == pd.Timestamp("2024-03-02")


@pytest.mark.parametrize(
    ("text", "column", "words"),
    [
        ("customer_id,amount\n1,3\n", "date", "missing column"),
        ("customer_id,date,amount\n1,2024-01-01,3\n2,not a date,4\n", "date", "line 3"),
        ("customer_id,date,amount\n1,2024-01-01,3\n2,2024-01-02,-4\n", "amount", "negative"),
        ("customer_id,date,amount\n1,2024-01-01,\n", "amount", "missing value"),
        ("customer_id,date,amount\n1,2024-01-01,3 yuan\n", "amount", "not numbers"),
    ],
)
def test_bad_transactions_name_file_column_and_rows(write_csv, text, column, words):
    path = write_csv(text)
    with pytest.raises(CRMDataError) as err:
        load_transactions(path)
    message = str(err.value)
    assert str(path) in message and f"'{column}'" in message and words in message
    assert "Fix:" in message


def test_duplicate_customer_ids_are_refused(write_csv):
    path = write_csv("customer_id,signup_date\n7,2024-01-01\n8,2024-01-02\n7,2024-01-03\n")
    with pytest.raises(CRMDataError, match=r"duplicate ids \['7'\] at lines 2, 4"):
        load_customers(path)


def test_empty_file(write_csv):
    with pytest.raises(CRMDataError, match="empty"):
        load_transactions(write_csv(""))


def test_header_only_file(write_csv):
    with pytest.raises(CRMDataError, match="no rows"):
        load_transactions(write_csv("customer_id,date,amount\n"))


def test_wrong_delimiter_suggests_the_right_one(write_csv):
    with pytest.raises(CRMDataError, match="pass sep=';'"):
        load_transactions(write_csv("customer_id;date;amount\n1;2024-01-01;3\n"))


def test_mapping_naming_absent_column(write_csv):
    path = write_csv("customer_id,date,amount\n1,2024-01-01,3\n")
    with pytest.raises(CRMDataError, match="mapping names \\['Spend'\\]"):
        load_transactions(path, columns={"Spend": "amount"})


def test_unknown_dataset_and_missing_file(tmp_path):
    with pytest.raises(CRMDataError, match="unknown dataset"):
        load("nope")
    with pytest.raises(CRMDataError, match="file not found"):
        load_transactions(tmp_path / "absent.csv")


def test_errors_are_value_errors():
    assert issubclass(CRMDataError, ValueError)


cells = st.one_of(st.none(), st.integers(-5, 5), st.floats(allow_nan=True),
                  st.text(max_size=6), st.sampled_from(["2024-01-01", "2024-13-01", "x"]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data_frames([column("customer_id", elements=cells), column("date", elements=cells),
                    column("amount", elements=cells)]))
def test_any_malformed_frame_gives_clean_result_or_crmdataerror(frame):
    before = frame.copy(deep=True)
    try:
        clean = validate_transactions(frame)
        period_summary(frame)
    except CRMDataError:
        pass
    else:
        assert (clean["amount"] >= 0).all()
        assert str(clean["date"].dtype) == "datetime64[ns]"
    pd.testing.assert_frame_equal(frame, before)
