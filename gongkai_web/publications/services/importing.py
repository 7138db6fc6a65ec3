"""入库: import existing documents (published before the platform) from CSV or XLSX, with their files
from a ZIP. All or nothing, as the agency import (``gongkai_web.agencies.importing``): every row is
checked first, a single bad row stores nothing, and the errors name the row, the column and what to
do. Saving runs in one transaction.

Each document is stored as published, with one ``published`` event marked ``imported``, an 索引号 of its
agency's series and its 文号 in the stored form; the number sequences are raised to the imported
maxima, so that a later registration never takes an imported number. A repealed or expired document
gets its effect record: from the repealing document when it is in the library or the file, else with
the 文号 (or title) of the basis as written (``Effect.basis``, no source document) — the library does
not invent a document it does not hold."""

from __future__ import annotations

import contextlib
import hashlib
import mimetypes
import zipfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai_web.agencies.models import Agency
from gongkai_web.audit.services import log
from gongkai_web.clocks import Clock, today

from ..import_checks import check_file
from ..import_columns import DocumentImportError, Planned, RowError
from ..import_file_checks import number_key
from ..import_reading import read_rows
from ..models import (
    Document,
    DocumentEvent,
    DocumentFile,
    Effect,
    EffectKind,
    NumberSequence,
    Publicity,
    Stage,
)
from ..search_entries import index_documents
from .publishing import INDEX_SEQUENCE_PREFIX

Progress = Callable[[int, int], None]
#: How many errors a refused import lists (all of them are in the error's ``errors``).
SHOWN_ERRORS = 50
BATCH = 500


@dataclass
class ImportResult:
    documents: list[Document] = field(default_factory=list)
    effects: int = 0
    files: int = 0
    dry_run: bool = False
    rows: int = 0

    @property
    def total(self) -> int:
        return self.rows


def import_documents(
    path: Path,
    *,
    files: Path | None = None,
    actor=None,
    dry_run: bool = False,
    progress: Progress | None = None,
    clock: Clock | None = None,
) -> ImportResult:
    """Store the file's documents; all or nothing. ``files``: a ZIP holding the files the column 文件
    names. ``actor``: the staff member (only documents of agencies they work for); None from the
    command line. ``dry_run``: check only. ``progress(done, total)`` after each saved batch."""
    path = Path(path)
    rows = read_rows(path)[1]
    if not rows:
        raise DocumentImportError(
            _("There are no documents after the header."), code="publications.import_empty"
        )
    archive = _open_zip(files) if files else None
    try:
        names = _zip_names(archive) if archive else None
        errors, planned = check_file(
            rows, actor=actor, today=today(clock), file_names=set(names) if names is not None else None
        )
        if errors:
            raise _refusal(errors)
        if dry_run:
            return ImportResult(dry_run=True, rows=len(planned))
        with transaction.atomic():
            result = _save(path, planned, archive, names or {}, actor=actor, clock=clock, progress=progress)
            log(
                None,
                "publications.imported_file",
                actor=actor,
                actor_label="" if actor else "import_documents",
                clock=clock,
                data={"file": path.name, "documents": len(result.documents), "effects": result.effects},
            )
        return result
    finally:
        if archive is not None:
            archive.close()


def _save(path, planned: list[Planned], archive, names, *, actor, clock, progress) -> ImportResult:
    agencies = Agency.objects.in_bulk({p.agency_id for p in planned})
    index_serials = _take_index_serials(planned, agencies)
    result = ImportResult(rows=len(planned))
    by_row: dict[int, Document] = {}
    for start in range(0, len(planned), BATCH):
        batch = planned[start : start + BATCH]
        docs = Document.objects.bulk_create([_document(p, agencies, index_serials) for p in batch])
        for plan, doc in zip(batch, docs, strict=True):
            by_row[plan.row] = doc
        DocumentEvent.objects.bulk_create(
            [
                DocumentEvent(
                    document=doc,
                    kind="published",
                    on=plan.published_on,
                    data={
                        "imported": True,
                        "file": path.name,
                        "row": plan.row,
                        "index_number": doc.index_number,
                    },
                    actor=actor if getattr(actor, "is_authenticated", False) else None,
                )
                for plan, doc in zip(batch, docs, strict=True)
            ]
        )
        for plan, doc in zip(batch, docs, strict=True):
            log(
                doc,
                "publications.imported",
                actor=actor,
                actor_label="" if actor else "import_documents",
                clock=clock,
                data={"file": path.name, "row": plan.row, "number": doc.number},
            )
            if plan.file_name:
                _attach(doc, archive, names[plan.file_name], plan.file_name)
                result.files += 1
        result.documents += docs
        if progress is not None:
            progress(min(start + BATCH, len(planned)), len(planned))
    effects = [_effect(p, by_row, actor) for p in planned if p.ended_on is not None]
    Effect.objects.bulk_create(effects)
    result.effects = len(effects)
    index_documents(result.documents)  # findable by the public (search_entries), effects included
    _raise_number_sequences(planned)
    return result


