"""The UI is Chinese for every user: the zh_Hans catalogue translates every string the code marks
for translation (nothing untranslated, nothing fuzzy, nothing missing, placeholders kept), the
committed .mo is compiled from the committed .po, and a browser asking for English still gets
Chinese pages."""

from __future__ import annotations

import functools
import importlib.util
import re
import shutil
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

import gongkai_web

from .fixtures import PASSWORD, log_in

WEB_DIR = Path(gongkai_web.__file__).resolve().parent
LOCALE_DIR = WEB_DIR / "locale"
PO_PATH = LOCALE_DIR / "zh_Hans" / "LC_MESSAGES" / "django.po"
# How the catalogue is made (see locale/translate.py): from gongkai_web/, vendored static files
# and the locale tooling left out.
IGNORED = ["static", "locale", "__pycache__"]


@functools.cache
def load_po_tools():
    """locale/translate.py (the catalogue's source and PO parser), which is a script, not a module."""
    spec = importlib.util.spec_from_file_location("gongkai_po_tools", LOCALE_DIR / "translate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass resolves annotations through sys.modules
    spec.loader.exec_module(module)
    return module


def fuzzy_msgids(po_text: str) -> list[str]:
    """Msgids of entries flagged fuzzy (read from the raw text, not through the parser)."""
    return re.findall(
        r'^#,[^\n]*\bfuzzy\b[^\n]*\n(?:#[^\n]*\n)*msgid ("[^\n]*"(?:\n"[^\n]*")*)', po_text, re.M
    )


def untranslated_msgids(po_text: str) -> list[str]:
    """Msgids whose msgstr is empty: `msgstr ""` with no continuation line. The header's msgstr
    always continues, so it never counts."""
    pattern = r'^msgid ("[^\n]*"(?:\n"[^\n]*")*)\n(?:msgid_plural [^\n]*\n(?:"[^\n]*"\n)*)?msgstr(?:\[\d+\])? ""\n(?!")'
    return re.findall(pattern, po_text + "\n", re.M)


def catalogue_text() -> str:
    return PO_PATH.read_text(encoding="utf-8")


def test_the_raw_checks_recognise_untranslated_and_fuzzy_entries():
    sample = (
        'msgid ""\nmsgstr ""\n"Language: zh_Hans\\n"\n\n'
        'msgid "Done"\nmsgstr "完成"\n\n'
        'msgid "Open"\nmsgstr ""\n\n'
        'msgid ""\n"Long "\n"text"\nmsgstr ""\n\n'
        '#: a.py:1\n#, fuzzy, python-format\n#| msgid "Old"\nmsgid "New %(n)s"\nmsgstr "旧 %(n)s"\n'
    )
    assert untranslated_msgids(sample) == ['"Open"', '""\n"Long "\n"text"']
    assert fuzzy_msgids(sample) == ['"New %(n)s"']


def test_the_catalogue_has_no_untranslated_or_fuzzy_entry():
    text = catalogue_text()
    assert text.count("\nmsgid ") > 200  # the real catalogue, not an empty file
    assert untranslated_msgids(text) == []
    assert fuzzy_msgids(text) == []


def test_every_string_marked_in_the_code_is_translated_in_the_catalogue(tmp_path, monkeypatch):
    # makemessages on a copy of the sources, so the committed catalogue is never touched: strings
    # added to templates or Python since the last translation come out untranslated in the copy.
    copy = tmp_path / "gongkai_web"
    shutil.copytree(WEB_DIR, copy, ignore=shutil.ignore_patterns("static", "__pycache__", "*.mo", "media"))
    monkeypatch.chdir(copy)
    with override_settings(LOCALE_PATHS=[copy / "locale"]):
        call_command(
            "makemessages", locale=["zh_Hans"], ignore_patterns=IGNORED, no_obsolete=True, verbosity=0
        )
    regenerated = (copy / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    assert regenerated.count("\nmsgid ") > 200
    assert untranslated_msgids(regenerated) == [], "run makemessages, add the strings to locale/translate.py"
    assert fuzzy_msgids(regenerated) == [], "run makemessages, add the strings to locale/translate.py"
    tools = load_po_tools()
    committed = {e.msgid for e in tools.parse(catalogue_text())}
    assert {e.msgid for e in tools.parse(regenerated)} == committed, "the catalogue has strings no code uses"


def test_the_compiled_catalogue_gives_every_translation_of_the_po():
    entries = load_po_tools().parse(catalogue_text())[1:]
    with translation.override("zh-hans"):
        served = {e.msgid: translation.gettext(e.msgid) for e in entries}
    assert served == {e.msgid: e.msgstr[0] for e in entries}, "run compilemessages"


def test_translations_keep_every_placeholder_of_the_msgid():
    placeholder = re.compile(r"%\(\w+\)[sd]|\{\w*\}")
    for entry in load_po_tools().parse(catalogue_text())[1:]:
        assert sorted(placeholder.findall(entry.msgstr[0])) == sorted(placeholder.findall(entry.msgid)), (
            entry.msgid
        )


def test_translations_are_chinese_unless_the_msgid_is_not_english():
    # A msgstr equal to its msgid would be an English string left on a page.
    for entry in load_po_tools().parse(catalogue_text())[1:]:
        assert re.search(r"[\u4e00-\u9fff]", entry.msgstr[0]), entry.msgid


def english_left(page: str, msgids: set[str]) -> list[str]:
    """Catalogue msgids (phrases of more than one word) that appear verbatim on the page."""
    return sorted(m for m in msgids if " " in m and "%(" not in m and m in page)


@pytest.fixture
def english_msgids():
    return {e.msgid for e in load_po_tools().parse(catalogue_text())[1:]}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/apply/", "/track/"])
def test_a_browser_asking_for_english_gets_the_public_pages_in_chinese(client, path, world, english_msgids):
    page = client.get(path, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "政府信息公开" in page
    assert "Government information disclosure" not in page
    assert "《个人信息保护法》第十三条、第三十四条" in page
    assert '<html lang="zh' in page
    assert english_left(page, english_msgids) == []


@pytest.mark.django_db
def test_a_supervisor_whose_browser_asks_for_english_gets_table_3_in_chinese(client, world, english_msgids):
    assert log_in(client, "zhaoliu", PASSWORD)
    page = client.get(
        "/staff/reports/table3/",
        {"agency": world.district.pk, "scope": "subtree", "year": 2025},
        HTTP_ACCEPT_LANGUAGE="en-US",
    ).content.decode()
    for chinese in (
        "收到和处理政府信息公开申请情况",
        "统计范围",
        "本机关及所属全部下级机关",
        "下载：",
        "退出登录",
        "待办事项",
    ):
        assert chinese in page
    for english in ("Table 3 from records", ">Scope<", ">Show<", "Download:", "Log out", "Worklist"):
        assert english not in page
    assert english_left(page, english_msgids) == []


@pytest.mark.django_db
def test_a_handler_whose_browser_asks_for_english_gets_the_worklist_and_a_file_in_chinese(
    client, world, english_msgids
):
    assert log_in(client, "lisi", PASSWORD)
    worklist = client.get("/staff/applications/", HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    detail = client.get(
        f"/staff/applications/{world.app_a.pk}/", HTTP_ACCEPT_LANGUAGE="en-US"
    ).content.decode()
    assert "法定答复期限" in worklist
    assert english_left(worklist, english_msgids) == []
    assert english_left(detail, english_msgids) == []
