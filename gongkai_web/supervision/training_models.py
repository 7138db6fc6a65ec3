"""Training sessions (the seed: 290 sessions held by the offices for their agencies' staff): who
organised it (a supervising office), when, on what, which agencies of its subtree sent people, how many
attended, and the materials used. Recorded by the office; read by it and by the agencies that attended."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TrainingSession(models.Model):
    office = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("organised by")
    )
    held_on = models.DateField(_("held on"))
    title = models.CharField(_("title of the session"), max_length=200)
    agencies = models.ManyToManyField(
        "agencies.Agency", related_name="training_sessions", verbose_name=_("agencies attending")
    )
    attendee_count = models.PositiveIntegerField(_("number of attendees"))
    people = models.TextField(_("people attending"), blank=True)
    materials = models.TextField(_("materials"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")

    def __str__(self) -> str:
        return f"{self.held_on} {self.title}"
