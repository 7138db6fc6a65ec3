"""The labels of accounts' audit actions (registered with ``audit.labels`` in ``AccountsConfig.ready``)."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "accounts.applicant_registered": _("applicant account created"),
    "accounts.login_locked_out": _("login refused after too many failed attempts"),
    "accounts.second_factor_enabled": _("two-step verification turned on"),
    "accounts.second_factor_disabled": _("two-step verification turned off"),
    # The 双重验证 page refused after wrong passwords or codes (a msgid the catalogue already has).
    "accounts.second_factor_throttled": _("Too many attempts"),
    "accounts.membership_added": _("post added in the admin"),
    "accounts.membership_changed": _("post changed in the admin"),
    "accounts.membership_deleted": _("post removed in the admin"),
    "accounts.signup_throttled": _("account creation refused: too many from one address"),
}
