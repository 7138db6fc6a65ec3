"""People: applicants use plain Django users; agency staff hold memberships.

A membership gives a role at one agency: a handler works that agency's applications, an approver
(the disclosure-office head, 条例第三十三条) also approves extensions and may unmask identifiers, a
supervisor (政务公开办) sees the agency's whole subtree read-only. An evaluator (第三方评估机构 staff,
engaged by the supervising office of the membership's agency) is no agency staff: it scores and reads
only that office's evaluations (the supervision app), nothing else. Administrators are superusers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    HANDLER = "handler", _("handler")
    APPROVER = "approver", _("approver (office head)")
    SUPERVISOR = "supervisor", _("supervising office")
    EVALUATOR = "evaluator", _("third-party evaluator")


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.CASCADE, related_name="memberships", verbose_name=_("agency")
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "agency", "role"], name="membership_unique")]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} · {self.agency} · {self.get_role_display()}"
