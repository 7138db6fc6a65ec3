"""靠前指导 and the third-party evaluator in the browser. 李四 of 渝中区财政局 (its replies are signed off by
钱七) sends a 不予公开 draft for the district office's opinion; both see the pending request on the reply's
preview page; 赵六 (the district office) records the opinion, which they then read there. 周九, the
evaluator the district office engaged, lands on the evaluations, scores a reviewed indicator with its
evidence, and is refused the task queue. Screenshots: $GONGKAI_SCREENSHOTS (a temporary folder)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from gongkai import evaluation as core
from gongkai_web.accounts.models import Role
from gongkai_web.applications import services as application_services
from gongkai_web.supervision.models import GuidanceRequest
from gongkai_web.supervision.services import evaluations
from tests.web.fixtures import PASSWORD, make_agency, make_application, make_user

from .test_library_flow import log_in
from .test_supervision_flow import shot

pytestmark = pytest.mark.browser


@pytest.fixture
def district(transactional_db):
    city = make_agency("重庆市人民政府", level="city", kind="city_government")
    district = make_agency("渝中区人民政府", parent=city, kind="county_government")
    bureau = make_agency("渝中区财政局", parent=district, reply_needs_approval=True, short_name="渝中财")
    office = make_user("zhaoliu", district, Role.SUPERVISOR)
    lisi = make_user("lisi", bureau, Role.HANDLER)
    make_user("qianqi", bureau, Role.APPROVER)
    make_user("zhoujiu", district, Role.EVALUATOR)
    app = make_application(bureau, received=timezone.localdate() - dt.timedelta(days=3))
    draft = application_services.save_reply_draft(
        app, outcome="withheld_internal_affairs", reasons="属于内部人事管理信息", actor=lisi
    )
    the_set = evaluations.create_indicator_set(
        district, name=core.STANDARD_SET_NAME, year=2025, indicators=core.STANDARD_INDICATORS, actor=office
    )
    evaluation = evaluations.evaluate_agency(the_set, bureau, as_of=dt.date(2025, 12, 31), actor=office)
    return app, draft, evaluation


def _log_in_evaluator(page: Page, base: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill("zhoujiu")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()


def test_a_risky_draft_goes_to_the_office_and_its_opinion_shows_on_the_reply_page(
    desk, phone, live_server, district
):
    app, draft, _evaluation = district
    base = live_server.url
    preview = f"{base}/staff/applications/{app.pk}/reply/{draft.pk}/"
    log_in(desk, base, "lisi")
    desk.goto(f"{base}/staff/supervision/guidance/")
    desk.get_by_role("link", name="报送指导").click()
    desk.get_by_label("请示事项（选填）").fill("不公开的理由是否充分？")
    desk.get_by_role("button", name="报送", exact=True).click()
    asked = GuidanceRequest.objects.get()
    desk.goto(preview)
    expect(desk.locator("div.msg.warn")).to_contain_text("报送渝中区人民政府征求意见，尚未回复")
    shot(desk, "guidance-pending-on-reply-desktop")

    log_in(phone, base, "qianqi")
    phone.goto(preview)
    expect(phone.locator("div.msg.warn")).to_contain_text("签发答复不必等待意见")
    shot(phone, "guidance-pending-on-reply-phone")

    log_in(desk, base, "zhaoliu")
    desk.goto(f"{base}/staff/supervision/guidance/{asked.pk}/")
    desk.get_by_label("建议修改").check()
    desk.get_by_label("指导意见").fill("建议写明属于哪一类内部事务信息及依据条款")
    shot(desk, "guidance-opinion-desktop")
    desk.get_by_role("button", name="记录意见").click()
    expect(desk.locator("dl.facts")).to_contain_text("建议写明属于哪一类内部事务信息及依据条款")

    phone.goto(preview)
    expect(phone.locator("main")).to_contain_text("渝中区人民政府对版本 1 的意见")
    expect(phone.locator("main")).to_contain_text("建议写明属于哪一类内部事务信息及依据条款")
    shot(phone, "guidance-opinion-on-reply-phone")


def test_the_evaluator_scores_a_reviewed_indicator_and_sees_no_queue(desk, live_server, district):
    _app, _draft, evaluation = district
    base = live_server.url
    _log_in_evaluator(desk, base)
    expect(desk.locator("h1")).to_have_text("评估")
    expect(desk.get_by_role("navigation", name="主导航")).not_to_contain_text("文件库")
    desk.get_by_role("link", name=evaluation.set.name).first.click()
    desk.get_by_role("link", name="渝中区财政局").click()
    score = evaluation.scores.get(indicator__code="B1")
    card = desk.locator(f"#score-{score.pk}")
    card.get_by_label("得分率（占权重的百分比）").fill("80")
    card.get_by_label("佐证材料").fill("专栏栏目齐全，个别栏目更新不及时")
    card.get_by_role("button", name="记录评分").click()
    expect(desk.locator(f"#score-{score.pk}")).to_contain_text(
        "专栏栏目齐全，个别栏目更新不及时 · 评分人：zhoujiu"
    )
    shot(desk, "evaluator-scored-desktop")
    score.refresh_from_db()
    assert (score.met, score.of, score.scored_by.username) == (80, 100, "zhoujiu")
    response = desk.goto(f"{base}/staff/supervision/")
    assert response is not None and response.status == 404
