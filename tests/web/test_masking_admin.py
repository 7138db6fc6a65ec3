"""Masking in Django's admin (issue 11, item 4): every admin user sees masked values only, and accounts
with their e-mail addresses are managed by superusers only. (The rule and the personas:
masked_applicant.py.)"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from gongkai_web.audit.models import AuditEntry

from .masked_applicant import (
    EMAIL,
    MASKED_ID,
    MASKED_NAME,
    MASKED_THIRD_PARTY,
    PERSONAS,
    THIRD_PARTY,
    as_persona,
    leaked,
)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_admin_shows_masked_values_to_every_admin_user(client, people, case, persona):
    consultation = AuditEntry.objects.get(action="applications.consultation_started", object_id=str(case.pk))
    attachment = case.attachments.get()
    urls = [
        "/admin/applications/application/",
        f"/admin/applications/application/{case.pk}/change/",
        "/admin/applications/attachment/",
        f"/admin/applications/attachment/{attachment.pk}/change/",
        "/admin/audit/auditentry/",
        f"/admin/audit/auditentry/{consultation.pk}/change/",
    ]
    as_persona(client, people, persona)
    for url in urls:
        response = client.get(url)
        page = response.content.decode()
        assert leaked(page, THIRD_PARTY) == [], url
        if persona in ("admin_staff", "superuser"):
            assert response.status_code == 200, url
        else:  # the admin's own staff check: everyone else is sent to its login page
            assert response.status_code == 302, url
    if persona in ("admin_staff", "superuser"):
        page = client.get(f"/admin/applications/application/{case.pk}/change/").content.decode()
        assert MASKED_NAME in page and MASKED_ID in page and MASKED_THIRD_PARTY in page


def test_accounts_and_their_e_mail_addresses_are_managed_by_superusers_only(client, people):
    admin_staff = people["admin_staff"]
    admin_staff.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="auth", codename__in=["view_user", "change_user"])
    )
    applicant = people["applicant"]
    client.force_login(admin_staff)
    assert client.get("/admin/auth/user/").status_code == 403
    assert client.get(f"/admin/auth/user/{applicant.pk}/change/").status_code == 403
    assert EMAIL not in client.get("/admin/").content.decode()
    client.force_login(people["superuser"])
    assert EMAIL in client.get("/admin/auth/user/").content.decode()
