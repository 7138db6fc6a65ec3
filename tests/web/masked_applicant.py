"""The applicant of the masking tests (issue 11, item 4), and every persona that may meet her data.

The rule (``applications/identity.py``): the full name, ID number, phone, e-mail and address are seen
only by those who may handle the application's agency (its handlers and approver, and a superuser) —
on the record page only after the audited "unmask", in the letters as issued (each download audited) —
and by the applicant in their own letters. The supervising office gets masked values everywhere,
letters included (a marked 脱敏副本); the admin shows masked values to every admin user; e-mails and
logs carry no identifiers at all. Other agencies' staff, the applicant and visitors reach no staff output.

The applicant here has values found nowhere else (a rare name, an address, an ID number …), so each
check is a plain "is it in this output or not". The fixtures ``people`` and ``case`` are registered
in conftest.py."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.base import ContentFile

from gongkai_web.applications import services
from gongkai_web.applications.models import Attachment

from .fixtures import PASSWORD, clock_at, make_application

D = dt.date


def _valid_id(first17: str) -> str:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return first17 + "10X98765432"[sum(int(c) * w for c, w in zip(first17, weights, strict=True)) % 11]


NAME, ID_NUMBER = "慕容雪霁", _valid_id("51010419870523047")
PHONE, EMAIL = "15987654321", "murong.xueji@example.org"
ADDRESS, POSTCODE = "四川省成都市锦江区梧桐巷七十七号", "610021"
THIRD_PARTY = "司徒明轩"  # a natural person whose records are asked for (条例第三十二条)
FULL = {
    "name": NAME,
    "ID number": ID_NUMBER,
    "phone": PHONE,
    "e-mail": EMAIL,
    "address": ADDRESS,
    "postcode": POSTCODE,
}
#: What the screens show instead (``gongkai.identifiers``).
MASKED_NAME, MASKED_THIRD_PARTY = "慕**霁", "司**轩"
MASKED_ID, MASKED_PHONE = ID_NUMBER[:6] + "********" + ID_NUMBER[-4:], "159****4321"
#: The applicant wrote her phone number into the request: free text follows the rule too.
DESCRIPTION = f"梧桐巷违法建筑拆除的处理决定（本人联系电话{PHONE}）"
COPY_NOTE = "脱敏副本"

#: Personas: who sees the agency's records in full, who masked, who not at all.
MAY_UNMASK = ("handler", "approver", "superuser")
MASKED_STAFF = ("supervisor",)
NO_STAFF_ACCESS = ("other_agency", "admin_staff", "applicant", "anonymous")
PERSONAS = MAY_UNMASK + MASKED_STAFF + NO_STAFF_ACCESS


def leaked(text: str, *extra: str) -> list[str]:
    """The full values (and ``extra`` ones) found in ``text``."""
    values = {**FULL, **{value: value for value in extra}}
    return [label for label, value in values.items() if value in text]


@pytest.fixture
def people(world):
    admin_staff = User.objects.create_user("admin_staff", password=PASSWORD, is_staff=True)
    admin_staff.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["applications", "audit"], codename__startswith="view_"
        )
    )
    # The applicant's account is named with her e-mail address, as many people choose.
    applicant = User.objects.create_user(EMAIL, email=EMAIL, password=PASSWORD)
    return {
        "handler": world.lisi,
        "approver": world.qianqi,
        "supervisor": world.zhaoliu,
        "other_agency": world.wangwu,
        "admin_staff": admin_staff,
        "superuser": User.objects.create_superuser("root", "root@example.com", PASSWORD),
        "applicant": applicant,
        "anonymous": None,
    }


def her_application(world, people, **overrides):
    """A fresh application of 慕容雪霁's to agency A, with her receipt."""
    data = {
        "name": NAME,
        "id_number": ID_NUMBER,
        "phone": PHONE,
        "email": EMAIL,
        "address": ADDRESS,
        "postcode": POSTCODE,
        "description": DESCRIPTION,
        **overrides,
    }
    return make_application(world.a, applicant=people["applicant"], **data)


@pytest.fixture
def case(world, people, settings, tmp_path):
    """慕容雪霁's application to agency A: a third party consulted, an identity proof attached, and her
    own download of the receipt (in the audit trail under her account's name)."""
    settings.MEDIA_ROOT = tmp_path
    app = her_application(world, people)
    services.start_consultation(
        app,
        consultee_kind="third_party",
        consultee=THIRD_PARTY,
        sent_on=D(2025, 11, 5),
        actor=world.lisi,
        clock=clock_at(D(2025, 11, 5)),
    )
    Attachment.objects.create(
        application=app,
        purpose="identity",
        file=ContentFile(b"%PDF-1.4 id", f"{NAME}身份证.pdf"),
        original_name=f"{NAME}身份证.pdf",
        content_type="application/pdf",
        size=11,
        sha256="0" * 64,
    )
    from django.test import Client

    applicant = Client()
    applicant.force_login(people["applicant"])
    receipt = app.letters.get(kind="receipt")
    assert applicant.get(f"/track/{app.query_code}/letters/{receipt.pk}.docx").status_code == 200
    return app


def as_persona(client, people, persona):
    """``client`` logged in as ``persona`` (left anonymous for "anonymous")."""
    if people[persona] is not None:
        client.force_login(people[persona])
    return client
