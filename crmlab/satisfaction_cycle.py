"""Chapter 5 compute: the satisfaction cycle (客户满意度周期), simulated.

Seed 004 §3.4.3: expected utility adapts to the utility actually received, and when
nothing changes customers keep raising their expectations. So satisfaction moves in a
cycle — numbness (麻木), dissatisfaction (不满意), satisfaction (满意), over-satisfaction
(超越满意), satisfaction — unless the firm improves at the right time, by the right amount.

The course's model, per period t (utilities as an index, 1 at the start):

- actual utility A: constant, multiplied by (1 + ``improvement_size``) every
  ``improvement_every`` periods;
- expected utility E: E_t = E_{t-1} + ``adaptation_speed`` (A_{t-1} - E_{t-1})
  + ``expectation_drift`` E_{t-1} (adapting towards what is received, and drifting up);
- satisfaction ratio A / E, and the stage: over-satisfaction when the ratio is at least
  1 + ``band``, dissatisfaction when at most 1 - ``band``, numbness when it is in between
  and A has not changed for ``numb_after`` periods, satisfaction otherwise.
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


def _whole(name: str, value, low: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < low:
        raise CRMDataError(f"{name} must be a whole number >= {low}, got {value!r}",
                           fix=f"e.g. {name}={max(low, 12)}")
    return int(value)


def simulate_satisfaction_cycle(periods: int = 48, improvement_size: float = 0.2,
                                improvement_every: int = 12, adaptation_speed: float = 0.25,
                                expectation_drift: float = 0.02, band: float = 0.05,
                                numb_after: int = 3) -> pd.DataFrame:
    """Actual and expected utility, their ratio and the stage, period by period.

    >>> cycle = simulate_satisfaction_cycle(periods=6, improvement_every=3, expectation_drift=0)
    >>> cycle["actual"].round(2).tolist()
    [1.0, 1.0, 1.0, 1.2, 1.2, 1.2]
    >>> cycle["stage"].tolist()[2:5]
    ['satisfaction', 'over-satisfaction', 'over-satisfaction']
    """
    t_max = _whole("periods", periods, 1)
    every = _whole("improvement_every", improvement_every, 1)
    numb = _whole("numb_after", numb_after, 1)
    size = as_number("improvement_size", improvement_size, 0, 5)
    speed = as_number("adaptation_speed", adaptation_speed, 0, 1)
    drift = as_number("expectation_drift", expectation_drift, -0.5, 0.5)
    width = as_number("band", band, 0, 1)
    actual, expected = np.ones(t_max), np.ones(t_max)
    for t in range(1, t_max):
        actual[t] = actual[t - 1] * (1 + size) if t % every == 0 else actual[t - 1]
        expected[t] = expected[t - 1] + speed * (actual[t - 1] - expected[t - 1]) \
            + drift * expected[t - 1]
    ratio = actual / expected
    unchanged = np.zeros(t_max, dtype=int)  # periods since actual utility last changed
    for t in range(1, t_max):
        unchanged[t] = unchanged[t - 1] + 1 if actual[t] == actual[t - 1] else 0
    stage = np.where(ratio >= 1 + width - 1e-12, "over-satisfaction",
                     np.where(ratio <= 1 - width + 1e-12, "dissatisfaction",
                              np.where(unchanged >= numb, "numbness", "satisfaction")))
    return pd.DataFrame({"actual": actual, "expected": expected, "ratio": ratio, "stage": stage},
                        index=pd.RangeIndex(t_max, name="period"))
