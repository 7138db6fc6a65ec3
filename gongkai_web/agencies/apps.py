from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "gongkai_web.agencies"
    label = "agencies"
    verbose_name = _("Agencies")

    def ready(self):
        from gongkai_web.audit.labels import register_labels

        from .audit_labels import ACTION_LABELS

        register_labels(ACTION_LABELS)
