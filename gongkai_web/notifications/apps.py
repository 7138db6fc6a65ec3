from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "gongkai_web.notifications"
    label = "notifications"

    def ready(self):
        from gongkai_web.audit.labels import register_labels

        from .services import ACTION_LABELS

        register_labels(ACTION_LABELS)
