"""Django's admin for the records: read-only (every change goes through the services and the audit trail),
and **masked for every admin user**, superusers included.

The rule (issue 11, item 4): the admin shows an applicant's personal data only as the staff screens'
masked view does (``identity.masked_applicant``): the name, ID number, phone, e-mail and address masked;
a consulted third party's name masked in the letters list and in events' data; the identifiers the
applicant wrote into free text (a description, a file name) masked wherever it is quoted. Reading a page
of the admin is not audited, so it must not be a way round the audited "unmask" of the record page:
whoever needs the full values — the handlers of the agency, or a superuser, who may handle every
agency — opens the record on the staff screens and unmasks it there, on the record. Attachments are
listed by their (masked) names only; the files themselves are opened through the staff view, which
checks ``can_unmask`` and logs the opening."""

from __future__ import annotations

import json

from django.contrib import admin
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongkai.labels import AUDIT_APPLICANT, DELIVERY_METHODS

from . import identity
from .models import Application, ApplicationEvent, Attachment, Letter, Mask

#: Never shown as they are: every personal field the model declares but the public ones (a credit code).
PERSONAL_FIELDS = tuple(f for f, kind in Application.PERSONAL_FIELDS.items() if kind is not Mask.PUBLIC)


def _scrubber(app: Application):
    return identity.scrubber(app, third_party_names=identity.third_parties(app))


def _account(app: Application, user) -> str:
    """A user as the admin names them: the applicant's own account as the applicant (its user name is
    often her e-mail address or phone number), staff by user name."""
    if user is None:
        return "—"
    return (
        AUDIT_APPLICANT.format(query_code=app.query_code)
        if user.pk == app.applicant_user_id
        else user.get_username()
    )


def masked_json(app: Application, data) -> str:
    """JSON data of an application's event or audit entry, as text, with its personal values masked."""
    return _scrubber(app)(json.dumps(data, ensure_ascii=False, sort_keys=True, default=str))


class EventInline(admin.TabularInline):
    model = ApplicationEvent
    extra = 0
    fields = readonly_fields = ("kind", "on", "masked_data", "masked_actor", "created_at")
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("data (masked)"))
    def masked_data(self, event: ApplicationEvent) -> str:
        return masked_json(event.application, event.data)

    @admin.display(description=_("actor"))
    def masked_actor(self, event: ApplicationEvent) -> str:
        return _account(event.application, event.actor)


class LetterInline(admin.TabularInline):
    model = Letter
    extra = 0
    fields = readonly_fields = ("issued_on", "title", "number", "masked_addressee", "to_applicant")
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("addressee (masked)"))
    def masked_addressee(self, letter: Letter) -> str:
        return identity.shown_addressee(letter, letter.application)


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """Read-only, masked (see the module's docstring)."""

    list_display = ("query_code", "masked_name", "agency", "status", "received_on", "due_on", "outcome")
    list_filter = ("status", "channel", "report_column")
    search_fields = ("query_code",)  # never by name: a search would confirm who applied
    inlines = [EventInline, LetterInline]
    exclude = (*PERSONAL_FIELDS, "description", "applicant_user", "delivery_methods")
    readonly_fields = ("masked_applicant", "masked_description", "applicant_account", "delivery")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("applicant (masked)"))
    def masked_name(self, app: Application) -> str:
        return identity.masked_applicant(app)["name"]

    @admin.display(description=_("applicant's details (masked)"))
    def masked_applicant(self, app: Application) -> str:
        masked = identity.masked_applicant(app)
        return " · ".join(v for v in masked.values() if v)

    @admin.display(description=_("applicant account"))
    def applicant_account(self, app: Application) -> str:
        return gettext("yes (the applicant's own account)") if app.applicant_user_id else gettext("none")

    @admin.display(description=_("delivery"))
    def delivery(self, app: Application) -> str:
        return "、".join(DELIVERY_METHODS.get(m, m) for m in app.delivery_methods)

    @admin.display(description=_("description of the information requested (masked)"))
    def masked_description(self, app: Application) -> str:
        return identity.scrubber(app)(app.description)


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ("masked_file_name", "application", "purpose", "size")
    fields = readonly_fields = (
        "application",
        "purpose",
        "masked_file_name",
        "content_type",
        "size",
        "sha256",
        "created_at",
    )
    list_select_related = ("application",)

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    # Evidence (issue 12, item 5): an attachment is never deleted nor changed in the admin.
    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("file name (masked)"))
    def masked_file_name(self, attachment: Attachment) -> str:
        return identity.scrubber(attachment.application)(attachment.original_name)
