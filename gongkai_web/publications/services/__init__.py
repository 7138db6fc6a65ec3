"""Every state change of the document library, one function each (verb_noun, atomic, audited)."""

from .drafting import (
    close_comment,
    draft_document,
    open_comment,
    record_deliberation,
    record_legality_review,
    sign_document,
)
from .effects import record_effect
from .interpretations import (
    draft_interpretation,
    publish_interpretation,
    revise_interpretation,
    sign_interpretation,
)
from .publishing import (
    publish_document,
    record_evaluation,
    record_filing,
    record_filing_result,
    register_document,
    set_redacted_version,
)
from .secrecy import propose_publicity, review_secrecy
from .statistics import enter_statistic
from .texts import add_attachment, attach_text
from .withdrawal import withdraw_document

__all__ = [
    "add_attachment",
    "attach_text",
    "close_comment",
    "draft_document",
    "draft_interpretation",
    "enter_statistic",
    "open_comment",
    "propose_publicity",
    "publish_document",
    "publish_interpretation",
    "record_deliberation",
    "record_effect",
    "record_evaluation",
    "record_filing",
    "record_filing_result",
    "record_legality_review",
    "register_document",
    "review_secrecy",
    "revise_interpretation",
    "set_redacted_version",
    "sign_document",
    "sign_interpretation",
    "withdraw_document",
]
