"""PDF files with a text layer (pdfplumber): ruled and unruled tables, paragraphs, page furniture dropped.

* **Ruled tables** come from pdfplumber's line finder. Each cell's row and column span is measured
  against the table's row tops and column lefts, so merged cells keep their spans (HTML semantics:
  a covered position does not appear), exactly like the HTML and DOCX readers.
* **Unruled tables** (text aligned in columns, no drawn lines) are rebuilt from word positions:
  a run of lines that each break into two or more segments separated by wide gaps is a table; the
  columns are the x-ranges of the figures and of the fullest row, and every segment goes to the
  column it overlaps most. A column with nothing printed in a row is an empty cell, so a missing
  figure stays missing *at its own column*.
* **Tables running over pages** continue: a table that opens a page right after a table that
  closed the previous one, with the same left and right edges, is the same table; header rows
  repeated at the top of the new page (browsers and Word repeat ``thead``) are dropped.
* **Page furniture** — page numbers ("- 3 -", "第3页 共9页", "3/9") and running headers or footers
  repeated in the page margins — is dropped.
* **Scanned PDFs** (no text layer but images) are refused with ``report.scanned_pdf``: the figures
  of an image can only be typed in or OCR'd, never guessed.
* **Fast path**: pdfplumber's characters and lines are filled from PDFium (C) rather than parsed by
  pdfminer (Python), with pdfminer's boxes computed from the text matrix; a page whose characters
  the fast path cannot vouch for is parsed by pdfminer. ``GONGKAI_PDF_FASTPATH=0`` turns it off.
"""

from __future__ import annotations

import io
import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from gongkai.errors import UnreadableInputError
from gongkai.report.document import Block, Cell, Document, Paragraph, Table
from gongkai.report.text import looks_numeric

if TYPE_CHECKING:  # pdfplumber is imported only when a PDF is read
    from pdfplumber.page import Page as PlumberPage
    from pdfplumber.table import Table as PlumberTable

#: One of pdfplumber's objects (a character, line, image or word) as the dict pdfplumber keeps it.
_Object = dict[str, Any]
#: pypdfium2 has no type information: its objects, and its raw ctypes module, are ``Any`` here.
_Pdfium = Any

#: Fraction of the page height at the top and bottom where furniture lives.
_MARGIN = 0.06
_PAGE_NUMBER = re.compile(
    r"^(-\s*\d+\s*-|—\s*\d+\s*—|第\s*\d+\s*页(\s*[,，]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|\d+|"
    r"page\s*\d+(\s*of\s*\d+)?)$",
    re.I,
)
#: Two words further apart than this many character widths belong to different cells.
_CELL_GAP = 1.6
_EDGE_TOLERANCE = 3.0


def read_pdf(data: bytes, *, name: str = "PDF") -> Document:
    try:
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            preread = _pdfium_objects(data, pdf.pages)
            for page, objects in zip(pdf.pages, preread, strict=False):
                if objects is not None:
                    page._objects = objects  # pdfplumber's cache of parsed objects: filled, not parsed again
            pages = [_read_page(page) for page in pdf.pages]
    except UnreadableInputError:
        raise
    except Exception as exc:  # pdfminer raises many kinds on a damaged file
        # pdfminer's words ("Unexpected EOF", "No /Root object!") are English and say no more than this.
        raise UnreadableInputError(
            f"无法打开PDF文件「{name}」：不是有效的PDF文件（文件已损坏或不完整）。",
            code="report.unreadable.pdf",
            name=name,
            message_en=f"Cannot open PDF {name}: {exc}",
        ) from exc
    if not any(page.has_text for page in pages):
        if any(page.has_images for page in pages):
            raise UnreadableInputError(
                f"「{name}」是扫描件（图片）PDF，无法读取文字，需要人工录入或 OCR。",
                code="report.scanned_pdf",
                name=name,
                message_en=f"{name} is a scanned (image-only) PDF: its text cannot be read; type it in or OCR it.",
            )
        raise UnreadableInputError(
            f"PDF文件「{name}」中没有可提取的文字（可能是扫描件），无法读取。",
            code="report.unreadable.pdf_no_text",
            name=name,
            message_en=f"PDF {name} has no text layer (scanned?).",
        )
    _drop_furniture(pages)
    _rejoin_wrapped_lines(pages)
    return Document(_join_pages(pages))


# ── characters and ruling lines from PDFium ──────────────────────────────────────────────────

