"""Complaints and reports (投诉、举报, 条例第五十一条) about an agency's disclosure work: from the public
form or entered by staff, routed to the office responsible, due on a day, replied to; the complainant
is told who decided and where to go next, and looks it up with a code."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", _("received")
    REPLIED = "replied", _("replied")


class ComplaintKind(models.TextChoices):
    COMPLAINT = "complaint", _("complaint")
    REPORT = "report", _("report (whistle-blowing)")


class Complaint(models.Model):
    #: Personal data of the complainant: masked for the agency complained about (it must not learn who
    #: complained) and in lists; the office that handles it sees it in full.
    PERSONAL_FIELDS = ("name", "contact")

    code = models.CharField(_("query code"), max_length=16, unique=True)
    kind = models.CharField(
        _("kind"), max_length=10, choices=ComplaintKind.choices, default=ComplaintKind.COMPLAINT
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("agency complained about"),
    )
    office = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("office handling it")
    )
    name = models.CharField(_("name"), max_length=50, blank=True)
    contact = models.CharField(_("phone or e-mail"), max_length=254)
    text = models.TextField(_("what happened"))
    channel = models.CharField(max_length=10)  # "online" or "staff"
    received_on = models.DateField(_("received on"))
    due_on = models.DateField(_("reply due"))
    status = models.CharField(
        _("status"), max_length=10, choices=ComplaintStatus.choices, default=ComplaintStatus.RECEIVED
    )
    reply = models.TextField(_("reply"), blank=True)
    replied_on = models.DateField(_("replied on"), null=True, blank=True)
    decided_by = models.CharField(_("decided by"), max_length=200, blank=True)
    next_steps = models.TextField(_("where to go next"), blank=True)
    #: The public form's one-time token (as the application form's): a second POST stores nothing new.
    submission_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")

    def __str__(self) -> str:
        return self.code


class ComplaintTerm(models.Model):
    """An office's own time for replying to complaints, in working days. 条例第五十一条 (and 第四十七条
    第二款) set none: without a term of its own an office has the platform's default
    (``gongkai.supervision.COMPLAINT_REPLY_WORKDAYS``); set in the admin, through
    ``services.set_complaint_term`` (audited)."""

    office = models.OneToOneField(
        "agencies.Agency", on_delete=models.CASCADE, related_name="+", verbose_name=_("office")
    )
    reply_workdays = models.PositiveSmallIntegerField(
        _("working days to reply to a complaint"), validators=[MinValueValidator(1), MaxValueValidator(60)]
    )

    class Meta:
        ordering = ["office__path"]
        verbose_name = _("complaint reply term")
        verbose_name_plural = _("complaint reply terms")

    def __str__(self) -> str:
        return f"{self.office} {self.reply_workdays}"
