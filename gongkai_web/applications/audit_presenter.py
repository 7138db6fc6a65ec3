"""How the audit trail's admin shows entries (``audit.admin``), masked like the rest of the admin
(``applications/admin.py``): an entry about an application shows its data with the applicant's
identifiers and third parties' names masked, and an applicant's own account is named as the applicant,
not by its user name (often an e-mail address or a phone number). Registered with the audit admin in
``ApplicationsConfig.ready``: the audit app itself knows no application. One presenter per admin page,
so each page reads the applications and the staff accounts once, not once per row."""

from __future__ import annotations

import json

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext as _

from gongkai.labels import AUDIT_APPLICANT
from gongkai_web.accounts.models import Membership

from . import identity
from .models import Application

APPLICATION = "applications.application"


class MaskingPresenter:
    def __init__(self) -> None:
        self._applications: dict[str, object] = {}
        self._staff_ids: set[int] | None = None

    def _application(self, entry):
        if entry.object_type != APPLICATION:
            return None
        if entry.object_id not in self._applications:
            self._applications[entry.object_id] = (
                Application.objects.filter(pk=entry.object_id).first() if entry.object_id.isdigit() else None
            )
        return self._applications[entry.object_id]

    def _is_staff_account(self, user_id: int) -> bool:
        if self._staff_ids is None:
            staff = (
                get_user_model()
                .objects.filter(Q(is_staff=True) | Q(is_superuser=True))
                .values_list("pk", flat=True)
            )
            self._staff_ids = set(staff) | set(Membership.objects.values_list("user_id", flat=True))
        return user_id in self._staff_ids

    def actor(self, entry) -> str:
        app = self._application(entry)
        if entry.actor_id and not self._is_staff_account(entry.actor_id):
            return (
                AUDIT_APPLICANT.format(query_code=app.query_code)
                if app is not None
                else _("applicant account")
            )
        return identity.scrubber(app)(entry.actor_label) if app is not None else entry.actor_label

    def data(self, entry) -> str:
        from .admin import masked_json

        app = self._application(entry)
        if app is None:
            return json.dumps(entry.data, ensure_ascii=False, sort_keys=True)
        return masked_json(app, entry.data)
