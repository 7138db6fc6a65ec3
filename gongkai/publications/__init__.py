"""主动公开: the rules of the document library, framework-free.

- ``docnumber``: 发文字号 (文号) parsed and kept in one form (〔〕, no 第, no leading zeros);
- ``validity``: 现行有效 as of any date, from the document's dates and the effect records of others;
- ``periods``: the statutory and customary periods of a document's life (comment, publication,
  interpretation, 备案, evaluation before 有效期 ends);
- ``table2``: table 2's document rows counted from the records.
"""

from .docnumber import DocumentNumber, DocumentNumberError, normalise_document_number, parse_document_number
from .validity import Effect, EffectKind, Validity, ValidityStatus, validity_on

__all__ = [
    "DocumentNumber",
    "DocumentNumberError",
    "Effect",
    "EffectKind",
    "Validity",
    "ValidityStatus",
    "normalise_document_number",
    "parse_document_number",
    "validity_on",
]
