from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "gongkai_web.reports"
    label = "reports"
    verbose_name = _("Annual reports")

    def ready(self) -> None:
        from gongkai_web.audit.labels import register_labels

        from .imported_audit_labels import ACTION_LABELS

        register_labels(ACTION_LABELS)
        register_labels(
            {
                "reports.drafted": _("annual report drafted from the records"),
                "reports.redrafted": _("annual report's figures rebuilt from the records"),
                "reports.narrative_revised": _("annual report's narrative revised"),
                "reports.validated": _("annual report validated"),
                "reports.submitted": _("annual report submitted for review"),
                "reports.returned": _("annual report returned for revision"),
                "reports.published": _("annual report published"),
                "reports.corrected": _("annual report corrected (new version)"),
            }
        )
