"""Agencies: the hierarchy (市 → 区县 → 乡镇, governments and their departments) and each agency's
政府信息公开指南 facts (条例第十二条), from which the public guide page is generated so it cannot
drift from reality.

Subtree queries use a materialised ``path`` ("/1/7/42/"): one indexed ``startswith`` that behaves
identically on SQLite and PostgreSQL, which keeps table 3 for a subtree a single aggregate."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.labels import AGENCY_KINDS, AGENCY_LEVELS, CHANNELS


class Level(models.TextChoices):
    CITY = "city", AGENCY_LEVELS["city"]
    COUNTY = "county", AGENCY_LEVELS["county"]
    TOWNSHIP = "township", AGENCY_LEVELS["township"]


class Kind(models.TextChoices):
    CITY_GOVERNMENT = "city_government", AGENCY_KINDS["city_government"]
    CITY_DEPARTMENT = "city_department", AGENCY_KINDS["city_department"]
    COUNTY_GOVERNMENT = "county_government", AGENCY_KINDS["county_government"]
    COUNTY_DEPARTMENT = "county_department", AGENCY_KINDS["county_department"]
    TOWNSHIP_GOVERNMENT = "township_government", AGENCY_KINDS["township_government"]


#: The level each kind belongs to: a 区县政府部门 is never at 市 level.
LEVEL_OF_KIND = {
    Kind.CITY_GOVERNMENT: Level.CITY,
    Kind.CITY_DEPARTMENT: Level.CITY,
    Kind.COUNTY_GOVERNMENT: Level.COUNTY,
    Kind.COUNTY_DEPARTMENT: Level.COUNTY,
    Kind.TOWNSHIP_GOVERNMENT: Level.TOWNSHIP,
}

# The functional Enum API with (value, label) pairs: django-stubs declares only str's constructors.
Channel = models.TextChoices("Channel", [(k, (k, v)) for k, v in CHANNELS.items()])  # type: ignore[call-overload]


class FeeMode(models.TextChoices):
    # 信息处理费 (国办函〔2020〕109号): free by default; an agency publishes which mode it uses.
    NONE = "none", _("free of charge")
    PER_ITEM = "per_item", _("per item")
    PER_PAGE = "per_page", _("per page")


class OnlineReceipt(models.TextChoices):
    # 条例第三十一条第（三）项: online receipt is the date both sides confirm. An agency may publish
    # that the portal's electronic receipt is its confirmation (ecosystem §4.3); otherwise staff confirm.
    AUTOMATIC = "automatic", _("the electronic receipt confirms receipt")
    STAFF = "staff", _("staff confirm receipt")


class Agency(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    short_name = models.CharField(_("short name for document numbers"), max_length=20, blank=True)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent"),
    )
    path = models.CharField(_("path"), max_length=255, db_index=True, editable=False, default="")
    division_code = models.CharField(
        _("administrative division code"),
        max_length=12,
        blank=True,
        help_text=_(
            "For a district or county government: its code under GB/T 2260 (e.g. 500103); districts and "
            "counties are listed in the order of these codes, as in the official lists."
        ),
    )
    accepts_applications = models.BooleanField(_("accepts applications"), default=True)
    #: 规章制定权 (立法法第九十三条): recorded as a fact, never guessed from the name; only such bodies
    #: issue 规章 and count them in table 2.
    makes_rules = models.BooleanField(_("has rule-making power"), default=False)
    # ── 政府信息公开指南 ──
    office_name = models.CharField(_("disclosure office"), max_length=100, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=6, blank=True)
    hours = models.CharField(_("office hours"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    fax = models.CharField(_("fax"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    channels = models.JSONField(_("channels"), default=list, blank=True)
    fee_mode = models.CharField(_("fee mode"), max_length=10, choices=FeeMode.choices, default=FeeMode.NONE)
    online_receipt = models.CharField(
        _("online receipt confirmation"),
        max_length=10,
        choices=OnlineReceipt.choices,
        default=OnlineReceipt.AUTOMATIC,
    )
    correction_period_days = models.PositiveSmallIntegerField(
        _("correction period (working days)"),
        default=15,
        help_text=_("No statutory figure (art. 30 of the Regulations: a reasonable period); set per agency."),
    )
    guide_updated_on = models.DateField(_("guide last updated"), null=True, blank=True)
    # ── how the office works ──
    reply_needs_approval = models.BooleanField(
        _("replies need sign-off"),
        default=False,
        help_text=_("A reply drafted by a handler is issued only after an approver has signed it off."),
    )
    # ── for the letters (legal-rules §7.1, §7.3) ──
    review_body = models.CharField(
        _("administrative review body"),
        max_length=100,
        blank=True,
        help_text=_("Named in every reply's remedy clause; empty: the government above (parent agency)."),
    )
    fee_account = models.CharField(
        _("how to pay processing fees"),
        max_length=200,
        blank=True,
        help_text=_("Non-tax payment code or account, printed on fee notices."),
    )

    class Meta:
        ordering = ["path"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        path = f"{self.parent.path if self.parent else '/'}{self.pk}/"
        if path != self.path:
            old, self.path = self.path, path
            type(self).objects.filter(pk=self.pk).update(path=path)
            if old:  # moved: re-root the descendants too
                for child in type(self).objects.filter(path__startswith=old).exclude(pk=self.pk):
                    type(self).objects.filter(pk=child.pk).update(path=path + child.path[len(old) :])

    def subtree(self):
        return Agency.objects.filter(path__startswith=self.path)

    def review_body_name(self) -> str:
        """The 行政复议机关 a reply names (行政复议法第二十四条): the people's government of the level the
        agency belongs to, i.e. its parent for a department, the government one level up for a
        government — both are the parent in this hierarchy. The top agency (a 直辖市 government)
        reviews its own acts (第二十五条). An explicit guide entry wins."""
        if self.review_body:
            return self.review_body
        return self.parent.name if self.parent is not None else self.name

    def channel_labels(self) -> list[str]:
        return [CHANNELS[c] for c in self.channels if c in CHANNELS]
