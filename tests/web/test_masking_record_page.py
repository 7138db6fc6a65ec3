"""Masking on the record page (issue 11, item 4): every persona sees masked values; only those who may
handle the agency see the full values, after an audited unmasking; the audit trail on the page does not
name the applicant's account. (The rule and the personas: masked_applicant.py.)"""

from __future__ import annotations

import pytest

from gongkai_web.audit.models import AuditEntry

from .fixtures import VALID_ID
from .masked_applicant import (
    EMAIL,
    FULL,
    MASKED_ID,
    MASKED_NAME,
    MASKED_PHONE,
    MASKED_STAFF,
    MASKED_THIRD_PARTY,
    MAY_UNMASK,
    PERSONAS,
    THIRD_PARTY,
    as_persona,
    leaked,
)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_record_page_shows_every_persona_masked_values_only(client, people, case, persona):
    response = as_persona(client, people, persona).get(f"/staff/applications/{case.pk}/")
    page = response.content.decode()
    assert leaked(page, THIRD_PARTY) == []
    if persona in MAY_UNMASK + MASKED_STAFF:
        assert response.status_code == 200
        assert MASKED_NAME in page and MASKED_ID in page and MASKED_PHONE in page
        assert f"{MASKED_NAME}身份证.pdf" in page and MASKED_THIRD_PARTY in page  # file name, consultee
    else:
        assert response.status_code == (302 if persona == "anonymous" else 404)


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_those_who_may_handle_the_agency_see_the_full_values_after_unmasking(
    client, people, case, persona
):
    response = as_persona(client, people, persona).post(f"/staff/applications/{case.pk}/unmask/", follow=True)
    page = response.content.decode()
    if persona in MAY_UNMASK:
        assert leaked(page, THIRD_PARTY) == list(FULL) + [THIRD_PARTY]
        assert AuditEntry.objects.filter(
            action="applications.identifiers_unmasked", actor=people[persona]
        ).exists()
    else:
        assert leaked(page, THIRD_PARTY) == []


def test_the_handler_sees_masked_identifiers_until_an_audited_unmasking(client, world):
    client.force_login(world.lisi)
    page = client.get(f"/staff/applications/{world.app_a.pk}/").content.decode()
    assert VALID_ID not in page and "13800138000" not in page
    assert VALID_ID[:6] in page
    page = client.post(f"/staff/applications/{world.app_a.pk}/unmask/").content.decode()
    assert VALID_ID in page and "13800138000" in page
    entry = AuditEntry.objects.filter(action="applications.identifiers_unmasked").get()
    assert entry.actor == world.lisi and entry.object_id == str(world.app_a.pk)


def test_the_supervisor_cannot_unmask(client, world):
    client.force_login(world.zhaoliu)
    page = client.post(f"/staff/applications/{world.app_a.pk}/unmask/", follow=True).content.decode()
    assert VALID_ID not in page
    assert not AuditEntry.objects.filter(action="applications.identifiers_unmasked").exists()


def test_the_audit_trail_on_the_record_page_does_not_name_the_applicants_account(client, people, case):
    assert AuditEntry.objects.filter(action="letters.downloaded", actor_label=EMAIL).exists()  # her download
    for persona in ("supervisor", "handler"):
        client.force_login(people[persona])
        page = client.get(f"/staff/applications/{case.pk}/").content.decode()
        assert EMAIL not in page and f"申请人（查询码 {case.query_code}）" in page
