"""The core must stay framework-free: importing every module of ``gongkai`` never imports Django."""

import pkgutil
import subprocess
import sys

import gongkai


def test_importing_every_core_module_never_imports_django():
    modules = [m.name for m in pkgutil.walk_packages(gongkai.__path__, "gongkai.")]
    assert "gongkai.report.model" in modules  # the walk really found the core
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "leaked = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(','.join(leaked))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