#: ``GONGKAI_PDF_FASTPATH=0`` turns the PDFium fast path off: pdfminer (pdfplumber) parses every page.
FASTPATH_ENV = "GONGKAI_PDF_FASTPATH"


def _fast_path_enabled() -> bool:
    return os.environ.get(FASTPATH_ENV, "1").strip().lower() not in ("0", "false", "no", "off")


def _pdfium_objects(data: bytes, plumber_pages: list[PlumberPage]) -> list[dict[str, list[_Object]] | None]:
    """Each page's characters, ruling lines and images as pdfplumber's object dicts, read by PDFium.

    pdfminer interprets content streams in pure Python (80 % of the reading time); PDFium does it
    in C. The dicts carry what pdfplumber's table finder and word extractor use: a character's box
    is pdfminer's (see ``_chars``), every axis-parallel path segment is a line (a rectangle gives
    its four sides, as pdfplumber's own rect edges). A page PDFium cannot give plainly (rotated,
    offset media box, form XObjects, unreadable, or characters the fast path cannot vouch for:
    ``_vouch``) gets ``None``: pdfplumber parses that page itself.
    """
    if not _fast_path_enabled():
        return [None] * len(plumber_pages)
    try:
        import pypdfium2 as pdfium
    except ImportError:  # pragma: no cover - pypdfium2 comes with pdfplumber
        return [None] * len(plumber_pages)
    try:
        document = pdfium.PdfDocument(data)
    except Exception:  # noqa: BLE001 - pdfplumber reports the damage in its own words
        return [None] * len(plumber_pages)
    try:
        if len(document) != len(plumber_pages):
            return [None] * len(plumber_pages)
        return [_page_objects(document[n], page) for n, page in enumerate(plumber_pages)]
    finally:
        document.close()


def _page_objects(page: _Pdfium, plumber_page: PlumberPage) -> dict[str, list[_Object]] | None:
    import pypdfium2.raw as pdfium_c

    try:
        width, height = page.get_size()
        if (
            page.get_rotation()
            or tuple(page.get_mediabox()[:2]) != (0, 0)
            or abs(width - float(plumber_page.width)) > 0.01
            or abs(height - float(plumber_page.height)) > 0.01
        ):
            return None
        number, doctop = plumber_page.page_number, float(plumber_page.initial_doctop)
        lines: list[_Object] = []
        images: list[_Object] = []
        for obj in page.get_objects(max_depth=0):
            if obj.type == pdfium_c.FPDF_PAGEOBJ_FORM:
                return None  # nested content with its own matrix: leave it to pdfplumber
            if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                x0, y0, x1, y1 = obj.get_bounds()
                images.append(_box("image", number, doctop, height, x0, y0, x1, y1))
            elif obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
                lines += _path_lines(obj, pdfium_c, number, doctop, height)
        chars, loose = _chars(
            page, pdfium_c, number, doctop, height, _Fonts(pdfium_c, _miner_fonts(plumber_page))
        )
        if not _vouch(chars, loose, height):
            return None
    except Exception:  # noqa: BLE001 - anything odd: pdfplumber reads the page the slow way
        return None
    return {"char": chars, "line": lines, "rect": [], "curve": [], "image": images}


class _NotPlain(Exception):
    """A page the PDFium fast path does not describe faithfully."""


def _box(
    kind: str, number: int, doctop: float, height: float, x0: float, y0: float, x1: float, y1: float
) -> _Object:
    top, bottom = height - y1, height - y0
    return {
        "object_type": kind,
        "page_number": number,
        "x0": x0,
        "x1": x1,
        "y0": y0,
        "y1": y1,
        "top": top,
        "bottom": bottom,
        "doctop": doctop + top,
        "width": x1 - x0,
        "height": bottom - top,
    }


def _path_lines(obj: _Pdfium, pdfium_c: _Pdfium, number: int, doctop: float, height: float) -> list[_Object]:
    import ctypes

    a, b, c, d, e, f = obj.get_matrix().get()
    x, y = ctypes.c_float(), ctypes.c_float()
    previous: tuple[float, float] | None = None
    start: tuple[float, float] | None = None  # of the current subpath, where a close returns to
    lines = []
    for n in range(pdfium_c.FPDFPath_CountSegments(obj.raw)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj.raw, n)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO or previous is None:
            start = point
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO:
            lines.append((previous, point))
        previous = point
        if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
            lines.append((point, start))
    result = []
    for (xa, ya), (xb, yb) in lines:
        if abs(ya - yb) < 0.01 or abs(xa - xb) < 0.01:  # ruling lines are horizontal or vertical
            line = _box("line", number, doctop, height, min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb))
            if abs(ya - yb) < 0.01:
                line["bottom"] = line["top"]  # exactly horizontal, as pdfplumber's line_to_edge expects
                line["height"] = 0
            result.append(line)
    return result


