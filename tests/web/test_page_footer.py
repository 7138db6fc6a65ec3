"""The footer's privacy line speaks to applicants ("your application"): it is shown to the public and to
applicants, not on the pages of staff or evaluators, who hold no application of their own there."""

from __future__ import annotations

import pytest

from gongkai_web.accounts.models import Membership, Role

from .fixtures import make_user

pytestmark = pytest.mark.django_db

PRIVACY = "您的个人信息仅用于办理本申请"


def test_the_public_and_an_applicant_see_the_privacy_line(client, world):
    assert PRIVACY in client.get("/").content.decode()
    client.force_login(world.zhangsan)
    assert PRIVACY in client.get("/").content.decode()


def test_agency_staff_and_a_supervising_office_do_not(client, world):
    for user in (world.lisi, world.zhaoliu):
        client.force_login(user)
        page = client.get("/staff/applications/")
        assert page.status_code == 200
        assert PRIVACY not in page.content.decode()


def test_an_evaluator_does_not(client, world):
    evaluator = make_user("pinggu")
    Membership.objects.create(user=evaluator, agency=world.district, role=Role.EVALUATOR)
    client.force_login(evaluator)
    assert PRIVACY not in client.get("/").content.decode()
