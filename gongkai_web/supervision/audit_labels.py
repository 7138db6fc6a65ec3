"""Labels of supervision's audit actions."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS: dict[str, object] = {
    "supervision.plan_created": _("work plan created"),
    "supervision.task_issued": _("task issued"),
    "supervision.tasks_imported": _("tasks imported"),
    "supervision.evidence_submitted": _("evidence submitted"),
    "supervision.task_closed": _("task closed (accepted)"),
    "supervision.task_returned": _("evidence returned"),
    "supervision.finding_raised": _("raised by a standing rule"),
    "supervision.complaint_received": _("complaint received"),
    "supervision.complaint_routed": _("complaint routed"),
    "supervision.complaint_replied": _("complaint replied to"),
    "supervision.complainant_unmasked": _("complainant's contact shown in full"),
}
