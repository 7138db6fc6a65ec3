"""Query codes and secrets for tracking without an account (ecosystem §4.4: 查询码 + 查询密码).

The secret is random (≈ 50 bits) and shown once; only an HMAC of it is stored. A slow password hash
is not needed for a random secret and would cap intake throughput."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

# No 0/O, 1/I/L: codes are read aloud on the phone and copied from paper.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def _random_word(length: int) -> str:
    """``length`` characters of ``ALPHABET``, uniformly at random, from one draw of the system's
    random source (one draw per character cost a system call each)."""
    number, word = secrets.randbelow(len(ALPHABET) ** length), []
    for _ in range(length):
        number, digit = divmod(number, len(ALPHABET))
        word.append(ALPHABET[digit])
    return "".join(word)


def new_query_code() -> str:
    return "GK" + _random_word(10)


def new_secret() -> str:
    return _random_word(10)


def digest(secret: str, key: str | None = None) -> str:
    """The stored form of a query password: an HMAC under the installation's digest key
    (``GONGKAI_DIGEST_KEY``), which, unlike the signing key, is never rotated: rotating the signing
    key after a leak must not void the passwords of applicants whose cases run for months."""
    key = settings.GONGKAI_DIGEST_KEY if key is None else key
    return hmac.new(key.encode(), secret.strip().upper().encode(), hashlib.sha256).hexdigest()


def secret_matches(secret: str, stored_digest: str) -> bool:
    """Under the digest key, or — for digests stored before it existed — under the signing key or an
    earlier one still accepted (``SECRET_KEY_FALLBACKS``); ``services.upgrade_secret_digest`` then
    re-keys such a digest."""
    keys = [settings.GONGKAI_DIGEST_KEY, settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return bool(stored_digest) and any(
        hmac.compare_digest(digest(secret, key), stored_digest) for key in keys
    )


def tracking_proof(stored_digest: str, family: int) -> str:
    """What a browser that gave the application's password keeps to open it again (``tracking``):
    derived from the stored digest and the application's family (the original it was split from, or
    itself), never from the signing key alone, so a forged cookie opens nothing, and two applications
    that happen to share a digest do not open each other. Empty for an application without one."""
    if not stored_digest:
        return ""
    message = f"gongkai.applications.tracking:{family}".encode()
    return hmac.new(stored_digest.encode(), message, hashlib.sha256).hexdigest()[:32]


def family_of(app) -> int:
    """The original application of a split family (parts keep the applicant's password), or itself."""
    return app.parent_id or app.pk


def normalise_code(code: str) -> str:
    return code.strip().upper().replace(" ", "")
