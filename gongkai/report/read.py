"""``read_report``: any supported file (or bytes) in, an ``AnnualReport`` out.

The reader is chosen from the content, not the file name: ZIP packages by their parts (``word/`` →
DOCX, ``xl/`` → XLSX), ``%PDF`` → PDF (text layer only), an HTML start tag → HTML, a JSON object with ``"format"`` →
the platform's own JSON, anything else → plain text (UTF-8, else GB18030).

``read_report`` refuses a report with a cell that prints text where a figure belongs;
``read_reading`` keeps going and returns such cells with the report (see ``assemble.Reading``).
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol, TypeVar

from gongkai.errors import NotAnnualReportError, ReportError, UnreadableInputError
from gongkai.report.assemble import Reading, assemble, assemble_reading
from gongkai.report.document import Document, Line, Token
from gongkai.report.model import AnnualReport
from gongkai.report.readers.runon import crawler_header, is_run_on, read_run_on
from gongkai.report.readers.text import read_text

_HTML_START = re.compile(rb"<\s*(!doctype\s+html|html|table|body|head|meta|div|p)[\s>/]", re.I)


def read_report(path_or_bytes: str | Path | bytes, *, name: str | None = None) -> AnnualReport:
    """The report; raises ``ReportError`` (with a Chinese message naming the file) if it cannot be used."""
    return _read(path_or_bytes, name, assemble, _as_report)


def read_reading(path_or_bytes: str | Path | bytes, *, name: str | None = None) -> Reading:
    """Like :func:`read_report`, but cells printing text instead of a figure come back instead of refusing."""
    return _read(path_or_bytes, name, assemble_reading, Reading)


_Built = TypeVar("_Built", covariant=True)
_Result = TypeVar("_Result")


class _Build(Protocol[_Built]):
    """``assemble`` or ``assemble_reading``."""

    def __call__(
        self, document_or_stream: Document | Iterable[Token], *, source: str | None = None
    ) -> _Built: ...


def _as_report(report: AnnualReport) -> AnnualReport:
    return report


def _read(
    path_or_bytes: str | Path | bytes,
    name: str | None,
    build: _Build[_Result],
    from_json: Callable[[AnnualReport], _Result],
) -> _Result:
    """The file through ``build``; the platform's own JSON, already a report, through ``from_json``."""
    data, name = _load(path_or_bytes, name)
    kind = detect_kind(data)
    if kind == "json":
        return from_json(_read_json(data, name))
    if kind == "zip":
        raise _damaged_package(data, name)
    if kind == "pdf":
        from gongkai.report.readers.pdf import read_pdf

        return build(read_pdf(data, name=name), source=name)
    if kind == "docx":
        from gongkai.report.readers.docx import read_docx

        return build(read_docx(data, name=name), source=name)
    if kind == "xlsx":
        from gongkai.report.readers.xlsx import read_xlsx

        return build(read_xlsx(data, name=name), source=name)
    if kind == "html":
        from gongkai.report.readers.html import read_html

        return build(read_html(data, name=name), source=name)
    try:
        return build(text_tokens(decode_text(data, name=name)), source=name)
    except (NotAnnualReportError, UnreadableInputError) as exc:
        # Named .docx/.xlsx/.pdf but neither that nor a readable text: a damaged file, say so.
        package = _PACKAGE_KINDS.get(Path(name).suffix.lower())
        if package is None or exc.code not in ("report.not_annual_report", "report.unreadable.encoding"):
            raise
        raise _damaged(name, package) from exc


_PACKAGE_KINDS = {".docx": "Word", ".xlsx": "Excel", ".pdf": "PDF"}


def _damaged(name: str, kind: str) -> UnreadableInputError:
    return UnreadableInputError(
        f"「{name}」不是有效的{kind}文件（文件已损坏或不完整），无法打开。",
        code="report.unreadable.damaged",
        name=name,
        kind=kind,
        message_en=f"{name} is not a valid {kind} file (damaged or incomplete).",
    )


