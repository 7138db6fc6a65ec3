"""Small PDFs whose text is drawn through odd font and text matrices, written object by object.

Real PDFs do not always say the font size they print at: a generator may set ``/F1 1 Tf`` and scale
the text with ``16 0 0 16 x y Tm``, or set ``/F1 319 Tf`` and shrink it with a ``0.05 0 0 0.05`` text
matrix or a ``cm`` scaling. The printed glyphs are the same size, but a reader that takes the
``Tf`` size for the glyph height draws boxes 20 times too tall (or too short). These files print a
title (12 pt), a table (10 pt, ruled or not) and a page footer "- 3 -" (9 pt) through such matrices;
in the variant "mixed" only the table is scaled, and "skewed_tm" slants the text.

``odd_matrix_pdf(rows, variant=…)`` returns the PDF bytes; ``VARIANTS`` names the variants. The text
is set in Noto Sans CJK SC (the Debian package fonts-noto-cjk), subset and converted to a
TrueType CIDFont (``Identity-H``, glyph ids as codes, a ``ToUnicode`` map), so any reader gets the
characters back. Every file is deterministic: the same rows and variant give the same bytes.
"""

from __future__ import annotations

import functools
import io
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # fontTools is imported only when a PDF is written
    from fontTools.ttLib import TTFont

TITLE = "政府信息公开申请情况"
FOOTER = "- 3 -"
PAGE_WIDTH, PAGE_HEIGHT = 595.0, 842.0
TITLE_SIZE, CELL_SIZE, FOOTER_SIZE = 12.0, 10.0, 9.0
_LEFT, _TOP, _ROW_HEIGHT, _TABLE_WIDTH = 60.0, 720.0, 24.0, 475.0
_FONT_PATHS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
)


@dataclass(frozen=True, slots=True)
class _Matrix:
    """How a variant prints text at size ``s``."""

    #: ``a 0 0 d e f cm`` around the drawing (page x = a·x + e, page y = d·y + f).
    ctm: tuple[float, float, float, float]
    #: printed size → (``Tf`` size, text matrix ``h 0 k v``: horizontal scale, vertical scale, slant).
    text: Callable[[float], tuple[float, float, float, float]]


_MATRICES: dict[str, _Matrix] = {
    # The ordinary way: the size in Tf, an identity text matrix.
    "plain": _Matrix((1, 1, 0, 0), lambda s: (s, 1, 1, 0)),
    # "/F1 1 Tf" and "s 0 0 s x y Tm": PDFium's font size is 1.
    "tiny_font_large_tm": _Matrix((1, 1, 0, 0), lambda s: (1, s, s, 0)),
    # "/F1 319 Tf" and "0.05 0 0 0.05 x y Tm": PDFium's font size is 20 times the glyph height.
    "large_font_small_tm": _Matrix((1, 1, 0, 0), lambda s: (20 * s, 0.05, 0.05, 0)),
    # The same shrinking done by the graphics state: "0.05 0 0 0.05 0 0 cm".
    "cm_scaled": _Matrix((0.05, 0.05, 0, 0), lambda s: (20 * s, 1, 1, 0)),
    # A tiny font blown up by "16 0 0 16 0 0 cm".
    "cm_upscaled": _Matrix((16, 16, 0, 0), lambda s: (s / 16, 1, 1, 0)),
    # "1 Tf" and a condensed text matrix "0.8s 0 0 s x y Tm": glyphs narrower than high.
    "condensed_tm": _Matrix((1, 1, 0, 0), lambda s: (1, 0.8 * s, s, 0)),
    # Browsers' way (WeasyPrint, Chromium): CSS pixels, y downwards, "0.75 0 0 -0.75 0 842 cm".
    "flipped_cm": _Matrix((0.75, -0.75, 0, PAGE_HEIGHT), lambda s: (s / 0.75, 1, -1, 0)),
    # A slanted text matrix "s 0 0.2s s x y Tm" (a fake italic): pdfminer's box is the slant's envelope.
    "skewed_tm": _Matrix((1, 1, 0, 0), lambda s: (1, s, s, 0.2 * s)),
}
#: The table is drawn through "large_font_small_tm" while title and footer are plain.
_MIXED = "mixed"
VARIANTS: tuple[str, ...] = (*_MATRICES, _MIXED)


