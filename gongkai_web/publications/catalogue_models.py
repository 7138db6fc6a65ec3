"""The 主动公开事项目录: per agency, rows of the 基层政务公开标准目录 shape (事项, 内容要素, 依据, 时限,
主体, 渠道, 对象, 方式, 层级), each linked to the documents that fulfil it. What is due when is the
core's (``gongkai.publications.catalogue``); every change is a service (``services/catalogue.py``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai import labels
from gongkai.publications import catalogue as core


def _choices(mapping: dict[str, str]) -> list[tuple[str, str]]:
    return list(mapping.items())


class CatalogueItem(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="catalogue_items",
        verbose_name=_("agency"),
    )
    category = models.CharField(_("matter (first level)"), max_length=100)
    subcategory = models.CharField(_("matter (second level)"), max_length=100, blank=True)
    elements = models.TextField(_("content elements"))
    basis = models.TextField(_("legal basis"))
    limit_amount = models.PositiveSmallIntegerField(_("time limit"), default=core.DEFAULT_LIMIT)
    limit_unit = models.CharField(
        _("time limit unit"), max_length=10, choices=_choices(labels.TIME_LIMIT_UNITS), default=core.WORKDAYS
    )
    periodicity = models.CharField(
        _("formed"), max_length=10, choices=_choices(labels.CATALOGUE_PERIODICITY), default=core.ON_CHANGE
    )
    responsible_unit = models.CharField(_("responsible unit"), max_length=100)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="catalogue_items",
        verbose_name=_("owner"),
    )
    channels = models.JSONField(_("channels"), default=list)
    audience = models.CharField(
        _("audience"), max_length=10, choices=_choices(labels.CATALOGUE_AUDIENCES), default="public"
    )
    mode = models.CharField(
        _("disclosure mode"), max_length=10, choices=_choices(labels.CATALOGUE_MODES), default="proactive"
    )
    level = models.CharField(_("level"), max_length=10, choices=_choices(labels.AGENCY_LEVELS))
    #: Periods ending before this day owe nothing (the day the item entered the catalogue by default).
    since = models.DateField(_("counted from"))
    retired_on = models.DateField(_("retired on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agency", "category", "subcategory", "id"]
        verbose_name = _("catalogue item")
        verbose_name_plural = _("catalogue items")
        constraints = [
            models.CheckConstraint(
                condition=Q(limit_amount__gte=1, limit_amount__lte=core.MAX_LIMIT),
                name="catalogue_item_limit_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category} / {self.subcategory}" if self.subcategory else self.category

    @property
    def time_limit(self) -> core.TimeLimit:
        return core.TimeLimit(self.limit_amount, self.limit_unit)

    @property
    def time_limit_text(self) -> str:
        return core.time_limit_text(self.time_limit, self.periodicity)

    @property
    def channel_labels(self) -> list[str]:
        return [labels.CATALOGUE_CHANNELS[c] for c in self.channels if c in labels.CATALOGUE_CHANNELS]


class CatalogueLink(models.Model):
    """A document that fulfils a catalogue item, linked by whom and when."""

    item = models.ForeignKey(CatalogueItem, on_delete=models.CASCADE, related_name="links")
    document = models.ForeignKey(
        "publications.Document", on_delete=models.PROTECT, related_name="catalogue_links"
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    linked_at = models.DateTimeField()

    class Meta:
        ordering = ["linked_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["item", "document"], name="catalogue_link_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.item_id} ← {self.document_id}"