def _document(plan: Planned, agencies: dict[int, Agency], index_serials: dict[int, str]) -> Document:
    number = plan.number
    return Document(
        agency=agencies[plan.agency_id],
        kind=plan.kind,
        title=plan.title,
        stage=Stage.PUBLISHED,
        issuer_code=number.issuer_code if number else "",
        number_year=(number.year or 0) if number else None,
        number_serial=number.serial if number else None,
        number=str(number) if number else "",
        index_number=index_serials[plan.row],
        formed_on=plan.formed_on,
        published_on=plan.published_on,
        effective_on=plan.effective_on,
        valid_until=plan.valid_until,
        topic=plan.topic,
        publicity=Publicity.PROACTIVE,
    )


def _effect(plan: Planned, by_row: dict[int, Document], actor) -> Effect:
    source = by_row.get(plan.ended_by_row) if plan.ended_by_row else None
    kind = EffectKind.REPEALS if plan.status == "repealed" else EffectKind.DECLARES_EXPIRED
    assert plan.ended_on is not None
    return Effect(
        source_id=plan.ended_by_pk if source is None else source.pk,
        basis="" if (source or plan.ended_by_pk) else plan.ended_by_text,
        target=by_row[plan.row],
        kind=kind,
        on=plan.ended_on,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )


def _take_index_serials(planned: list[Planned], agencies: dict[int, Agency]) -> dict[int, str]:
    """索引号 ``{agency code}/{year}-{serial}`` in each agency's yearly series, in the file's order,
    taken under the series' locks (as ``publish_document`` takes one)."""
    groups: dict[tuple[str, int], list[Planned]] = defaultdict(list)
    for plan in planned:
        groups[agencies[plan.agency_id].code, plan.published_on.year].append(plan)
    serials = {}
    for (code, year), plans in sorted(groups.items()):
        NumberSequence.objects.get_or_create(issuer_code=INDEX_SEQUENCE_PREFIX + code, year=year)
        sequence = NumberSequence.objects.select_for_update().get(
            issuer_code=INDEX_SEQUENCE_PREFIX + code, year=year
        )
        # An index number given outside the series (an older import, a hand-made record) is skipped.
        taken = Document.objects.filter(index_number__startswith=f"{code}/{year}-").values_list(
            "index_number", flat=True
        )
        highest = max((int(n.rpartition("-")[2]) for n in taken if n.rpartition("-")[2].isdigit()), default=0)
        sequence.last_serial = max(sequence.last_serial, highest)
        for plan in plans:
            sequence.last_serial += 1
            serials[plan.row] = f"{code}/{year}-{sequence.last_serial:05d}"
        sequence.save(update_fields=["last_serial"])
    return serials


def _raise_number_sequences(planned: list[Planned]) -> None:
    """Each 文号 series (issuer code and year; 0 for 令) continues after the highest imported serial."""
    highest: dict[tuple[str, int], int] = {}
    for plan in planned:
        if plan.number is not None:
            code, year, serial = number_key(plan.number)
            highest[code, year] = max(highest.get((code, year), 0), serial)
    for (code, year), serial in sorted(highest.items()):
        NumberSequence.objects.get_or_create(issuer_code=code, year=year)
        sequence = NumberSequence.objects.select_for_update().get(issuer_code=code, year=year)
        if sequence.last_serial < serial:
            sequence.last_serial = serial
            sequence.save(update_fields=["last_serial"])


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise DocumentImportError(
            _("The files are not a readable ZIP archive: compress the files into one ZIP and try again."),
            code="publications.import_zip",
        ) from None


def _zip_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """File name (without folders) → its member; names in the ZIP are matched without their folders."""
    names = {}
    for info in archive.infolist():
        if info.is_dir():
            continue
        name = info.filename
        if not info.flag_bits & 0x800:  # not flagged UTF-8: Chinese Windows writes GBK names
            with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
                name = name.encode("cp437").decode("gb18030")
        names[PurePosixPath(name).name] = info.filename
    return names


def _attach(doc: Document, archive: zipfile.ZipFile, member: str, name: str) -> None:
    data = archive.read(member)
    DocumentFile.objects.create(
        document=doc,
        file=ContentFile(data, name=name),
        original_name=name,
        content_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _refusal(errors: list[RowError]) -> DocumentImportError:
    shown = errors[:SHOWN_ERRORS]
    lines = [_("Import failed, no document was imported (%(count)s errors):") % {"count": len(errors)}]
    lines += map(str, shown)
    if len(errors) > len(shown):
        lines.append(_("… and %(count)s more errors not listed.") % {"count": len(errors) - len(shown)})
    return DocumentImportError(
        "\n".join(lines),
        code="publications.import_invalid_rows",
        errors=[str(e) for e in errors],
        rows=[(e.row, e.column, e.message) for e in errors],
    )
