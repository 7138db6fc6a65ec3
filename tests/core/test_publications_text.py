"""A document's text, read from the file a drafter uploads (``gongkai.publications.text``)."""

from __future__ import annotations

import io

import pytest

from gongkai.publications.text import TextError, extract_text


def test_an_html_notice_gives_its_paragraphs_and_table_rows_one_per_line():
    html = (
        "<html><body><h1>关于规范财政票据管理的通知</h1><p>各有关单位：</p>"
        "<table><tr><td>票据种类</td><td>监制机关</td></tr><tr><td>非税收入票据</td><td>区财政局</td></tr></table>"
        "</body></html>"
    ).encode()
    kind, text = extract_text(html, name="通知.html")
    assert kind == "html"
    assert text.splitlines() == [
        "关于规范财政票据管理的通知",
        "各有关单位：",
        "票据种类\t监制机关",
        "非税收入票据\t区财政局",
    ]


def test_a_docx_is_read_by_its_content_whatever_its_name():
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("第一条 为规范财政票据管理，制定本通知。")
    out = io.BytesIO()
    document.save(out)
    kind, text = extract_text(out.getvalue(), name="通知.bin")
    assert (kind, text) == ("docx", "第一条 为规范财政票据管理，制定本通知。")


def test_a_plain_text_file_or_an_empty_page_is_refused_in_chinese():
    with pytest.raises(TextError) as caught:
        extract_text("第一条".encode(), name="通知.txt")
    assert caught.value.code == "publications.text_kind" and "「通知.txt」" in caught.value.message
    with pytest.raises(TextError) as caught:
        extract_text(b"<html><body></body></html>", name="空.html")
    assert caught.value.code == "publications.text_empty"
