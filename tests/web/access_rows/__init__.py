"""Access rows of the later domain apps, one module each (``appeals.py``, ``reports.py``,
``supervision.py`` …), merged into ``test_access.EXPECTED`` and ``POSTS``. Each module defines
``EXPECTED`` and ``POSTS`` in test_access's form (url name → (template, {persona: status})) and
``keys(world, template) -> dict``: the values of the placeholders its templates use (build an object
only when ``"{its_key}" in template``, as test_access does)."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def modules() -> list[ModuleType]:
    return [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name)
    ]


def merged(name: str) -> dict:
    rows: dict = {}
    for module in modules():
        for url_name, row in getattr(module, name, {}).items():
            assert url_name not in rows, f"{url_name} has two access rows"
            rows[url_name] = row
    return rows


def keys(world, template: str) -> dict:
    values: dict = {}
    for module in modules():
        if hasattr(module, "keys"):
            values.update(module.keys(world, template))
    return values
