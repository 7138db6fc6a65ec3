"""Training in the browser: 赵六 (渝中区 office) records a session for 渝中区财政局 through the form; 李四 of
the department reads it on a phone. Screenshots go to $GONGKAI_SCREENSHOTS (a temporary folder by
default)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from gongkai_web.accounts.models import Role
from tests.web.fixtures import make_agency, make_user

from .test_library_flow import log_in
from .test_supervision_flow import shot

pytestmark = pytest.mark.browser


def test_the_office_records_a_session_and_the_department_reads_it_on_a_phone(
    desk, phone, live_server, transactional_db
):
    district = make_agency("渝中区人民政府", kind="county_government")
    make_agency("渝中区财政局", parent=district)
    make_agency("渝中区教育委员会", parent=district)
    make_user("zhaoliu", district, Role.SUPERVISOR)
    make_user("lisi", district.children.get(name="渝中区财政局"), Role.HANDLER)
    held = timezone.localdate() - dt.timedelta(days=1)
    base = live_server.url
    log_in(desk, base, "zhaoliu")
    desk.goto(f"{base}/staff/supervision/training/")
    desk.get_by_label("主办机关").select_option(label="渝中区人民政府")
    desk.get_by_label("培训日期").fill(f"{held:%Y-%m-%d}")
    desk.get_by_label("培训主题").fill("政府信息公开申请答复规范培训")
    desk.get_by_label("渝中区财政局").check()
    desk.get_by_label("渝中区教育委员会").check()
    desk.get_by_label("参训人数").fill("18")
    desk.get_by_label("培训材料（选填，如课件名称、链接）").fill("答复文书范本（课件）")
    desk.get_by_role("button", name="记录", exact=True).click()
    expect(desk.get_by_text(f"{held.year} 年：共举办培训 1 次，参训 18 人次。")).to_be_visible()
    shot(desk, "supervision-training-desktop")

    log_in(phone, base, "lisi")
    phone.goto(f"{base}/staff/supervision/training/?year={held.year}")
    expect(phone.get_by_text("政府信息公开申请答复规范培训")).to_be_visible()
    expect(phone.get_by_text("登记培训")).to_have_count(0)
    shot(phone, "supervision-training-phone")
