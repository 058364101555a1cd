"""Chapter 1 explorer, driven through its controls as a student would."""



def test_relationship_explorer_every_control_at_its_extremes():
    from crmlab.datasets import load_product_lines
    from crmlab.widgets import RelationshipExplorer

    explorer = RelationshipExplorer(load_product_lines())
    for name, control in explorer.controls.items():
        for value in (control.min, control.max):
            control.value = value if name not in ("customers", "few_below", "many_from") \
                else 10 ** value
            assert (explorer.result is None) == bool(explorer.message), name
        control.value = {"customers": 5_000, "margin": 0.25, "few_below": 100,
                         "many_from": 10_000, "low_below": 0.15, "high_from": 0.40}[name]
        assert explorer.result["recommended"] == "accountable"


def test_relationship_explorer_changes_with_its_sliders():
    from crmlab.datasets import load_product_lines
    from crmlab.widgets import RelationshipExplorer

    explorer = RelationshipExplorer(load_product_lines())
    explorer.controls["customers"].value = 20
    explorer.controls["margin"].value = 0.5
    assert explorer.result["recommended"] == "partnership"
    explorer.controls["high_from"].value = 0.6  # 0.5 is now a medium margin
    assert explorer.result["recommended"] == "proactive"
    explorer.controls["low_below"].value = 0.7  # out of order: a message, no exception
    assert explorer.result is None and "smaller cut first" in explorer.message


def test_slider_float_noise_keeps_a_margin_at_the_cut():
    """The browser sends 0.15000000000000002 for a slider at 0.15; L13 (margin 0.15) stays
    a medium-margin line."""
    from crmlab.datasets import load_product_lines
    from crmlab.widgets import RelationshipExplorer

    explorer = RelationshipExplorer(load_product_lines())
    explorer.controls["low_below"].value = 0.15000000000000002
    lines = explorer.result["lines"].set_index("line_id")
    assert lines.loc["L13", "margin_level"] == "medium"


def test_serving_cost_explorer_every_control_at_its_extremes(extremes):
    from crmlab.widgets import ServingCostExplorer

    explorer = ServingCostExplorer.on_course_data()
    extremes(explorer)
    assert explorer.result["best"] == "reactive"


def test_serving_cost_explorer_loads_a_line_and_moves_the_best_type():
    from crmlab.widgets import ServingCostExplorer

    explorer = ServingCostExplorer.on_course_data()
    before = explorer.image.value
    explorer.controls["line"].value = "spare parts and maintenance"
    assert explorer.controls["contact_cost"].value == 20_000
    assert explorer.result["best"] == "partnership" and explorer.image.value != before
    explorer.controls["closeness"].value = 0.0  # closeness keeps no one: contact is waste
    assert explorer.result["best"] == "basic"
    explorer.controls["closeness"].value = 1.0
    explorer.controls["contact_cost"].value = 1_000_000  # 24 visits cost more than the margin
    assert explorer.result["best"] != "partnership"
    assert "lifetime_profit" in explorer.table.value
