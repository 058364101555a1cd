"""Chapter 2 explorer, driven through its controls as a student would."""



def test_stage_explorer_every_control_at_its_extremes():
    from crmlab.datasets import load_account_years
    from crmlab.widgets import StageExplorer

    explorer = StageExplorer(load_account_years())
    for name, control in explorer.controls.items():
        options = getattr(control, "options", None)
        for value in (options[0], options[-1]) if options else (control.min, control.max):
            control.value = value
            assert (explorer.result is None) == bool(explorer.message), (name, value)
    explorer.controls["t1"].value = 0.9
    explorer.controls["t2"].value = 0.5  # now t1 > t2: a message, not an exception
    assert explorer.result is None and "thresholds" in explorer.message


def test_stage_explorer_reacts():
    from crmlab.datasets import load_account_years
    from crmlab.widgets import StageExplorer

    explorer = StageExplorer(load_account_years(), account="A091")
    assert explorer.result["phase"] == "decline"
    stable_2025 = explorer.result["counts"].loc[2025, "stable"]
    explorer.controls["t1"].value = 0.3
    assert explorer.result["counts"].loc[2025, "stable"] > stable_2025
    assert "moved up" in explorer.table.value
    explorer.controls["decline_from"].value = -0.5
    assert explorer.result["phase"] == "stability"  # 252.4 -> 121.8 is -30.5 % a year
    explorer.controls["window"].value = 1
    assert explorer.result["phase"] == "formation"  # last year alone: +23 %
