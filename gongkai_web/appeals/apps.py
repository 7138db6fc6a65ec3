from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppealsConfig(AppConfig):
    name = "gongkai_web.appeals"
    label = "appeals"
    verbose_name = _("Administrative reconsideration and litigation")

    def ready(self):
        from gongkai_web.audit.labels import register_labels

        register_labels(
            {
                "appeals.registered": _("reconsideration or litigation case registered"),
                "appeals.replied": _("reply or defence filed"),
                "appeals.decided": _("decision or judgment recorded"),
                "appeals.follow_up_ordered": _("follow-up ordered"),
                "appeals.follow_up_done": _("follow-up done"),
            }
        )
