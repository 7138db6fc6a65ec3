"""A record's working copy as files for reviewing offline and for the approver: the core's PDF and DOCX
renderers (the ones every published version goes through), each page marked as a draft (草稿 · 未发布) in
a header line, with the mark as a watermark-like heading above the title, and the notes of a draft (its
last validation's findings, or that it has none since the last change). Never a published version."""

from __future__ import annotations

import io
import logging
from html import escape

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor

from gongkai.report.findings import Finding
from gongkai.report.publication import DRAFT_MARK, draft_header, draft_notice
from gongkai.report.render.docx import render_docx
from gongkai.report.render.html import render_html
from gongkai_web.clocks import now

from . import drafting
from .models import ReportRecord

#: What a draft may be downloaded as: the formats of the published files.
DRAFT_FILES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
#: Grey, as a watermark: plain to see, not to be mistaken for the report's own text.
MARK_GREY = "#9a9a9a"
_MARK_CSS = (
    "@page { @top-center { content: '%(header)s'; font-size: 8pt; color: %(grey)s; } }\n"
    ".draft-mark { font-size: 2.6rem; letter-spacing: .4em; text-align: center; text-indent: 0;"
    " color: %(grey)s; border: 3px solid %(grey)s; margin: 0 0 1rem; padding: .2rem 0; }\n"
)


def draft_notes(record: ReportRecord) -> list[Finding]:
    """The draft's note, then the findings of its last validation (none before one)."""
    validated = record.validated_at is not None
    stored = record.findings if validated else []
    return [
        draft_notice(validated, len(stored)),
        *(
            Finding(f["code"], f["severity"], tuple(f["cells"]), f["message"], f["message_en"])
            for f in stored
        ),
    ]


def draft_file(record: ReportRecord, fmt: str, *, clock=None) -> bytes:
    report = drafting.working_report(record.data)
    header = draft_header(now(clock).strftime("%Y-%m-%d %H:%M"))
    notes = draft_notes(record)
    if fmt == "docx":
        return _marked_docx(render_docx(report, notes), header)
    if fmt == "pdf":
        return _pdf(_marked_html(render_html(report, notes), header))
    raise ValueError(fmt)


def _marked_html(page: str, header: str) -> str:
    css = _MARK_CSS % {"header": header.replace("'", "’"), "grey": MARK_GREY}
    banner = f'<p class="draft-mark" role="note" aria-label="{escape(header)}">{DRAFT_MARK}</p>\n'
    assert "</style>" in page and "<main>\n" in page  # the core's page (render/html.py)
    return page.replace("</style>", css + "</style>", 1).replace("<main>\n", "<main>\n" + banner, 1)


def _pdf(page: str) -> bytes:
    from weasyprint import HTML  # as the core's render/pdf.py (which checks it is installed)

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    pdf: bytes = HTML(string=page, media_type="print").write_pdf()
    return pdf


def _marked_docx(data: bytes, header: str) -> bytes:
    document = Document(io.BytesIO(data))
    grey = RGBColor.from_string(MARK_GREY.lstrip("#"))
    for section in document.sections:
        line = section.header.paragraphs[0]
        line.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = line.add_run(header)
        run.font.size, run.font.color.rgb = Pt(8), grey
    title = document.paragraphs[0]  # the core writes the title first
    mark = title.insert_paragraph_before()
    mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = mark.add_run(DRAFT_MARK)
    run.bold, run.font.size, run.font.color.rgb = True, Pt(36), grey
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