def odd_matrix_pdf(rows: list[list[str]], *, variant: str, ruled: bool = True) -> bytes:
    """A one-page PDF: the title, ``rows`` as a table (ruled unless ``ruled`` is false), the footer."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}: one of {', '.join(VARIANTS)}")
    if not rows or not all(rows) or len({len(r) for r in rows}) != 1:
        raise ValueError("rows must be a non-empty rectangle of cell texts")
    texts = [TITLE, FOOTER, *(cell for row in rows for cell in row)]
    font = _font("".join(sorted(set("".join(texts)))))
    table = _MATRICES["large_font_small_tm" if variant == _MIXED else variant]
    frame = _MATRICES["plain" if variant == _MIXED else variant]
    columns = len(rows[0])
    width = _TABLE_WIDTH / columns
    bottom = _TOP - _ROW_HEIGHT * len(rows)
    body: list[str] = []
    if ruled:
        lines = [
            (_LEFT, _TOP - n * _ROW_HEIGHT, _LEFT + _TABLE_WIDTH, _TOP - n * _ROW_HEIGHT)
            for n in range(len(rows) + 1)
        ]
        lines += [(_LEFT + n * width, _TOP, _LEFT + n * width, bottom) for n in range(columns + 1)]
        body += _lines(table, lines)
    for r, row in enumerate(rows):
        baseline = _TOP - (r + 1) * _ROW_HEIGHT + 7
        body += [
            _text(table, font, cell, _LEFT + c * width + 4, baseline, CELL_SIZE)
            for c, cell in enumerate(row)
            if cell
        ]
    frame_parts = [
        _text(frame, font, TITLE, _LEFT, _TOP + 20, TITLE_SIZE),
        _text(frame, font, FOOTER, PAGE_WIDTH / 2 - 10, 30, FOOTER_SIZE),
    ]
    if table is frame:
        content = _wrap(table, [frame_parts[0], *body, frame_parts[1]])
    else:
        content = _wrap(frame, frame_parts[:1]) + _wrap(table, body) + _wrap(frame, frame_parts[1:])
    return _document(content.encode("ascii"), font)


# ── content streams ───────────────────────────────────────────────────────────────────────────


def _num(value: float) -> str:
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _user(matrix: _Matrix, x: float, y: float) -> tuple[float, float]:
    a, d, e, f = matrix.ctm
    return (x - e) / a, (y - f) / d


def _wrap(matrix: _Matrix, parts: Sequence[str]) -> str:
    a, d, e, f = matrix.ctm
    return f"q {_num(a)} 0 0 {_num(d)} {_num(e)} {_num(f)} cm\n" + "".join(parts) + "Q\n"


def _lines(matrix: _Matrix, lines: list[tuple[float, float, float, float]]) -> list[str]:
    width = 0.8 / abs(matrix.ctm[0])
    out = [f"{_num(width)} w 0 G\n"]
    for x0, y0, x1, y1 in lines:
        (ux0, uy0), (ux1, uy1) = _user(matrix, x0, y0), _user(matrix, x1, y1)
        out.append(f"{_num(ux0)} {_num(uy0)} m {_num(ux1)} {_num(uy1)} l S\n")
    return out


def _text(matrix: _Matrix, font: _Font, text: str, x: float, y: float, size: float) -> str:
    """``text`` with its origin at page point (x, y), printed ``size`` high (Tf × Tm × CTM)."""
    tf, h, v, k = matrix.text(size)
    ux, uy = _user(matrix, x, y)
    codes = "".join(f"{font.gids[ch]:04X}" for ch in text)
    return f"BT /F1 {_num(tf)} Tf {_num(h)} 0 {_num(k)} {_num(v)} {_num(ux)} {_num(uy)} Tm <{codes}> Tj ET\n"


# ── the font: Noto Sans CJK subset, as a TrueType CIDFont ──────────────────────────────────────


@dataclass(frozen=True, slots=True)
class _Font:
    data: bytes
    gids: dict[str, int]
    widths: dict[int, int]  # per glyph id, in thousandths of the em
    ascent: int
    descent: int
    bbox: tuple[int, int, int, int]


@functools.lru_cache(maxsize=16)
def _font(characters: str) -> _Font:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    path = next((p for p in _FONT_PATHS if Path(p).exists()), None)
    if path is None:
        raise RuntimeError("Noto CJK (the Debian package fonts-noto-cjk) is needed to write these PDFs")
    font = TTFont(path, fontNumber=_sc_index(path), lazy=True, recalcTimestamp=False)
    options = subset.Options()
    options.desubroutinize, options.hinting, options.notdef_outline = True, False, True
    options.layout_features, options.name_IDs, options.name_languages = [], [1, 2], [0x409]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    missing = [ch for ch in characters if ord(ch) not in font.getBestCmap()]
    if missing:
        raise ValueError(f"Noto CJK has no glyph for {''.join(missing)!r}")
    _to_truetype(font)
    order = font.getGlyphOrder()
    cmap = font.getBestCmap()
    gids = {ch: order.index(cmap[ord(ch)]) for ch in characters}
    scale = 1000 / font["head"].unitsPerEm
    widths = {gid: round(font["hmtx"][order[gid]][0] * scale) for gid in [0, *gids.values()]}
    head, hhea = font["head"], font["hhea"]
    buffer = io.BytesIO()
    font.save(buffer)
    return _Font(
        buffer.getvalue(),
        gids,
        widths,
        round(hhea.ascent * scale),
        round(hhea.descent * scale),
        tuple(round(v * scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax)),
    )


def _sc_index(path: str) -> int:
    from fontTools.ttLib import TTCollection

    collection = TTCollection(path, lazy=True)
    for n, font in enumerate(collection.fonts):
        if font["name"].getDebugName(1).endswith("CJK SC"):
            return n
    return 0


def _to_truetype(font: TTFont) -> None:
    """CFF outlines to quadratic ``glyf`` ones (fontTools' otf2ttf recipe): a plain FontFile2."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attribute in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, attribute, 1 if attribute == "maxZones" else 0)
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType, post.extraNames, post.mapping = 3.0, [], {}
    font.sfntVersion = "\x00\x01\x00\x00"


# ── the file ──────────────────────────────────────────────────────────────────────────────────


def _to_unicode(font: _Font) -> bytes:
    pairs = sorted((gid, ch) for ch, gid in font.gids.items())
    entries = "".join(f"<{gid:04X}> <{ord(ch):04X}>\n" for gid, ch in pairs)
    return (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"{len(pairs)} beginbfchar\n{entries}endbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end\n"
    ).encode("ascii")


def _stream(data: bytes, extra: str = "", *, compress: bool = True) -> bytes:
    if compress:
        data = zlib.compress(data, 9)
        extra += " /Filter /FlateDecode"
    return f"<< /Length {len(data)}{extra} >>\nstream\n".encode("ascii") + data + b"\nendstream"


def _document(content: bytes, font: _Font) -> bytes:
    widths = " ".join(f"{gid} [{width}]" for gid, width in sorted(font.widths.items()))
    bbox = " ".join(str(v) for v in font.bbox)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {_num(PAGE_WIDTH)} {_num(PAGE_HEIGHT)}] "
            "/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
        ).encode("ascii"),
        _stream(content),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /AAAAAA+NotoSansCJKsc-Regular /Encoding /Identity-H "
        b"/DescendantFonts [6 0 R] /ToUnicode 8 0 R >>",
        (
            f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /AAAAAA+NotoSansCJKsc-Regular "
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
            f"/FontDescriptor 7 0 R /DW 1000 /W [{widths}] /CIDToGIDMap /Identity >>"
        ).encode("ascii"),
        (
            f"<< /Type /FontDescriptor /FontName /AAAAAA+NotoSansCJKsc-Regular /Flags 4 /FontBBox [{bbox}] "
            f"/ItalicAngle 0 /Ascent {font.ascent} /Descent {font.descent} /CapHeight {font.ascent} "
            "/StemV 80 /FontFile2 9 0 R >>"
        ).encode("ascii"),
        _stream(_to_unicode(font)),
        _stream(font.data, f" /Length1 {len(font.data)}"),
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode("ascii") + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("ascii")
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode("ascii")
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode("ascii")
    return bytes(out)


__all__ = ["FOOTER", "TITLE", "VARIANTS", "odd_matrix_pdf"]
