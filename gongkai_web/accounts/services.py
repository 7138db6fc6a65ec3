"""State changes of accounts: each atomic, audited, refused with an ``AccountError`` and a Chinese
message when it cannot be done."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai_web.audit.changes import field_values
from gongkai_web.audit.services import log

from . import second_factor
from .errors import refuse


def wrong_password_or_code() -> str:
    """One answer to a wrong password and to a wrong code on the 双重验证 page: it does not tell whoever
    holds an open session that the password was right."""
    return _(
        "The login password or the code is wrong: check the login password and enter the 6 digits your "
        "authenticator app now shows."
    )


def enable_second_factor(user, code: str, *, password: str):
    """Confirm the device being enrolled with the login password and its first code; it replaces any
    earlier one."""
    device = second_factor.pending_device(user)
    if not user.check_password(password) or second_factor.check_code(device, code):
        raise refuse("second_factor_code", wrong_password_or_code())
    with transaction.atomic():
        type(device).objects.filter(user=user, confirmed=True).delete()
        device.confirmed, device.name = True, second_factor.ACTIVE_NAME
        device.save(update_fields=["confirmed", "name"])
        log(user, "accounts.second_factor_enabled", actor=user)
    return device


def disable_second_factor(user, *, password: str, code: str) -> None:
    """Turning it off needs both the password and a current code: a session left open is not enough."""
    device = second_factor.active_device(user)
    if device is None:
        raise refuse("second_factor_absent", _("Two-step verification is not on for this account."))
    if not user.check_password(password) or second_factor.check_code(device, code):
        raise refuse(
            "second_factor_code",
            _("%(refusal)s Two-step verification is still on.") % {"refusal": wrong_password_or_code()},
        )
    with transaction.atomic():
        type(device).objects.filter(user=user).delete()
        log(user, "accounts.second_factor_disabled", actor=user)


def register_applicant(form):
    """An applicant creates her own account (the signup form, already valid): the account and its
    audit entry commit together."""
    with transaction.atomic():
        user = form.save()
        log(user, "accounts.applicant_registered", actor=user)
    return user


def save_membership(membership, *, actor, changed=(), created: bool = False):
    """A membership (who works for which agency in which role) added or edited in the admin, with an
    audit entry naming who did it and what changed."""
    with transaction.atomic():
        membership.save()
        log(
            membership,
            "accounts.membership_added" if created else "accounts.membership_changed",
            actor=actor,
            data={
                "user": membership.user_id,
                "agency": membership.agency_id,
                "role": membership.role,
                "changed": field_values(membership, changed),
                "via": "admin",
            },
        )
    return membership


def delete_membership(membership, *, actor) -> None:
    with transaction.atomic():
        log(
            membership,
            "accounts.membership_deleted",
            actor=actor,
            data={
                "user": membership.user_id,
                "agency": membership.agency_id,
                "role": membership.role,
                "via": "admin",
            },
        )
        membership.delete()
