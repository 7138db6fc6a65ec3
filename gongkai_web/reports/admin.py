"""Report records in the admin: read-only. The workflow's steps are services (a record changes only
through them, audited); a published version is never changed (the database trigger agrees)."""

from __future__ import annotations

from django.contrib import admin

from .models import ReportRecord, ReportVersion


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ReportRecord)
class ReportRecordAdmin(ReadOnly):
    list_display = ("agency", "year", "state", "updated_at")
    list_filter = ("state", "year")


@admin.register(ReportVersion)
class ReportVersionAdmin(ReadOnly):
    list_display = ("record", "number", "published_at", "approver_name")
    readonly_fields = (
        "record",
        "number",
        "published_at",
        "approver_name",
        "bypass_reason",
        "correction_reason",
    )
    exclude = ("data", "figures", "findings", "diff", "published_by")
