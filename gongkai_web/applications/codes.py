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


def digest(secret: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), secret.strip().upper().encode(), hashlib.sha256).hexdigest()


def secret_matches(secret: str, stored_digest: str) -> bool:
    return hmac.compare_digest(digest(secret), stored_digest)


def normalise_code(code: str) -> str:
    return code.strip().upper().replace(" ", "")
