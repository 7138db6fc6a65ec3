"""The apps are layered: each may import the apps before it in ``ORDER``, never one after it, so that
the foundations (the audit trail, the agency directory, the accounts) know nothing of the domain built
on them. Read from the source with ``ast``: every ``import gongkai_web.X``, ``from gongkai_web.X …``
and relative import reaching another app, at module level or inside a function.

The project's own modules at the top of ``gongkai_web/`` are not apps: ``settings``, ``urls`` and
``wsgi`` put everything together and may import anything; the helpers (``HELPERS``) import no app, so
that every app may use them; a kit (``KITS``: the case-work kit) knows no domain and imports only the
foundations named for it. The backups app knows no domain either: it imports no other app."""

from __future__ import annotations

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2] / "gongkai_web"
PACKAGE = "gongkai_web"

#: Foundations first. An app may import those before it (and itself), never one after it.
ORDER = [
    "audit",
    "backups",
    "agencies",
    "accounts",
    "workcalendar",
    "notifications",
    "search",
    "applications",
    "publications",
    "qa",
    "appeals",
    "reports",
    "supervision",
    "portal",
    "demo",
]
#: Apps that know no domain: they import no other app at all.
KNOWS_NO_APP = {"backups", "search"}
#: Modules that assemble the project: they may import any app.
ASSEMBLY = {"settings", "urls", "wsgi"}
#: Project helpers any app may use: they import no app.
HELPERS = {
    "fastinsert",
    "multipart",
    "clocks",
    "static_finders",
    "security",
    "storage",
    "form_messages",
    "startup_keys",
}
#: Kits that know no domain, for the apps that do: each may import the helpers and the apps named here
#: (the audit trail), and every app after those may use it.
KITS = {"casework": {"audit"}}
#: Directories of gongkai_web/ that hold no Python of an app (the translation script imports no app).
NOT_APPS = {"locale", "static", "templates"}


def _imported(tree: ast.AST, module_parts: list[str], is_package: bool):
    """Every module (dotted, absolute) a module's source imports, with its line."""
    package = module_parts if is_package else module_parts[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                target = [*base, *(node.module.split(".") if node.module else [])]
            else:
                target = node.module.split(".")
            dotted = ".".join(target)
            yield dotted, node.lineno
            if target == [PACKAGE]:  # ``from gongkai_web import accounts`` / ``from .. import accounts``
                for alias in node.names:
                    yield f"{dotted}.{alias.name}", node.lineno


def _owner(dotted: str) -> str | None:
    """The app or project module of gongkai_web a dotted module belongs to (None: not ours)."""
    parts = dotted.split(".")
    return parts[1] if parts[0] == PACKAGE and len(parts) > 1 else None


def _allowed(importer: str, imported: str) -> bool:
    if imported == importer or importer in ASSEMBLY:
        return True
    if imported in HELPERS:
        return True
    if importer in KITS:
        return imported in KITS[importer]
    if imported in KITS:
        return importer in ORDER and all(ORDER.index(app) < ORDER.index(importer) for app in KITS[imported])
    if importer in HELPERS or importer in KNOWS_NO_APP:
        return False
    if importer in ORDER and imported in ORDER:
        return ORDER.index(imported) < ORDER.index(importer)
    return False  # an app importing the project's assembly (settings, urls, wsgi), or anything unknown


def layer_violations(root: Path) -> list[str]:
    """``path:line: importer imports imported`` for every import against the layers under ``root``."""
    found = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root)
        if relative.parts[0] in NOT_APPS:
            continue
        parts = [PACKAGE, *relative.with_suffix("").parts]
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        importer = parts[1] if len(parts) > 1 else None
        if importer is None:  # gongkai_web/__init__.py
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for dotted, line in _imported(tree, parts, is_package):
            imported = _owner(dotted)
            if imported is not None and not _allowed(importer, imported):
                found.append(f"{relative}:{line}: {importer} imports {imported} ({dotted})")
    return found


def test_no_app_imports_an_app_after_it_and_no_helper_imports_an_app():
    assert layer_violations(ROOT) == []


def test_every_app_and_every_top_level_module_has_a_place_in_the_layers():
    packages = {p.name for p in ROOT.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))}
    modules = {p.stem for p in ROOT.glob("*.py")} - {"__init__"}
    assert packages - NOT_APPS == set(ORDER)
    assert modules <= ASSEMBLY | HELPERS | set(KITS)  # every module has a place
    assert modules >= ASSEMBLY | HELPERS


def test_the_installed_apps_are_declared_in_the_order_of_the_layers():
    ours = [name.split(".")[1] for name in settings.INSTALLED_APPS if name.startswith(f"{PACKAGE}.")]
    assert ours == ORDER


def _write(root: Path, relative: str, source: str) -> None:
    path = root / PACKAGE / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source, encoding="utf-8")


def test_an_upward_import_is_caught_whether_absolute_relative_or_inside_a_function(tmp_path):
    _write(tmp_path, "audit/__init__.py", "")
    _write(tmp_path, "audit/labels.py", "from gongkai_web.applications.models import EventKind\n")
    _write(tmp_path, "audit/admin.py", "def f():\n    from ..accounts import models\n")
    _write(tmp_path, "agencies/views.py", "import gongkai_web.portal.views\nfrom .. import reports\n")
    _write(tmp_path, "backups/archive.py", "from gongkai_web.audit.services import log\n")
    _write(tmp_path, "clocks.py", "from gongkai_web.audit import services\n")
    _write(
        tmp_path,
        "casework.py",
        "from gongkai_web.applications import models\nfrom gongkai_web.audit import services\n",
    )
    _write(tmp_path, "audit/services.py", "from gongkai_web.casework import lock\n")
    # Allowed: downward, within the app, helpers from an app, anything from the assembly.
    _write(
        tmp_path,
        "applications/services.py",
        "from gongkai_web.agencies.models import Agency\nfrom . import codes\nfrom gongkai_web.clocks import now\n"
        "from gongkai_web import casework\n",
    )
    _write(tmp_path, "urls.py", "from gongkai_web.demo import hierarchy\n")

    found = layer_violations(tmp_path / PACKAGE)

    assert found == [
        "agencies/views.py:1: agencies imports portal (gongkai_web.portal.views)",
        "agencies/views.py:2: agencies imports reports (gongkai_web.reports)",
        "audit/admin.py:2: audit imports accounts (gongkai_web.accounts)",
        "audit/labels.py:1: audit imports applications (gongkai_web.applications.models)",
        "audit/services.py:1: audit imports casework (gongkai_web.casework)",
        "backups/archive.py:1: backups imports audit (gongkai_web.audit.services)",
        "casework.py:1: casework imports applications (gongkai_web.applications)",
        "clocks.py:1: clocks imports audit (gongkai_web.audit)",
    ]
