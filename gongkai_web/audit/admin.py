"""The audit trail in Django's admin: read-only, and masked like the rest of the admin
(``applications/admin.py``): an entry about an application shows its data with the applicant's
identifiers and third parties' names masked, and an applicant's own account is named as the applicant,
not by its user name (often an e-mail address or a phone number). Entries are not searched by actor
label for the same reason: a search would confirm that a given person used the platform."""

from __future__ import annotations

import json

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import Q

from .models import AuditEntry

APPLICATION = "applications.application"


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("created_at", "action", "masked_actor", "object_type", "object_id")
    list_filter = ("action", "object_type")
    search_fields = ("action", "object_id")
    date_hierarchy = "created_at"
    fields = readonly_fields = ("created_at", "action", "masked_actor", "object_type", "object_id", "masked_data")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    # Each page reads the applications and the staff accounts once, not once per row.
    def changelist_view(self, request, extra_context=None):
        self._fresh()
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._fresh()
        return super().change_view(request, object_id, form_url, extra_context)

    def _fresh(self) -> None:
        self._applications: dict[str, object] = {}
        self._staff_ids: set[int] | None = None

    def _application(self, entry: AuditEntry):
        from gongkai_web.applications.models import Application

        if entry.object_type != APPLICATION:
            return None
        cache = getattr(self, "_applications", None)
        if cache is None:
            self._fresh()
            cache = self._applications
        if entry.object_id not in cache:
            cache[entry.object_id] = Application.objects.filter(pk=entry.object_id).first() \
                if entry.object_id.isdigit() else None
        return cache[entry.object_id]

    def _is_staff_account(self, user_id: int) -> bool:
        from gongkai_web.accounts.models import Membership

        if getattr(self, "_staff_ids", None) is None:
            staff = get_user_model().objects.filter(Q(is_staff=True) | Q(is_superuser=True)).values_list("pk", flat=True)
            self._staff_ids = set(staff) | set(Membership.objects.values_list("user_id", flat=True))
        return user_id in self._staff_ids

    @admin.display(description="操作人（脱敏）")
    def masked_actor(self, entry: AuditEntry) -> str:
        from gongkai_web.applications import identity

        app = self._application(entry)
        if entry.actor_id and not self._is_staff_account(entry.actor_id):
            return f"申请人（查询码 {app.query_code}）" if app is not None else "申请人账户"
        return identity.scrubber(app)(entry.actor_label) if app is not None else entry.actor_label

    @admin.display(description="数据（脱敏）")
    def masked_data(self, entry: AuditEntry) -> str:
        from gongkai_web.applications.admin import masked_json

        app = self._application(entry)
        if app is None:
            return json.dumps(entry.data, ensure_ascii=False, sort_keys=True)
        return masked_json(app, entry.data)
