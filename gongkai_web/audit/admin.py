"""The audit trail in Django's admin: read-only, and masked like the rest of the admin. What an entry
is about is the apps' knowledge, not the audit trail's: the app that knows the records registers a
*presenter* (``register_presenter``; the applications app does, ``applications/audit_presenter.py``),
which names the actor and shows the data with personal values masked. Without one an entry is shown as
written. Entries are not searched by actor label: a search would confirm that a given person used the
platform."""

from __future__ import annotations

import json
from collections.abc import Callable

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .labels import action_label, object_type_label
from .models import AuditEntry


class PlainPresenter:
    """Entries as written (no app registered a presenter)."""

    def actor(self, entry: AuditEntry) -> str:
        return entry.actor_label

    def data(self, entry: AuditEntry) -> str:
        return json.dumps(entry.data, ensure_ascii=False, sort_keys=True)


_presenter_factory: Callable[[], object] = PlainPresenter


def register_presenter(factory: Callable[[], object]) -> None:
    """``factory()`` makes a presenter for one admin page: ``actor(entry)`` and ``data(entry)`` as text."""
    global _presenter_factory
    _presenter_factory = factory


def _object_type_label(object_type: str) -> str:
    """``applications.application`` → the model's name (申请); the code itself when no model has it."""
    return object_type_label(object_type)


class ActionFilter(admin.SimpleListFilter):
    """By action, each named as the pages name it (``audit.labels``)."""

    title = _("action")
    parameter_name = "action"

    def lookups(self, request, model_admin):
        actions = AuditEntry.objects.order_by("action").values_list("action", flat=True).distinct()
        return [(a, action_label(a)) for a in actions]

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


class ObjectTypeFilter(admin.SimpleListFilter):
    title = _("object type")
    parameter_name = "object_type"

    def lookups(self, request, model_admin):
        types = AuditEntry.objects.order_by("object_type").values_list("object_type", flat=True).distinct()
        return [(t, _object_type_label(t)) for t in types]

    def queryset(self, request, queryset):
        return queryset.filter(object_type=self.value()) if self.value() else queryset


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("created_at", "action_shown", "masked_actor", "object_type_shown", "object_id")
    list_filter = (ActionFilter, ObjectTypeFilter)
    search_fields = ("action", "object_id")
    date_hierarchy = "created_at"
    fields = readonly_fields = (
        "created_at",
        "action_shown",
        "masked_actor",
        "object_type_shown",
        "object_id",
        "masked_data",
    )

    @admin.display(description=_("action"), ordering="action")
    def action_shown(self, entry: AuditEntry) -> str:
        return action_label(entry.action)

    @admin.display(description=_("object type"), ordering="object_type")
    def object_type_shown(self, entry: AuditEntry) -> str:
        return _object_type_label(entry.object_type)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    # Each page reads what the presenter needs once, not once per row.
    def changelist_view(self, request, extra_context=None):
        self._fresh()
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._fresh()
        return super().change_view(request, object_id, form_url, extra_context)

    def _fresh(self) -> None:
        self._presenter = _presenter_factory()

    def _current(self):
        if getattr(self, "_presenter", None) is None:
            self._fresh()
        return self._presenter

    @admin.display(description=_("actor (masked)"))
    def masked_actor(self, entry: AuditEntry) -> str:
        return self._current().actor(entry)

    @admin.display(description=_("data (masked)"))
    def masked_data(self, entry: AuditEntry) -> str:
        return self._current().data(entry)
