"""A message sent to a person about a record (an e-mail, an SMS), kept whether it went out or not.

The app knows no domain: a message names its record by a plain key (``target_type`` is the model's
``app_label.model``, ``target_id`` its primary key, as the audit trail does), and what it is about by a
short ``topic`` the sending app chooses (the applications use the step: ``receipt``, ``correction`` …)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("e-mail")
    SMS = "sms", _("SMS")


class Status(models.TextChoices):
    #: In the outbox: written in the step's own transaction, sent by ``send_queued_messages``.
    QUEUED = "queued", _("queued")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class Message(models.Model):
    target_type = models.CharField(max_length=100)
    target_id = models.CharField(max_length=40)
    topic = models.CharField(_("about"), max_length=40, blank=True)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    #: An e-mail address or a mobile number: personal data, shown masked (``masked_recipient``).
    recipient = models.CharField(_("recipient"), max_length=254)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(_("text"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices)
    error = models.TextField(_("error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"))

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [
            models.Index(fields=["target_type", "target_id"], name="message_target"),
            models.Index(fields=["status", "id"], name="message_status"),
        ]

    def __str__(self) -> str:
        # Not the recipient: an e-mail address or a mobile number.
        return f"{self.get_channel_display()} #{self.pk}"
