"""The package's imports: data flows one way, no circle, and one chapter's widget does not
load another chapter's heavy dependencies."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import crmlab

PACKAGE = Path(crmlab.__file__).parent


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """crmlab modules that ``path`` imports, anywhere in the file (top level or in functions)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("crmlab"):
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("crmlab")}
    return found


GRAPH = {module_name(p): imports_of(p) for p in PACKAGE.rglob("*.py")}
GRAPH = {m: {i for i in deps if i in GRAPH and i != m} for m, deps in GRAPH.items()}


def find_circle(graph: dict[str, set[str]]) -> list[str] | None:
    """A list of modules that import each other in a circle, or None (depth-first search)."""
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (circle := visit(nxt, path + [nxt])):
                return circle
        state[node] = 2
        return None

    for module in sorted(graph):
        if module not in state and (circle := visit(module, [module])):
            return circle
    return None


def test_no_import_circle():
    assert find_circle(GRAPH) is None
    assert "crmlab.registry" in GRAPH["crmlab.checks"]  # the graph was really read


def test_the_walker_finds_a_circle():
    assert find_circle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert find_circle({"a": {"b"}, "b": set()}) is None


@pytest.mark.parametrize(("layer", "forbidden"), [
    ("", ("crmlab.plots", "crmlab.widgets")),  # compute modules
    ("crmlab.plots", ("crmlab.widgets",)),
])
def test_data_flows_one_way(layer, forbidden):
    for module, deps in GRAPH.items():
        in_layer = module.startswith(layer + ".") if layer else not module.startswith(
            ("crmlab.plots", "crmlab.widgets"))
        if in_layer:
            assert not [d for d in deps if d.startswith(forbidden)], module


def test_chapter_0_widgets_do_not_import_scipy_or_other_chapters():
    code = ("import sys; import crmlab.widgets.overview; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('scipy', 'sklearn') "
            "or m in ('crmlab.clv', 'crmlab.tiering', 'crmlab.stages', 'crmlab.relationships')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_lazy_reexports_name_real_objects():
    from crmlab import plots, widgets

    for package in (plots, widgets):
        for name in package.__all__:
            assert getattr(package, name) is not None, name
        with pytest.raises(AttributeError):
            package.no_such_thing  # noqa: B018


def test_every_public_plot_and_explorer_is_reexported():
    from crmlab import plots, widgets

    for package, prefix in ((plots, "plot_"), (widgets, "")):
        for path in Path(package.__file__).parent.glob("[!_]*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in tree.body:
                public = isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not \
                    node.name.startswith("_")
                if public and node.name.startswith(prefix) and (
                        prefix or node.name.endswith("Explorer")):
                    assert package.WHERE.get(node.name) == path.stem, node.name
