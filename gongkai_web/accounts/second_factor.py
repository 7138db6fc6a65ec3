"""The optional second factor of staff accounts: a TOTP authenticator app (RFC 6238, django-otp's
``TOTPDevice``). A staff member turns it on from the 双重验证 page; from then on logging in (the staff
login and, through it, the admin) also asks for the app's 6-digit code. django-otp slows repeated
wrong codes down by itself (each failure doubles the wait)."""

from __future__ import annotations

import qrcode
import qrcode.image.svg
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.identifiers import normalise_identifier

#: The device a staff member is enrolling, until its first code confirms it.
PENDING_NAME = "enrolling"
ACTIVE_NAME = "authenticator"


def active_device(user) -> TOTPDevice | None:
    if user is None or user.pk is None:
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def active_device_exists(user) -> bool:
    return user.pk is not None and TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_device(user) -> TOTPDevice:
    """The unconfirmed device being enrolled (a new random key the first time)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False, name=PENDING_NAME).first()
    return device or TOTPDevice.objects.create(user=user, confirmed=False, name=PENDING_NAME)


def clean_code(code: str) -> str:
    """A code as typed: spaces and full-width digits (a Chinese input method) are accepted."""
    return normalise_identifier(code or "")


def check_code(device: TOTPDevice, code: str) -> str | None:
    """None when ``code`` is the device's current code; otherwise the reason."""
    allowed, _data = device.verify_is_allowed()
    if not allowed:
        return _("Too many wrong codes: wait a moment and try again.")
    code = clean_code(code)
    if not (code.isdigit() and len(code) == device.digits):
        return _("Enter the %(digits)s digits your authenticator app shows.") % {"digits": device.digits}
    if not device.verify_token(code):
        return _("The code is wrong or has expired: enter the digits your authenticator app now shows.")
    return None


def qr_svg(device: TOTPDevice) -> str:
    """The enrolment QR code as inline SVG markup (drawn here: no image service, nothing from a CDN)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


def base32_key(device: TOTPDevice) -> str:
    """The key for typing into an app by hand, in groups of four."""
    import base64

    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))
