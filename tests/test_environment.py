"""environment.yml (conda, Binder) and pyproject.toml (pip) ask for the same packages."""

import re
from importlib.metadata import requires

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet


def conda_requirements(text: str) -> dict[str, SpecifierSet]:
    specs = {}
    for line in text.split("dependencies:", 1)[1].splitlines():
        match = re.fullmatch(r"\s+- ([A-Za-z0-9_.-]+)\s*([<>=!~,.0-9*]*)\s*", line)
        if match:
            specs[match[1].lower()] = SpecifierSet(match[2].replace("=", "==")
                                                   if re.fullmatch(r"=[0-9.]+", match[2])
                                                   else match[2])
    return specs


def pip_requirements(extra: str | None = None) -> dict[str, SpecifierSet]:
    reqs = [Requirement(r) for r in requires("crmlab")]
    wanted = [r for r in reqs if (r.marker is None if extra is None
                                  else r.marker is not None and r.marker.evaluate({"extra": extra}))]
    return {r.name.lower(): r.specifier for r in wanted}


def test_every_runtime_requirement_is_in_environment_yml_with_the_same_bounds(root):
    conda = conda_requirements((root / "environment.yml").read_text(encoding="utf-8"))
    runtime = pip_requirements()
    assert runtime, "crmlab's requirements were not found: is the package installed?"
    for name, spec in runtime.items():
        assert name in conda, f"{name} is in pyproject.toml but not in environment.yml"
        assert conda[name] == spec, f"{name}: pip wants {spec}, conda wants {conda[name]}"


def test_environment_pins_python_and_adds_the_lab(root):
    conda = conda_requirements((root / "environment.yml").read_text(encoding="utf-8"))
    assert conda["python"] == SpecifierSet("==3.11")
    for name, spec in pip_requirements("lab").items():
        assert conda.get(name) == spec, name
    extra = set(conda) - set(pip_requirements()) - set(pip_requirements("lab"))
    assert extra == {"python", "pip"}, f"only in environment.yml: {extra - {'python', 'pip'}}"


def test_binder_scripts_stop_on_error(root):
    for name in ("postBuild", "start"):
        lines = (root / name).read_text(encoding="utf-8").splitlines()
        assert "set -e" in [line.strip() for line in lines[:4]], name
    assert not (root / "binder").exists(), "a binder/ folder makes Binder ignore root files"
