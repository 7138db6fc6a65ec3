"""Imported annual reports: an agency that publishes its report elsewhere (its own site, a PDF from
the printer) uploads the file; the core's reader takes it in (``gongkai.report.read``).

The file is kept as uploaded, with what the reader made of it (the report in the core's JSON, its
findings and the cells it could not read), who uploaded it and when. A re-upload replaces the current
one and keeps it as history (``replaced_at``): at most one current import per agency and year."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai_web.agencies.models import Agency


class ImportedReport(models.Model):
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="imported_reports", verbose_name=_("agency")
    )
    year = models.PositiveSmallIntegerField(_("report year"))
    file = models.FileField(_("file"), upload_to="reports/imported/%Y/")
    file_name = models.CharField(_("file name"), max_length=200)
    #: What the reader recognised from the content: pdf, docx, xlsx or html.
    kind = models.CharField(_("file kind"), max_length=10)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    #: The report as read, in the core's JSON (``gongkai.report.render.json.report_to_dict``).
    report = models.JSONField(_("report as read"))
    #: The identities' findings (``Finding.as_dict``), errors and warnings.
    findings = models.JSONField(_("findings"), default=list)
    #: Cells that printed something other than a figure: address → {"text", "place"}.
    unreadable = models.JSONField(_("unreadable cells"), default=dict)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"))
    #: Set when a later upload replaced this one (kept as history).
    replaced_at = models.DateTimeField(_("replaced at"), null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("imported annual report")
        verbose_name_plural = _("imported annual reports")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year"],
                condition=Q(replaced_at__isnull=True),
                name="reports_one_current_import",
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year} ({self.file_name})"

    @property
    def errors(self) -> list[dict]:
        return [f for f in self.findings if f.get("severity") == "error"]

    @property
    def warnings(self) -> list[dict]:
        return [f for f in self.findings if f.get("severity") != "error"]
