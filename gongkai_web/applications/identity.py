"""The web side of the core's identifier rules (``gongkai.identifiers``): form validation messages and
on-screen masking. The check-digit algorithms and the masking patterns live only in the core."""

from __future__ import annotations

from gongkai import identifiers
from gongkai.errors import GongkaiError


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


def mobile_problem(value: str) -> str | None:
    return problem(identifiers.check_phone, value)


def masked_applicant(app) -> dict[str, str]:
    """Every personal field of the application as shown to a role that does not need it in full."""
    m = identifiers
    return {
        "name": m.mask_name(app.name) if app.applicant_type == "citizen" else m.mask_organisation(app.name),
        "id_number": m.mask_id_number(app.id_number) if app.id_number else "",
        "credit_code": app.credit_code,  # an organisation's public registration number, not personal data
        "legal_representative": m.mask_name(app.legal_representative) if app.legal_representative else "",
        "contact_name": m.mask_name(app.contact_name) if app.contact_name else "",
        "phone": m.mask_phone(app.phone) if app.phone else "",
        "email": m.mask_email(app.email) if app.email else "",
        "address": "*******" if app.address else "",
        "postcode": "******" if app.postcode else "",
    }


def full_applicant(app) -> dict[str, str]:
    return {k: getattr(app, k) for k in ("name", "id_number", "credit_code", "legal_representative", "contact_name",
                                         "phone", "email", "address", "postcode")}
