from django.contrib import admin

from .models import Application, ApplicationEvent, Attachment, Letter


class EventInline(admin.TabularInline):
    model = ApplicationEvent
    extra = 0
    readonly_fields = ("kind", "on", "data", "actor", "created_at")
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class LetterInline(admin.TabularInline):
    model = Letter
    extra = 0
    fields = readonly_fields = ("issued_on", "title", "number", "addressee", "to_applicant")
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """Read-only: every change goes through the services (and the audit trail)."""

    list_display = ("query_code", "agency", "status", "received_on", "due_on", "outcome")
    list_filter = ("status", "channel", "report_column")
    search_fields = ("query_code",)
    inlines = [EventInline, LetterInline]
    exclude = ("name", "id_number", "phone", "email", "address", "postcode", "legal_representative", "contact_name")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ("original_name", "application", "purpose", "size")

    def has_change_permission(self, request, obj=None):
        return False
