"""The documents an agency issues on a disclosure application (legal-rules §7), composed from the
agency's records and rendered as DOCX or PDF.

    letter = compose(LetterKind.REPLY, context)   # title, paragraphs, basis, remedy clause
    render_docx(letter), render_pdf(letter)        # bytes
"""

from gongkai.letters.compose import compose
from gongkai.letters.model import (
    CORRECTION_RESULTS,
    DETERMINING_BODIES,
    TITLES,
    TO_CONSULTEE,
    AgencyDetails,
    ApplicantDetails,
    DisclosedInfo,
    Letter,
    LetterContext,
    LetterError,
    LetterKind,
    SplitPart,
    WithheldPart,
)
from gongkai.letters.remedy import correction_remedy_clause, remedy_clause, third_party_remedy_clause
from gongkai.letters.render import render_docx, render_html, render_pdf

__all__ = [
    "CORRECTION_RESULTS",
    "DETERMINING_BODIES",
    "TITLES",
    "TO_CONSULTEE",
    "AgencyDetails",
    "ApplicantDetails",
    "DisclosedInfo",
    "Letter",
    "LetterContext",
    "LetterError",
    "LetterKind",
    "SplitPart",
    "WithheldPart",
    "compose",
    "correction_remedy_clause",
    "remedy_clause",
    "render_docx",
    "render_html",
    "render_pdf",
    "third_party_remedy_clause",
]