@dataclass(frozen=True, slots=True)
class _MinerFont:
    """What pdfminer takes from a font for a character's box besides the widths: the descent."""

    descent: float  # below the baseline, per unit of font size (negative)
    fontname: str


def _miner_fonts(plumber_page: PlumberPage) -> dict[bytes, _MinerFont | None]:
    """The page's fonts by ``BaseFont``, with the descent and name pdfminer gives them.

    Only the font dictionaries are read (no content stream, no ToUnicode map), the way pdfminer's
    font classes read them. ``None`` marks a font the fast path cannot vouch for: a Type 3 font
    (its own FontMatrix scales the glyphs), a vertical one, one whose widths pdfminer takes from
    elsewhere than PDFium, or two different fonts of one name.
    """
    from pdfminer.pdftypes import dict_value

    resources = dict_value(plumber_page.page_obj.resources)
    fonts: dict[bytes, _MinerFont | None] = {}
    for ref in dict_value(resources.get("Font", {})).values():
        spec = dict_value(ref)
        name = _name_bytes(spec.get("BaseFont"))
        try:
            entry = _miner_font(spec)
        except Exception:  # noqa: BLE001 - a font dictionary pdfminer would read its own way
            entry = None
        fonts[name] = entry if fonts.get(name, entry) == entry else None
    return fonts


def _name_bytes(value: object) -> bytes:
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSLiteral

    value = resolve1(value)
    if not isinstance(value, PSLiteral):
        return b""
    return value.name.encode("utf-8") if isinstance(value.name, str) else bytes(value.name)


def _miner_font(spec: dict[Any, Any]) -> _MinerFont | None:
    """pdfminer's descent for the font ``spec`` (``PDFType1Font``, ``PDFTrueTypeFont``, ``PDFCIDFont``)."""
    from pdfminer.fontmetrics import FONT_METRICS
    from pdfminer.pdffont import PDFCIDFont
    from pdfminer.pdftypes import dict_value, list_value, num_value, resolve1
    from pdfminer.psparser import PSLiteral, literal_name

    subtype = literal_name(resolve1(spec.get("Subtype", "Type1")))
    if subtype == "Type0":
        descendant = dict_value(list_value(spec["DescendantFonts"])[0]).copy()
        if "Encoding" in spec:
            descendant["Encoding"] = resolve1(spec["Encoding"])
        spec, subtype = descendant, "CIDFontType0"
    if subtype in ("CIDFontType0", "CIDFontType2"):
        if PDFCIDFont._get_cmap_name(spec, False).endswith("V"):
            return None  # vertical writing: pdfminer's boxes run down the column
        descriptor = dict_value(spec.get("FontDescriptor", {}))
    elif subtype == "Type3":
        return None
    else:  # pdfminer reads every other subtype as Type 1
        basefont = literal_name(spec["BaseFont"]) if "BaseFont" in spec else "unknown"
        if basefont in FONT_METRICS:
            if "Widths" in spec:
                return None  # pdfminer takes its own metrics of the name, PDFium the PDF's widths
            descriptor = FONT_METRICS[basefont][0]
        elif "Widths" not in spec:
            return None  # pdfminer takes every width as 0, PDFium the font program's
        else:
            descriptor = dict_value(spec.get("FontDescriptor", {}))
    descent = num_value(descriptor.get("Descent", 0))
    name = resolve1(descriptor.get("FontName", "unknown"))
    return _MinerFont(-abs(descent) * 0.001, literal_name(name) if isinstance(name, PSLiteral) else str(name))


