from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "gongkai_web.applications"
    label = "applications"
    verbose_name = _("Applications")

    def ready(self):
        from gongkai_web.audit.admin import register_presenter
        from gongkai_web.audit.labels import register_labels, register_resolver

        from .audit_labels import ACTION_LABELS, event_label
        from .audit_presenter import MaskingPresenter

        register_labels(ACTION_LABELS)
        register_resolver(event_label)
        register_presenter(MaskingPresenter)

        from gongkai_web import fastinsert  # noqa: F401  its system check (fastinsert.E001) runs at start-up
