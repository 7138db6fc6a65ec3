"""What the library and the ask form accept, checked by the forms and again by the services: lengths,
the asker's contact (a phone number or an e-mail address), who may do what."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from gongkai import identifiers
from gongkai.errors import GongkaiError
from gongkai_web.accounts.access import WORKING_ROLES, has_role
from gongkai_web.accounts.models import Role

from .errors import refuse
from .models import ContactKind

#: The longest question the public may ask, in characters.
ASKED_QUESTION_MAX = 1000
#: The fewest letters, digits or 汉字 (punctuation and spaces not counted) a question from the public
#: needs: "医保？" says too little for an agency to answer.
ASKED_QUESTION_MIN = 5
#: The longest question and answer of a library entry.
ENTRY_QUESTION_MAX = 500
ANSWER_MAX = 10000
NAME_MAX = 50
CONTACT_MAX = 100
REASON_MAX = 300


def contact_of(value: str) -> tuple[str, str]:
    """(kind, value as stored) of an asker's contact: an e-mail address (it has an @), else a phone
    number (a mobile number, or a fixed line with its area code); a domain error saying what to write."""
    text = (value or "").strip()
    if not text:
        raise refuse("contact_missing", _("Please give a phone number or an e-mail address for the answer."))
    if len(text) > CONTACT_MAX:
        raise refuse(
            "contact_too_long", _("The contact is too long: give one phone number or e-mail address.")
        )
    if "@" in text:
        try:
            validate_email(text)
        except ValidationError:
            raise refuse(
                "contact_bad_email",
                _("“%(value)s” is not a valid e-mail address; write it as name@example.com.")
                % {"value": text},
            ) from None
        return ContactKind.EMAIL, text
    try:
        return ContactKind.PHONE, identifiers.check_contact_phone(text)
    except GongkaiError as exc:
        raise refuse(
            "contact_bad_phone",
            _("Contact: %(problem)s Or give an e-mail address instead.") % {"problem": exc.message},
        ) from None


def require_text(value: str, *, what: str, limit: int, code: str) -> str:
    text = (value or "").strip()
    if not text:
        raise refuse(f"{code}_missing", _("Please fill in %(what)s.") % {"what": what})
    if len(text) > limit:
        raise refuse(
            f"{code}_too_long",
            _("%(what)s can have at most %(limit)s characters; it has %(count)s.")
            % {"what": what, "limit": limit, "count": len(text)},
        )
    return text


def asked_question(value: str) -> str:
    """The public's question, stripped: given, at most ``ASKED_QUESTION_MAX`` characters and with at
    least ``ASKED_QUESTION_MIN`` letters, digits or 汉字; a domain error saying what to write."""
    text = require_text(value, what=_("your question"), limit=ASKED_QUESTION_MAX, code="question")
    if sum(ch.isalnum() for ch in text) < ASKED_QUESTION_MIN:
        raise refuse(
            "question_too_short",
            _(
                "Your question is too short: please write at least %(minimum)s characters (punctuation "
                "not counted), saying which policy or matter you ask about and what you want to know."
            )
            % {"minimum": ASKED_QUESTION_MIN},
        )
    return text


def require_working(user, agency) -> None:
    """The agency's handlers and approvers draft, revise and answer; a supervising office only reads."""
    if not has_role(user, agency, *WORKING_ROLES):
        raise refuse(
            "not_allowed",
            _("Only the staff of %(agency)s may change its Q&A library and answer its questions.")
            % {"agency": agency.name},
        )


def require_approver(user, agency) -> None:
    """Publishing and withdrawing are the approver's (the office head), as for documents."""
    if not has_role(user, agency, Role.APPROVER):
        raise refuse(
            "approver_only",
            _(
                "Only the approver of %(agency)s may publish or withdraw Q&A entries, or revise a published one."
            )
            % {"agency": agency.name},
        )
