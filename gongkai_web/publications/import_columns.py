"""The import file of existing documents (入库, docs/publications-import.md): its columns, the words
its cells may hold, how a checked row is represented. The Chinese headers and values are the file
format (``gongkai.publications.files``): they do not change with the interface language. Rows and
their problems are represented as in the agency import (``gongkai_web.agencies.import_columns``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from gongkai.errors import GongkaiError
from gongkai.publications.docnumber import DocumentNumber
from gongkai.publications.files import DOCUMENT_FILE_ALIASES, DOCUMENT_FILE_COLUMNS, parse_file_date
from gongkai_web.agencies.import_columns import EXTRA, Row, RowError

__all__ = ["EXTRA", "HEADERS", "LABEL", "REQUIRED", "DocumentImportError", "Planned", "Row", "RowError"]

#: Column header → field; the field name itself is accepted too.
HEADERS = {**DOCUMENT_FILE_COLUMNS, **DOCUMENT_FILE_ALIASES}
LABEL = {f: h for h, f in DOCUMENT_FILE_COLUMNS.items()}
REQUIRED = ("title", "agency", "kind", "published_on")
DATE_FIELDS = ("formed_on", "published_on", "effective_on", "valid_until", "ended_on")


class DocumentImportError(GongkaiError):
    code = "publications.import_failed"


parse_date = parse_file_date


@dataclass
class Planned:
    """A checked row: what will be stored."""

    row: int
    title: str
    agency_id: int
    agency_code: str
    kind: str
    number: DocumentNumber | None
    formed_on: dt.date | None
    published_on: dt.date
    effective_on: dt.date | None
    valid_until: dt.date | None
    topic: str
    status: str  # in_force | repealed | expired
    ended_on: dt.date | None = None
    #: What ended it: a library document's pk, a row of the file, or a basis text outside the library.
    ended_by_pk: int | None = None
    ended_by_row: int | None = None
    ended_by_text: str = ""
    file_name: str = ""
    extra: dict = field(default_factory=dict)