def _damaged_package(data: bytes, name: str) -> UnreadableInputError:
    """A ZIP file that is not a Word or Excel package, or a damaged one (cut off, overwritten)."""
    try:
        zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        kind = _PACKAGE_KINDS.get(Path(name).suffix.lower())
        return _damaged(name, kind if kind in ("Word", "Excel") else "Word或Excel")
    return UnreadableInputError(
        f"「{name}」是压缩包，既不是Word文件也不是Excel文件，无法作为年度报告读取。",
        code="report.unreadable.zip",
        name=name,
        message_en=f"{name} is a ZIP archive, neither a Word nor an Excel file.",
    )


def text_tokens(text: str) -> list[Token]:
    """Plain text: run-on crawler dumps rebuilt by ``readers.runon``, everything else line by line.

    A crawler's header block (``标题:`` … ``==== 正文 ====``) is not part of the report: only its title
    is kept, as the first line (the report's own title is often missing from the body).
    """
    if is_run_on(text):
        return read_run_on(text)
    fields, body = crawler_header(text)
    title = [Line(fields["标题"])] if fields.get("标题") else []
    return [*title, *read_text(body)]


def detect_kind(data: bytes) -> str:
    """One of ``docx``, ``xlsx``, ``zip``, ``pdf``, ``html``, ``json``, ``text``."""
    if data.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            return "zip"
        if any(n.startswith("word/") for n in names):
            return "docx"
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
        return "zip"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"{") and b'"format"' in data:
        return "json"
    if _HTML_START.search(head[:1024]) and head.startswith(b"<"):
        return "html"
    if re.search(rb"<\s*(html|table)[\s>]", data[:4096], re.I):
        return "html"
    return "text"


def decode_text(data: bytes, *, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableInputError(
        f"无法识别「{name}」的文字编码（既不是UTF-8也不是GBK）。",
        code="report.unreadable.encoding",
        name=name,
        message_en=f"Cannot decode {name}: neither UTF-8 nor GBK.",
    )


def _load(path_or_bytes: str | Path | bytes, name: str | None) -> tuple[bytes, str]:
    if isinstance(path_or_bytes, bytes | bytearray):
        return bytes(path_or_bytes), name or "输入内容"
    path = Path(path_or_bytes)
    label = name or str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise UnreadableInputError(
            f"找不到文件「{label}」。",
            code="report.unreadable.missing",
            name=label,
            message_en=f"File not found: {label}",
        ) from exc
    except OSError as exc:
        raise UnreadableInputError(
            f"无法读取文件「{label}」：{exc.strerror or exc}",
            code="report.unreadable.io",
            name=label,
            message_en=f"Cannot read {label}: {exc}",
        ) from exc
    if not data.strip():
        raise UnreadableInputError(
            f"文件「{label}」是空的。",
            code="report.unreadable.empty",
            name=label,
            message_en=f"File {label} is empty.",
        )
    return data, label


def _read_json(data: bytes, name: str) -> AnnualReport:
    try:
        document = json.loads(decode_text(data, name=name))
    except json.JSONDecodeError as exc:
        raise UnreadableInputError(
            f"「{name}」不是有效的JSON：第{exc.lineno}行第{exc.colno}列有误。",
            code="report.unreadable.json",
            name=name,
            message_en=f"{name} is not valid JSON: {exc}",
        ) from exc
    try:
        from gongkai.report.render.json import report_from_dict
    except ImportError as exc:
        raise ReportError(
            f"暂不支持读取JSON格式的年度报告「{name}」。",
            code="report.json_unsupported",
            name=name,
            message_en="Reading JSON reports is not available yet.",
        ) from exc
    try:
        return report_from_dict(document)
    except ReportError:
        raise
    except (KeyError, TypeError, ValueError) as exc:
        raise ReportError(
            f"「{name}」不是本平台JSON格式的年度报告：{exc}",
            code="report.bad_json",
            name=name,
            message_en=f"{name} is not a report in the platform's JSON shape: {exc}",
        ) from exc
