"""Plots of crmlab results: ``plot_<thing>(result, ax=None, **style) -> Axes``.

One module per concept (``plots/tiering.py`` plots what ``crmlab/tiering.py`` computes),
the course look in ``plots/_style.py``. A plot computes nothing itself: it draws a result.
Names are re-exported lazily, so ``from crmlab.plots import plot_pareto`` imports only the
tiering plots. Nothing here calls ``plt.show()``.
"""

from __future__ import annotations

from crmlab.lazy import lazy_exports

MODULES = {
    "overview": ("plot_period_metric", "plot_channel_profit", "plot_profit_distribution"),
    "relationships": ("plot_kotler_grid", "kotler_grid_background", "kotler_grid_marks",
                      "plot_relationship_profit", "plot_serving_cost",
                      "serving_cost_background", "serving_cost_marks", "TYPE_COLORS"),
    "stages": ("plot_stage_counts", "stage_counts_background", "stage_counts_marks",
               "plot_account_trajectory", "trajectory_background", "trajectory_marks",
               "plot_switching_cost", "STAGE_COLORS"),
    "identification": ("plot_burnett_grid", "burnett_grid_background", "burnett_grid_marks",
                       "burnett_cells", "STRATEGY_COLORS", "plot_clp_grid"),
    "segmentation": ("plot_k_choice", "plot_segment_profiles"),
    "satisfaction": ("plot_utility_lines", "plot_outcome_shares", "outcome_shares_background",
                     "outcome_shares_marks", "plot_churn_reasons"),
    "kano": ("plot_answer_grid", "answer_grid_background", "answer_grid_marks",
             "plot_better_worse", "better_worse_background", "better_worse_marks"),
    "ipa": ("plot_ipa", "ipa_background", "ipa_marks"),
    "acsi": ("plot_path_diagram",),
    "quality_control": ("plot_control_chart", "control_chart_background", "control_chart_marks"),
    "satisfaction_cycle": ("plot_satisfaction_cycle", "cycle_limits", "cycle_utility_background",
                           "cycle_ratio_background", "cycle_marks"),
    "loyalty": ("plot_loyalty_curve", "loyalty_curve_background", "loyalty_curve_marks",
                "plot_loyalty_matrix", "loyalty_matrix_background", "loyalty_matrix_marks",
                "jittered", "plot_nps"),
    "retention": ("plot_retention_npv", "retention_npv_background", "retention_npv_marks",
                  "plot_profit_by_tenure"),
    "cohorts": ("plot_cohort_curves", "plot_cohort_heatmap", "plot_survival"),
    "sbg": ("plot_survival_projection", "plot_value_by_tenure", "sbg_background", "sbg_marks"),
    "tiering": ("plot_pareto", "plot_lorenz", "plot_pyramids", "plot_rfm_heatmap",
                "plot_segment_sizes", "CLASS_COLORS", "TIER_COLORS"),
    "clv": ("plot_clv_curve", "plot_tracking", "plot_conditional_expectations",
            "plot_frequency_recency"),
    "_style": ("PALETTE", "new_axes", "tidy"),
}
WHERE, __getattr__, __dir__ = lazy_exports("crmlab.plots", MODULES)
__all__ = sorted(WHERE)
