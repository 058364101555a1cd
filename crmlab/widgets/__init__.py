"""Interactive explorers: controls -> a crmlab compute function -> a crmlab plot.

One module per concept (``widgets/tiering.py`` explores what ``crmlab/tiering.py``
computes and ``plots/tiering.py`` draws); the contract lives in ``widgets/base.py``, the
control helpers in ``widgets/controls.py``. Names are re-exported lazily, so
``from crmlab.widgets import DataTourExplorer`` imports only chapter 0's dependencies.
"""

from __future__ import annotations

from crmlab.lazy import lazy_exports

MODULES = {
    "overview": ("DataTourExplorer",),
    "relationships": ("RelationshipExplorer", "ServingCostExplorer"),
    "stages": ("StageExplorer",),
    "identification": ("BurnettExplorer",),
    "segmentation": ("SegmentExplorer",),
    "satisfaction": ("DisconfirmationExplorer", "SatisfactionCycleExplorer"),
    "kano": ("KanoExplorer",),
    "ipa": ("IPAExplorer",),
    "quality_control": ("ControlChartExplorer",),
    "loyalty": ("ZoneExplorer", "LoyaltyMatrixExplorer"),
    "retention": ("RetentionExplorer",),
    "sbg": ("SBGExplorer",),
    "tiering": ("ABCExplorer", "PyramidExplorer", "RFMExplorer"),
    "clv": ("CLVExplorer",),
    "base": ("Explorer",),
}
WHERE, __getattr__, __dir__ = lazy_exports("crmlab.widgets", MODULES)
EXPLORERS = tuple(name for name in WHERE if name != "Explorer")
__all__ = sorted(WHERE)
