"""Chapter 5 compute: the satisfaction cycle (客户满意度周期), simulated.

Seed 004 §3.4.3: when the service stays the same, customers stop noticing it (numbness,
麻木) while their expectations keep rising; expectations overtake what is delivered
(dissatisfaction, 不满意) and the gap keeps widening while the firm is slow to react;
complaints and lost customers wake the firm up and it improves step by step — utility
rising towards expectations, customers satisfied out of trust (the first satisfaction
stage, 满意); utility passes expectations (over-satisfaction, 超越满意) and expectations
rise towards it, so satisfaction falls back (the second satisfaction stage) and, with the
service unchanged again, into numbness. Raising utility during over-satisfaction only
makes expectations climb faster; the seed's advice is to improve during numbness.

The course's model, per period t (utilities as an index, 1 at the start):

- expected utility E **ratchets up**: E_t = E_{t-1} + ``adaptation_speed``
  max(A_{t-1} - E_{t-1}, 0) + ``expectation_drift`` E_{t-1}. It catches up with utility
  above it and drifts up by itself; it never falls back.
- actual utility A stays put until the firm acts. The firm acts once the stage named by
  ``act_when`` (dissatisfaction: the slow firm of the seed; numbness: its advice) has
  lasted ``react_after`` periods; from the next period it raises A by ``improvement_step``
  (index points, a set amount) per period for ``improvement_periods`` periods.
- the stage of each period, from the ratio A / E and the band: over-satisfaction when
  A / E is at least 1 + ``band``; satisfaction while the firm is improving (A rising) or
  while A is above E; dissatisfaction when A / E is at most 1 - ``band``; numbness in
  between (E has caught up, nothing changes). Period 0 starts in numbness: the service
  has been the same for a long time and just meets expectations.
"""

from __future__ import annotations

import numbers

import numpy as np
import pandas as pd

from crmlab.errors import CRMDataError
from crmlab.schema import as_number

STAGES = ("numbness", "dissatisfaction", "satisfaction", "over-satisfaction")
STAGE_NAMES = {"numbness": "麻木", "dissatisfaction": "不满意", "satisfaction": "满意",
               "over-satisfaction": "超越满意"}
TRIGGERS = ("dissatisfaction", "numbness")


def _whole(name: str, value, low: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < low:
        raise CRMDataError(f"{name} must be a whole number >= {low}, got {value!r}",
                           fix=f"e.g. {name}={max(low, 4)}")
    return int(value)


def stage_of(ratio: float, rising: bool, band: float) -> str:
    """The stage of one period from A / E, whether A rose this period, and the band.

    >>> stage_of(0.9, True, 0.05), stage_of(0.9, False, 0.05), stage_of(0.98, False, 0.05)
    ('satisfaction', 'dissatisfaction', 'numbness')
    >>> stage_of(1.02, False, 0.05), stage_of(1.05, True, 0.05)
    ('satisfaction', 'over-satisfaction')
    """
    if ratio >= 1 + band - 1e-12:
        return "over-satisfaction"
    if rising or ratio > 1 + 1e-12:
        return "satisfaction"
    return "dissatisfaction" if ratio <= 1 - band + 1e-12 else "numbness"


def simulate_satisfaction_cycle(periods: int = 48, *, improvement_step: float = 0.06,
                                improvement_periods: int = 5, react_after: int = 4,
                                act_when: str = "dissatisfaction",
                                adaptation_speed: float = 0.3, expectation_drift: float = 0.01,
                                band: float = 0.05) -> pd.DataFrame:
    """Actual and expected utility, their ratio, the stage and whether the firm is
    improving, period by period.

    >>> cycle = simulate_satisfaction_cycle(periods=4, improvement_step=0.1, react_after=1,
    ...                                     act_when="numbness", expectation_drift=0)
    >>> cycle["actual"].round(2).tolist(), cycle["stage"].tolist()
    ([1.0, 1.1, 1.2, 1.3], ['numbness', 'over-satisfaction', 'over-satisfaction', 'over-satisfaction'])
    """
    t_max = _whole("periods", periods, 1)
    ramp = _whole("improvement_periods", improvement_periods, 1)
    wait = _whole("react_after", react_after, 1)
    step = as_number("improvement_step", improvement_step, 0, 1)
    speed = as_number("adaptation_speed", adaptation_speed, 0, 1)
    drift = as_number("expectation_drift", expectation_drift, 0, 0.5)
    width = as_number("band", band, 0, 0.5)
    if act_when not in TRIGGERS:
        raise CRMDataError(f"act_when must be one of {TRIGGERS}, got {act_when!r}",
                           fix="act_when='dissatisfaction' (the slow firm) or 'numbness' (the "
                               "seed's advice)")
    actual, expected = np.ones(t_max), np.ones(t_max)
    stage, improving = ["numbness"] * t_max, np.zeros(t_max, dtype=bool)
    streak, left = 0, 0  # periods the trigger stage has lasted; improvement periods to come
    for t in range(t_max):
        if t:
            expected[t] = expected[t - 1] + drift * expected[t - 1] \
                + speed * max(actual[t - 1] - expected[t - 1], 0.0)
            improving[t], left = left > 0, max(left - 1, 0)
            actual[t] = actual[t - 1] + step * improving[t]
            stage[t] = stage_of(actual[t] / expected[t], step > 0 and improving[t], width)
        streak = streak + 1 if stage[t] == act_when else 0
        if streak >= wait and not left:
            left, streak = ramp, 0
    return pd.DataFrame({"actual": actual, "expected": expected, "ratio": actual / expected,
                         "stage": stage, "improving": improving},
                        index=pd.RangeIndex(t_max, name="period"))


def stage_runs(stages) -> list[tuple[str, int]]:
    """Consecutive runs of one stage as (stage, periods), in order.

    >>> stage_runs(["numbness", "numbness", "dissatisfaction", "numbness"])
    [('numbness', 2), ('dissatisfaction', 1), ('numbness', 1)]
    """
    runs: list[tuple[str, int]] = []
    for s in stages:
        if runs and runs[-1][0] == s:
            runs[-1] = (s, runs[-1][1] + 1)
        else:
            runs.append((s, 1))
    return runs
