"""The document library: 规章, 行政规范性文件 and other government information, each with its life as
recorded events (``DocumentEvent``) and its validity computed from effect records (``Effect``; the
core's ``gongkai.publications.validity``), never stored as a status."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai import labels
from gongkai.publications.docnumber import DocumentNumber
from gongkai.publications.validity import EffectKind as CoreEffectKind


class DocumentKind(models.TextChoices):
    RULE = "rule", labels.DOCUMENT_KIND_RULE
    NORMATIVE = "normative", labels.DOCUMENT_KIND_NORMATIVE
    OTHER = "other", labels.DOCUMENT_KIND_OTHER


class Publicity(models.TextChoices):
    PROACTIVE = "proactive", labels.PUBLICITY_KINDS["proactive"]
    #: Published with parts withheld (条例第三十七条 by analogy): the redacted version and its grounds.
    PARTIAL = "partial", labels.PUBLICITY_KINDS["partial"]
    ON_REQUEST = "on_request", labels.PUBLICITY_KINDS["on_request"]
    WITHHELD = "withheld", labels.PUBLICITY_KINDS["withheld"]


class Stage(models.TextChoices):
    """Where the document is in its life; every change is a ``DocumentEvent`` written by a service."""

    DRAFT = "draft", _("drafting")
    IN_COMMENT = "in_comment", _("open for comment")
    SIGNED = "signed", _("signed")
    REGISTERED = "registered", _("registered and numbered")
    PUBLISHED = "published", _("published")


class Document(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("issuing agency"),
    )
    co_issuers = models.ManyToManyField(
        "agencies.Agency", blank=True, related_name="joint_documents", verbose_name=_("joint issuers")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices, default=Stage.DRAFT)
    # 文号: the issuer code (机关代字) is chosen when drafting, the serial given at registration.
    issuer_code = models.CharField(_("issuer code"), max_length=20, blank=True)
    #: 0 for a 规章's order number (令第N号: one running serial per issuer, no year).
    number_year = models.PositiveSmallIntegerField(_("number year"), null=True, blank=True)
    number_serial = models.PositiveIntegerField(_("number serial"), null=True, blank=True)
    number = models.CharField(_("document number"), max_length=60, blank=True, db_index=True)
    index_number = models.CharField(_("index number"), max_length=40, blank=True)
    formed_on = models.DateField(_("date formed"), null=True, blank=True)
    signed_on = models.DateField(_("date signed"), null=True, blank=True)
    published_on = models.DateField(_("date published"), null=True, blank=True, db_index=True)
    effective_on = models.DateField(_("effective from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    topic = models.CharField(_("topic"), max_length=60, blank=True)
    genre = models.CharField(_("genre"), max_length=20, blank=True)
    publicity = models.CharField(_("publicity"), max_length=10, choices=Publicity.choices, blank=True)
    publicity_reason = models.TextField(_("reason for the publicity"), blank=True)
    #: For 部分公开: the text as published, the withheld parts removed (the grounds: ``publicity_reason``).
    redacted_text = models.TextField(_("redacted version"), blank=True)
    text = models.TextField(_("text"), blank=True)
    #: The file the text was extracted from (DOCX, PDF or HTML), kept with the document.
    text_file = models.FileField(_("text file"), upload_to="publications/%Y/%m/", blank=True)
    text_file_name = models.CharField(_("file name"), max_length=200, blank=True)
    text_file_type = models.CharField(max_length=100, blank=True)
    #: 停止公开: the day the published document was taken out of the public column, and why (staff only).
    withdrawn_on = models.DateField(_("withdrawn from the public on"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for the withdrawal"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published_on", "-id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        # Table 2 (queries.fast_table2_counts) reads an agency subtree's documents up to a day: on
        # PostgreSQL from this index alone (INCLUDE); SQLite gets (agency, published_on).
        indexes = [
            models.Index(
                fields=["agency", "published_on"],
                include=["kind", "stage", "effective_on", "valid_until"],
                name="document_agency_published",
            )
        ]
        constraints = [
            # 统一登记、统一编号 (国办发〔2018〕37号): one serial per issuer code and year, never twice.
            models.UniqueConstraint(
                fields=["issuer_code", "number_year", "number_serial"],
                condition=Q(number_serial__isnull=False),
                name="document_number_unique",
            ),
            models.UniqueConstraint(
                fields=["index_number"], condition=~Q(index_number=""), name="document_index_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(published_on__isnull=True) | ~Q(publicity=""),
                name="document_published_has_publicity",
            ),
            models.CheckConstraint(
                condition=Q(stage="published", published_on__isnull=False)
                | (~Q(stage="published") & Q(published_on__isnull=True)),
                name="document_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.number}）" if self.number else self.title

    def number_for(self, serial: int, year: int) -> str:
        return str(DocumentNumber(self.issuer_code, year or None, serial))


class DocumentEvent(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(
        _("step"), max_length=24, choices=[(k, v) for k, v in labels.DOCUMENT_STEPS.items()]
    )
    on = models.DateField(_("date"))
    data = models.JSONField(default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]
        verbose_name = _("document event")
        verbose_name_plural = _("document events")

    def __str__(self) -> str:
        return f"{self.on} {self.get_kind_display()}"


class EffectKind(models.TextChoices):
    AMENDS = CoreEffectKind.AMENDS.value, labels.EFFECT_KINDS["amends"]
    REPEALS = CoreEffectKind.REPEALS.value, labels.EFFECT_KINDS["repeals"]
    DECLARES_EXPIRED = CoreEffectKind.DECLARES_EXPIRED.value, labels.EFFECT_KINDS["declares_expired"]
    RENEWS = CoreEffectKind.RENEWS.value, labels.EFFECT_KINDS["renews"]


class Effect(models.Model):
    """``source`` amends / repeals / declares expired / renews ``target``, from ``on``."""

    #: None when the acting document is not in the library (an import of documents repealed long ago):
    #: then ``basis`` names it (its 文号, or its title).
    source = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="effects_given",
        verbose_name=_("acting document"),
    )
    basis = models.CharField(_("basis outside the library"), max_length=300, blank=True)
    target = models.ForeignKey(
        Document, on_delete=models.PROTECT, related_name="effects", verbose_name=_("affected document")
    )
    kind = models.CharField(_("effect"), max_length=20, choices=EffectKind.choices)
    on = models.DateField(_("from"))
    valid_until = models.DateField(_("new end of validity"), null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]
        verbose_name = _("effect")
        verbose_name_plural = _("effects")
        # Table 2's grouped counts (queries.table2_counts): effects of a kind per target up to a day, and
        # the repeals of a year.
        indexes = [
            models.Index(fields=["target", "kind", "on"], name="effect_target_kind_on"),
            models.Index(fields=["kind", "on"], name="effect_kind_on"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(source=models.F("target")), name="effect_not_on_itself"),
            models.CheckConstraint(
                condition=Q(source__isnull=False) | ~Q(basis=""), name="effect_has_source_or_basis"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.on} {self.get_kind_display()}"

    @property
    def basis_text(self) -> str:
        """The 文号 (or title) of what has the effect, in the library or not."""
        if self.source is None:
            return self.basis
        return self.source.number or self.source.title


class NumberSequence(models.Model):
    """The last serial an issuer code used in a year: numbers are taken under this row's lock."""

    issuer_code = models.CharField(max_length=20)
    year = models.PositiveSmallIntegerField()
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issuer_code", "year"], name="number_sequence_unique")]

    def __str__(self) -> str:
        return f"{self.issuer_code} {self.year}: {self.last_serial}"


