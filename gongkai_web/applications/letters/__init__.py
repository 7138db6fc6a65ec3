"""Issuing the documents of legal-rules §7 on an application: the records are translated into the
core's ``LetterContext`` (agency details from its 政府信息公开指南 fields), the core composes the
letter (``gongkai.letters.compose``: the words, the legal basis, the remedy clause) and renders it;
this package only numbers it (文号) and stores it with the application.

Every ``issue_*`` is called by a service inside its transaction: a letter the core refuses to compose
(a reply without its reasons, a fee notice without a way to pay) refuses the whole step.

``issuing`` composes and stores one letter (numbered by ``numbering``), ``steps`` has one function per
outgoing step, ``frozen`` keeps the words fixed at issue and renders from them, ``masking`` makes the
masked copy and ``downloads`` hands a letter out as a file. Everything is importable from here."""

from .downloads import FORMATS, download
from .frozen import docx_of, pdf_of
from .frozen import thaw as _thaw  # migration 0005 renders old letters with it
from .issuing import agency_details, issue
from .masking import MASKED_COPY_NOTE, masked_copy, masked_docx, masked_pdf
from .steps import (
    RECEIPT_RULES,
    REPLY_TEXT_FIELD,
    issue_consultation,
    issue_consultation_notice,
    issue_correction,
    issue_correction_reply,
    issue_determination_notice,
    issue_disclosure_decision,
    issue_extension,
    issue_fee_notice,
    issue_reasonable_time,
    issue_reasons_request,
    issue_receipt,
    issue_reply,
)

__all__ = [
    "FORMATS",
    "MASKED_COPY_NOTE",
    "RECEIPT_RULES",
    "REPLY_TEXT_FIELD",
    "_thaw",
    "agency_details",
    "docx_of",
    "download",
    "issue",
    "issue_consultation",
    "issue_consultation_notice",
    "issue_correction",
    "issue_correction_reply",
    "issue_determination_notice",
    "issue_disclosure_decision",
    "issue_extension",
    "issue_fee_notice",
    "issue_reasonable_time",
    "issue_reasons_request",
    "issue_receipt",
    "issue_reply",
    "masked_copy",
    "masked_docx",
    "masked_pdf",
    "pdf_of",
]
