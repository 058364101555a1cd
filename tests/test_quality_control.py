"""Control charts against hand computation, constant and varying sample sizes; run rules;
the planted month of the course data; bad input."""

import numpy as np
import pandas as pd
import pytest

from crmlab import CRMDataError
from crmlab.datasets import load_service_quality
from crmlab.quality_control import p_chart, run_rules, xbar_chart


def test_p_chart_constant_size_by_hand():
    # d = 5, 10, 15 of n = 100: p-bar = 0.1, sigma = sqrt(0.1 * 0.9 / 100) = 0.03
    chart = p_chart(pd.Series([5, 10, 15]), 100)
    assert chart["center"].iloc[0] == pytest.approx(0.1)
    assert chart["ucl"].tolist() == pytest.approx([0.19] * 3)
    assert chart["lcl"].tolist() == pytest.approx([0.01] * 3)
    assert not chart["out"].any()


def test_p_chart_varying_sizes_by_hand():
    # d = 10, 40 of n = 100, 400: p-bar = 50 / 500 = 0.1; limits 0.1 ± 3 sqrt(0.09 / n)
    chart = p_chart(pd.Series([10, 40]), pd.Series([100, 400]))
    assert chart["ucl"].tolist() == pytest.approx([0.19, 0.145])
    assert chart["lcl"].tolist() == pytest.approx([0.01, 0.055])


def test_p_chart_limits_are_clipped_and_sigma_moves_them():
    chart = p_chart(pd.Series([0, 1, 0]), 10)
    assert (chart["lcl"] == 0).all()
    narrow = p_chart(pd.Series([5, 10, 15]), 100, sigma=2)
    assert narrow["ucl"].iloc[0] == pytest.approx(0.16)


def test_xbar_chart_range_and_sd_by_hand():
    samples = pd.DataFrame([[7, 8, 9], [8, 8, 8], [6, 8, 10], [1, 2, 3]])
    chart = xbar_chart(samples)  # x-double-bar 6.5, R-bar 2, A2(3) = 1.023
    assert chart["ucl"].iloc[0] == pytest.approx(6.5 + 1.023 * 2)
    assert chart["out"].tolist() == [False, False, False, True]
    sd = xbar_chart(samples, method="sd")  # pooled variance (1 + 0 + 4 + 1) / 4 = 1.5
    assert sd["ucl"].iloc[0] == pytest.approx(6.5 + 3 * np.sqrt(1.5) / np.sqrt(3))


def test_run_rules():
    rules = run_rules(pd.Series([0.0, 3.5, -0.5]), 0.0, 1.0)
    assert rules["beyond limits"].tolist() == [False, True, False]
    rules = run_rules(pd.Series([0.0, 2.5, 0.5, 2.5, 0.0]), 0.0, 1.0)  # 2 of the last 3 > 2
    assert rules["2 of 3 beyond 2 sigma"].tolist() == [False, False, False, True, False]
    rules = run_rules(pd.Series([1.5, 1.5, 0.2, 1.5, 1.5, -1.0]), 0.0, 1.0)
    assert rules["4 of 5 beyond 1 sigma"].tolist() == [False] * 4 + [True, False]
    values = pd.Series([-0.5] + [0.3] * 8)
    rules = run_rules(values, 0.0, 1.0)
    assert rules["8 on one side"].tolist() == [False] * 8 + [True]
    varying = run_rules(pd.Series([0.5, 0.6]), pd.Series([0.1, 0.1]), pd.Series([0.1, 0.2]))
    assert varying["beyond limits"].tolist() == [True, False]  # z = 4 and 2.5


def test_the_planted_month_and_only_it_is_flagged():
    quality = load_service_quality().set_index("month")
    p = p_chart(quality["complaints"], quality["orders"])
    x = xbar_chart(quality[[f"score_{k}" for k in range(1, 6)]])
    assert list(p.index[p["out"]]) == ["2024-08"] and list(x.index[x["out"]]) == ["2024-08"]


@pytest.mark.parametrize(("call", "words"), [
    (lambda: p_chart(pd.Series([5, 120]), 100), r"bad at \[1\]"),
    (lambda: p_chart(pd.Series([-1, 2]), 100), r"bad at \[0\]"),
    (lambda: p_chart(pd.Series([1.5]), 100), "whole numbers"),
    (lambda: p_chart(pd.Series([1, 2]), pd.Series([10, 10], index=[7, 8])), "same index"),
    (lambda: xbar_chart(pd.DataFrame([[1] * 12, [2] * 12])), "2 to 10"),
    (lambda: xbar_chart(pd.DataFrame([[1, 2]])), "at least 2"),
    (lambda: xbar_chart(pd.DataFrame([[1, 2], [2, 3]]), method="iqr"), "unknown method"),
    (lambda: p_chart(pd.Series([1]), 10, sigma=0), "sigma"),
])
def test_bad_input(call, words):
    with pytest.raises(CRMDataError, match=words):
        call()


def test_r_chart_limits_are_montgomerys_d3_and_d4():
    from crmlab.quality_control import r_chart

    # subgroups of 5: D3 = 0, D4 = 2.114 (Montgomery, Appendix VI); ranges 4, 2, 3 -> R-bar 3
    samples = pd.DataFrame([[1, 2, 3, 4, 5], [2, 2, 3, 4, 3], [5, 6, 7, 8, 5]])
    chart = r_chart(samples)
    assert chart["range"].tolist() == [4.0, 2.0, 3.0]
    assert chart["center"].iloc[0] == 3.0 and chart["lcl"].iloc[0] == 0.0
    assert chart["ucl"].iloc[0] == pytest.approx(2.114 * 3, abs=0.002)
    # subgroups of 7: D3 = 0.076, D4 = 1.924
    seven = r_chart(pd.DataFrame([[0, 1, 2, 3, 4, 5, 6], [1, 1, 1, 1, 1, 1, 3]]))
    assert seven["lcl"].iloc[0] == pytest.approx(0.076 * 4, abs=0.002)
    assert seven["ucl"].iloc[0] == pytest.approx(1.924 * 4, abs=0.002)


def test_r_chart_refuses_what_it_cannot_chart():
    from crmlab.quality_control import r_chart

    with pytest.raises(CRMDataError, match="tabulated for subgroups of 2 to 10"):
        r_chart(pd.DataFrame([[1] * 11, [2] * 11]))
    with pytest.raises(CRMDataError, match="a row per subgroup"):
        r_chart(pd.DataFrame([[1, 2]]))
    with pytest.raises(CRMDataError, match="missing or non-numeric"):
        r_chart(pd.DataFrame([[1, "x"], [2, 3]]))
