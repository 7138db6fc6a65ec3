from django.utils.translation import gettext_lazy as _

ACTION_LABELS: dict[str, object] = {
    "reports.report_imported": _("annual report imported"),
}
