"""CONTRIBUTING.md stays true: every path and command it names exists."""

import re

import crmlab.plots
import crmlab.widgets


def test_every_path_it_names_exists(root):
    text = (root / "CONTRIBUTING.md").read_text(encoding="utf-8")
    paths = set(re.findall(r"`((?:crmlab|tests|datasets|benchmarks|\.ci)/[\w./]+)`", text))
    assert len(paths) >= 15
    concrete = {p for p in paths if "<" not in p and "NN_" not in p}
    assert [p for p in sorted(concrete) if not (root / p).exists()] == []


def test_the_names_it_tells_you_to_edit_exist(root):
    text = (root / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for name in ("MODULES", "CHAPTERS", "GENERATORS", "write_datasets", "on_course_data", "lookup"):
        assert name in text
    assert crmlab.plots.MODULES and crmlab.widgets.MODULES
    assert "def write_datasets" in (root / "crmlab" / "generate.py").read_text(encoding="utf-8")
    assert "def on_course_data" in (root / "crmlab" / "widgets" / "base.py").read_text(encoding="utf-8")
