"""Labels of the library's audit actions: each step by its official name (``gongkai.labels``)."""

from django.utils.translation import gettext_lazy as _

from gongkai import labels

ACTION_LABELS: dict[str, object] = {
    "publications.statistic_entered": _("table 2 figure entered"),
    "publications.imported": _("document imported"),
    "publications.imported_file": _("file of documents imported"),
    "publications.cleanup_opened": _("clean-up opened"),
    "publications.cleanup_decided": _("clean-up decision entered"),
    "publications.cleanup_closed": _("clean-up closed"),
    **{f"publications.{step}": name for step, name in labels.DOCUMENT_STEPS.items()},
    **{f"publications.effect.{kind}": name for kind, name in labels.EFFECT_KINDS.items()},
}