class _Fonts:
    """PDFium's fonts of one page matched to pdfminer's, and their advance widths."""

    def __init__(self, pdfium_c: _Pdfium, miner: dict[bytes, _MinerFont | None]) -> None:
        self.pdfium_c = pdfium_c
        self.miner = miner
        entries = set(miner.values())
        #: The one font every font of the page reads as, for a name that PDFium spells otherwise.
        self.shared = entries.pop() if len(entries) == 1 else None
        self.by_address: dict[int, tuple[object, _MinerFont]] = {}
        self.widths: dict[tuple[int, int], float] = {}

    def font(self, handle: _Pdfium) -> tuple[int, _MinerFont]:
        import ctypes

        address = ctypes.addressof(handle.contents)  # a null handle raises ValueError: no fast path
        known = self.by_address.get(address)
        if known is None:
            length = self.pdfium_c.FPDFFont_GetBaseFontName(handle, None, 0)
            buffer = ctypes.create_string_buffer(max(length, 1))
            self.pdfium_c.FPDFFont_GetBaseFontName(handle, buffer, length)
            font = self.miner.get(buffer.value, self.shared)
            if font is None:
                raise _NotPlain  # a font pdfminer would not find by that name, or would treat otherwise
            known = self.by_address[address] = (handle, font)
        return address, known[1]

    def width(self, address: int, code: int) -> float:
        """The advance of the glyph PDFium reads as ``code``, per unit of font size (from W or Widths)."""
        import ctypes

        width = self.widths.get((address, code))
        if width is None:
            value = ctypes.c_float()
            if not self.pdfium_c.FPDFFont_GetGlyphWidth(self.by_address[address][0], code, 1.0, value):
                raise _NotPlain
            width = self.widths[address, code] = value.value
        return width


def _chars(
    page: _Pdfium,
    pdfium_c: _Pdfium,
    number: int,
    doctop: float,
    height: float,
    fonts: _Fonts,
) -> tuple[list[_Object], list[float]]:
    """The page's characters with pdfminer's boxes, computed from what PDFium knows of each glyph.

    pdfminer's box of an upright character runs from its origin to its advance, and from the
    font's descent up by the font size — both in text space, so scaled by the text rendering
    matrix (``Tm`` times the CTM, with the horizontal scaling): ``/F1 1 Tf`` under
    ``16 0 0 16 x y Tm`` prints 16 pt glyphs, and so does ``/F1 319 Tf`` under ``0.05 0 0 0.05 x y Tm``
    or a ``cm`` scaling. So the box is the ``Tf`` size times the matrix's scale, never the bare
    ``Tf`` size PDFium reports; the descent is pdfminer's (``_miner_fonts``), the advance the
    font's width, checked against PDFium's loose box (which ends at the advance, or at the glyph's
    ink where that overhangs it). A character whose matrix is skewed, mirrored or turned (rotated
    text: pdfplumber knows "upright"), whose font pdfminer would treat otherwise, or whose advance
    disagrees raises ``_NotPlain``: pdfplumber reads the page. Alongside the characters: the
    heights of PDFium's loose boxes, for ``_vouch``.
    """
    import ctypes

    is_generated, unicode_of = pdfium_c.FPDFText_IsGenerated, pdfium_c.FPDFText_GetUnicode
    origin_of, loose_box, ink_box = (
        pdfium_c.FPDFText_GetCharOrigin,
        pdfium_c.FPDFText_GetLooseCharBox,
        pdfium_c.FPDFText_GetCharBox,
    )
    text_object, addressof = pdfium_c.FPDFText_GetTextObject, ctypes.addressof
    #: Per text object (one Tf, one matrix, one font): a, d, the Tf size, the font and its address.
    runs: dict[int, tuple[float, float, float, _MinerFont, int]] = {}
    textpage = page.get_textpage()
    try:
        chars, looses = [], []
        raw = textpage.raw
        loose = pdfium_c.FS_RECTF()
        ox, oy = ctypes.c_double(), ctypes.c_double()
        ink = [ctypes.c_double() for _ in range(4)]  # left, right, bottom, top
        for index in range(textpage.count_chars()):
            if is_generated(raw, index) == 1:
                continue  # spaces and line ends PDFium infers; pdfminer has none
            code = unicode_of(raw, index)
            if code in (0xFFFE, 0xFFFF) or code in (10, 13):
                continue
            if code == 0 or not origin_of(raw, index, ox, oy) or not loose_box(raw, index, loose):
                raise _NotPlain  # no text (pdfminer prints "(cid:…)"), or no geometry
            obj = text_object(raw, index)
            run = runs.get(addressof(obj.contents))  # a null object raises ValueError: no fast path
            if run is None:
                run = runs[addressof(obj.contents)] = _run(pdfium_c, raw, index, obj, fonts)
            a, d, tf, font, address = run
            size = tf * d  # the printed height: the Tf size times the text rendering matrix's scale
            x0, bottom = ox.value, oy.value + font.descent * size  # the origin carries the text rise
            width = fonts.widths.get((address, code))
            x1 = x0 + (fonts.width(address, code) if width is None else width) * tf * a
            if abs(loose.right - x1) > 0.01 + 1e-3 * size and (
                not ink_box(raw, index, *ink) or loose.right > ink[1].value + 1e-3
            ):
                raise _NotPlain  # the loose box ends at the advance, not at the ink: the width is wrong
            char = _box("char", number, doctop, height, x0, bottom, x1, bottom + size)
            char.update(text=chr(code), size=size, upright=True, fontname=font.fontname, adv=(x1 - x0) / a)
            chars.append(char)
            looses.append(loose.top - loose.bottom)
        return chars, looses
    finally:
        textpage.close()


