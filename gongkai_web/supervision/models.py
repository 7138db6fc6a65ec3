"""Task lists (清单制 + 责任制 + 销号制): a year's plan issued by a supervising office, broken into
tasks per agency, each with an owner, a due day, a measure and the evidence required; closed (销号)
only on evidence the office accepts. Tasks raised by a standing rule name the record behind them by a
plain key (``target_type`` ``app_label.model``, ``target_id``), as the audit trail does: this app
reads other domains through their queries and keeps no foreign key into their tables."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Plan(models.Model):
    name = models.CharField(_("name of the plan"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    office = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("issued by")
    )
    #: A plan the standing rules fill by themselves (one per office and year).
    standing = models.BooleanField(_("raised by the standing rules"), default=False)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-year", "office__path", "id"]
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")

    def __str__(self) -> str:
        return self.name


class TaskStatus(models.TextChoices):
    ISSUED = "issued", _("issued to the agency")
    SUBMITTED = "submitted", _("evidence submitted")
    RETURNED = "returned", _("returned")
    CLOSED = "closed", _("closed (accepted)")


class Task(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("plan"))
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("responsible agency")
    )
    title = models.CharField(_("task"), max_length=300)
    #: 责任制: a named person or a post (“办公室主任”), as the plan states it.
    owner = models.CharField(_("owner"), max_length=100)
    due_on = models.DateField(_("due"))
    measure = models.TextField(_("measure"), blank=True)
    evidence_required = models.TextField(_("evidence required"))
    status = models.CharField(
        _("status"), max_length=10, choices=TaskStatus.choices, default=TaskStatus.ISSUED
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    #: Raised by a standing rule: its code and the record behind it.
    rule = models.CharField(_("rule"), max_length=40, blank=True)
    target_type = models.CharField(max_length=100, blank=True)
    target_id = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "target_type", "target_id"],
                condition=~models.Q(rule=""),
                name="one_task_per_rule_and_record",
            )
        ]
        indexes = [models.Index(fields=["agency", "status", "due_on"], name="task_agency_status")]

    def __str__(self) -> str:
        return self.title


class TaskEvent(models.Model):
    """What happened to a task (issued, evidence submitted, accepted, returned, reminded)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20)
    on = models.DateField()
    data = models.JSONField(default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.task_id} {self.kind}"


class Evidence(models.Model):
    """One submission of evidence for a task: the text and its files."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="evidence")
    text = models.TextField(_("what was done"))
    submitted_at = models.DateTimeField()
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.task_id} #{self.pk}"


class EvidenceFile(models.Model):
    evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to="supervision/evidence/%Y/")
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name


class Finding(models.Model):
    """What a standing rule found on a record: a reminder (due soon) or a task (past due, or a missing
    legal basis). One per rule and record: running the rules again raises nothing new; a finding that
    no longer holds is marked resolved."""

    rule = models.CharField(max_length=40)
    target_type = models.CharField(max_length=100)
    target_id = models.CharField(max_length=40)
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    summary = models.CharField(max_length=300)
    link = models.CharField(max_length=200, blank=True)
    due_on = models.DateField(null=True, blank=True)
    severity = models.CharField(max_length=10)  # "reminder" or "task"
    raised_on = models.DateField()
    resolved_on = models.DateField(null=True, blank=True)
    task = models.ForeignKey(Task, null=True, blank=True, on_delete=models.SET_NULL, related_name="findings")

    class Meta:
        ordering = ["-raised_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "target_type", "target_id", "severity"],
                name="one_finding_per_rule_and_record",
            )
        ]

    def __str__(self) -> str:
        return self.summary


from .complaint_models import Complaint, ComplaintKind, ComplaintStatus, ComplaintTerm  # noqa: E402,F401  (kept apart for size)
from .evaluation_models import Contest, ContestOutcome, Evaluation, Indicator, IndicatorSet, Score  # noqa: E402,F401
from .guidance_models import Filing, FilingRule, GuidanceRequest, Verdict  # noqa: E402,F401
from .training_models import TrainingSession  # noqa: E402,F401
