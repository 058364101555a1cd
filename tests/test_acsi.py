"""PLS path modelling: a two-construct model against a closed form, all three schemes,
the ACSI fit against the generator's truth, the index formula, bootstrap, bad input."""

import numpy as np
import pandas as pd
import pytest

from crmlab import CRMDataError
from crmlab.acsi import ACSI_BLOCKS, ACSI_STRUCTURE, PLSPathModel
from crmlab.datasets import load_guest_survey
from crmlab.generate_satisfaction import ACSI_TRUTH


def two_blocks(seed=1, n=400):
    rng = np.random.default_rng(seed)
    f = rng.normal(size=n)
    g = 0.6 * f + 0.8 * rng.normal(size=n)
    cols = {f"x{k}": f * lam + rng.normal(size=n) * np.sqrt(1 - lam ** 2)
            for k, lam in enumerate((0.9, 0.7, 0.5), start=1)}
    cols |= {f"y{k}": g * lam + rng.normal(size=n) * np.sqrt(1 - lam ** 2)
             for k, lam in enumerate((0.8, 0.6), start=1)}
    return pd.DataFrame(cols)


@pytest.mark.parametrize("scheme", ["path", "centroid", "factorial"])
def test_two_constructs_match_the_closed_form(scheme):
    """With two blocks X -> Y and mode A, PLS converges to the first pair of singular
    vectors of the cross-correlation matrix R_XY = u s v' (Tucker's inter-battery factors):
    w_X ∝ u, w_Y ∝ v, and the path is corr(X u, Y v)."""
    data = two_blocks()
    model = PLSPathModel([("X", "Y")], {"X": ["x1", "x2", "x3"], "Y": ["y1", "y2"]},
                         scheme=scheme).fit(data)
    z = ((data - data.mean()) / data.std(ddof=0)).to_numpy()
    u, _, vt = np.linalg.svd(z[:, :3].T @ z[:, 3:] / len(z))
    u1, v1 = u[:, 0] * np.sign(u[0, 0]), vt[0] * np.sign(vt[0, 0])
    path = np.corrcoef(z[:, :3] @ u1, z[:, 3:] @ v1)[0, 1]
    assert model.paths_[("X", "Y")] == pytest.approx(path, abs=1e-6)
    w = model.weights_["X"].to_numpy()
    np.testing.assert_allclose(w / np.linalg.norm(w), u1, atol=1e-6)
    assert model.r2_["Y"] == pytest.approx(path ** 2, abs=1e-6)
    assert model.total_effects_.loc["X", "Y"] == pytest.approx(path, abs=1e-9)


def test_scores_are_standardised_and_loadings_are_correlations():
    data = two_blocks()
    model = PLSPathModel([("X", "Y")], {"X": ["x1", "x2", "x3"], "Y": ["y1", "y2"]}).fit(data)
    assert model.scores_.std(ddof=0).to_numpy() == pytest.approx([1, 1])
    assert model.loadings_[("X", "x1")] == pytest.approx(
        np.corrcoef(data["x1"], model.scores_["X"])[0, 1])


def test_index_by_hand_on_one_indicator_per_construct():
    """With one indicator per block the weight is 1, so the index is
    100 (mean - 1) / (10 - 1)."""
    data = pd.DataFrame({"a": [1.0, 4, 7, 10], "b": [2.0, 3, 9, 10]})
    model = PLSPathModel([("A", "B")], {"A": ["a"], "B": ["b"]}).fit(data)
    assert model.index_["A"] == pytest.approx(100 * (5.5 - 1) / 9)
    assert model.index_["B"] == pytest.approx(100 * (6.0 - 1) / 9)


@pytest.fixture(scope="module")
def acsi():
    return PLSPathModel(ACSI_STRUCTURE, ACSI_BLOCKS).fit(load_guest_survey())


def test_acsi_recovers_the_true_paths(acsi):
    """Stated in the data card: every path within 0.12 of the truth; mean error below 0.06."""
    truth = pd.Series(ACSI_TRUTH).reindex(acsi.paths_.index)
    error = (acsi.paths_ - truth).abs()
    assert error.max() < 0.12 and error.mean() < 0.06
    assert (np.sign(acsi.paths_) == np.sign(truth)).all()
    assert 0.4 < acsi.gof_ < 0.8 and acsi.r2_["satisfaction"] > 0.4


def test_bootstrap_intervals_cover_the_estimates(acsi):
    table = acsi.bootstrap(n=60, random_state=3)
    assert (table["lower"] <= table["estimate"]).all() and (table["estimate"] <= table["upper"]).all()
    assert table["std_error"].between(0.005, 0.1).all()
    again = acsi.bootstrap(n=60, random_state=3)
    pd.testing.assert_frame_equal(table, again)


def test_input_is_not_changed():
    data = two_blocks()
    before = data.copy()
    PLSPathModel([("X", "Y")], {"X": ["x1", "x2"], "Y": ["y1"]}).fit(data)
    pd.testing.assert_frame_equal(data, before)


BLOCKS = {"X": ["x1", "x2"], "Y": ["y1", "y2"]}


@pytest.mark.parametrize(("structure", "blocks", "kwargs", "words"), [
    ([("X", "Y")], {"X": ["x1", "nope"], "Y": ["y1"]}, {}, r"\['nope'\]"),
    ([("X", "Y"), ("Y", "X")], BLOCKS, {}, "cycle"),
    ([("X", "Z")], BLOCKS, {}, "'Z'"),
    ([("X", "X")], BLOCKS, {}, "itself"),
    ([("X", "Y")], {**BLOCKS, "W": ["x3"]}, {}, r"\['W'\] have no path"),
    ([("X", "Y")], BLOCKS, {"scheme": "magic"}, "unknown scheme"),
    ([("X", "Y")], BLOCKS, {"max_iter": 1, "tol": 0.0}, "did not converge"),
])
def test_bad_models(structure, blocks, kwargs, words):
    with pytest.raises(CRMDataError, match=words):
        PLSPathModel(structure, blocks, **kwargs).fit(two_blocks())


def test_bad_data():
    data = two_blocks().assign(x1=np.nan)
    with pytest.raises(CRMDataError, match="missing or non-numeric"):
        PLSPathModel([("X", "Y")], BLOCKS).fit(data)
    with pytest.raises(CRMDataError, match="do not vary"):
        PLSPathModel([("X", "Y")], BLOCKS).fit(two_blocks().assign(x2=1.0))
    with pytest.raises(CRMDataError, match="fit the model"):
        PLSPathModel([("X", "Y")], BLOCKS).bootstrap(5)