def _run(
    pdfium_c: _Pdfium, raw: _Pdfium, index: int, obj: _Pdfium, fonts: _Fonts
) -> tuple[float, float, float, _MinerFont, int]:
    """A text object's horizontal and vertical scale, its ``Tf`` size and its font."""
    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFText_GetMatrix(raw, index, matrix):
        raise _NotPlain
    a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
    if a <= 0 or d <= 0 or abs(b) > 1e-4 * a or abs(c) > 1e-4 * d:
        raise _NotPlain  # skewed, mirrored or turned: pdfminer's box is the matrix's envelope
    address, font = fonts.font(pdfium_c.FPDFTextObj_GetFont(obj))
    return a, d, pdfium_c.FPDFText_GetFontSize(raw, index), font, address


#: A glyph is not this many times wider than high, nor narrower (the bug this guards against:
#: ``/F1 319 Tf`` boxes 20 times the glyph height, 0.05 of it wide).
_ASPECT = (0.08, 4.0)
#: PDFium's own loose box (the font's ascent to descent, as PDFium places the glyph) spans this
#: much of the computed height: 1 (normalised) to about 1.5 for real fonts.
_LOOSE = (0.6, 2.2)
#: Nor is a glyph this many times higher or lower than the page's median one.
_SPREAD = 10.0


def _vouch(chars: list[_Object], loose: list[float], page_height: float) -> bool:
    """Whether the characters' boxes can be trusted to be pdfminer's; else pdfminer parses the page.

    Each height is checked against the character's advance width, against PDFium's loose box
    (PDFium's own placement of the font's ascent-to-descent span) and against the page's other
    characters: a height taken from the ``Tf`` size of a scaled text matrix fails all three.
    """
    heights = []
    for char, loose_height in zip(chars, loose, strict=True):
        size = char["size"]
        if not 0.5 <= size <= page_height / 4 or not _LOOSE[0] * size <= loose_height <= _LOOSE[1] * size:
            return False
        width = char["x1"] - char["x0"]
        if width > 0 and not char["text"].isspace() and not _ASPECT[0] * size <= width <= _ASPECT[1] * size:
            return False
        heights.append(size)
    if heights:
        median = sorted(heights)[len(heights) // 2]
        if max(heights) > _SPREAD * median or min(heights) * _SPREAD < median:
            return False
    return True


# ── one page ──────────────────────────────────────────────────────────────────────────────────


@dataclass
class _Placed:
    top: float
    block: Block
    #: Left and right edges of a table (to recognise its continuation on the next page).
    edges: tuple[float, float] | None = None
    header_rows: int = 0
    furniture_key: str | None = None
    #: For a line of running text: its left and right ends and its height (to rejoin wrapped lines).
    line: tuple[float, float, float] | None = None


@dataclass
class _Page:
    height: float
    placed: list[_Placed] = field(default_factory=list)
    has_text: bool = False
    has_images: bool = False


def _read_page(page: PlumberPage) -> _Page:
    result = _Page(float(page.height), has_text=bool(page.chars), has_images=bool(page.images))
    if not result.has_text:
        return result
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]
    for table in tables:
        rows = _ruled_rows(table)
        if rows:
            result.placed.append(
                _Placed(table.bbox[1], Table(rows), (table.bbox[0], table.bbox[2]), _header_rows(rows))
            )
    words = [
        w for w in page.extract_words(keep_blank_chars=False, use_text_flow=False) if not _inside(w, boxes)
    ]
    result.placed += _text_blocks(words, result.height)
    result.placed.sort(key=lambda p: p.top)
    return result


