"""The labels of the applications' audit actions (registered with ``audit.labels`` in
``ApplicationsConfig.ready``); actions named after an application event take that event's label."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "applications.query_password_reissued": _("new query password issued: the same form was posted again"),
    "applications.secret_rekeyed": _("query password digest moved to the current key"),
    "applications.tracking_throttled": _("query code lookup refused after too many wrong attempts"),
    "applications.registered": _("application registered by staff"),
    "applications.split_created": _("created by splitting an application"),
    "applications.identifiers_unmasked": _("full personal information shown"),
    "applications.deadline_recomputed": _("deadline recomputed with the published holiday schedule"),
    "applications.worklist_exported": _("worklist exported"),
    "applications.correction_replied": _("correction request answered (art. 41)"),
    "letters.downloaded": _("letter downloaded"),
    "applications.attachment_opened": _("attachment opened (personal information shown)"),
    "applications.disclosed_item_added": _("disclosed information added"),
    "applications.disclosed_item_removed": _("disclosed information removed"),
    "applications.disclosed_item_downloaded": _("disclosed file downloaded"),
    "applications.delivery_recorded": _("service of a letter recorded"),
    "applications.delivery_proof_opened": _("proof of service opened (personal information shown)"),
    "applications.reply_draft_saved": _("reply drafted"),
    "applications.reply_draft_changed": _("reply draft changed"),
    "applications.reply_draft_submitted": _("reply draft submitted for sign-off"),
    "applications.reply_draft_approved": _("reply draft signed off"),
    "applications.reply_draft_returned": _("reply draft returned for changes"),
    "applications.reply_draft_dropped": _("reply draft dropped"),
    "applications.reply_draft_issued": _("reply issued from the draft"),
}


def event_label(action: str):
    """``applications.<event kind>`` → the event's label; None for any other action."""
    from .models import EventKind

    app_label, _dot, name = action.partition(".")
    if app_label == "applications" and name in EventKind.values:
        return EventKind(name).label
    return None
