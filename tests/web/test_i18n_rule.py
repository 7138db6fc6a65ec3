"""The written i18n rule (docs/i18n.md): UI text in gongkai_web is an English msgid through gettext,
official labels come from gongkai/labels.py or the core's letters, data lives in data modules. So no
Python module of gongkai_web holds a Chinese string literal, docstrings and comments aside."""

from __future__ import annotations

import ast
import re
from pathlib import Path

WEB = Path(__file__).resolve().parents[2] / "gongkai_web"
CJK = re.compile(r"[\u3400-\u9fff]")

#: Data modules (docs/i18n.md §3): demo agencies, people and requests are data, not UI text.
DATA_MODULES = {
    "demo/hierarchy.py",
    "demo/simulation.py",
    "demo/people.py",
    "demo/library.py",
    "demo/catalogue_data.py",
    "qa/demo_data.py",
    "demo/appeals_data.py",
    "supervision/demo_data.py",
    "demo/baseline_data.py",
}

#: Read before Django is set up, so gettext cannot run there: its two start-up refusals (no usable
#: secret key, no writable digest key) are written in Chinese and English side by side (docs/i18n.md).
BEFORE_TRANSLATION = {"settings.py", "startup_keys.py"}


def _docstring_nodes(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
        # A bare string statement is a comment written as a string (attribute docs): not output.
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            found.add(id(node.value))
    return found


def chinese_literals(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstring_nodes(tree)
    return [
        f"{path.relative_to(WEB)}:{node.lineno}: {node.value[:40]!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skip
        and CJK.search(node.value)
    ]


def checked_modules() -> list[Path]:
    return [
        path
        for path in sorted(WEB.rglob("*.py"))
        if "migrations" not in path.parts
        and path.parts[len(WEB.parts)] != "locale"
        and str(path.relative_to(WEB)) not in DATA_MODULES | BEFORE_TRANSLATION
    ]


def test_no_module_of_the_web_writes_chinese_text_outside_gettext_and_the_labels():
    found = [literal for path in checked_modules() for literal in chinese_literals(path)]
    assert not found, "Chinese literals (docs/i18n.md):\n" + "\n".join(found)


def test_the_rule_sees_a_chinese_literal_when_there_is_one(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('"""模块说明。"""\nMESSAGE = "申请已办结"\n', encoding="utf-8")
    assert len(chinese_literals_in(sample)) == 1


def chinese_literals_in(path: Path) -> list[str]:
    global WEB
    saved, WEB = WEB, path.parent
    try:
        return chinese_literals(path)
    finally:
        WEB = saved
