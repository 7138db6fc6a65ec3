from django.utils.translation import gettext_lazy as _

from .sources import Source

SOURCE_LABELS = {
    Source.PUBLISHED: _("published on the platform"),
    Source.IMPORTED: _("imported (published elsewhere)"),
    Source.RECORDS: _("built from records"),
}
