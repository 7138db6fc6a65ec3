"""Word documents, read from ``word/document.xml`` with lxml so merged cells keep their spans.

python-docx's ``row.cells`` repeats a merged cell at every position it covers, and opening a file
with it costs ~20 ms; the body XML says exactly what was merged: ``w:gridSpan`` for columns,
``w:vMerge`` (restart / continue) for rows. It also hides what real reports are wrapped in: text
boxes, tables inside layout tables, content controls. Those are walked in :mod:`.wordml`.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from lxml import etree

from gongkai.errors import UnreadableInputError
from gongkai.report.document import Block, Cell, Document, Paragraph, Table
from gongkai.report.readers import wordml
from gongkai.report.readers.wordml import ALTERNATE, CUSTOM_XML, SDT, TBL, Element, P, W
from gongkai.report.text import join_cell_pieces

#: Word files are trusted no further than any input: no network, no entity expansion.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


@dataclass
class _Pending:
    text: str
    colspan: int
    rowspan: int = 1


def read_docx(data: bytes, *, name: str = "DOCX") -> Document:
    try:
        body = _body(data)
    except Exception as exc:  # a damaged package fails in zipfile, zlib or the XML parser
        # The library's words (English, about ZIP headers or XML) would tell a reader nothing.
        raise UnreadableInputError(
            f"「{name}」不是有效的Word文件（文件已损坏或不完整），无法打开。",
            code="report.unreadable.docx",
            name=name,
            message_en=f"Cannot open DOCX {name}: {exc}",
        ) from exc
    blocks: list[Block] = []
    _blocks(body, blocks)
    return Document(blocks)


def _body(data: bytes) -> Element:
    """``w:body`` of the main document part, read straight from the package (python-docx costs ~20 ms a file)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        main = _main_part(package)
        root = etree.fromstring(package.read(main), _PARSER)
    body = root.find(f"{W}body")
    if body is None:
        raise ValueError(f"{main} has no w:body")
    return body


def _main_part(package: zipfile.ZipFile) -> str:
    """The main document part named by ``[Content_Types].xml`` (``word/document.xml`` in every Word file)."""
    try:
        types = etree.fromstring(package.read("[Content_Types].xml"), _PARSER)
    except KeyError:
        return "word/document.xml"
    for override in types.iterfind("{http://schemas.openxmlformats.org/package/2006/content-types}Override"):
        if override.get("ContentType", "").endswith(".document.main+xml"):
            return override.get("PartName", "/word/document.xml").lstrip("/")
    return "word/document.xml"


# ── blocks: the body, a text box, a layout cell all hold paragraphs and tables ──────────────────


def _blocks(container: Element, out: list[Block]) -> None:
    """Paragraphs and tables of a block container, in document order, through content controls."""
    for child in container.iterchildren(P, TBL, SDT, CUSTOM_XML, ALTERNATE):
        if child.tag == P:
            _paragraph(child, out)
        elif child.tag == TBL:
            _table_blocks(child, out)
        else:
            content = wordml.unwrap(child)
            if content is not None:
                _blocks(content, out)


def _paragraph(p: Element, out: list[Block]) -> None:
    """The paragraph's own text, then whatever its text boxes hold (a report table is often placed in one)."""
    boxes: list[Element] = []
    text = wordml.inline_text(p, boxes).strip()
    if text:
        out.append(Paragraph(text))
    for box in boxes:
        _blocks(box, out)


def _table_blocks(tbl: Element, out: list[Block]) -> None:
    """A report table as a table; a frame or a layout table as the blocks of its cells, row by row."""
    if _is_layout(tbl):
        for tr in wordml.rows(tbl):
            for tc in wordml.cells(tr):
                _blocks(tc, out)
    else:
        out.append(_table(tbl))


def _is_layout(tbl: Element) -> bool:
    """A one-cell table is a frame around content; a table holding tables is page layout (as in HTML).

    A one-cell table nested in a report cell (a boxed figure) does not make its table layout: its text is
    the cell's text.
    """
    return _is_one_cell(tbl) or any(not _is_boxed_text(inner) for inner in tbl.iterdescendants(TBL))


def _is_one_cell(tbl: Element) -> bool:
    found = 0
    for tr in wordml.rows(tbl):
        for _ in wordml.cells(tr):
            found += 1
            if found > 1:
                return False
    return found == 1


def _is_boxed_text(tbl: Element) -> bool:
    return _is_one_cell(tbl) and next(tbl.iterdescendants(TBL), None) is None


# ── a report table: spans from gridSpan / vMerge ────────────────────────────────────────────────


def _cell_text(tc: Element) -> str:
    """Paragraphs and line breaks of a cell are pieces: two figures in them never join (see ``join_cell_pieces``)."""
    return join_cell_pieces(wordml.cell_pieces(tc))


def _table(tbl: Element) -> Table:
    rows: list[list[_Pending]] = []
    open_merges: dict[int, _Pending] = {}
    for tr in wordml.rows(tbl):
        row: list[_Pending] = []
        column = _int_val(tr.find(f"{W}trPr/{W}gridBefore"), 0)
        for tc in wordml.cells(tr):
            properties = tc.find(f"{W}tcPr")
            span = _int_val(properties.find(f"{W}gridSpan") if properties is not None else None, 1)
            merge = properties.find(f"{W}vMerge") if properties is not None else None
            if merge is not None and merge.get(f"{W}val") != "restart" and column in open_merges:
                open_merges[column].rowspan += 1
            else:
                cell = _Pending(_cell_text(tc), span)
                row.append(cell)
                if merge is not None:
                    open_merges[column] = cell
                else:
                    open_merges.pop(column, None)
            column += span
        rows.append(row)
    return Table([[Cell(c.text, c.rowspan, c.colspan) for c in row] for row in rows])


def _int_val(element: Element | None, default: int) -> int:
    value = None if element is None else element.get(f"{W}val")
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        return default