class StatisticItem(models.TextChoices):
    """Table 2's figures that are not documents: the year's decisions and fees (第二十条第（五）（六）（八）项)."""

    LICENSING = "licensing", labels.ACTIVE_LICENSING
    PENALTY = "penalty", labels.ACTIVE_PENALTY
    COERCION = "coercion", labels.ACTIVE_COERCION
    FEES = "fees", labels.ACTIVE_FEES


class YearStatistic(models.Model):
    """A figure an agency reports for a year, with where it comes from and who entered it (the
    licensing, penalty and fee systems are not this platform's: their totals are entered or imported)."""

    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="statistics", verbose_name=_("agency")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    item = models.CharField(_("item"), max_length=10, choices=StatisticItem.choices)
    #: Decisions as a count; fees in 万元 (the format's unit), up to four decimals (whole 元).
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    source = models.CharField(_("source"), max_length=200)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(_("entered at"))

    class Meta:
        verbose_name = _("year statistic")
        verbose_name_plural = _("year statistics")
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "item"], name="year_statistic_unique"),
            models.CheckConstraint(condition=Q(value__gte=0), name="year_statistic_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year} {self.get_item_display()}: {self.value}"


from .catalogue_models import CatalogueItem, CatalogueLink  # noqa: E402, F401  the 主动公开事项目录
from .cleanup_models import Cleanup, CleanupItem, DocumentFile  # noqa: E402, F401  (issue 14: 入库 and 清理)
from .interpretation_models import Interpretation, InterpretationForm  # noqa: E402, F401  (政策解读)
