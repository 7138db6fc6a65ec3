"""What each audit action means, in words staff read on the record's page (the codes stay in the
database and in exports). Actions named after an application event take that event's label."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gongkai_web.applications.models import EventKind

ACTION_LABELS = {
    "accounts.applicant_registered": _("applicant account created"),
    "accounts.login_locked_out": _("login refused after too many failed attempts"),
    "accounts.second_factor_enabled": _("two-step verification turned on"),
    "accounts.second_factor_disabled": _("two-step verification turned off"),
    "accounts.signup_throttled": _("account creation refused: too many from one address"),
    "applications.query_password_reissued": _("new query password issued: the same form was posted again"),
    "applications.secret_rekeyed": _("query password digest moved to the current key"),
    "applications.tracking_throttled": _("query code lookup refused after too many wrong attempts"),
    "agencies.imported": _("agency imported"),
    "agencies.import_updated": _("agency updated by import"),
    "applications.registered": _("application registered by staff"),
    "applications.split_created": _("created by splitting an application"),
    "applications.identifiers_unmasked": _("full personal information shown"),
    "applications.deadline_recomputed": _("deadline recomputed with the published holiday schedule"),
    "applications.worklist_exported": _("worklist exported"),
    "applications.correction_replied": _("correction request answered (art. 41)"),
    "letters.downloaded": _("letter downloaded"),
    "applications.attachment_opened": _("attachment opened (personal information shown)"),
}


def action_label(action: str) -> str:
    if action in ACTION_LABELS:
        return str(ACTION_LABELS[action])
    app_label, _dot, name = action.partition(".")
    if app_label == "applications" and name in EventKind.values:
        return str(EventKind(name).label)
    return action  # an action added later without a label: show its code rather than nothing
