"""Labels of the library's audit actions: each step by its official name (``gongkai.labels``)."""

from django.utils.translation import gettext_lazy as _

from gongkai import labels

ACTION_LABELS: dict[str, object] = {
    "publications.statistic_entered": _("table 2 figure entered"),
    "publications.attachment_added": _("attachment added"),
    "publications.redacted_version_set": _("redacted version for publication set"),
    "publications.text_attached": _("text of the document uploaded"),
    "publications.imported": _("document imported"),
    "publications.imported_file": _("file of documents imported"),
    "publications.cleanup_opened": _("clean-up opened"),
    "publications.cleanup_decided": _("clean-up decision entered"),
    "publications.cleanup_closed": _("clean-up closed"),
    **{f"publications.{step}": name for step, name in labels.DOCUMENT_STEPS.items()},
    **{f"publications.effect.{kind}": name for kind, name in labels.EFFECT_KINDS.items()},
}
ACTION_LABELS.update(
    {
        "publications.catalogue_item_added": _("catalogue item added"),
        "publications.catalogue_item_changed": _("catalogue item changed"),
        "publications.catalogue_item_retired": _("catalogue item retired"),
        "publications.catalogue_document_linked": _("document linked to a catalogue item"),
        "publications.catalogue_document_unlinked": _("document unlinked from a catalogue item"),
    }
)
ACTION_LABELS.update(
    {
        "publications.interpretation_drafted": _("policy interpretation drafted"),
        "publications.interpretation_revised": _("policy interpretation changed"),
        "publications.interpretation_signed": _("policy interpretation signed off"),
        "publications.interpretation_published": _("policy interpretation published"),
    }
)
