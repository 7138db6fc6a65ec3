"""State changes of accounts: each atomic, audited, refused with an ``AccountError`` and a Chinese
message when it cannot be done."""

from __future__ import annotations

from django.db import transaction

from gongkai_web.audit.services import log

from . import second_factor
from .errors import refuse


def enable_second_factor(user, code: str):
    """Confirm the device being enrolled with its first code; it replaces any earlier one."""
    device = second_factor.pending_device(user)
    if problem := second_factor.check_code(device, code):
        raise refuse("second_factor_code", problem)
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
        raise refuse("second_factor_absent", "该账户尚未开启双重验证。")
    if not user.check_password(password):
        raise refuse("second_factor_password", "登录密码不正确，双重验证未关闭。")
    if problem := second_factor.check_code(device, code):
        raise refuse("second_factor_code", problem)
    with transaction.atomic():
        type(device).objects.filter(user=user).delete()
        log(user, "accounts.second_factor_disabled", actor=user)
