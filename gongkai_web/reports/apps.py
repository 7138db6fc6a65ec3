from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "gongkai_web.reports"
    label = "reports"

    def ready(self):
        from gongkai_web.audit.labels import register_labels

        from .imported_audit_labels import ACTION_LABELS

        register_labels(ACTION_LABELS)