def _inside(word: _Object, boxes: list[tuple[float, float, float, float]]) -> bool:
    middle = (word["top"] + word["bottom"]) / 2
    centre = (word["x0"] + word["x1"]) / 2
    return any(
        x0 - 1 <= centre <= x1 + 1 and top - 1 <= middle <= bottom + 1 for x0, top, x1, bottom in boxes
    )


def _ruled_rows(table: PlumberTable) -> list[list[Cell]]:
    texts = table.extract()
    tops = sorted({round(row.bbox[1], 1) for row in table.rows})
    lefts = sorted({round(column.bbox[0], 1) for column in table.columns})
    rows: list[list[Cell]] = []
    for row, row_texts in zip(table.rows, texts, strict=True):
        cells = []
        for box, text in zip(row.cells, row_texts, strict=True):
            if box is None:
                continue  # covered by a merged cell that starts above or to the left
            x0, top, x1, bottom = box
            rowspan = sum(1 for t in tops if top - 0.5 <= t < bottom - 0.5) or 1
            colspan = sum(1 for left in lefts if x0 - 0.5 <= left < x1 - 0.5) or 1
            cells.append(Cell(_cell_text(text or ""), rowspan, colspan))
        if cells:
            rows.append(cells)
    return rows


def _header_rows(rows: list[list[Cell]]) -> int:
    """Leading rows without a single figure: what a printer repeats on every page."""
    count = 0
    for row in rows:
        if any(c.text and looks_numeric(c.text) for c in row):
            break
        count += 1
    return count


def _cell_text(text: str) -> str:
    # Cell text wraps inside narrow cells ("商业\n企业"): join Chinese without spaces.
    if re.search(r"[A-Za-z]", text):
        return re.sub(r"\s+", " ", text).strip()
    return re.sub(r"\s+", "", text)


# ── text outside ruled tables: lines, segments, unruled tables ────────────────────────────────


@dataclass
class _Segment:
    text: str
    x0: float
    x1: float


@dataclass
class _Line:
    top: float
    bottom: float
    segments: list[_Segment]

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments)


def _lines(words: list[_Object]) -> list[_Line]:
    lines: list[list[_Object]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - word["top"]) <= 2.5:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [
        _Line(min(w["top"] for w in group), max(w["bottom"] for w in group), _segments(group))
        for group in lines
    ]


def _segments(words: list[_Object]) -> list[_Segment]:
    words = sorted(words, key=lambda w: w["x0"])
    segments: list[_Segment] = []
    for word in words:
        size = max(word["bottom"] - word["top"], 1.0)
        if segments and word["x0"] - segments[-1].x1 < _CELL_GAP * size:
            last = segments[-1]
            joiner = (
                " "
                if re.search(r"[A-Za-z0-9]$", last.text) and re.match(r"[A-Za-z0-9]", word["text"])
                else ""
            )
            segments[-1] = _Segment(last.text + joiner + word["text"], last.x0, word["x1"])
        else:
            segments.append(_Segment(word["text"], word["x0"], word["x1"]))
    return segments


def _text_blocks(words: list[_Object], height: float) -> list[_Placed]:
    placed: list[_Placed] = []
    run: list[_Line] = []

    def close_run() -> None:
        if run:
            placed.append(_unruled_table(run))
            run.clear()

    for line in _join_wrapped_cells(_lines(words), height):
        in_margin = line.top < height * _MARGIN or line.bottom > height * (1 - _MARGIN)
        if len(line.segments) >= 2 and not in_margin:
            run.append(line)
            continue
        close_run()
        key = _furniture_key(line.text, line.top) if in_margin else None
        segment = line.segments[0]
        placed.append(
            _Placed(
                line.top,
                Paragraph(line.text.strip()),
                furniture_key=key,
                line=(segment.x0, segment.x1, line.bottom - line.top),
            )
        )
    close_run()
    return placed


