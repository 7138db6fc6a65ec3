"""Word documents, read from ``word/document.xml`` with lxml so merged cells keep their spans.

python-docx's ``row.cells`` repeats a merged cell at every position it covers, and opening a file
with it costs ~20 ms; the body XML says exactly what was merged: ``w:gridSpan`` for columns,
``w:vMerge`` (restart / continue) for rows.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from lxml import etree

from gongkai.errors import UnreadableInputError
from gongkai.report.document import Block, Cell, Document, Paragraph, Table
from gongkai.report.text import join_cell_pieces

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _T = f"{_W}p", f"{_W}tbl", f"{_W}t"
_BR, _TAB, _CR = f"{_W}br", f"{_W}tab", f"{_W}cr"
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
        raise UnreadableInputError(f"无法打开Word文件「{name}」：{exc}", code="report.unreadable.docx",
                                   name=name, message_en=f"Cannot open DOCX {name}: {exc}") from exc
    blocks: list[Block] = []
    for child in body.iterchildren(_P, _TBL):
        if child.tag == _P:
            text = _text(child)
            if text.strip():
                blocks.append(Paragraph(text.strip()))
        else:
            blocks.append(_table(child))
    return Document(blocks)


def _body(data: bytes):  # noqa: ANN202 - an lxml element
    """``w:body`` of the main document part, read straight from the package (python-docx costs ~20 ms a file)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        main = _main_part(package)
        root = etree.fromstring(package.read(main), _PARSER)
    body = root.find(f"{_W}body")
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


def _text(element) -> str:  # noqa: ANN001 - an lxml element
    return "".join(node.text or "" for node in element.iter(_T))


def _cell_text(tc) -> str:  # noqa: ANN001
    """Paragraphs and line breaks of a cell are pieces: two figures in them never join (see ``join_cell_pieces``)."""
    pieces: list[str] = [""]
    for node in tc.iter(_P, _T, _BR, _TAB, _CR):
        if node.tag == _T:
            pieces[-1] += node.text or ""
        else:
            pieces.append("")
    return join_cell_pieces(pieces)


def _table(tbl) -> Table:  # noqa: ANN001
    rows: list[list[_Pending]] = []
    open_merges: dict[int, _Pending] = {}
    for tr in tbl.iterchildren(f"{_W}tr"):
        row: list[_Pending] = []
        column = _int_val(tr.find(f"{_W}trPr/{_W}gridBefore"), 0)
        for tc in tr.iterchildren(f"{_W}tc"):
            properties = tc.find(f"{_W}tcPr")
            span = _int_val(properties.find(f"{_W}gridSpan") if properties is not None else None, 1)
            merge = properties.find(f"{_W}vMerge") if properties is not None else None
            if merge is not None and merge.get(f"{_W}val") != "restart" and column in open_merges:
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


def _int_val(element, default: int) -> int:  # noqa: ANN001
    if element is None:
        return default
    try:
        return int(element.get(f"{_W}val"))
    except (TypeError, ValueError):
        return default
