"""Make the test submissions for the grader from the chapter 0 solution notebook.

Each case is the solution (or the blank exercise) with a few cells changed as a student,
honest or not, would change them; ``EXPECTED`` says what the grader must give it.
Run as a script to write them into a folder: ``python -m tests.grading.submissions DIR``.
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

from crmlab.exercises import notebook_text
from crmlab.registry import lookup

ROOT = Path(__file__).resolve().parents[2]
SOLUTION = "00_introduction.ipynb"
ANSWER_NAMES = {"ch0.ex1": "active_2024", "ch0.ex2": "revenue_2025", "ch0.ex3": "retention",
                "ch0.ex4": "share_unprofitable", "ch0.ex5": "best_month", "ch0.ex6": "kind",
                "ch0.ex7": "stage", "ch0.ex8": "area"}
WRONG = {"ch0.ex1": "-1", "ch0.ex2": "pd.Series({'web': 1.0})", "ch0.ex3": "0.1",
         "ch0.ex4": "0.99", "ch0.ex5": "'1999-01'", "ch0.ex6": "'a'", "ch0.ex7": "'a'",
         "ch0.ex8": "'a'"}

# name: (status, chapter, total); chapter 0 has eight auto-checked exercises of 1 point
EXPECTED: dict[str, tuple[str, int | None, int]] = {
    "all_correct": ("ok", 0, 8),
    "all_blank": ("ok", 0, 0),
    "half_right": ("ok", 0, 4),
    "copied_values": ("ok", 0, 8),
    "check_redefined": ("ok", 0, 0),
    "evaluate_patched": ("ok", 0, 0),
    "lying_objects": ("ok", 0, 6),
    "infinite_loop": ("timeout", 0, 7),
    "os_exit": ("crashed", 0, 3),
    "memory_hog": ("ok", 0, 7),
    "checks_deleted": ("ok", 0, 8),
    "checks_edited": ("ok", 0, 8),
    "cells_reordered": ("ok", 0, 8),
    "ids_stripped": ("ok", 0, 8),
    "gigantic_output": ("ok", 0, 8),
    "other_chapter": ("ok", 1, 7),
    "no_exercises": ("wrong-notebook", None, 0),
    "not_a_notebook": ("unreadable", None, 0),
    "invalid_json": ("unreadable", None, 0),
}


def _load(folder: str, name: str = SOLUTION) -> dict[str, Any]:
    return json.loads((ROOT / folder / name).read_text(encoding="utf-8"))


def _answer_cell(nb: dict[str, Any], exercise: str) -> dict[str, Any]:
    return next(c for c in nb["cells"] if c["cell_type"] == "code"
                and f'check("{exercise}"' in "".join(c["source"]))


def _set(nb: dict[str, Any], exercise: str, code: str, keep_check: bool = True) -> None:
    cell = _answer_cell(nb, exercise)
    check = f'\ncheck("{exercise}", {ANSWER_NAMES[exercise]})' if keep_check else ""
    cell["source"] = (code + check).splitlines(keepends=True)


def _value(exercise: str) -> str:
    reference = lookup(exercise).reference()
    if hasattr(reference, "to_dict"):
        return f"pd.Series({reference.to_dict()!r})"
    return repr(reference)


def build() -> dict[str, bytes]:
    """Every test submission: file name -> bytes."""
    solution = _load("solutions")
    cases: dict[str, dict[str, Any]] = {"all_correct": solution,
                                        "all_blank": _load("exercises")}

    def variant(name: str) -> dict[str, Any]:
        cases[name] = copy.deepcopy(solution)
        return cases[name]

    nb = variant("half_right")
    for exercise in ("ch0.ex5", "ch0.ex6", "ch0.ex7", "ch0.ex8"):
        _set(nb, exercise, f"{ANSWER_NAMES[exercise]} = {WRONG[exercise]}")
    nb = variant("copied_values")
    for exercise, name in ANSWER_NAMES.items():
        _set(nb, exercise, f"{name} = {_value(exercise)}")
    nb = variant("check_redefined")
    for exercise, name in ANSWER_NAMES.items():
        _set(nb, exercise, f"def check(*args):\n    print('✔ correct')\n{name} = {WRONG[exercise]}")
    nb = variant("evaluate_patched")
    for exercise, name in ANSWER_NAMES.items():
        _set(nb, exercise, "import crmlab.checks\nfrom crmlab.checks import CheckResult\n"
                           "crmlab.checks.evaluate = lambda i, a: CheckResult(i, True, True, 1, 1, '✔')\n"
                           f"{name} = {WRONG[exercise]}")
    nb = variant("lying_objects")
    _set(nb, "ch0.ex1", "class AlwaysEqual:\n    def __eq__(self, other):\n        return True\n"
                        "active_2024 = AlwaysEqual()")
    _set(nb, "ch0.ex3", "class Liar(float):\n    def __eq__(self, other):\n        return True\n"
                        "    def __float__(self):\n        return 0.8879040017426006\n"
                        "retention = Liar(0.1)")
    nb = variant("infinite_loop")
    _set(nb, "ch0.ex1", "while True:\n    pass")
    nb = variant("os_exit")
    _set(nb, "ch0.ex4", "import os\nos._exit(1)")
    nb = variant("memory_hog")
    _set(nb, "ch0.ex2", "hog = bytearray(64 * 1024 ** 3)\nrevenue_2025 = None")
    nb = variant("checks_deleted")
    for cell in nb["cells"]:
        cell["source"] = [line for line in cell["source"] if not line.startswith("check(")]
    nb = variant("checks_edited")
    for exercise in ANSWER_NAMES:
        cell = _answer_cell(nb, exercise)
        cell["source"] = [line.replace(f'check("{exercise}"', 'check("ch0.ex3"')
                          for line in cell["source"]]
    nb = variant("cells_reordered")
    nb["cells"] = nb["cells"][:2] + nb["cells"][2:][::-1]
    nb = variant("ids_stripped")
    for cell in nb["cells"]:
        cell.pop("id", None)
    nb = variant("gigantic_output")
    _set(nb, "ch0.ex1", "for _ in range(3000):\n    print('x' * 10_000)\n"
                        "in_2024 = transactions[transactions['date'].dt.year == 2024]\n"
                        "active_2024 = in_2024['customer_id'].nunique()")
    cases["other_chapter"] = _load("solutions", "01_relationship_types.ipynb")
    empty = copy.deepcopy(solution)
    empty["cells"] = [{"cell_type": "markdown", "id": "x", "metadata": {}, "source": ["# Notes\n"]}]
    empty["metadata"] = {}
    cases["no_exercises"] = empty
    files = {f"{name}.ipynb": notebook_text(nb).encode("utf-8") for name, nb in cases.items()}
    files["not_a_notebook.ipynb"] = b"\x89PNG\r\n\x1a\n not a notebook at all"
    files["invalid_json.ipynb"] = b'{"cells": [{"cell_type": "code", "source": '
    return files


def write(folder: Path) -> list[Path]:
    """Write every test submission into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in build().items():
        (folder / name).write_bytes(data)
        paths.append(folder / name)
    return paths


if __name__ == "__main__":
    for path in write(Path(sys.argv[1] if len(sys.argv) > 1 else "submissions")):
        print(path)
