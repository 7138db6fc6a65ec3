"""A document's text for the library (stored for search and shown on its page), extracted from the
DOCX, PDF or HTML file a drafter uploads by the report engine's readers (``gongkai.report.readers``):
paragraphs one per line, a table one row per line with its cells separated by a tab.

The kind is decided by the content (``gongkai.report.read.detect_kind``), not the name; anything else
is refused with a Chinese message."""

from __future__ import annotations

from gongkai.errors import GongkaiError, UnreadableInputError
from gongkai.report.document import Document, Paragraph
from gongkai.report.read import detect_kind

#: The kinds read, and their names in the refusal.
KINDS = {"docx": "Word（DOCX）", "pdf": "PDF", "html": "HTML"}


class TextError(GongkaiError):
    code = "publications.text_unreadable"


def extract_text(data: bytes, *, name: str = "文件") -> tuple[str, str]:
    """``(kind, text)`` of a DOCX, PDF or HTML file; ``TextError`` when it is of another kind, damaged,
    or has no text (a scanned PDF without a text layer)."""
    kind = detect_kind(data)
    if kind not in KINDS:
        raise TextError(
            f"「{name}」不是Word（DOCX）、PDF或HTML文件，无法提取正文。",
            code="publications.text_kind",
            name=name,
            message_en=f"{name} is not a DOCX, PDF or HTML file.",
        )
    try:
        document = _read(kind, data, name)
    except UnreadableInputError as exc:
        raise TextError(exc.message, code="publications.text_unreadable", name=name) from None
    text = plain_text(document)
    if not text.strip():
        raise TextError(
            f"「{name}」中没有可提取的文字（扫描件请先进行文字识别）。",
            code="publications.text_empty",
            name=name,
            message_en=f"{name} has no text layer.",
        )
    return kind, text


def _read(kind: str, data: bytes, name: str) -> Document:
    if kind == "docx":
        from gongkai.report.readers.docx import read_docx

        return read_docx(data, name=name)
    if kind == "pdf":
        from gongkai.report.readers.pdf import read_pdf

        return read_pdf(data, name=name)
    from gongkai.report.readers.html import read_html

    return read_html(data, name=name)


def plain_text(document: Document) -> str:
    lines: list[str] = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            lines.append(block.text.strip())
        else:
            lines.extend("\t".join(cell.text.strip() for cell in row) for row in block.rows)
    return "\n".join(line for line in lines if line)
