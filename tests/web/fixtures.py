"""Personas and small builders (keyword overrides, no mega-world).

张三 applies; 李四 handles agency A; 王五 handles agency B; 赵六 is the supervising office of the
district that contains A; 钱七 is A's office head (approver)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.contrib.auth.models import User

from gongkai_web.accounts.models import Membership, Role
from gongkai_web.agencies.models import Agency
from gongkai_web.applications import services
from gongkai_web.clocks import FixedClock

SHANGHAI = dt.timezone(dt.timedelta(hours=8))
#: Monday 2025-11-03, 10:00 in Shanghai (legal-rules §4.5 example C: plain deadline 2025-12-01).
MONDAY = dt.datetime(2025, 11, 3, 10, 0, tzinfo=SHANGHAI)
MONDAY_DATE = MONDAY.date()
PASSWORD = "correct-horse-42"
_seq = itertools.count(1)

# A valid 居民身份证 number (GB 11643 check digit computed by hand: sum 275, 275 mod 11 = 0 → "1").
VALID_ID = "110101199003070011"
VALID_ID = (
    VALID_ID[:17]
    + "10X98765432"[
        sum(
            int(c) * w
            for c, w in zip(VALID_ID[:17], [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2], strict=True)
        )
        % 11
    ]
)
# The 统一社会信用代码 printed on many sample licences (check digit valid under GB 32100).
VALID_USCC = "91350100M000100Y43"


def clock_at(day: dt.date, hour: int = 16) -> FixedClock:
    return FixedClock(dt.datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI))


def make_agency(name: str, *, parent: Agency | None = None, **kw) -> Agency:
    level, kind = ("county", "county_department") if parent else ("county", "county_government")
    return Agency.objects.create(
        code=f"a{next(_seq)}",
        name=name,
        level=kw.pop("level", level),
        kind=kw.pop("kind", kind),
        parent=parent,
        channels=["online", "in_person", "post_signed"],
        **kw,
    )


def make_user(username: str, agency: Agency | None = None, role: str | None = None) -> User:
    user = User.objects.create_user(username, password=PASSWORD)
    if agency and role:
        Membership.objects.create(user=user, agency=agency, role=role)
    return user


def citizen_data(**overrides) -> dict:
    data = {
        "applicant_type": "citizen",
        "report_column": "natural_person",
        "name": "张三",
        "id_type": "resident_id",
        "id_number": VALID_ID,
        "phone": "13800138000",
        "email": "zhangsan@example.com",
        "address": "重庆市渝中区解放碑1号",
        "postcode": "400010",
        "description": "2024年度区财政预算执行情况报告",
        "info_form": "electronic",
        "delivery_methods": ["email"],
    }
    return {**data, **overrides}


def make_application(agency: Agency, *, received: dt.date = MONDAY_DATE, applicant=None, **overrides):
    app, secret = services.register_application(
        agency,
        {**citizen_data(**overrides), "applicant_user": applicant},
        channel="in_person",
        arrived_at=dt.datetime(received.year, received.month, received.day, 10, tzinfo=SHANGHAI),
        received_on=None,
        actor=None,
        clock=clock_at(received),
    )
    app.secret = secret
    return app


@pytest.fixture
def world(db):
    return build_world()


def build_world():
    """The personas' agencies, accounts and two applications (the ``world`` fixture's, also built once
    per module by test_access.py)."""
    district = make_agency("渝中区人民政府")
    agency_a = make_agency(
        "渝中区财政局",
        parent=district,
        fee_mode="per_page",
        short_name="渝中财",
        office_name="渝中区财政局办公室",
        phone="023-63000000",
        fee_account="非税收入缴款码见本通知书，可在银行柜台或网上银行缴纳",
    )
    agency_b = make_agency("江北区教育委员会")
    people = {
        "zhangsan": make_user("zhangsan"),
        "lisi": make_user("lisi", agency_a, Role.HANDLER),
        "wangwu": make_user("wangwu", agency_b, Role.HANDLER),
        "zhaoliu": make_user("zhaoliu", district, Role.SUPERVISOR),
        "qianqi": make_user("qianqi", agency_a, Role.APPROVER),
    }
    app_a = make_application(agency_a, applicant=people["zhangsan"])
    app_b = make_application(agency_b)
    return types_namespace(district=district, a=agency_a, b=agency_b, app_a=app_a, app_b=app_b, **people)


def types_namespace(**kw):
    import types

    return types.SimpleNamespace(**kw)


def log_in(client, username: str, password: str = PASSWORD) -> bool:
    """Log in through the login page, as a person does (django-axes counts logins per request, so
    ``client.login``, which authenticates without one, is refused). True when it succeeded."""
    response = client.post("/accounts/login/", {"username": username, "password": password})
    return response.status_code == 302 and "_auth_user_id" in client.session


def form_data(world, **overrides) -> dict:
    """What 张三's browser posts on the public form to agency A, one-time token ``tok-123`` included."""
    data = {
        "token": "tok-123",
        "agency": world.a.pk,
        "applicant_type": "citizen",
        "name": "张三",
        "id_type": "resident_id",
        "id_number": VALID_ID,
        "phone": "13800138000",
        "email": "z@example.com",
        "description": "2024年度区财政预算执行情况",
        "info_form": "electronic",
        "delivery_methods": ["email"],
        "declaration": "on",
    }
    return {**data, **overrides}


def sign_up(client, n: int):
    """Post the signup form for a new account ``newuser{n}`` (valid, unless the address is throttled)."""
    return client.post(
        "/accounts/signup/",
        {
            "username": f"newuser{n}",
            "email": f"u{n}@example.org",
            "password1": "a-long-pass-99",
            "password2": "a-long-pass-99",
        },
    )
