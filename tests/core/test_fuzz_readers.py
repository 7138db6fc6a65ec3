"""Fuzzing the text and HTML readers with mutated real-looking inputs (hypothesis).

Inputs are the seed text and corpus pages in three site templates, mutated by deletions,
duplications, line swaps, truncation and insertions of the tokens real files are made of (labels,
pipes, tabs, figures in every printed form, table tags, huge spans, BOMs, NULs). Three properties:

* the only exception that may escape is ``ReportError`` (with a Chinese message);
* every input is read within a time bound;
* every figure in the result is printed in the input (reading never invents a number; the only
  conversion allowed is a fee stated in 元 turned into 万元). For a page, "printed" is what the
  source shows or what a browser renders (figures split by inline tags, "<span>4<font>0</font>", show
  as one); a line break, block or comment between two figures never makes them one.
"""

from __future__ import annotations

import functools
import html
import os
import re
import signal
import unicodedata
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.errors import ReportError
from gongkai.report.read import read_report

SEED = Path(__file__).parent.parent / "fixtures" / "seed" / "000_b7048197b128a89d.txt"
TIME_BOUND = 3.0
TOKENS = (
    "|",
    "||",
    "\t",
    "\n",
    "\n\n",
    "\r",
    "0",
    "7",
    "-",
    "/",
    "—",
    "１２",
    "1,234",
    "124件",
    "3.5",
    "万元",
    "（一）予以公开",
    "一、本年新收政府信息公开申请数量",
    "（七）总计",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "第二十条第（一）项",
    "规章",
    "行政事业性收费",
    "申诉",
    "2018年",
    "<td>",
    "</td>",
    "<tr>",
    "</tr>",
    "<table>",
    "</table>",
    '<td rowspan="100000">',
    '<td colspan="5000">',
    '<td colspan="0">',
    '<th rowspan="-3">',
    "&nbsp;",
    "<br>",
    "<p>",
    "<!--",
    "-->",
    "\x00",
    "\ufeff",
    '<meta charset="big5">',
    '<?xml version="1.0" encoding="utf-8"?>',
)


@functools.cache
def seeds() -> dict[str, str]:
    from gongkai.report.corpus import STYLES, make_sample
    from gongkai.report.read import decode_text
    from gongkai.report.readers.html import decode_html

    pages = {"seed": SEED.read_text(encoding="utf-8")}
    for n, style in enumerate(("html_gov_gbk", "html_word_export", "html_modern")):
        pages[style] = decode_html(make_sample(31, n, STYLES[style]).data)
    pages["text_pipes"] = decode_text(make_sample(31, 9, STYLES["text_pipes"]).data, name="x")
    return pages


@st.composite
def mutated(draw: st.DrawFn, sources: tuple[str, ...]) -> str:
    text = seeds()[draw(st.sampled_from(sources))]
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(("insert", "insert", "delete", "duplicate", "swap", "truncate", "digit")))
        if op == "insert":
            text = text[:at] + draw(st.sampled_from(TOKENS)) + text[at:]
        elif op == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 300)) :]
        elif op == "duplicate":
            text = text[:at] + text[at : at + draw(st.integers(1, 400))] + text[at:]
        elif op == "truncate":
            text = text[: max(at, len(text) // 3)]
        elif op == "digit":
            text = text[:at] + str(draw(st.integers(0, 10**9))) + text[at:]
        else:
            lines = text.split("\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
    return text


class _Slow(BaseException):
    pass


@contextmanager
def time_bound(seconds: float):
    def alarm(signum, frame):
        raise _Slow

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# Thousands may be grouped by commas or by single spaces ("9 319", see the number-parsing tests).
_FIGURE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?: \d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


def printed_figures(text: str) -> set[Decimal]:
    plain = unicodedata.normalize("NFKC", text)
    return {Decimal(m.group().replace(",", "").replace(" ", "")) for m in _FIGURE.finditer(plain)}


# What a browser shows, approximated by regular expressions (independently of the reader's lxml walk):
# a tag runs from "<" and a letter to the next ">" (its name may hold a "<": "</f<p …>" is one end tag);
# block and table tags and comments break the line, every other tag prints nothing and joins what is
# around it ("<span>4<font>0</font></span>" shows 40); "</>" is dropped without a trace (HTML's
# missing-end-tag-name rule: "23</>23" shows 2323).
_COMMENT = re.compile(r"<!--.*?-->", re.S)  # an unclosed "<!--" stays text, as lxml recovers it
_TAG = re.compile(r"</?([A-Za-z][^\s/>]*)[^>]*>")
_BREAKING = {
    "p",
    "div",
    "br",
    "hr",
    "td",
    "th",
    "tr",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "caption",
    "li",
    "ul",
    "ol",
    "dl",
    "dd",
    "dt",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "main",
    "aside",
    "blockquote",
    "pre",
    "body",
    "html",
    "head",
    "title",
    "center",
    "form",
    "fieldset",
    "address",
    "figure",
    "figcaption",
    "script",
    "style",
    "noscript",
    "meta",
}


def rendered_text(page: str) -> str:
    text = _COMMENT.sub("\n", page).replace("</>", "")
    text = _TAG.sub(lambda tag: "\n" if tag.group(1).lower() in _BREAKING else "", text)
    return html.unescape(text)


def read_within_bound(data: bytes, name: str):
    try:
        with time_bound(TIME_BOUND):
            return read_report(data, name=name)
    except _Slow:
        raise AssertionError(f"reading took more than {TIME_BOUND}s") from None
    except ReportError as error:
        assert error.message and re.search(r"[\u4e00-\u9fff]", error.message)
        return None


def assert_no_invented_figure(report, source: str) -> None:
    printed = printed_figures(source)
    for address, value in report.cells.items():
        if value is None or address in report.restored:
            continue
        magnitude = abs(Decimal(value))
        as_yuan = magnitude * 10000 if address.endswith("10k_yuan") else magnitude
        assert magnitude in printed or as_yuan in printed, f"{address}={value} is not printed in the input"


# Random inputs every run (a modest number, so the file stays fast); hunt by hand with more, e.g.
# GONGKAI_FUZZ_EXAMPLES=2000 .venv/bin/pytest tests/core/test_fuzz_readers.py
EXAMPLES = int(os.environ.get("GONGKAI_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


@FUZZ
@given(mutated(("seed", "text_pipes")))
def test_the_text_reader_survives_mutated_text_and_invents_no_figure(text):
    report = read_within_bound(text.encode("utf-8"), "fuzz.txt")
    if report is not None:
        assert_no_invented_figure(report, text)


@FUZZ
@given(mutated(("html_gov_gbk", "html_word_export", "html_modern")))
def test_the_html_reader_survives_mutated_pages_and_invents_no_figure(page):
    report = read_within_bound(page.encode("utf-8"), "fuzz.html")
    if report is not None:
        assert_no_invented_figure(report, page + "\n" + rendered_text(page))


@settings(max_examples=max(40, EXAMPLES // 2), deadline=None, database=None)
@given(
    st.binary(max_size=2000), st.sampled_from((b"", b"<html><table><tr><td>", b"%PDF-1.4\n", b"PK\x03\x04"))
)
def test_random_bytes_are_refused_with_a_report_error_or_read(data, head):
    read_within_bound(head + data, "fuzz.bin")
