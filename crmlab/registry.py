"""The exercise registry: which exercises exist, their reference answers and hints.

Each chapter's module in ``crmlab.answers`` registers its exercises with the
:func:`exercise` decorator. :func:`lookup` loads that module on demand from the
exercise id (``"ch4.ex1"`` -> chapter 4 -> ``crmlab.answers.tiering``), so nothing is
registered as a side effect of something else. A reference is computed once per process.

>>> lookup("ch0.ex3").id
'ch0.ex3'
>>> lookup("ch9.ex1") is None
True
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from crmlab.chapters import CHAPTERS, ready_chapters

ID_PATTERN = re.compile(r"ch(\d+)\.ex\d+")


@dataclass(frozen=True)
class Exercise:
    """A checkable exercise: how to compute the reference, the hints, points, tolerance.

    ``hints`` come in steps: the first wrong try sees the first, later tries the next.
    Numbers are checked to three significant figures (``crmlab.checks.tolerance``) unless
    the question asks for ``decimals``; ``synonyms`` maps other words a student may use
    (lower case) to the course's term.
    """

    id: str
    compute: Callable[[], Any]
    hints: tuple[str, ...]
    points: int = 1
    rtol: float = 1e-6
    atol: float = 1e-9
    decimals: int | None = None
    synonyms: dict[str, str] = field(default_factory=dict, compare=False)
    _cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def reference(self) -> Any:
        """The reference answer, computed on first use and kept for the process."""
        if "value" not in self._cache:
            self._cache["value"] = self.compute()
        return self._cache["value"]

    def hint(self, tries: int = 1) -> str:
        """The hint for the ``tries``-th wrong answer (the last hint from then on)."""
        return self.hints[min(max(tries, 1), len(self.hints)) - 1]


if "_EXERCISES" not in globals():  # survives importlib.reload(crmlab.registry)
    _EXERCISES: dict[str, Exercise] = {}


def exercise(exercise_id: str, *hints: str, points: int = 1, rtol: float = 1e-6,
             atol: float = 1e-9, decimals: int | None = None, synonyms: dict[str, str] | None = None
             ) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    """Register the decorated zero-argument function as the reference of ``exercise_id``.

    Give one hint or several in steps (the idea first, the recipe later).
    """
    if not ID_PATTERN.fullmatch(exercise_id) or not hints:
        raise ValueError(f"exercise {exercise_id!r} needs an id like 'ch4.ex1' and a hint")

    def register(compute: Callable[[], Any]) -> Callable[[], Any]:
        _EXERCISES[exercise_id] = Exercise(exercise_id, compute, tuple(hints), points, rtol, atol,
                                           decimals, dict(synonyms or {}))
        return compute

    return register


def _load_chapter(number: int) -> None:
    for row in CHAPTERS:
        if row.number == number:
            try:
                importlib.import_module(f"crmlab.answers.{row.answers}")
            except ModuleNotFoundError as err:
                if err.name != f"crmlab.answers.{row.answers}":
                    raise


def lookup(exercise_id: Any) -> Exercise | None:
    """The registered exercise with this id, loading its chapter's answers; None if unknown."""
    match = ID_PATTERN.fullmatch(exercise_id) if isinstance(exercise_id, str) else None
    if match is None:
        return None
    if exercise_id not in _EXERCISES:
        _load_chapter(int(match[1]))
    return _EXERCISES.get(exercise_id)


def all_exercises() -> dict[str, Exercise]:
    """Every exercise of every ready chapter, by id (a new dict)."""
    for row in ready_chapters():
        _load_chapter(row.number)
    return dict(sorted(_EXERCISES.items(), key=lambda item: _order(item[0])))


def _order(exercise_id: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", exercise_id))
