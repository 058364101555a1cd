"""The datasets are reproducible byte for byte and carry the truth they were made from."""

import numpy as np
import pytest

from crmlab import CRMDataError
from crmlab.datasets import data_dir, load_retail_latent, load_transactions
from crmlab.generate import (
    BGNBD_TRUTH,
    GAMMA_GAMMA_TRUTH,
    N_CUSTOMERS,
    PARETO_NBD_TRUTH,
    build_all,
    retail_data,
    stale_datasets,
    write_datasets,
)


def test_committed_datasets_equal_a_fresh_build():
    assert stale_datasets(data_dir()) == {}


def test_regeneration_writes_identical_bytes(tmp_path):
    write_datasets(tmp_path)
    for path in tmp_path.glob("*.csv"):
        assert path.read_bytes() == (data_dir() / path.name).read_bytes(), path.name


def test_stale_file_is_detected(tmp_path):
    write_datasets(tmp_path)
    (tmp_path / "customers.csv").write_text("changed\n")
    assert stale_datasets(tmp_path) == {"customers": "differs"}


def test_all_datasets_together_stay_small():
    total = sum(p.stat().st_size for p in data_dir().glob("*.csv"))
    assert total < 20e6


def test_latent_truth_matches_the_documented_distributions():
    latent = load_retail_latent()
    assert len(latent) == N_CUSTOMERS
    r, alpha, a, b = (BGNBD_TRUTH[k] for k in ("r", "alpha", "a", "b"))
    # Gamma(r, alpha) mean r/alpha, Beta(a, b) mean a/(a+b): 4000 draws, about 3 standard errors
    assert abs(latent["purchase_rate"].mean() - r / alpha) < 3 * np.sqrt(r) / alpha / np.sqrt(4000)
    sd_p = np.sqrt(a * b / ((a + b) ** 2 * (a + b + 1)))
    assert abs(latent["dropout_prob"].mean() - a / (a + b)) < 3 * sd_p / np.sqrt(4000)


def test_spend_follows_gamma_gamma_mean():
    p, q, v = (GAMMA_GAMMA_TRUTH[k] for k in ("p", "q", "v"))
    # E[amount] = p v / (q - 1) over customers; per-transaction mean is weighted by purchases
    per_customer = load_transactions().groupby("customer_id")["amount"].mean()
    assert abs(per_customer.mean() / (p * v / (q - 1)) - 1) < 0.06


def test_data_card_quotes_every_true_parameter(root):
    card = (root / "datasets" / "README.md").read_text(encoding="utf-8")
    for name, value in {**BGNBD_TRUTH, **GAMMA_GAMMA_TRUTH, **PARETO_NBD_TRUTH}.items():
        assert f"`{name}` = {value}" in card, name
    for name in build_all():
        assert f"`{name}.csv`" in card, name


def test_crlf_and_non_utf8_files_are_fail_lines_not_crashes(tmp_path, capsys):
    """What git's autocrlf makes of a file on Windows is drift; a stray byte is reported."""
    from crmlab.cli import main

    write_datasets(tmp_path)
    customers = tmp_path / "customers.csv"
    customers.write_bytes(customers.read_bytes().replace(b"\n", b"\r\n"))
    transactions = tmp_path / "transactions.csv"
    transactions.write_bytes(transactions.read_bytes() + b"\xff")
    assert stale_datasets(tmp_path) == {"customers": "has Windows line endings (CRLF)",
                                        "transactions": "is not valid UTF-8 (byte "
                                        f"{transactions.stat().st_size - 1})"}
    assert main(["datasets", "--check", "--dir", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "FAIL" in out and "CRLF" in out and "not valid UTF-8" in out


def test_the_pareto_nbd_shop_keeps_the_customers_and_changes_only_dropout():
    course, pareto = retail_data(), retail_data(dropout="pareto/nbd")
    assert course["customers"].equals(pareto["customers"])  # same signups, channels, costs
    latent = pareto["retail_latent"]
    assert "dropout_rate" in latent and "dropout_prob" not in latent
    s, beta = PARETO_NBD_TRUTH["s"], PARETO_NBD_TRUTH["beta"]
    assert abs(latent["dropout_rate"].mean() - s / beta) < 0.1 * s / beta  # Gamma(s, beta) mean
    assert (latent["purchase_rate"] == course["retail_latent"]["purchase_rate"]).all()


def test_an_unknown_dropout_model_is_refused():
    with pytest.raises(CRMDataError, match="bg/nbd"):
        retail_data(dropout="markov")
