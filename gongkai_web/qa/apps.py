from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QaConfig(AppConfig):
    name = "gongkai_web.qa"
    label = "qa"
    verbose_name = _("Policy Q&A library")

    def ready(self):
        from gongkai_web.audit.labels import register_labels
        from gongkai_web.search import registry

        from .indexing import provider

        register_labels(
            {
                "qa.topic_added": _("Q&A topic added"),
                "qa.entry_created": _("Q&A entry created"),
                "qa.entry_revised": _("Q&A entry revised"),
                "qa.entry_published": _("Q&A entry published"),
                "qa.entry_withdrawn": _("Q&A entry withdrawn"),
                "qa.document_linked": _("document linked to a Q&A entry"),
                "qa.document_unlinked": _("document unlinked from a Q&A entry"),
                "qa.question_asked": _("question asked by the public"),
                "qa.question_answered": _("public question answered"),
                "qa.question_closed": _("public question closed"),
                "qa.answer_to_library": _("answer put into the Q&A library"),
                "qa.asker_unmasked": _("asker's contact shown in full"),
            }
        )
        registry.register(provider())
