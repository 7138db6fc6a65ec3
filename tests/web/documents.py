"""The text of a letter as issued: read back from its DOCX or its PDF."""

from __future__ import annotations

import io
import re

import docx
import pdfplumber


def docx_text(data: bytes) -> str:
    """The body paragraphs of a DOCX."""
    return "\n".join(p.text for p in docx.Document(io.BytesIO(bytes(data))).paragraphs)


def docx_all_text(data: bytes) -> str:
    """The body and the page headers of a DOCX."""
    document = docx.Document(io.BytesIO(bytes(data)))
    headers = [p.text for section in document.sections for p in section.header.paragraphs]
    return "\n".join([*headers, *(p.text for p in document.paragraphs)])


def pdf_text(data: bytes) -> str:
    """The text of every page of a PDF, whitespace removed."""
    with pdfplumber.open(io.BytesIO(bytes(data))) as pdf:
        # without the page-number footers (— 1 —), so a paragraph running over a page break reads as one
        pages = [re.sub(r"—\s*\d+\s*—\s*$", "", (page.extract_text() or "").strip()) for page in pdf.pages]
    return re.sub(r"\s+", "", "".join(pages))
