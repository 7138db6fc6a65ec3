from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationsConfig(AppConfig):
    name = "gongkai_web.publications"
    label = "publications"
    verbose_name = _("Proactive disclosure")

    def ready(self):
        from gongkai_web.audit.labels import register_labels

        from .audit_labels import ACTION_LABELS

        register_labels(ACTION_LABELS)

        from gongkai_web.search import registry

        from .search_entries import PROVIDER

        registry.register(PROVIDER)