def _rejoin_wrapped_lines(pages: list[_Page]) -> None:
    """A paragraph the PDF wrapped over several lines becomes one paragraph again.

    A line continues the one before when that one ran to the right edge of the text and this one
    starts at the left edge without the first-line indent that opens a paragraph (also across a
    page break), unless it ends a sentence. Headings and short last lines do not reach the edge.
    """
    spans = [p.line for page in pages for p in page.placed if p.line is not None and p.furniture_key is None]
    if not spans:
        return
    left, right = min(s[0] for s in spans), max(s[1] for s in spans)
    previous: _Placed | None = None
    for page in pages:
        kept: list[_Placed] = []
        for placed in page.placed:
            if (
                previous is not None
                and placed.line is not None
                and previous.line is not None
                and placed.furniture_key is None
                and _wraps_into(previous.line, placed.line, left, right)
                and not _ends_sentence(previous.block)
                and not _opens_section(placed.block)
            ):
                assert isinstance(previous.block, Paragraph) and isinstance(placed.block, Paragraph)
                previous.block = Paragraph(_join_text(previous.block.text, placed.block.text))
                previous.line = (previous.line[0], placed.line[1], placed.line[2])
                continue
            kept.append(placed)
            previous = placed if placed.furniture_key is None else previous
        page.placed = kept


def _wraps_into(
    upper: tuple[float, float, float], lower: tuple[float, float, float], left: float, right: float
) -> bool:
    # A wrapped CJK line may stop up to two characters short of the edge: a character goes down
    # with the punctuation that may not open a line ("规" of "规范、"). (The PDFium fast path once
    # took WeasyPrint's 14 px font size for 10.5 pt glyphs, and 1.5 of those made the two.)
    size = max(upper[2], lower[2], 1.0)
    return upper[1] >= right - 2.0 * size and lower[0] <= left + 0.5 * size


#: "一、总体情况", "（二）…", "2. …": a numbered heading never continues the line above it, however
#: far right that line ran (in a short report the title itself may reach the widest line's end).
_SECTION_START = re.compile(
    r"^\s*([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．])"
)


def _opens_section(block: Block) -> bool:
    return isinstance(block, Paragraph) and _SECTION_START.match(block.text) is not None


def _ends_sentence(block: Block) -> bool:
    # A line ending a sentence may be a whole paragraph that happens to fill the line: keep it apart.
    return isinstance(block, Paragraph) and block.text.rstrip().endswith(
        ("。", "！", "？", "：", "；", "”", "）", ")")
    )


def _join_text(first: str, second: str) -> str:
    latin = re.search(r"[A-Za-z0-9,.;:]$", first) and re.match(r"[A-Za-z0-9]", second)
    return first + (" " if latin else "") + second


def _join_wrapped_cells(lines: list[_Line], height: float) -> list[_Line]:
    """A lone segment tight above or below a table row is the wrapped rest of one of its cells.

    Long row labels wrap inside their column ("2.没有现成信息需要另" / "行制作"); the figures sit on the
    first line (top-aligned) or on the last (centred). The wrapped part joins the cell it lies under.
    """
    joined: list[_Line] = []
    n = 0
    while n < len(lines):
        line = lines[n]
        if len(line.segments) == 1 and height * _MARGIN < line.top < height * (1 - _MARGIN):
            segment = line.segments[0]
            above = joined[-1] if joined else None
            below = lines[n + 1] if n + 1 < len(lines) else None
            if above is not None and len(above.segments) >= 2 and _tight(above, line):
                target = _overlapping(segment, above.segments)
                if target is not None:
                    above.segments[target] = _merge(above.segments[target], segment)
                    above.bottom = line.bottom
                    n += 1
                    continue
            if below is not None and len(below.segments) >= 2 and _tight(line, below):
                target = _overlapping(segment, below.segments)
                if target is not None:
                    below.segments[target] = _merge(segment, below.segments[target])
                    below.top = line.top
                    n += 1
                    continue
        joined.append(line)
        n += 1
    return joined


def _tight(upper: _Line, lower: _Line) -> bool:
    return lower.top - upper.bottom < 0.5 * (lower.bottom - lower.top)


def _overlapping(segment: _Segment, segments: list[_Segment]) -> int | None:
    for n, other in enumerate(segments):
        if min(segment.x1, other.x1) - max(segment.x0, other.x0) > 0:
            return n
    return None


def _merge(first: _Segment, second: _Segment) -> _Segment:
    return _Segment(first.text + second.text, min(first.x0, second.x0), max(first.x1, second.x1))


def _unruled_table(lines: list[_Line]) -> _Placed:
    if len(lines) == 1 and not any(looks_numeric(s.text) for s in lines[0].segments):
        # A single line with a wide gap and no figures is prose laid out with spaces, not a table.
        return _Placed(lines[0].top, Paragraph(lines[0].text))
    columns = _columns(lines)
    rows = []
    for line in lines:
        slots: list[list[str]] = [[] for _ in columns]
        for segment in line.segments:
            slots[_best_column(segment, columns)].append(segment.text)
        cells: list[Cell] = []
        for slot in slots:
            cells.extend(Cell(text) for text in slot or [""])
        rows.append(cells)
    left = min(s.x0 for line in lines for s in line.segments)
    right = max(s.x1 for line in lines for s in line.segments)
    return _Placed(lines[0].top, Table(rows), (left, right), _header_rows(rows))


