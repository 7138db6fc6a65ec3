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

        # The two kinds of record this domain puts in the search index (re-indexed by reindex_search).
        from gongkai.search.entry import INTERPRETATION
        from gongkai_web.search.registry import Provider, register

        from .interpretation_queries import search_batch, search_count
        from .search_entries import PROVIDER

        register(PROVIDER)
        register(Provider(INTERPRETATION, search_batch, search_count))
