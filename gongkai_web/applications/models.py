"""依申请公开 records: the application, its event log, attachments.

The event log is the source of truth for the statutory clock: ``deadline.py`` replays the events
through ``gongkai.deadlines``; ``due_on`` on the application is only a cached copy for sorting the
worklist, refreshed by every service that records an event.

Table 3 of the annual report is an aggregate over this table (see ``stats.py``): ``received_on``
(first receipt, kept when a corrected application restarts the clock) decides "本年新收" and "上年结转",
``concluded_on`` + ``outcome`` decide "本年度办理结果", ``report_column`` is the applicant's column fixed
at filing."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.labels import (
    APPLICANT_TYPES,
    CHANNELS,
    DELIVERY_METHODS,
    ID_DOCUMENT_TYPES,
    INFO_FORMS,
    REQUEST_COLUMNS,
)

# The functional Enum API with (value, label) pairs: django-stubs declares only str's constructors.
ApplicantType = models.TextChoices("ApplicantType", [(k, (k, v)) for k, v in APPLICANT_TYPES.items()])  # type: ignore[call-overload]
Channel = models.TextChoices("Channel", [(k, (k, v)) for k, v in CHANNELS.items()])  # type: ignore[call-overload]
IdType = models.TextChoices("IdType", [(k, (k, v)) for k, v in ID_DOCUMENT_TYPES.items()])  # type: ignore[call-overload]
InfoForm = models.TextChoices("InfoForm", [(k, (k, v)) for k, v in INFO_FORMS.items()])  # type: ignore[call-overload]
DELIVERY_CHOICES = list(DELIVERY_METHODS.items())
#: The five organisation columns of table 3 (商业企业 … 其他).
ORG_KIND_CHOICES = [(k, v) for k, v in REQUEST_COLUMNS.items() if k not in {"natural_person", "total"}]
REPORT_COLUMN_CHOICES = [(k, v) for k, v in REQUEST_COLUMNS.items() if k != "total"]


class RequestKind(models.TextChoices):
    """What is asked: disclosure (条例第二十九条) or the correction of a record about the requester
    (条例第四十一条). Correction requests are not counted in table 3 (legal-rules decision 14)."""

    DISCLOSURE = "disclosure", _("Apply for disclosure of government information")
    CORRECTION = "correction", _("Ask for a record about me to be corrected (art. 41)")


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("submitted, awaiting confirmation of receipt")
    IN_PROGRESS = "in_progress", _("in progress")
    CORRECTION = "correction", _("awaiting correction")
    CONSULTING = "consulting", _("consultation under way")
    FEE_PENDING = "fee_pending", _("awaiting fee payment")
    REFERRED = "referred", _("awaiting a determination (art. 17)")
    CLOSED = "closed", _("replied")
    WITHDRAWN = "withdrawn", _("withdrawn")


OPEN_STATUSES = (
    Status.SUBMITTED,
    Status.IN_PROGRESS,
    Status.CORRECTION,
    Status.CONSULTING,
    Status.FEE_PENDING,
    Status.REFERRED,
)


class NotifyBy(models.TextChoices):
    """How the applicant is told about each step (``notify.py``); blank: the channel matching the contact
    given (e-mail if an address was given, else SMS to the mobile number)."""

    EMAIL = "email", _("by e-mail")
    SMS = "sms", _("by SMS (text message)")
    NONE = "none", _("no messages")


class ReceiptRule(models.TextChoices):
    # 条例第三十一条 and 国办公开办函〔2015〕207号, one rule per channel (legal-rules §4.1).
    HANDED_IN = "handed_in", _("day handed in (art. 31(1))")
    SIGNED_FOR = "signed_for", _("day the agency signed for the letter (art. 31(2))")
    CONFIRMED_WITH_APPLICANT = "confirmed", _("day confirmed with the applicant (art. 31(2))")
    MUTUAL_CONFIRMATION = "mutual", _("day both sides confirmed (art. 31(3))")
    ELECTRONIC_RECEIPT = "e_receipt", _("electronic receipt issued under the agency's published rule")


class Mask(models.TextChoices):
    """How a personal field of an application is shown to a role that may not see it in full
    (``identity.masked_applicant``)."""

    APPLICANT_NAME = (
        "applicant_name",
        _("applicant's name: a citizen's as “Zhang*San”, an organisation's as “Chongqing******Company”"),
    )
    PERSON_NAME = "person_name", _("a natural person's name, as “Zhang*San”")
    ID_NUMBER = "id_number", _("ID number")
    PHONE = "phone", _("telephone")
    EMAIL = "email", _("e-mail")
    ADDRESS = "address", _("postal address (masked whole)")
    POSTCODE = "postcode", _("postcode (masked whole)")
    PUBLIC = (
        "public",
        _("public information, not masked (such as an organisation's unified social credit code)"),
    )


class Application(models.Model):
    #: The applicant's identifying fields (条例第二十九条第（一）项), declared once, with how each is masked:
    #: intake stores them (``APPLICANT_FIELDS``), ``identity.masked_applicant``/``full_applicant`` show them
    #: (record page, worklist, CSV export, letters), the admin never shows them unmasked. A new field
    #: holding personal data goes here (tests/web/test_personal_fields.py fails until it is classified
    #: here or in ``NON_PERSONAL_FIELDS``). The order is the order the masked values are listed in.
    PERSONAL_FIELDS = {
        "name": Mask.APPLICANT_NAME,
        "id_number": Mask.ID_NUMBER,
        "credit_code": Mask.PUBLIC,  # an organisation's public registration number, not personal data
        "legal_representative": Mask.PERSON_NAME,
        "contact_name": Mask.PERSON_NAME,
        "phone": Mask.PHONE,
        "email": Mask.EMAIL,
        "address": Mask.ADDRESS,
        "postcode": Mask.POSTCODE,
    }
    #: The text fields that hold no personal data of their own. ``description`` is the applicant's free
    #: text: shown through ``identity.scrubber``, which masks her identifiers quoted in it.
    NON_PERSONAL_FIELDS = frozenset(
        {
            "query_code",
            "secret_digest",
            "submission_token",
            "kind",
            "applicant_type",
            "report_column",
            "id_type",
            "description",
            "document_title",
            "document_number",
            "purpose",
            "info_form",
            "delivery_methods",
            "notify_by",
            "channel",
            "receipt_rule",
            "status",
            "outcome",
        }
    )
    #: What the applicant fills in and intake stores (``services.submit_application``; a split copies them).
    APPLICANT_FIELDS = (
        "applicant_type",
        "report_column",
        "id_type",
        *PERSONAL_FIELDS,
        "description",
        "document_title",
        "document_number",
        "purpose",
        "info_form",
        "delivery_methods",
        "notify_by",
    )

    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="applications", verbose_name=_("agency")
    )
    query_code = models.CharField(_("query code"), max_length=16, unique=True)
    secret_digest = models.CharField(max_length=64, editable=False)
    submission_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    applicant_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
        verbose_name=_("applicant account"),
    )
    kind = models.CharField(
        _("request kind"), max_length=12, choices=RequestKind.choices, default=RequestKind.DISCLOSURE
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="split_children",
        verbose_name=_("split from"),
    )
    # ── applicant (条例第二十九条第（一）项) ──
    applicant_type = models.CharField(_("applicant type"), max_length=12, choices=ApplicantType.choices)
    report_column = models.CharField(
        _("report column"), max_length=16, choices=REPORT_COLUMN_CHOICES, db_index=True
    )
    name = models.CharField(_("name"), max_length=100)
    id_type = models.CharField(_("ID document"), max_length=20, choices=IdType.choices, blank=True)
    id_number = models.CharField(_("ID number"), max_length=40, blank=True)
    credit_code = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    legal_representative = models.CharField(_("legal representative"), max_length=50, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=20)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("postal address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=6, blank=True)
    # ── information requested (第（二）项) ──
    description = models.TextField(_("description of the information"))
    document_title = models.CharField(_("title"), max_length=200, blank=True)
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    purpose = models.CharField(_("purpose (optional)"), max_length=200, blank=True)
    # ── form and delivery (第（三）项) ──
    info_form = models.CharField(_("form of the information"), max_length=12, choices=InfoForm.choices)
    delivery_methods = models.JSONField(_("delivery"), default=list)
    notify_by = models.CharField(
        _("messages about each step"), max_length=8, choices=NotifyBy.choices, blank=True, default=""
    )
    # ── receipt (第三十一条): the arrival timestamp and the legal receipt date are separate facts ──
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    arrived_at = models.DateTimeField(_("arrived at"))
    received_on = models.DateField(_("date of receipt"), null=True, blank=True, db_index=True)
    receipt_rule = models.CharField(_("receipt rule"), max_length=12, choices=ReceiptRule.choices, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("receipt confirmed by"),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("entered by"),
    )
    # ── state ──
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
    outcome = models.CharField(_("outcome"), max_length=40, blank=True, db_index=True)
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True, db_index=True)
    due_on = models.DateField(_("statutory deadline"), null=True, blank=True, db_index=True)
    due_provisional = models.BooleanField(_("deadline provisional"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        # Table 3 (reports/table3.py) reads only these columns: each of its two aggregates is an
        # index-only scan of one of these, per agency of the subtree (bench/table3.py). They also
        # serve every query the plain (agency, received_on) and (agency, concluded_on) indexes did.
        # ``kind`` is last: table 3 counts disclosure requests only, read from the index as well.
        indexes = [
            models.Index(
                fields=["agency", "received_on", "concluded_on", "report_column", "kind"],
                name="application_table3_received",
            ),
            models.Index(
                fields=["agency", "concluded_on", "received_on", "report_column", "outcome", "kind"],
                name="application_table3_concluded",
            ),
        ]

    def __str__(self) -> str:
        return self.query_code

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_correction(self) -> bool:
        return self.kind == RequestKind.CORRECTION

    @property
    def correction_result(self) -> str:
        """The answer to a correction request (a ``gongkai.letters.CORRECTION_RESULTS`` key), '' until answered."""
        if not self.is_correction or self.status != Status.CLOSED:
            return ""
        reply = self.events.filter(kind=EventKind.REPLIED).order_by("-on", "-id").first()
        return reply.data.get("correction_result", "") if reply else ""


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    RECEIPT_CONFIRMED = "receipt_confirmed", _("receipt confirmed")
    CORRECTION_REQUESTED = "correction_requested", _("correction requested")
    CORRECTION_RECEIVED = "correction_received", _("corrected application received")
    EXTENSION_APPROVED = "extension_approved", _("extension approved")
    CONSULTATION_STARTED = "consultation_started", _("consultation started")
    CONSULTATION_ANSWERED = "consultation_answered", _("consultation answered")
    FEE_NOTICE_SENT = "fee_notice_sent", _("fee notice sent")
    FEE_PAID = "fee_paid", _("fee paid")
    REASONS_REQUESTED = "reasons_requested", _("applicant asked for reasons (art. 35)")
    REASONS_ANSWERED = "reasons_answered", _("applicant's reasons recorded (art. 35)")
    REASONABLE_TIME_NOTICE = "reasonable_time_notice", _("reasonable reply time set (art. 35)")
    DETERMINATION_REQUESTED = "determination_requested", _("referred for a determination (art. 17)")
    DETERMINATION_RECEIVED = "determination_received", _("determination received (art. 17)")
    REPLIED = "replied", _("replied")
    WITHDRAWN = "withdrawn", _("withdrawn")
    SPLIT = "split", _("split")


#: Events the statutory clock does not know: asking for reasons under 条例第三十五条, and the answer, neither
#: pause nor move the reply period (the statute excludes only consultation time, 第三十三条第三款).
NON_CLOCK_EVENTS = frozenset({EventKind.REASONS_REQUESTED, EventKind.REASONS_ANSWERED})


class ApplicationEvent(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="events", verbose_name=_("application")
    )
    kind = models.CharField(_("event"), max_length=24, choices=EventKind.choices)
    on = models.DateField(_("date"))
    data = models.JSONField(_("data"), default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("actor"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]
        verbose_name = _("application event")
        verbose_name_plural = _("application events")

    def __str__(self) -> str:
        return f"{self.on} {self.get_kind_display()}"


class Attachment(models.Model):
    class Purpose(models.TextChoices):
        IDENTITY = "identity", _("proof of identity")
        SUPPORTING = "supporting", _("supporting document")
        CORRECTION = "correction", _("material answering the correction notice")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("application")
    )
    purpose = models.CharField(
        _("purpose"), max_length=12, choices=Purpose.choices, default=Purpose.SUPPORTING
    )
    file = models.FileField(_("file"), upload_to="attachments/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256 digest"), max_length=64)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        # Not the file name: applicants name their scans after themselves ("张三身份证.jpg"), and this
        # string is shown wherever the object is (the admin's lists and titles) — masked or not.
        return f"{self.get_purpose_display()} #{self.pk}"


# Models kept in their own modules for size, imported here so that Django registers them and
# ``models.DisclosedItem`` &c. keep working (they import the classes above: these lines stay last).
from .draft_models import OPEN_DRAFT_STATES, DraftState, ReplyDraft  # noqa: E402
from .letter_models import Letter, LetterSequence  # noqa: E402
from .material_models import Delivery, DisclosedItem, ServiceMethod  # noqa: E402

__all__ = [
    "DELIVERY_CHOICES",
    "NON_CLOCK_EVENTS",
    "OPEN_DRAFT_STATES",
    "OPEN_STATUSES",
    "ORG_KIND_CHOICES",
    "REPORT_COLUMN_CHOICES",
    "Application",
    "ApplicationEvent",
    "Attachment",
    "Delivery",
    "DisclosedItem",
    "DraftState",
    "EventKind",
    "Letter",
    "LetterSequence",
    "Mask",
    "NotifyBy",
    "ReceiptRule",
    "ReplyDraft",
    "RequestKind",
    "ServiceMethod",
    "Status",
]
