"""The web side of the core's identifier rules (``gongkai.identifiers``): form validation messages and
masking. The check-digit algorithms and the masking patterns live only in the core.

One masking rule for every output (issue 11, item 4): whoever may not see an application's personal data
in full — a supervising office, an administrator in Django's admin, everyone on the staff screens until
an authorised handler's audited "unmask" — gets the same masked values (``masked_applicant``) wherever
they appear: the record page, the worklist, the CSV export, the letters (``letters.masked_copy``), the
admin. ``scrubber`` applies the rule to free text (a description, a letter's paragraphs, a file name):
each of the applicant's own identifiers written in it, and the name of a consulted third party, is
replaced by its masked form. Names of agencies are public and never masked."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from gongkai import identifiers
from gongkai.errors import GongkaiError

from .models import Application, Mask


def problem(check, value: str) -> str | None:
    """Run a core check; return its Chinese message, or None when the value is valid."""
    try:
        check(value)
    except GongkaiError as exc:
        return exc.message
    return None


def resident_id_problem(value: str) -> str | None:
    return problem(identifiers.check_resident_id, value)


def credit_code_problem(value: str) -> str | None:
    return problem(identifiers.check_credit_code, value)


def contact_phone_problem(value: str) -> str | None:
    """A 联系电话 may be a mobile or a fixed-line number with its area code."""
    return problem(identifiers.check_contact_phone, value)


MASKED_ADDRESS = "*******"
MASKED_POSTCODE = "******"
#: Letters addressed to a consulted third party (a person or a company: personal or business data),
#: unlike the 征求意见函 to a co-producing agency.
THIRD_PARTY_LETTERS = frozenset({"consult_third_party", "disclosure_decision"})


def mask_applicant_name(app, name: str) -> str:
    """A person's name as ``张*三``; an organisation's as ``重庆******公司``."""
    return (
        identifiers.mask_name(name)
        if app.applicant_type == "citizen"
        else identifiers.mask_organisation(name)
    )


def mask_third_party(name: str) -> str:
    """A consulted third party may be a person or a company: the first and last characters kept (two of
    each for a longer name), as ``mask_organisation`` does."""
    return identifiers.mask_organisation(name)


#: The masking of each kind of personal field (``Application.PERSONAL_FIELDS``), applied to a non-empty value.
MASKERS: dict[Mask, Callable[[object, str], str]] = {
    Mask.APPLICANT_NAME: mask_applicant_name,
    Mask.PERSON_NAME: lambda app, value: identifiers.mask_name(value),
    Mask.ID_NUMBER: lambda app, value: identifiers.mask_id_number(value),
    Mask.PHONE: lambda app, value: identifiers.mask_phone(value),
    Mask.EMAIL: lambda app, value: identifiers.mask_email(value),
    Mask.ADDRESS: lambda app, value: MASKED_ADDRESS,
    Mask.POSTCODE: lambda app, value: MASKED_POSTCODE,
    Mask.PUBLIC: lambda app, value: value,
}


def masked_applicant(app) -> dict[str, str]:
    """Every personal field of the application (``Application.PERSONAL_FIELDS``) as shown to a role that
    does not need it in full. An empty value stays empty, but the applicant's name, always masked."""
    return {
        field: MASKERS[kind](app, getattr(app, field))
        if getattr(app, field) or kind is Mask.APPLICANT_NAME
        else ""
        for field, kind in Application.PERSONAL_FIELDS.items()
    }


def full_applicant(app) -> dict[str, str]:
    return {field: getattr(app, field) for field in Application.PERSONAL_FIELDS}


def third_parties(app) -> list[str]:
    """The names of the third parties consulted on the application (条例第三十二条), as recorded."""
    from .models import EventKind

    started = app.events.filter(kind=EventKind.CONSULTATION_STARTED).values_list("data", flat=True)
    return [d.get("consultee", "") for d in started if d.get("consultee_kind") == "third_party"]


def scrubber(app, *, third_party_names: Iterable[str] = ()) -> Callable[[str], str]:
    """A function masking, in any text, the applicant's identifiers (``full_applicant`` → ``masked_applicant``)
    and the given third parties' names. One pass, longest value first, so a name inside an address is
    not replaced twice; values of one character are left alone (they would mask every such character)."""
    full, masked = full_applicant(app), masked_applicant(app)
    table = {full[k].strip(): masked[k] for k in full if k != "credit_code" and len(full[k].strip()) > 1}
    for name in third_party_names:
        if len(name.strip()) > 1:
            table.setdefault(name.strip(), mask_third_party(name.strip()))
    if not table:
        return str
    pattern = re.compile("|".join(re.escape(v) for v in sorted(table, key=len, reverse=True)))
    return lambda text: pattern.sub(lambda m: table[m.group(0)], str(text))


def shown_addressee(letter, app) -> str:
    """The addressee of a letter as a masked list shows it: the applicant's name masked, a third party's
    name masked, an agency's name as it is."""
    if letter.to_applicant:
        return mask_applicant_name(app, letter.addressee)
    if letter.kind in THIRD_PARTY_LETTERS:
        return mask_third_party(letter.addressee)
    return letter.addressee
