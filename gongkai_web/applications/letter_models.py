"""The letters of an application and their numbering (kept apart from ``models`` for size; imported
there, so Django and ``models.Letter`` see them)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import Application, ApplicationEvent


class LetterSequence(models.Model):
    """The per-agency, per-year serial of document numbers (文号, legal-rules §7.1). Incremented with an
    ``UPDATE … SET last = last + 1`` inside the issuing transaction, so two handlers never share one."""

    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.CASCADE, related_name="+", verbose_name=_("agency")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last serial number"), default=0)
    #: The 发文机关代字 of the year's numbers, fixed by its first letter: every letter of the agency in
    #: the year carries the same prefix, even if its short name is set or changed in the meantime.
    prefix = models.CharField(_("document number prefix"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("document number sequence")
        verbose_name_plural = _("document number sequences")
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="one_letter_sequence_per_agency_year")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}: {self.last}"


class Letter(models.Model):
    """A document issued on an application (legal-rules §7.2), composed by ``gongkai.letters``.

    Stored in the database (binary fields), not as files, so that a letter is written in the same
    transaction as the step that issues it: a refused or rolled-back step leaves no orphan document.
    The words are fixed when the letter is issued (``text`` and ``composed``, in the issuing
    transaction); the DOCX (≈20–50 ms with python-docx, which would otherwise be paid by every online
    submission's 接收回执) and the PDF (≈0.1–0.6 s with WeasyPrint) are rendered from ``composed`` on
    first use and cached here — the renderers only lay the words out. ``letter.docx`` is that DOCX."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="letters", verbose_name=_("application")
    )
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("agency")
    )
    event = models.ForeignKey(
        ApplicationEvent,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("event"),
    )
    kind = models.CharField(_("kind"), max_length=24)  # a gongkai.letters.LetterKind value
    title = models.CharField(_("title"), max_length=100)
    number = models.CharField(_("document number"), max_length=80)
    year = models.PositiveSmallIntegerField(_("year"))
    serial = models.PositiveIntegerField(_("serial number"))
    addressee = models.CharField(_("addressee"), max_length=200)
    to_applicant = models.BooleanField(
        _("to the applicant"), default=True
    )  # consultation letters go to the consultee
    issued_on = models.DateField(_("issued on"))
    outcome = models.CharField(_("outcome"), max_length=40, blank=True)
    text = models.TextField(_("text"), editable=False)  # the composed letter as plain text (search, audit)
    composed = models.JSONField(
        _("composed letter"), editable=False
    )  # the composed letter (gongkai.letters.Letter), for the renderers
    docx_cache = models.BinaryField(_("DOCX (cached)"), null=True, blank=True, editable=False)  # see ``docx``
    pdf = models.BinaryField(_("PDF (cached)"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["issued_on", "id"]
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "serial"], name="unique_document_number")
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def docx(self) -> bytes:
        """The letter as DOCX, rendered from ``composed`` on first use and cached."""
        from .letters import docx_of

        return docx_of(self)
