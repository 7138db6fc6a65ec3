"""规范性文件清理 (a clean-up campaign) and the files of imported documents.

A clean-up lists each document of an agency (or its subtree) that was in force when it opened, and
staff enter a decision on each: 继续有效 / 修改 / 废止 / 失效. Closing it records the effects (废止 and
失效 from the campaign's effective date, with the campaign's decision document as basis) and fixes the
published lists. Imported at the end of ``models.py``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.publications.files import CLEANUP_DECISIONS


class CleanupDecision(models.TextChoices):
    CONTINUE = "continue", CLEANUP_DECISIONS["continue"]
    AMEND = "amend", CLEANUP_DECISIONS["amend"]
    REPEAL = "repeal", CLEANUP_DECISIONS["repeal"]
    EXPIRE = "expire", CLEANUP_DECISIONS["expire"]


class Cleanup(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="cleanups", verbose_name=_("agency")
    )
    include_subtree = models.BooleanField(_("with the agencies under it"), default=False)
    title = models.CharField(_("title"), max_length=200)
    #: The documents in force on this day are listed.
    as_of = models.DateField(_("documents in force on"))
    #: The 清理结果的决定 (a published document of the library) that is the basis of the effects.
    decision_document = models.ForeignKey(
        "publications.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decision document"),
    )
    #: 废止 and 失效 apply from this day.
    effective_on = models.DateField(_("decisions apply from"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-as_of", "-id"]
        verbose_name = _("clean-up")
        verbose_name_plural = _("clean-ups")

    def __str__(self) -> str:
        return self.title


class CleanupItem(models.Model):
    cleanup = models.ForeignKey(Cleanup, on_delete=models.CASCADE, related_name="items")
    document = models.ForeignKey(
        "publications.Document", on_delete=models.PROTECT, related_name="cleanup_items"
    )
    decision = models.CharField(_("decision"), max_length=10, choices=CleanupDecision.choices, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    #: The effect recorded when the clean-up closed (废止 / 失效).
    effect = models.OneToOneField(
        "publications.Effect", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["cleanup", "id"]
        constraints = [
            models.UniqueConstraint(fields=["cleanup", "document"], name="cleanup_item_unique"),
            models.CheckConstraint(
                condition=Q(decision="") | Q(decided_on__isnull=False), name="cleanup_item_decided_has_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document} {self.get_decision_display()}"


class DocumentFile(models.Model):
    """A file of a document (the text as published), e.g. from the ZIP of an import."""

    document = models.ForeignKey("publications.Document", on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to="documents/%Y/%m/")
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.original_name
