"""Render a composed letter as Word (python-docx) or PDF (WeasyPrint from HTML).

Layout after GB/T 9704-2012 (党政机关公文格式) as agencies apply it to letters: A4, title centred,
文号 under it, body in 3号 (16 pt) 仿宋 with a two-character first-line indent, the issuing agency
and date at the bottom right with room for the seal. Renderers add layout only, never words.
"""

from __future__ import annotations

import html
import io
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gongkai.letters.model import Letter, LetterError, LetterKind

if TYPE_CHECKING:  # python-docx is imported only when a Word file is made
    from docx.document import Document as DocxDocument
    from docx.enum.text import WD_PARAGRAPH_ALIGNMENT
    from docx.text.run import Run

BODY_FONT = "仿宋"  # eastAsia font named in the DOCX; Word/WPS have it on Chinese systems
TITLE_FONT = "宋体"
LATIN_FONT = "Times New Roman"
CSS = Path(__file__).with_name("letter.css")

#: Documents laid out compactly, to fit one page: the 接收回执 is a slip the applicant keeps, its
#: sentences would otherwise run onto a second page with nothing but the seal and the contact lines.
COMPACT = frozenset({LetterKind.RECEIPT})
#: Body size and line height (pt) of a letter and of a compact one; titles keep their 2号 in a letter.
SIZES = {False: (16.0, 28.0, 22.0), True: (14.0, 22.0, 18.0)}
#: Page margins (top, right, bottom, left, mm) of a compact document; a letter keeps GB/T 9704-2012's 37/26/35/28.
COMPACT_MARGINS_MM = (25, 22, 22, 24)


def _sizes(letter: Letter) -> tuple[float, float, float]:
    """(body size, line height, title size) in points."""
    return SIZES[letter.kind in COMPACT]


# ── Word ───────────────────────────────────────────────────────────────────────────────────


def _font(run: Run, east_asian: str, size_pt: float, *, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = LATIN_FONT
    run.font.size = Pt(size_pt)
    run.font.bold = bold
    # python-docx's font.name sets only the Latin slots; Chinese text needs w:eastAsia or Word
    # falls back to a Latin font for it.
    run.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), east_asian)


def _paragraph(
    document: DocxDocument,
    text: str,
    *,
    align: WD_PARAGRAPH_ALIGNMENT | None = None,
    indent: bool = True,
    size: float = 16,
    font: str = BODY_FONT,
    bold: bool = False,
    right_chars: int = 0,
    line: float = 28,
) -> None:
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.line_spacing = Pt(line)
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(2 * size)
    if right_chars:
        fmt.right_indent = Pt(right_chars * size)
    if align is not None:
        paragraph.alignment = align
    _font(paragraph.add_run(text), font, size, bold=bold)


def render_docx(letter: Letter) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    top, right_mm, bottom, left = COMPACT_MARGINS_MM if letter.kind in COMPACT else (37, 26, 35, 28)
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right_mm)
    document.core_properties.title = letter.title
    centre, right = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
    if letter.copy_note:  # in the page header, so that every page of the copy says what it is
        header = section.header.paragraphs[0]
        header.alignment = centre
        _font(header.add_run(letter.copy_note), TITLE_FONT, 12, bold=True)

    size, line, title = _sizes(letter)

    def body(text: str, **kw: Any) -> None:
        _paragraph(document, text, size=size, line=line, **kw)

    for text in (letter.agency, letter.title):
        _paragraph(
            document, text, align=centre, indent=False, size=title, font=TITLE_FONT, bold=True, line=line
        )
    body(letter.number, align=right, indent=False)
    body("", indent=False)
    body(f"{letter.addressee}：", indent=False)
    for text in letter.paragraphs:
        body(text)
    if letter.attachments:
        body("附件：" + "；".join(letter.attachments))
    body("", indent=False)
    for text in (letter.seal, letter.issuer, letter.date_line):
        body(text, align=right, indent=False, right_chars=2)
    body("", indent=False)
    for text in letter.closing:  # after the date, as the 附注 of GB/T 9704-2012 §7.3.6
        _paragraph(document, text, size=min(14, size), line=min(28, line))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# ── HTML and PDF ───────────────────────────────────────────────────────────────────────────


def _p(text: str, css_class: str = "") -> str:
    attr = f' class="{css_class}"' if css_class else ""
    return f"<p{attr}>{html.escape(text)}</p>"


def _css_string(text: str) -> str:
    """``text`` as a CSS string literal: quotes and backslashes escaped, no line breaks, no ``</style>``."""
    escaped = "".join(f"\\{ord(ch):x} " if ch in '"\\<>\n\r' else ch for ch in text)
    return f'"{escaped}"'


def render_html(letter: Letter) -> str:
    """A standalone HTML page of the letter (the PDF's source; also fit for a preview)."""
    body = [
        *([_p(letter.copy_note, "copy-note")] if letter.copy_note else []),
        "<header>",
        _p(letter.agency, "agency"),
        f"<h1>{html.escape(letter.title)}</h1>",
        _p(letter.number, "number"),
        "</header>",
        _p(f"{letter.addressee}：", "addressee"),
        *(_p(text, "remedy" if text == letter.remedy else "") for text in letter.paragraphs),
    ]
    if letter.attachments:
        body.append(_p("附件：" + "；".join(letter.attachments), "attachments"))
    # The signature never starts a page on its own (GB/T 9704-2012 §7.3.5.4: the page with the
    # seal and date carries body text); contact lines follow it as the 附注 does (§7.3.6).
    body += [
        '<div class="signature">',
        _p(letter.seal, "seal"),
        _p(letter.issuer),
        _p(letter.date_line),
        "</div>",
        '<div class="closing">',
        *(_p(text) for text in letter.closing),
        "</div>",
    ]
    css = CSS.read_text(encoding="utf-8")
    if letter.kind in COMPACT:
        size, line, title = _sizes(letter)
        css += (
            f"\nhtml {{ font-size: {size:g}pt; line-height: {line:g}pt; }}"
            f"\np.agency, h1 {{ font-size: {title:g}pt; line-height: {title * 1.5:g}pt; }}"
            "\nheader { margin-bottom: 8pt; } p.number, p.addressee { margin-top: 8pt; }"
            "\ndiv.signature { margin-top: 14pt; } p.seal { font-size: 11pt; }"
            "\ndiv.closing { margin-top: 8pt; font-size: 12pt; line-height: 20pt; }"
            f"\n@page {{ margin: {COMPACT_MARGINS_MM[0]}mm {COMPACT_MARGINS_MM[1]}mm "
            f"{COMPACT_MARGINS_MM[2]}mm {COMPACT_MARGINS_MM[3]}mm; }}"
        )
    if (
        letter.copy_note
    ):  # printed at the head of every page, as in the DOCX's page header; on screen, above the letter
        css += (
            f"\n@page {{ @top-center {{ content: {_css_string(letter.copy_note)}; font-size: 12pt; font-weight: bold; }} }}"
            "\np.copy-note { text-indent: 0; text-align: center; font-weight: bold; margin-bottom: 14pt; }"
            "\n@media print { p.copy-note { display: none; } }"
        )
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{html.escape(letter.title)}</title><style>{css}</style>"
        "</head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


def render_pdf(letter: Letter) -> bytes:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: pango/cairo libraries missing
        raise LetterError(
            "无法输出PDF：未安装WeasyPrint或其依赖的系统库（pango）。",
            code="letters.render.pdf",
            message_en=f"PDF output needs WeasyPrint and pango: {exc}",
        ) from exc
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    pdf: bytes = HTML(string=render_html(letter), media_type="print").write_pdf()
    return pdf
