"""备案 and 靠前指导 (the seed: 13 districts keep 备案 of their departments' and townships' applications,
and the office guides risky replies before they go out). A filing rule of an office covers the agencies
below it from a day: each of their applications received since is filed with the office. A handler may
send a draft reply of a risky kind (不予公开, 无法提供, 不予处理) for the office's opinion; the opinion is
recorded against the draft's version. Applications and drafts are named by a plain key (this app reads
the applications through their queries)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FilingRule(models.Model):
    office = models.ForeignKey(
        "agencies.Agency", on_delete=models.CASCADE, related_name="+", verbose_name=_("office")
    )
    since = models.DateField(_("applications received from"))
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["office__path"]
        constraints = [models.UniqueConstraint(fields=["office"], name="one_filing_rule_per_office")]

    def __str__(self) -> str:
        return f"{self.office} {self.since}"


class Filing(models.Model):
    rule = models.ForeignKey(FilingRule, on_delete=models.CASCADE, related_name="filings")
    application_id = models.PositiveIntegerField()
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    query_code = models.CharField(max_length=16)
    received_on = models.DateField()
    filed_on = models.DateField()

    class Meta:
        ordering = ["-received_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["rule", "application_id"], name="one_filing_per_application")
        ]

    def __str__(self) -> str:
        return self.query_code


class Verdict(models.TextChoices):
    AGREE = "agree", _("agrees with the draft")
    REVISE = "revise", _("advises changes")


class GuidanceRequest(models.Model):
    application_id = models.PositiveIntegerField()
    draft_id = models.PositiveIntegerField()
    draft_version = models.PositiveIntegerField()
    outcome = models.CharField(max_length=40)
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    office = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    query_code = models.CharField(max_length=16)
    question = models.TextField(_("question to the office"), blank=True)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    asked_at = models.DateTimeField()
    verdict = models.CharField(_("opinion"), max_length=10, choices=Verdict.choices, blank=True)
    opinion = models.TextField(_("the office's opinion"), blank=True)
    opinion_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opinion_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-asked_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["draft_id", "draft_version"], name="one_guidance_per_draft_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.query_code} v{self.draft_version}"
