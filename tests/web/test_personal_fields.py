"""The applicant's personal fields are declared once, on the model (``Application.PERSONAL_FIELDS``), and
intake, masking, the admin and the exports all read that declaration (issue 12, item 4)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import models

from gongkai_web.applications import admin as records_admin
from gongkai_web.applications import identity, services
from gongkai_web.applications.forms import ApplicationForm
from gongkai_web.applications.models import Application, Mask

#: Field types that can hold what a person wrote about themselves.
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)

#: A value for each personal field, none of them the masked form of another.
FILLED = {
    "name": "张三丰",
    "id_number": "110105194912310029",
    "credit_code": "91500103MA5U8XQ01X",
    "legal_representative": "李四五",
    "contact_name": "王五六",
    "phone": "13800138000",
    "email": "zhangsanfeng@example.com",
    "address": "重庆市渝中区解放碑大街1号",
    "postcode": "400010",
}


def text_fields() -> set[str]:
    return {f.name for f in Application._meta.concrete_fields if isinstance(f, TEXT_FIELDS)}


def test_every_text_field_of_an_application_is_declared_personal_or_not():
    personal, other = set(Application.PERSONAL_FIELDS), set(Application.NON_PERSONAL_FIELDS)
    unclassified = text_fields() - personal - other
    assert not unclassified, (
        f"classify in Application.PERSONAL_FIELDS or NON_PERSONAL_FIELDS: {sorted(unclassified)}"
    )
    assert not personal & other
    assert personal | other <= text_fields()  # no stale names
    assert all(isinstance(kind, Mask) for kind in Application.PERSONAL_FIELDS.values())


def test_the_fixture_fills_every_declared_field():
    assert set(FILLED) == set(Application.PERSONAL_FIELDS)


@pytest.mark.parametrize("applicant_type", ["citizen", "organisation"])
def test_masking_covers_every_declared_field(applicant_type):
    app = Application(applicant_type=applicant_type, **FILLED)
    masked, full = identity.masked_applicant(app), identity.full_applicant(app)
    assert list(masked) == list(full) == list(Application.PERSONAL_FIELDS)
    assert full == FILLED
    for field, kind in Application.PERSONAL_FIELDS.items():
        if kind is Mask.PUBLIC:
            assert masked[field] == full[field]
        else:
            assert masked[field] and full[field] not in masked[field], field
    # Every masked value, joined as the admin shows them, hides every non-public value.
    shown = " · ".join(masked.values())
    assert not any(
        FILLED[f] in shown for f, kind in Application.PERSONAL_FIELDS.items() if kind is not Mask.PUBLIC
    )


def test_an_empty_field_stays_empty_but_the_name_is_always_masked():
    app = Application(applicant_type="citizen", name="张三")
    masked = identity.masked_applicant(app)
    assert masked["name"] and masked["name"] != "张三"
    assert all(masked[f] == "" for f in Application.PERSONAL_FIELDS if f != "name")


def test_intake_stores_every_declared_field():
    assert set(Application.PERSONAL_FIELDS) <= set(services.APPLICANT_FIELDS)
    assert set(Application.PERSONAL_FIELDS) <= set(ApplicationForm.base_fields)


def test_intake_keeps_every_declared_field_through_the_service(world):
    data = {
        "applicant_type": "organisation",
        "report_column": "commercial",
        "description": "2024年度预算",
        "info_form": "electronic",
        "delivery_methods": ["email"],
        **FILLED,
    }
    app, _ = services.submit_application(world.a, data, token="tok-personal")
    stored = Application.objects.get(pk=app.pk)
    assert identity.full_applicant(stored) == FILLED


def test_the_admin_never_shows_a_declared_field_as_it_is():
    hidden = {f for f, kind in Application.PERSONAL_FIELDS.items() if kind is not Mask.PUBLIC}
    admin = records_admin.ApplicationAdmin
    assert hidden <= set(admin.exclude)
    assert not hidden & set(admin.list_display) and not hidden & set(admin.search_fields)


def test_the_admin_change_page_shows_the_masked_values(world, client):
    from django.contrib.auth import get_user_model

    app = world.app_a
    Application.objects.filter(pk=app.pk).update(
        **FILLED, applicant_type="organisation", received_on=dt.date(2025, 11, 3)
    )
    superuser = get_user_model().objects.create_superuser("root-pf", "root-pf@example.com", "x" * 12)
    client.force_login(superuser)
    response = client.get(f"/admin/applications/application/{app.pk}/change/")
    assert response.status_code == 200
    page = response.content.decode()
    assert identity.masked_applicant(Application.objects.get(pk=app.pk))["phone"] in page
    for field, kind in Application.PERSONAL_FIELDS.items():
        if kind is not Mask.PUBLIC:
            assert FILLED[field] not in page, field
