"""The one list of the course's chapters: what exists, where it lives, whether it is ready.

The exercise registry, the glossary, the exercise builder, the README test and the
benchmarks read this table. Adding a chapter is a row here plus its modules.

>>> chapter(4).notebook
'04_tiering.ipynb'
>>> [c.number for c in ready_chapters()]
[0, 1, 2, 3, 4, 5, 6]
"""

from __future__ import annotations

from dataclasses import dataclass

from crmlab.errors import CRMDataError


@dataclass(frozen=True)
class Chapter:
    """A chapter: number, slug (the notebook name without the number), title, status
    (``"ready"`` or ``"planned"``) and the module in ``crmlab.answers`` holding its
    exercises' reference answers."""

    number: int
    slug: str
    title: str
    status: str
    answers: str

    @property
    def notebook(self) -> str:
        """The file name shared by the chapter, exercise and solution notebooks."""
        return f"{self.number:02d}_{self.slug}.ipynb"

    @property
    def ready(self) -> bool:
        return self.status == "ready"


CHAPTERS: tuple[Chapter, ...] = (
    Chapter(0, "introduction", "Introduction", "ready", "intro"),
    Chapter(1, "relationship_types", "Relationship types", "ready", "relationships"),
    Chapter(2, "development_stages", "Development stages", "ready", "stages"),
    Chapter(3, "customer_identification", "Customer identification and segmentation",
            "ready", "identification"),
    Chapter(4, "tiering", "Tiering and customer value", "ready", "tiering"),
    Chapter(5, "satisfaction", "Satisfaction", "ready", "satisfaction"),
    Chapter(6, "loyalty", "Loyalty", "ready", "loyalty"),
)


def chapter(number: int) -> Chapter:
    """The chapter with this number; ``CRMDataError`` for an unknown one."""
    for row in CHAPTERS:
        if row.number == number:
            return row
    raise CRMDataError(f"there is no chapter {number!r}",
                       fix=f"use one of {[c.number for c in CHAPTERS]}")


def ready_chapters() -> tuple[Chapter, ...]:
    """The chapters whose notebooks, exercises and answers exist."""
    return tuple(c for c in CHAPTERS if c.ready)
