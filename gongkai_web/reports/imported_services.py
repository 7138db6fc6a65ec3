"""``import_report``: an agency's published annual report file in, through the core's reader.

The reader (``gongkai.report.read.read_reading``) decides from the content what the file is; only
what agencies publish their reports as is taken (PDF, Word, Excel, a web page). A file that cannot be
read, is not an annual report, is of another year or of the pre-2019 format is refused with the
reader's Chinese message, and nothing is stored. A report that reads but breaks its identities is
stored with its findings: it is what the agency published (条例第五十条), shown as such."""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.errors import ReportError
from gongkai.report.assemble import Reading
from gongkai.report.read import detect_kind, read_reading
from gongkai.report.render.json import report_to_dict
from gongkai.report.validate import validate
from gongkai_web.agencies.models import Agency
from gongkai_web.audit.services import log
from gongkai_web.clocks import Clock, now, today

from .imported_errors import refuse
from .imported_models import ImportedReport

#: What agencies publish reports as (the reader also takes text and JSON, which are not publications).
ACCEPTED_KINDS = ("pdf", "docx", "xlsx", "html")
MAX_BYTES = 20 * 1024 * 1024
FIRST_YEAR = 2008  # the first 条例 took effect on 1 May 2008


def import_report(agency: Agency, year: int, file, *, actor, clock: Clock | None = None) -> ImportedReport:
    """Store ``file`` (an uploaded file: ``name`` and ``read()``) as ``agency``'s report for ``year``,
    replacing the current import (kept as history). Raises ``ReportsError``; nothing stored then."""
    name = (getattr(file, "name", "") or "").rsplit("/", 1)[-1] or _("the file")
    _check_year(year, clock)
    data = _content(file, name)
    kind = detect_kind(data)
    if kind not in ACCEPTED_KINDS:
        # A damaged Word/Excel/PDF file: the reader says so ("…已损坏或不完整") better than "not a PDF".
        if kind == "zip" or name.lower().endswith((".docx", ".xlsx", ".pdf")):
            _read(data, name)
        raise refuse(
            "file_kind",
            _(
                "%(name)s is not a PDF, Word, Excel or web-page file: upload the report as the agency published it."
            )
            % {"name": name},
            kind=kind,
        )
    reading = _read(data, name)
    _check_reading(reading, name, year)
    report = reading.report
    sha256 = hashlib.sha256(data).hexdigest()
    with transaction.atomic():
        current = (
            ImportedReport.objects.select_for_update()
            .filter(agency=agency, year=year, replaced_at=None)
            .first()
        )
        if current is not None and current.sha256 == sha256:
            raise refuse(
                "same_file",
                _("This file is already the imported report of %(agency)s for %(year)s.")
                % {"agency": agency.name, "year": year},
            )
        at = now(clock)
        if current is not None:
            current.replaced_at = at
            current.save(update_fields=["replaced_at"])
        imported = ImportedReport.objects.create(
            agency=agency,
            year=year,
            file=ContentFile(data, name=f"{agency.code}-{year}.{kind}"),
            file_name=name[:200],
            kind=kind,
            size=len(data),
            sha256=sha256,
            report=report_to_dict(report),
            findings=[f.as_dict() for f in validate(report)],
            unreadable={a: {"text": c.text, "place": c.place} for a, c in reading.unreadable.items()},
            uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
            uploaded_at=at,
        )
        log(
            imported,
            "reports.report_imported",
            actor=actor,
            data={
                "agency": agency.code,
                "year": year,
                "file_name": imported.file_name,
                "sha256": sha256,
                "replaced": current.pk if current is not None else None,
            },
            clock=clock,
        )
    return imported


def _check_year(year: int, clock: Clock | None) -> None:
    if not FIRST_YEAR <= year <= today(clock).year:
        raise refuse(
            "year", _("%(year)s is not a report year (from 2008 to this year).") % {"year": year}, year=year
        )


def _content(file, name: str) -> bytes:
    size = getattr(file, "size", None)
    if size is not None and size > MAX_BYTES:
        raise refuse("too_large", _("%(name)s is larger than 20 MB.") % {"name": name})
    data = file.read()
    if len(data) > MAX_BYTES:
        raise refuse("too_large", _("%(name)s is larger than 20 MB.") % {"name": name})
    if not data.strip():
        raise refuse("empty", _("%(name)s is empty.") % {"name": name})
    return bytes(data)


def _read(data: bytes, name: str) -> Reading:
    try:
        return read_reading(data, name=name)
    except ReportError as exc:  # the reader's own Chinese message names what is wrong
        raise refuse("unreadable", str(exc), reader_code=exc.code) from exc


def _check_reading(reading: Reading, name: str, year: int) -> None:
    if reading.pre_2019 is not None:
        raise refuse(
            "old_format",
            _(
                "%(name)s is a report in the format before 2019 (the 2008 Regulations): it has none of "
                "the current tables and cannot be summed with the other reports."
            )
            % {"name": name},
        )
    found = reading.tables_found or {}
    if not any(found.values()):
        raise refuse(
            "no_tables",
            _("No table of the annual report (tables 2, 3 or 4) was found in %(name)s.") % {"name": name},
        )
    stated = reading.report.year
    if stated is not None and stated != year:
        raise refuse(
            "wrong_year",
            _("%(name)s is the report for %(stated)s, not for %(year)s.")
            % {"name": name, "stated": stated, "year": year},
            stated=stated,
        )
