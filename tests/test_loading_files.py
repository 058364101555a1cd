"""Own files as users save them: encodings, folders and ids that must stay as written."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmlab import CRMDataError
from crmlab.datasets import load_customers, load_transactions

CUSTOMERS = "customer_id,signup_date,city\n007,2024-01-05,北京\n7,2024-02-01,上海\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16",
                                      "utf-16-le"])
def test_files_in_every_common_encoding_are_read(tmp_path, encoding):
    path = tmp_path / f"customers-{encoding}.csv"
    path.write_bytes(CUSTOMERS.encode(encoding))
    frame = load_customers(path)
    assert frame.columns[0] == "customer_id"  # no BOM stuck to the first name
    assert frame["city"].tolist() == ["北京", "上海"]


def test_excel_unicode_text_with_bom_and_crlf(tmp_path):
    path = tmp_path / "unicode.csv"
    path.write_bytes(CUSTOMERS.replace("\n", "\r\n").encode("utf-16"))
    assert load_customers(path)["customer_id"].tolist() == ["007", "7"]


def test_the_encoding_can_be_given(tmp_path):
    path = tmp_path / "big5.csv"
    path.write_bytes(CUSTOMERS.replace("北京", "臺北").encode("big5"))
    assert load_customers(path, encoding="big5")["city"].iloc[0] == "臺北"


def test_a_wrong_or_unknown_encoding_is_explained(tmp_path):
    path = tmp_path / "gbk.csv"
    path.write_bytes(CUSTOMERS.encode("gbk"))
    with pytest.raises(CRMDataError, match="not valid utf-8"):
        load_customers(path, encoding="utf-8")
    with pytest.raises(CRMDataError, match="unknown encoding 'klingon'"):
        load_customers(path, encoding="klingon")


def test_a_folder_is_not_a_file(tmp_path):
    with pytest.raises(CRMDataError, match="is a folder, not a file"):
        load_transactions(tmp_path)


def test_leading_zeros_keep_customers_apart(tmp_path):
    path = tmp_path / "customers.csv"
    path.write_text(CUSTOMERS, encoding="utf-8")
    ids = load_customers(path)["customer_id"]
    assert ids.tolist() == ["007", "7"] and ids.is_unique


def test_duplicate_ids_are_quoted_as_written(tmp_path):
    path = tmp_path / "customers.csv"
    path.write_text("customer_id,signup_date\nA7,2024-01-05\nA7,2024-02-01\n", encoding="utf-8")
    with pytest.raises(CRMDataError, match=r"duplicate ids \['A7'\] at lines 2, 3"):
        load_customers(path)


def test_course_ids_stay_whole_numbers():
    assert load_customers()["customer_id"].dtype == "int64"
    assert load_transactions()["customer_id"].dtype == "int64"


@settings(max_examples=40, deadline=None)
@given(st.lists(st.from_regex(r"[0-9A-Za-z]{1,8}", fullmatch=True), min_size=1, max_size=12,
                unique=True))
def test_any_id_column_round_trips_as_written(tmp_path_factory, ids):
    path = tmp_path_factory.mktemp("ids") / "customers.csv"
    pd.DataFrame({"customer_id": ids, "signup_date": "2024-01-05"}).to_csv(path, index=False)
    loaded = load_customers(path)["customer_id"]
    assert [str(v) for v in loaded] == ids


def test_a_file_without_read_permission(tmp_path):
    import os

    path = tmp_path / "locked.csv"
    path.write_text("customer_id,signup_date\n1,2024-01-05\n", encoding="utf-8")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):  # root reads anything: simulate the refusal
            pytest.skip("running as root: permissions are not enforced")
        with pytest.raises(CRMDataError, match="no permission to read the file"):
            load_customers(path)
    finally:
        path.chmod(0o644)


def test_permission_error_while_reading_is_a_crm_error(tmp_path, monkeypatch):
    import crmlab.schema as schema

    path = tmp_path / "customers.csv"
    path.write_text("customer_id,signup_date\n1,2024-01-05\n", encoding="utf-8")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(schema, "_read_csv", refuse)
    with pytest.raises(CRMDataError, match="no permission to read the file"):
        load_customers(path)


@pytest.mark.parametrize(("text", "words"), [
    ("customer_id,date,amount\n1,2024-01-05,3\n2,2024-01-06,4,9\n", "line 3 has 4 fields, the header has 3"),
    ("customer_id,date,amount\n1,2024-01-05,3,9\n2,2024-01-06,4,9\n",
     "line 2 has 4 fields, the header has 3"),
    ("customer_id,date,amount,amount\n1,2024-01-05,3,4\n", r"column\(s\) \['amount'\] more than once"),
    ("customer_id,date,amount\n1,2024-01-05,1e300\n", None),
])
def test_malformed_rows_and_headers(write_csv, text, words):
    path = write_csv(text)
    if words is None:  # a huge amount is still a finite number
        assert load_transactions(path)["amount"].iloc[0] == 1e300
        return
    with pytest.raises(CRMDataError, match=words):
        load_transactions(path)


def test_a_separator_at_the_end_of_every_line_is_ignored(write_csv):
    """Excel exports sometimes end each line with a comma: the columns stay where they are."""
    frame = load_transactions(write_csv("customer_id,date,amount\n1,2024-01-05,3,\n2,2024-01-06,4,\n"))
    assert frame["amount"].tolist() == [3.0, 4.0] and frame["customer_id"].tolist() == [1, 2]


def test_numbers_out_of_their_range_are_refused(write_csv):
    path = write_csv("customer_id,signup_date,age\n1,2024-01-05,30\n2,2024-01-05,1e20\n")
    with pytest.raises(CRMDataError, match=r"too large for a count, e.g. 1e\+20, at line 3"):
        load_customers(path)


@pytest.mark.parametrize(("kwargs", "words"), [
    ({"path": 7}, "the path must be text or a pathlib.Path, got int"),
    ({"path": b"customers.csv"}, "got bytes"),
    ({"sep": None}, "sep must be one character"),
    ({"sep": ",,"}, "sep must be one character"),
    ({"columns": ["customer_id"]}, "columns must map your column names"),
])
def test_wrong_argument_types(write_csv, kwargs, words):
    path = write_csv("customer_id,signup_date\n1,2024-01-05\n")
    arguments = {"path": path, **kwargs}
    with pytest.raises(CRMDataError, match=words):
        load_customers(arguments.pop("path"), **arguments)


def test_an_open_file_is_refused_with_the_fix(write_csv):
    path = write_csv("customer_id,signup_date\n1,2024-01-05\n")
    with open(path, encoding="utf-8") as handle, pytest.raises(CRMDataError, match="got TextIOWrapper"):
        load_customers(handle)


def test_large_files_are_read_in_chunks_with_the_same_result(write_csv, monkeypatch):
    """Chunk by chunk (here 3 rows per chunk) gives exactly the one-piece result, with text
    ids in one chunk turning the whole column into text."""
    import crmlab.schema as schema

    rows = "".join(f"{i},2024-01-{1 + i % 28:02d},{i}.5\n" for i in range(1, 10))
    path = write_csv("customer_id,date,amount\n" + rows + "G1,2024-02-01,1\n")
    whole = load_transactions(path)
    monkeypatch.setattr(schema, "CHUNK_ROWS", 3)
    chunked = load_transactions(path)
    pd.testing.assert_frame_equal(whole, chunked)
    assert chunked["customer_id"].tolist()[-2:] == ["9", "G1"]


DATE_FORMATS = {"%Y-%m-%d": None, "%d.%m.%Y": None, "%d/%m/%Y": "%d/%m/%Y",
                "%m/%d/%Y": "%m/%d/%Y", "%Y/%m/%d": None}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.dates(min_value=pd.Timestamp("1990-01-01").date(),
                         max_value=pd.Timestamp("2035-12-31").date()), min_size=1, max_size=15),
       st.sampled_from(sorted(DATE_FORMATS)))
def test_any_date_column_in_one_format_round_trips(tmp_path_factory, dates, date_format):
    """Unambiguous columns read back as written; ambiguous ones ask for date_format= and
    then read back too. Day and month are never mixed up."""
    path = tmp_path_factory.mktemp("dates") / "customers.csv"
    text = [d.strftime(date_format) for d in dates]
    pd.DataFrame({"customer_id": range(len(dates)), "signup_date": text}).to_csv(path, index=False)
    expected = [pd.Timestamp(d) for d in dates]
    try:
        loaded = load_customers(path)["signup_date"].tolist()
    except CRMDataError as err:
        assert "date_format=" in str(err)
        loaded = load_customers(path, date_format=date_format)["signup_date"].tolist()
    assert loaded == expected


@pytest.mark.parametrize(("values", "expected"), [
    (["2024-01-05T10:00:00+08:00", "2024-01-05T01:00:00Z"], ["2024-01-05 02:00", "2024-01-05 01:00"]),
    (["05.01.2024", "13.02.2024"], ["2024-01-05", "2024-02-13"]),
    (["01/05/2024", "13/05/2024"], ["2024-05-01", "2024-05-13"]),  # day first throughout
])
def test_one_date_policy(write_csv, values, expected):
    path = write_csv("customer_id,date,amount\n" + "".join(f"{i},{v},1\n" for i, v in enumerate(values)))
    assert load_transactions(path)["date"].tolist() == [pd.Timestamp(e) for e in expected]


@pytest.mark.parametrize("values", [["01/05/2024", "02/05/2024"], ["24-01-05", "24-02-07"]])
def test_ambiguous_dates_ask_for_a_format(write_csv, values):
    path = write_csv("customer_id,date,amount\n" + "".join(f"{i},{v},1\n" for i, v in enumerate(values)))
    with pytest.raises(CRMDataError, match="fit more than one format.*date_format="):
        load_transactions(path)


def test_mixed_formats_are_refused_with_the_rows(write_csv):
    path = write_csv("customer_id,date,amount\n1,2024-01-05,1\n2,05.01.2024,1\n")
    with pytest.raises(CRMDataError, match=r"cannot read 1 date\(s\).*'05.01.2024', at line 3"):
        load_transactions(path)


def test_zones_in_files_and_arguments_agree():
    """A purchase at 01:00 in Beijing on 1 January is 17:00 UTC on 31 December: rfm_table with
    an as_of given in the same zone counts it, in UTC, on the right day."""
    from crmlab.clv import clv_summary
    from crmlab.tiering import rfm_table

    tx = pd.DataFrame({"customer_id": [1, 1], "amount": [5.0, 7.0],
                       "date": ["2024-01-01T01:00:00+08:00", "2024-01-11T01:00:00+08:00"]})
    table = rfm_table(tx, pd.Timestamp("2024-01-21T01:00:00+08:00"))
    assert table.loc[1, "recency"] == 10 and table.loc[1, "frequency"] == 2
    summary = clv_summary(tx, "2024-01-20T23:00:00+08:00", freq="D")
    assert summary.loc[1, "T"] == 20.0


def test_joins_across_files_with_different_id_types(write_csv):
    from crmlab.overview import customer_profit

    customers = load_customers(write_csv("customer_id,signup_date,acquisition_cost\n1,2024-01-05,5\n"
                                         "2,2024-01-05,5\n", "customers.csv"))
    tx = load_transactions(write_csv("customer_id,date,amount,cost\n1,2024-01-05,10,4\n"
                                     "G1,2024-01-05,10,4\n", "tx.csv"))
    assert customer_profit(tx, customers).loc["1", "revenue"] == 10.0
    other = tx.assign(customer_id=["X1", "X2"])
    with pytest.raises(CRMDataError, match="no customer_id of transactions appears in customers"):
        customer_profit(other, customers)
