"""Lazy re-export for the ``plots`` and ``widgets`` packages: a name is imported from its
concept module only when it is first used, so one chapter does not load another's
dependencies.

>>> where, getattr_, dir_ = lazy_exports("crmlab.plots", {"clv": ("plot_clv_curve",)})
>>> getattr_("plot_clv_curve").__module__
'crmlab.plots.clv'
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def lazy_exports(package: str, modules: dict[str, tuple[str, ...]]
                 ) -> tuple[dict[str, str], Callable[[str], Any], Callable[[], list[str]]]:
    """(name -> module, a module ``__getattr__``, a module ``__dir__``) for ``package``."""
    where = {name: module for module, names in modules.items() for name in names}

    def __getattr__(name: str) -> Any:
        if name not in where:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{where[name]}"), name)

    def __dir__() -> list[str]:
        return sorted(where)

    return where, __getattr__, __dir__
