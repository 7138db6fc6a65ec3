"""Masking in the lists of applications (issue 11, item 4): the worklist shows masked names and masks
identifiers in what was asked, the CSV export is masked for everyone, and the supervising office cannot
find an applicant by her name. (The rule and the personas: masked_applicant.py.)"""

from __future__ import annotations

import pytest

from .masked_applicant import (
    MASKED_NAME,
    MASKED_PHONE,
    MASKED_STAFF,
    MAY_UNMASK,
    NAME,
    PERSONAS,
    THIRD_PARTY,
    as_persona,
    leaked,
)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_worklist_shows_masked_names_and_masks_identifiers_in_what_was_asked(
    client, people, case, persona
):
    response = as_persona(client, people, persona).get("/staff/applications/?view=all")
    page = response.content.decode()
    assert leaked(page, THIRD_PARTY) == []
    if persona in MAY_UNMASK + MASKED_STAFF:
        assert case.query_code in page and MASKED_NAME in page and MASKED_PHONE in page
    elif persona == "other_agency":
        assert response.status_code == 200 and case.query_code not in page
    else:
        assert response.status_code == (302 if persona == "anonymous" else 404)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_csv_export_is_masked_for_everyone(client, people, case, persona):
    response = as_persona(client, people, persona).get("/staff/applications/export.csv?view=all")
    body = response.content.decode("utf-8-sig")
    assert leaked(body, THIRD_PARTY) == []
    if persona in MAY_UNMASK + MASKED_STAFF:
        assert case.query_code in body and MASKED_NAME in body and MASKED_PHONE in body


def test_the_export_is_masked(client, world):
    client.force_login(world.lisi)
    body = client.get("/staff/applications/export.csv").content.decode("utf-8-sig")
    assert world.app_a.query_code in body
    assert "13800138000" not in body and "张三" not in body


def test_the_supervisor_cannot_find_an_applicant_by_searching_her_name(client, people, case):
    client.force_login(people["supervisor"])
    assert case.query_code not in client.get(f"/staff/applications/?view=all&q={NAME}").content.decode()
    client.force_login(people["handler"])
    assert case.query_code in client.get(f"/staff/applications/?view=all&q={NAME}").content.decode()
