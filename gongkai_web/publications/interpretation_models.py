"""政策解读: the interpretations of a document (one document, any number of interpretations), each with its
form (文字, 图解, 音频, 视频, 问答), drafted, signed off and published with the document (同步起草、同步审签、
同步发布). The rules are the core's (``gongkai.publications.interpretation``); the steps are services
(``services.interpretations``). Imported at the end of ``models.py``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai import labels


class InterpretationForm(models.TextChoices):
    TEXT = "text", labels.INTERPRETATION_FORMS["text"]
    GRAPHIC = "graphic", labels.INTERPRETATION_FORMS["graphic"]
    AUDIO = "audio", labels.INTERPRETATION_FORMS["audio"]
    VIDEO = "video", labels.INTERPRETATION_FORMS["video"]
    QA = "qa", labels.INTERPRETATION_FORMS["qa"]


class Interpretation(models.Model):
    document = models.ForeignKey(
        "publications.Document",
        on_delete=models.CASCADE,
        related_name="interpretations",
        verbose_name=_("document"),
    )
    title = models.CharField(_("title"), max_length=300)
    form = models.CharField(_("form"), max_length=10, choices=InterpretationForm.choices)
    #: The interpretation's text (for 图解, 音频, 视频: its words, read by search and by screen readers).
    body = models.TextField(_("text"))
    #: The 图解 image or a PDF of it, checked like the document's attachments (optional).
    file = models.FileField(_("file"), upload_to="interpretations/%Y/%m/", blank=True)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    file_type = models.CharField(max_length=100, blank=True)
    file_size = models.PositiveIntegerField(null=True, blank=True)
    file_sha256 = models.CharField(max_length=64, blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    drafted_at = models.DateTimeField(_("drafted at"))
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    published_on = models.DateField(_("date published"), null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["document", "id"]
        verbose_name = _("policy interpretation")
        verbose_name_plural = _("policy interpretations")
        constraints = [
            models.CheckConstraint(
                condition=Q(published_on__isnull=True) | Q(signed_at__isnull=False),
                name="interpretation_published_is_signed",
            ),
        ]

    def __str__(self) -> str:
        return self.title