def _columns(lines: list[_Line]) -> list[tuple[float, float]]:
    """Column x-ranges: figures, the first cell of rows with figures, and every cell of the fullest row."""
    fullest = max(len(line.segments) for line in lines)
    chosen: list[_Segment] = []
    for line in lines:
        numeric = [s for s in line.segments if looks_numeric(s.text)]
        if len(line.segments) == fullest:
            chosen += line.segments
        elif numeric:
            chosen += numeric + [line.segments[0]]
    intervals: list[list[float]] = []
    for segment in sorted(chosen, key=lambda s: s.x0):
        if intervals and segment.x0 <= intervals[-1][1] + 0.5:
            intervals[-1][1] = max(intervals[-1][1], segment.x1)
        else:
            intervals.append([segment.x0, segment.x1])
    return [(a, b) for a, b in intervals]


def _best_column(segment: _Segment, columns: list[tuple[float, float]]) -> int:
    def overlap(column: tuple[float, float]) -> float:
        return min(segment.x1, column[1]) - max(segment.x0, column[0])

    best = max(range(len(columns)), key=lambda n: overlap(columns[n]))
    if overlap(columns[best]) > 0:
        return best
    centre = (segment.x0 + segment.x1) / 2
    return min(range(len(columns)), key=lambda n: abs((columns[n][0] + columns[n][1]) / 2 - centre))


# ── across pages: furniture and tables that continue ──────────────────────────────────────────


def _furniture_key(text: str, top: float) -> str:
    compact = re.sub(r"\s+", "", text)
    if _PAGE_NUMBER.match(compact):
        return "#page-number"
    # Running headers repeat at the same height; "第3页"/"第4页" of one footer share a key.
    return f"{round(top / 4)}:{re.sub(r'[0-9]+', '#', compact)}"


def _drop_furniture(pages: list[_Page]) -> None:
    """Page numbers in the margins always; other margin lines when they repeat on several pages."""
    seen = Counter(key for page in pages for key in {p.furniture_key for p in page.placed if p.furniture_key})
    for page in pages:
        page.placed = [
            p
            for p in page.placed
            if p.furniture_key is None
            or (p.furniture_key != "#page-number" and (seen[p.furniture_key] < 2 or len(pages) < 2))
        ]


def _join_pages(pages: list[_Page]) -> Iterable[Block]:
    previous: _Placed | None = None
    for page in pages:
        for n, placed in enumerate(page.placed):
            continues = (
                n == 0
                and previous is not None
                and isinstance(previous.block, Table)
                and isinstance(placed.block, Table)
                and _same_edges(previous, placed)
            )
            if continues:
                assert previous is not None and isinstance(previous.block, Table)
                previous.block = Table((*previous.block.rows, *_without_repeated_header(previous, placed)))
                continue
            if previous is not None:
                yield previous.block
            previous = placed
    if previous is not None:
        yield previous.block


def _same_edges(a: _Placed, b: _Placed) -> bool:
    if a.edges is None or b.edges is None:
        return False
    return abs(a.edges[0] - b.edges[0]) <= _EDGE_TOLERANCE and abs(a.edges[1] - b.edges[1]) <= _EDGE_TOLERANCE


def _without_repeated_header(first: _Placed, continuation: _Placed) -> tuple[tuple[Cell, ...], ...]:
    assert isinstance(first.block, Table) and isinstance(continuation.block, Table)
    rows = continuation.block.rows
    header = [tuple(c.text for c in row) for row in first.block.rows[: first.header_rows]]
    repeated = 0
    while (
        repeated < len(header)
        and repeated < len(rows)
        and tuple(c.text for c in rows[repeated]) == header[repeated]
    ):
        repeated += 1
    if repeated == 0 and continuation.header_rows and first.header_rows:
        # Header cells wrapped differently on the new page: compare the words, not the cell splits.
        head_text = "".join(t for row in header for t in row)
        cont_text = "".join(c.text for row in rows[: continuation.header_rows] for c in row)
        if head_text == cont_text:
            repeated = continuation.header_rows
    return rows[repeated:]
