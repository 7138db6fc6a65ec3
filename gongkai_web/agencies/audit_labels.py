"""The labels of agencies' audit actions (registered with ``audit.labels`` in ``AgenciesConfig.ready``)."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "agencies.imported": _("agency imported"),
    "agencies.import_updated": _("agency updated by import"),
    "agencies.added": _("agency added in the admin"),
    "agencies.changed": _("agency changed in the admin"),
    "agencies.deleted": _("agency deleted in the admin"),
}
