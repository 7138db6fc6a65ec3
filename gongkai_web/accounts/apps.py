from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "gongkai_web.accounts"
    label = "accounts"

    def ready(self):
        from gongkai_web.audit.labels import register_labels

        from .audit_labels import ACTION_LABELS

        register_labels(ACTION_LABELS)
