"""Labels of supervision's audit actions."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS: dict[str, object] = {
    "supervision.plan_created": _("work plan created"),
    "supervision.complaint_term_set": _("complaint reply term set"),
    "supervision.task_issued": _("task issued"),
    "supervision.tasks_imported": _("tasks imported"),
    "supervision.evidence_submitted": _("evidence submitted"),
    "supervision.task_closed": _("task closed (accepted)"),
    "supervision.task_returned": _("evidence returned"),
    "supervision.finding_raised": _("raised by a standing rule"),
    "supervision.complaint_received": _("complaint received"),
    "supervision.complaint_routed": _("complaint routed"),
    "supervision.complaint_replied": _("complaint replied to"),
    "supervision.filing_rule_set": _("filing rule set"),
    "supervision.application_filed": _("application filed with the office"),
    "supervision.guidance_requested": _("draft reply sent for the office's opinion"),
    "supervision.guidance_given": _("office's opinion recorded"),
    "supervision.indicator_set_created": _("indicator set created"),
    "supervision.agency_evaluated": _("agency evaluated"),
    "supervision.score_reviewed": _("score given by a reviewer"),
    "supervision.score_contested": _("score contested"),
    "supervision.contest_decided": _("contest decided"),
    "supervision.training_recorded": _("training session recorded"),
}
