"""The SMS gateway interface: ``settings.GONGKAI_SMS_BACKEND`` names a class (dotted path) whose
instances have ``send(recipient, body)``, which returns when the gateway accepted the message and raises
any exception when it did not. A real gateway (an operator's or a cloud SMS service's HTTP API) is one
such class in the deployment's own code; the default writes each message to the log."""

from __future__ import annotations

import logging
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from gongkai.identifiers import mask_phone

logger = logging.getLogger("gongkai.sms")


class SmsBackend(Protocol):
    def send(self, recipient: str, body: str) -> None: ...


class LoggingSmsBackend:
    """Sends nothing: writes the message to the ``gongkai.sms`` log (the number masked)."""

    def send(self, recipient: str, body: str) -> None:
        logger.info("SMS to %s: %s", mask_phone(recipient), body)


def get_backend() -> SmsBackend:
    backend: SmsBackend = import_string(settings.GONGKAI_SMS_BACKEND)()
    return backend
