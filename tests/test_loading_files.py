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
