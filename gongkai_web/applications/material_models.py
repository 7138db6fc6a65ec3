"""What a reply provides and how letters reached the applicant: disclosed items and 送达 records
(kept apart from ``models`` for size; imported there, so Django and ``models.X`` see them)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.labels import SERVICE_METHODS

from .models import Application, Letter


class DisclosedItem(models.Model):
    """One piece of information a 予以公开/部分公开 reply provides (legal-rules §7.4): a description and
    either a file stored with the case (checked like the applicant's uploads, ``uploads.check_upload``)
    or an http/https link. Added and removed while the application is open; the reply lists them, and
    the applicant downloads them once it is issued."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="disclosed_items")
    description = models.CharField(_("description"), max_length=500)
    file = models.FileField(upload_to="disclosed/%Y/%m/", blank=True)
    original_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("disclosed item")
        verbose_name_plural = _("disclosed items")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(file="") & ~models.Q(url="")) | (~models.Q(file="") & models.Q(url="")),
                name="disclosed_item_file_or_link",
            )
        ]

    def __str__(self) -> str:
        return f"{self.application_id}/{self.pk}"


ServiceMethod = models.TextChoices("ServiceMethod", [(k, (k, v)) for k, v in SERVICE_METHODS.items()])  # type: ignore[call-overload]


class Delivery(models.Model):
    """The 送达 of a letter to the applicant (legal-rules §7.1 "delivery"): how, on which day, and the
    proof (a note — the postal tracking number, who signed — or a file: the signed receipt). The day
    starts the applicant's remedy periods (``gongkai.remedies``). One per letter."""

    letter = models.OneToOneField(Letter, on_delete=models.CASCADE, related_name="delivery")
    method = models.CharField(_("method of service"), max_length=16, choices=ServiceMethod.choices)
    delivered_on = models.DateField(_("date of service"))
    proof_note = models.TextField(_("proof of service"), blank=True)
    proof_file = models.FileField(upload_to="deliveries/%Y/%m/", blank=True)
    proof_name = models.CharField(max_length=200, blank=True)
    proof_content_type = models.CharField(max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("service of a letter")
        verbose_name_plural = _("services of letters")

    def __str__(self) -> str:
        return f"{self.letter_id} {self.delivered_on}"
