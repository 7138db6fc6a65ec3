"""Reply drafts: prepared, previewed, signed off and issued once (kept apart from ``models`` for size;
imported there, so Django and ``models.X`` see them)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import Application


class DraftState(models.TextChoices):
    """Where a reply draft stands (``services.reply_draft``): being written, awaiting sign-off, signed off,
    returned by the approver, issued (the formal reply), or dropped."""

    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("awaiting sign-off")
    APPROVED = "approved", _("signed off")
    RETURNED = "returned", _("returned for changes")
    ISSUED = "issued", _("issued")
    DROPPED = "dropped", _("dropped")


#: The states of a draft not yet issued or dropped: an application has at most one draft in them.
OPEN_DRAFT_STATES = (DraftState.DRAFT, DraftState.SUBMITTED, DraftState.APPROVED, DraftState.RETURNED)


class ReplyDraft(models.Model):
    """A reply being prepared: the outcome and its fields as the handler chose them, previewed as the letter
    it will be, signed off where the agency requires it (``Agency.reply_needs_approval``), and issued once
    (``reply_application``). ``version`` counts the changes; a sign-off is for the version it saw."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reply_drafts")
    state = models.CharField(max_length=12, choices=DraftState.choices, default=DraftState.DRAFT)
    outcome = models.CharField(_("Outcome"), max_length=40)
    reasons = models.TextField(blank=True)
    withheld = models.JSONField(default=list, blank=True)
    public_interest = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    #: The version the approver signed off (a later change needs a new sign-off).
    approved_version = models.PositiveIntegerField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    #: The approver's comment when returning the draft.
    comment = models.TextField(blank=True)
    letter = models.ForeignKey("Letter", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-id"]
        verbose_name = _("reply draft")
        verbose_name_plural = _("reply drafts")
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=models.Q(state__in=OPEN_DRAFT_STATES),
                name="one_open_reply_draft",
            )
        ]

    def __str__(self) -> str:
        return f"{self.application_id} v{self.version} {self.get_state_display()}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_DRAFT_STATES

    @property
    def signed_off(self) -> bool:
        """Signed off, and not changed since."""
        return self.state == DraftState.APPROVED and self.approved_version == self.version
