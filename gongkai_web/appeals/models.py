"""A 行政复议 or 行政诉讼 case arising from disclosure work (``AppealCase``), what happened in it
(``AppealEvent``) and what its decision or an opinion letter ordered the agency to do (``FollowUp``).
Every due date is the core's (``gongkai.appeals.clocks``), stored with the article it rests on; every change
is a service (``services.py``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    REVIEW = "review", _("administrative reconsideration")
    LITIGATION = "litigation", _("administrative litigation")


class Route(models.TextChoices):
    NONE = "", _("(reconsideration)")
    DIRECT = "direct", _("sued without reconsideration")
    AFTER_REVIEW = "after_review", _("sued after reconsideration")


class Role(models.TextChoices):
    RESPONDENT = "respondent", _("respondent or defendant")
    CO_DEFENDANT = "co_defendant", _("reconsideration body as co-defendant")


class Status(models.TextChoices):
    AWAITING_REPLY = "awaiting_reply", _("reply due")
    REPLIED = "replied", _("reply filed")
    DECIDED = "decided", _("decided")


class AppealCase(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="appeal_cases", verbose_name=_("agency")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    route = models.CharField(_("route"), max_length=14, choices=Route.choices, blank=True, default="")
    role = models.CharField(_("role"), max_length=14, choices=Role.choices, default=Role.RESPONDENT)
    simplified = models.BooleanField(_("simplified procedure"), default=False)
    #: The 复议机关 or the court.
    body = models.CharField(_("reconsideration body or court"), max_length=100)
    case_number = models.CharField(_("case number"), max_length=60, blank=True)
    appellant = models.CharField(_("applicant or plaintiff"), max_length=100)
    #: The act contested, as the case names it (e.g. the reply letter and its number).
    act = models.CharField(_("act contested"), max_length=200)
    applications = models.ManyToManyField(
        "applications.Application", blank=True, related_name="appeal_cases", verbose_name=_("applications")
    )
    contested_letter = models.ForeignKey(
        "applications.Letter",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("letter contested"),
    )
    #: The day the agency received the copy of the application for reconsideration or of the complaint.
    received_on = models.DateField(_("copy received on"), db_index=True)
    reply_due = models.DateField(_("reply due"))
    reply_due_basis = models.CharField(_("basis of the due date"), max_length=120)
    replied_on = models.DateField(_("reply filed on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.AWAITING_REPLY
    )
    disposition = models.CharField(_("disposition"), max_length=24, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_number = models.CharField(_("decision or judgment number"), max_length=60, blank=True)
    #: The version of the disposition table the decision was mapped with (``gongkai.appeals.dispositions``).
    mapping_version = models.CharField(_("mapping version"), max_length=12, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    #: Personal fields: shown masked to a supervising office (``queries.shown_appellant``).
    PERSONAL_FIELDS = ("appellant",)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("reconsideration or litigation case")
        verbose_name_plural = _("reconsideration and litigation cases")
        indexes = [models.Index(fields=["agency", "received_on"], name="appeals_agency_received")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="review", route="")
                    | models.Q(kind="litigation", route__in=["direct", "after_review"])
                ),
                name="appeals_route_fits_kind",
            ),
            models.CheckConstraint(
                condition=~models.Q(role="co_defendant") | models.Q(route="after_review"),
                name="appeals_co_defendant_after_review",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.case_number or self.pk}"


class EventKind(models.TextChoices):
    REGISTERED = "registered", _("copy received")
    REPLIED = "replied", _("reply filed")
    DECIDED = "decided", _("decision recorded")
    FOLLOW_UP = "follow_up", _("follow-up ordered")
    FOLLOW_UP_DONE = "follow_up_done", _("follow-up done")


class AppealEvent(models.Model):
    case = models.ForeignKey(
        AppealCase, on_delete=models.CASCADE, related_name="events", verbose_name=_("case")
    )
    kind = models.CharField(_("event"), max_length=16, choices=EventKind.choices)
    on = models.DateField(_("date"))
    data = models.JSONField(_("data"), default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]
        verbose_name = _("case event")
        verbose_name_plural = _("case events")

    def __str__(self) -> str:
        return f"{self.on} {self.get_kind_display()}"


class FollowUpKind(models.TextChoices):
    REDO = "redo", _("reply again")
    PERFORM = "perform", _("perform the duty")
    CORRECTION_REPORT = "correction_report", _("report the correction (opinion letter)")


class FollowUp(models.Model):
    case = models.ForeignKey(
        AppealCase, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("case")
    )
    kind = models.CharField(_("follow-up"), max_length=20, choices=FollowUpKind.choices)
    #: The day the order (decision, judgment, 意见书) reached the agency: the period runs from it.
    ordered_on = models.DateField(_("ordered on"))
    due_on = models.DateField(_("due on"))
    basis = models.CharField(_("basis"), max_length=160)
    #: The decision set no period and the platform proposed the 条例's 20 working days.
    assumed = models.BooleanField(_("period proposed by the platform"), default=False)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due_on}"
