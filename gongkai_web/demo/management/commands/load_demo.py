"""Small demo data for ``bin/run``: a few agencies, the demo accounts, a handful of applications (the
data module ``demo/people.py``). A later part replaces it with the full simulation of a year."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai_web.accounts.models import Membership
from gongkai_web.agencies.models import Agency
from gongkai_web.applications import services
from gongkai_web.applications.models import Application
from gongkai_web.demo.catalogue_data import load_catalogue
from gongkai_web.demo.hierarchy import document_short_name
from gongkai_web.demo.people import (
    AGENCIES,
    APPLICANT_NAME,
    CONSULTED_THIRD_PARTY,
    CORRECTION_DETAILS,
    CORRECTION_ITEMS,
    CORRECTION_REQUEST,
    DRAFT_WITHHELD,
    GRANTED_REASONS,
    GUIDE,
    REQUESTS,
    USERS,
    agency_address,
)
from gongkai_web.qa.demo_data import load_qa
from gongkai_web.supervision.demo_data import load_supervision

DEMO_PASSWORD = "gongkai-demo"


class Command(BaseCommand):
    help = "Load a small demo: agencies, demo accounts (password gongkai-demo), a handful of applications."

    def handle(self, *args, **options):
        if Agency.objects.exists():
            self.stdout.write(_("The database already holds data; the demo was not loaded."))
            return
        with transaction.atomic():
            self._agencies()
            users = self._users()
            self._applications(users)
            load_catalogue(users, timezone.localdate())
            load_qa(users, timezone.localdate())  # the 政策咨询问答库 (gongkai_web/qa/demo_data.py)
            load_supervision(users, timezone.localdate())  # tasks, complaints (supervision/demo_data.py)
        self.stdout.write(
            _("Demo loaded: %(agencies)s agencies, %(applications)s applications.")
            % {"agencies": Agency.objects.count(), "applications": Application.objects.count()}
        )

    def _agencies(self):
        for code, name, level, kind, parent, extra in AGENCIES:
            Agency.objects.create(
                code=code,
                name=name,
                level=level,
                kind=kind,
                parent=Agency.objects.get(code=parent) if parent else None,
                # the real 代字 from the start: the letters issued below are numbered with it, and
                # the big demo (``build_hierarchy``) keeps it, so no agency's letters carry two prefixes
                short_name=document_short_name(name),
                address=agency_address(name),
                phone="023-12345678",
                guide_updated_on=dt.date(2025, 1, 1),
                **{**GUIDE, **extra},
            )

    def _users(self) -> dict[str, User]:
        users = {}
        admin = User.objects.create_superuser("admin", "admin@example.com", DEMO_PASSWORD)
        users["admin"] = admin
        for username, full_name, agency, role in USERS:
            user = User.objects.create_user(
                username, f"{username}@example.com", DEMO_PASSWORD, first_name=full_name
            )
            if agency and role:
                Membership.objects.create(user=user, agency=Agency.objects.get(code=agency), role=role)
            users[username] = user
        return users

    def _applications(self, users):
        for (code, description, days_ago), kind in [
            *((r, "disclosure") for r in REQUESTS),
            (CORRECTION_REQUEST, "correction"),
        ]:
            arrived = timezone.now() - dt.timedelta(days=days_ago)
            data = {
                "applicant_type": "citizen",
                "report_column": "natural_person",
                "name": APPLICANT_NAME,
                "id_type": "resident_id",
                "id_number": "110101199003070011",
                "phone": "13800138000",
                "email": "zhangsan@example.com",
                "description": description,
                "info_form": "electronic",
                "delivery_methods": ["email"],
                "applicant_user": users["zhangsan"],
                "kind": kind,
            }
            services.register_application(
                Agency.objects.get(code=code),
                data,
                channel="in_person",
                arrived_at=arrived,
                received_on=None,
                actor=users["lisi"],
            )
        self._handle(users)

    def _handle(self, users):
        """Take five of 张三's requests a few steps, through the same services as staff, so the demo
        shows a reply letter, a 补正 in progress, a third-party consultation, a reply draft awaiting sign-off
        and a 更正答复书."""
        today = timezone.localdate()
        handler = users["lisi"]
        granted = Application.objects.get(description=REQUESTS[0][1])
        services.reply_application(
            granted,
            outcome="granted",
            decided_on=today - dt.timedelta(days=3),
            reasons=GRANTED_REASONS,
            actor=handler,
        )
        correction = Application.objects.get(description=REQUESTS[1][1])
        assert correction.received_on is not None  # the demo's applications are received
        services.request_correction(
            correction,
            items=list(CORRECTION_ITEMS),
            sent_on=correction.received_on + dt.timedelta(days=1),
            actor=handler,
        )
        consulted = Application.objects.get(description=REQUESTS[4][1])
        assert consulted.received_on is not None
        services.start_consultation(
            consulted,
            consultee_kind="third_party",
            consultee=CONSULTED_THIRD_PARTY,
            sent_on=consulted.received_on + dt.timedelta(days=2),
            actor=users["wangwu"],
        )
        drafted = Application.objects.get(description=REQUESTS[2][1])
        draft = services.save_reply_draft(
            drafted, outcome="partly_granted", withheld=DRAFT_WITHHELD, actor=handler
        )
        services.submit_reply_draft(draft, actor=handler)
        corrected = Application.objects.get(description=CORRECTION_REQUEST[1])
        services.reply_correction(
            corrected,
            result="corrected",
            decided_on=today - dt.timedelta(days=1),
            details=CORRECTION_DETAILS,
            actor=handler,
        )
