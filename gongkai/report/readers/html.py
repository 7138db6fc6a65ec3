"""HTML pages (lxml): tables with rowspan/colspan, cells wrapped in p/span/font, GBK/GB2312 pages.

Government sites still publish GB2312/GBK pages; the charset is taken from the page's meta tag
(or the XML declaration) and decoded as GB18030, the superset, when it names a GB encoding.
Without a declaration UTF-8 is tried first, then GB18030.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

from gongkai.errors import UnreadableInputError
from gongkai.report.document import Block, Cell, Document, Paragraph, Table
from gongkai.report.text import join_cell_pieces

_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)
_BLOCK_TAGS = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "body",
    "center",
    "dd",
    "dt",
    "ul",
    "ol",
}
_LAYOUT_TAGS = {"table", "tbody", "thead", "tfoot", "tr", "td", "th"}
_SKIP_TAGS = {"script", "style", "head", "title", "noscript"}
_BREAK_TAGS = _BLOCK_TAGS | _LAYOUT_TAGS
#: Tags that wrap text inside a line. Every other element (br, p, div, a nested table, but also an
#: unknown or mangled tag such as ``<o<p>``) separates the text around it: a separator only matters
#: between two figures, where it makes the cell unreadable instead of inventing one figure.
_INLINE_TAGS = {
    "span",
    "font",
    "b",
    "strong",
    "i",
    "em",
    "u",
    "a",
    "sub",
    "sup",
    "small",
    "big",
    "label",
    "abbr",
    "s",
    "strike",
    "ins",
    "del",
    "code",
    "mark",
    "nobr",
    "wbr",
    "tt",
    "q",
    "cite",
}
#: Office's namespaced inline tags (``<o:p>``, ``<st1:chsdate>``) are inline too.
_NAMESPACED_TAG = re.compile(r"^[a-z][a-z0-9]*:[a-z][a-z0-9._-]*$")
_SPACE = re.compile(r"[ \t\r\n\u3000\xa0]+")
#: Marks where a comment or script stood in running text (a private-use character).
_HIDDEN = "\ue000"
_HIDDEN_BETWEEN_DIGITS = re.compile(r"(?<=\d)[\ue000\s]*\ue000[\ue000\s]*(?=\d)")


def decode_html(data: bytes, *, name: str = "HTML") -> str:
    declared = _CHARSET.search(data[:4096])
    candidates = []
    if declared:
        charset = declared.group(1).decode("ascii").lower()
        candidates.append("gb18030" if charset.replace("-", "") in {"gb2312", "gbk", "gb18030"} else charset)
    candidates += ["utf-8-sig", "gb18030"]
    for encoding in candidates:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    raise UnreadableInputError(
        f"无法识别「{name}」的文字编码（既不是UTF-8也不是GBK）。",
        code="report.unreadable.encoding",
        name=name,
        message_en=f"Cannot decode {name}: neither UTF-8 nor GBK.",
    )


_PARSER = etree.HTMLParser()


def read_html(content: str | bytes, *, name: str = "HTML") -> Document:
    text = decode_html(content, name=name) if isinstance(content, bytes) else content
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)  # lxml refuses str input with an encoding declaration
    try:
        # Plain lxml elements: lxml.html's element classes cost a Python lookup per node.
        root = etree.fromstring(text, _PARSER) if text else None
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise _unparsable(name, str(exc)) from exc
    if root is None:
        if text:
            raise _unparsable(name, "Document is empty")
        return Document(())
    walker = _Walker()
    walker.walk(root)
    walker.flush()
    return Document(walker.blocks)


def _unparsable(name: str, reason: str) -> UnreadableInputError:
    return UnreadableInputError(
        f"无法解析HTML文件「{name}」：网页内容已损坏或不是有效的HTML。",
        code="report.unreadable.html",
        name=name,
        message_en=f"Cannot parse HTML {name}: {reason}",
    )


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buffer: list[str] = []

    def flush(self) -> None:
        if self.buffer:
            line = "".join(self.buffer)
            if _HIDDEN in line:  # a space only where it keeps two figures apart, else nothing
                line = _HIDDEN_BETWEEN_DIGITS.sub(" ", line).replace(_HIDDEN, "")
            line = _SPACE.sub(" ", line).strip()
            if line:
                self.blocks.append(Paragraph(line))
            self.buffer = []

    def walk(self, element: etree._Element) -> None:
        tag = element.tag
        if type(tag) is not str or tag in _SKIP_TAGS:  # comments, scripts
            self.buffer.append(_HIDDEN)  # "7<!-- -->0" is not the figure 70
            if element.tail:
                self.buffer.append(element.tail)
            return
        if tag == "table" and element.find(".//table") is None:
            self.flush()
            self.blocks.append(_table(element))
        elif tag == "br":
            self.flush()
        elif tag in _BREAK_TAGS:
            # A table holding tables is page layout (whole reports sit in one): read it as blocks.
            self.flush()
            if element.text:
                self.buffer.append(element.text)
            for child in element:
                self.walk(child)
            self.flush()
        else:
            if element.text:
                self.buffer.append(element.text)
            for child in element:
                self.walk(child)
        if element.tail:
            self.buffer.append(element.tail)


def _table(element: etree._Element) -> Table:
    # Only tables without nested tables come here, so every row below is this table's own.
    return Table(
        [
            [
                Cell(_cell_text(td), _span(td, "rowspan"), _span(td, "colspan"))
                for td in tr
                if td.tag == "td" or td.tag == "th"
            ]
            for tr in element.iter("tr")
        ]
    )


def _cell_text(td: etree._Element) -> str:
    """A cell's text; pieces in separate blocks (``<br>``, ``<p>``, ``<div>``) stay apart when both are figures.

    See :func:`join_cell_pieces`. A comment or script between two figures separates them too (a
    mangled tag such as ``16</<p>19`` is a comment to the parser: the page never printed 1619).
    """
    pieces: list[list[str]] = [[]]
    _collect(td, pieces)
    return join_cell_pieces(["".join(piece) for piece in pieces])


def _collect(element: etree._Element, pieces: list[list[str]]) -> None:
    """The text under ``element`` in pieces; a new piece starts at every block boundary."""
    if element.text:
        pieces[-1].append(element.text)
    for child in element:
        tag = child.tag
        if type(tag) is not str or tag in _SKIP_TAGS:
            pieces.append([])  # comments and scripts print nothing, but separate what is around them
        elif tag in _INLINE_TAGS or _is_namespaced(tag):
            _collect(child, pieces)
        else:
            pieces.append([])
            _collect(child, pieces)
            pieces.append([])
        if child.tail:
            pieces[-1].append(child.tail)


@lru_cache(maxsize=256)
def _is_namespaced(tag: str) -> bool:
    return _NAMESPACED_TAG.match(tag) is not None


def _span(td: etree._Element, attribute: str) -> int:
    try:
        return max(1, int(str(td.get(attribute, "1")).strip() or 1))
    except ValueError:
        return 1
