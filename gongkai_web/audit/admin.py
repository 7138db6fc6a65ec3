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


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("created_at", "action", "masked_actor", "object_type", "object_id")
    list_filter = ("action", "object_type")
    search_fields = ("action", "object_id")
    date_hierarchy = "created_at"
    fields = readonly_fields = (
        "created_at",
        "action",
        "masked_actor",
        "object_type",
        "object_id",
        "masked_data",
    )

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
