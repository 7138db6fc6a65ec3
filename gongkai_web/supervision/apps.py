"""Supervision of disclosure work: task lists with owners and closure, complaints, evaluations (issue 17)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "gongkai_web.supervision"
    label = "supervision"
    verbose_name = _("Supervision")

    def ready(self):
        from gongkai_web.applications.reply_notes import register
        from gongkai_web.audit.labels import register_labels

        from .audit_labels import ACTION_LABELS
        from .guidance_notes import guidance_notes

        register_labels(ACTION_LABELS)
        register(guidance_notes)
