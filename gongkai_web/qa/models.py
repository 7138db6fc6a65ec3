"""The 政策咨询问答库: curated questions and answers per agency and topic, each linked to the documents
that ground it (``QAEntry``), every text kept as an immutable version (``QAVersion``); and the questions
the public asks an agency (``PublicQuestion``), answered within ``GONGKAI_QA_ANSWER_WORKDAYS`` working
days, whose answer may join the library. Every change is a service (``services.py``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Topic(models.Model):
    """A heading of an agency's library (社会保障, 财政预算…)."""

    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="qa_topics", verbose_name=_("agency")
    )
    name = models.CharField(_("topic"), max_length=60)

    class Meta:
        ordering = ["agency", "name"]
        verbose_name = _("Q&A topic")
        verbose_name_plural = _("Q&A topics")
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="qa_topic_unique")]

    def __str__(self) -> str:
        return self.name


class EntryState(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    WITHDRAWN = "withdrawn", _("withdrawn")


class QAEntry(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="qa_entries", verbose_name=_("agency")
    )
    topic = models.ForeignKey(
        Topic,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name=_("topic"),
    )
    #: The current text: always that of the last ``QAVersion`` (``version``).
    question = models.TextField(_("question"))
    answer = models.TextField(_("answer"))
    documents = models.ManyToManyField(
        "publications.Document", blank=True, related_name="qa_entries", verbose_name=_("grounding documents")
    )
    state = models.CharField(_("state"), max_length=10, choices=EntryState.choices, default=EntryState.DRAFT)
    version = models.PositiveIntegerField(_("version"), default=1)
    #: When it was last published (None: never).
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"))
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("Q&A entry")
        verbose_name_plural = _("Q&A entries")
        indexes = [models.Index(fields=["agency", "state"], name="qa_entry_agency_state")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="published") | Q(published_at__isnull=False),
                name="qa_entry_published_has_time",
            )
        ]

    def __str__(self) -> str:
        return self.question[:60]


class QAVersion(models.Model):
    """One text of an entry, never changed: an edit writes the next version, with its reason."""

    entry = models.ForeignKey(QAEntry, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    question = models.TextField(_("question"))
    answer = models.TextField(_("answer"))
    reason = models.CharField(_("reason for the change"), max_length=300)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        ordering = ["entry", "number"]
        verbose_name = _("Q&A version")
        verbose_name_plural = _("Q&A versions")
        constraints = [models.UniqueConstraint(fields=["entry", "number"], name="qa_version_unique")]

    def __str__(self) -> str:
        return f"{self.entry_id} v{self.number}"


class QuestionState(models.TextChoices):
    RECEIVED = "received", _("awaiting an answer")
    ANSWERED = "answered", _("answered")
    CLOSED = "closed", _("closed")


class ContactKind(models.TextChoices):
    PHONE = "phone", _("telephone")
    EMAIL = "email", _("e-mail")


class PublicQuestion(models.Model):
    """A question asked on the public form; it reaches the agency's queue with a due date."""

    #: Personal data of the asker, with how each field is masked (``queries.masked_asker``): never shown
    #: publicly, masked on the staff screens until an audited unmasking by the agency's own staff.
    PERSONAL_FIELDS = ("name", "contact")

    query_code = models.CharField(_("query code"), max_length=16, unique=True)
    #: The ask form's one-time token: the same form posted twice stores one question.
    submission_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="public_questions", verbose_name=_("agency")
    )
    name = models.CharField(_("name"), max_length=50, blank=True)
    contact = models.CharField(_("contact"), max_length=100)
    contact_kind = models.CharField(_("kind of contact"), max_length=5, choices=ContactKind.choices)
    question = models.TextField(_("question"))
    asked_at = models.DateTimeField(_("asked at"))
    due_on = models.DateField(_("answer due on"), db_index=True)
    state = models.CharField(
        _("state"), max_length=10, choices=QuestionState.choices, default=QuestionState.RECEIVED
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    closed_reason = models.CharField(_("reason for closing"), max_length=300, blank=True)
    #: The library entry the answer was published as (None: not in the library).
    entry = models.ForeignKey(
        QAEntry, on_delete=models.SET_NULL, null=True, blank=True, related_name="from_questions"
    )

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("public question")
        verbose_name_plural = _("public questions")
        indexes = [models.Index(fields=["agency", "state", "due_on"], name="qa_question_queue")]

    def __str__(self) -> str:
        return self.query_code
