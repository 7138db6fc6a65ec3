"""The annual report as a record (条例第四十九条、第五十条): one ``ReportRecord`` per agency and year, its
working copy (figures built from the records, narrative written by staff) moving 草稿 → 校验 → 审核 →
发布 → 更正; every publication a ``ReportVersion`` that is never changed — refused by the services, read
only in the admin, and blocked in the database by a trigger (migration 0002) on SQLite and PostgreSQL.
A correction (更正) is the next version, with its reason and its diff against the one before."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportState(models.TextChoices):
    # 草稿 → 校验 → 审核 → 发布 → 更正 (issue 16); msgids of their own, apart from other records' states.
    DRAFT = "draft", _("report state: draft")
    VALIDATED = "validated", _("report state: validated")
    IN_REVIEW = "in_review", _("report state: in review")
    PUBLISHED = "published", _("report state: published")
    CORRECTED = "corrected", _("report state: corrected")


class ReportRecord(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="report_records", verbose_name=_("agency")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    state = models.CharField(
        _("state"), max_length=10, choices=ReportState.choices, default=ReportState.DRAFT
    )
    #: The working copy in the core's report JSON (docs/report-json.md), narrative included.
    data = models.JSONField(_("report"), default=dict)
    #: Figures derived for the narrative (received, year-on-year changes, fees by branch …).
    figures = models.JSONField(_("narrative figures"), default=dict, blank=True)
    #: The findings of the last validation (``Finding.as_dict()``), empty before one.
    findings = models.JSONField(_("findings"), default=list, blank=True)
    validated_at = models.DateTimeField(_("validated at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"))
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        ordering = ["-year", "agency__path"]
        verbose_name = _("annual report record")
        verbose_name_plural = _("annual report records")
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="reports_record_agency_year")]

    def __str__(self) -> str:
        return self.data.get("title") or f"{self.agency} {self.year}"


class ReportVersion(models.Model):
    """One published text of a report, never changed (the trigger refuses UPDATE and DELETE)."""

    record = models.ForeignKey(
        ReportRecord, on_delete=models.PROTECT, related_name="versions", verbose_name=_("report record")
    )
    number = models.PositiveSmallIntegerField(_("version"))
    data = models.JSONField(_("report"))
    figures = models.JSONField(_("narrative figures"), default=dict, blank=True)
    findings = models.JSONField(_("findings"), default=list, blank=True)
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("published by"),
    )
    #: The approver's name as printed on the report (审批人).
    approver_name = models.CharField(_("approver"), max_length=60)
    #: Published although the identities failed: why (shown on the published report); empty otherwise.
    bypass_reason = models.TextField(_("reason for publishing despite failed checks"), blank=True)
    #: Version 2 onwards: why the report was corrected, and what changed against the version before.
    correction_reason = models.TextField(_("reason for the correction"), blank=True)
    diff = models.JSONField(_("changes against the previous version"), default=dict, blank=True)

    class Meta:
        ordering = ["record", "number"]
        verbose_name = _("published report version")
        verbose_name_plural = _("published report versions")
        constraints = [models.UniqueConstraint(fields=["record", "number"], name="reports_version_number")]

    def __str__(self) -> str:
        return f"{self.record} v{self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None:  # written once: a correction is the next version (the trigger agrees)
            raise _immutable()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise _immutable()


def _immutable():
    from django.utils.translation import gettext

    from .errors import refuse

    return refuse(
        "version_immutable", gettext("A published version of a report cannot be changed; correct it instead.")
    )


from .imported_models import ImportedReport  # noqa: E402, F401  (the roll-up's imported reports)
