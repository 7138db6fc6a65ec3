from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "gongkai_web.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self):
        from gongkai_web.audit.labels import register_labels

        from .audit_labels import ACTION_LABELS

        register_labels(ACTION_LABELS)
        _name_the_second_factor_in_chinese()


def _name_the_second_factor_in_chinese() -> None:
    """django-otp names its TOTP app and model in plain English (not marked for translation); the admin
    lists them among the project's, so they get the project's words."""
    from django.apps import apps
    from django_otp.plugins.otp_totp.models import TOTPDevice

    apps.get_app_config("otp_totp").verbose_name = _("Two-step verification")
    TOTPDevice._meta.verbose_name = _("authenticator app (TOTP)")
    TOTPDevice._meta.verbose_name_plural = _("authenticator apps (TOTP)")
