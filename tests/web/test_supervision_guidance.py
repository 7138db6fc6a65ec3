"""备案 and 靠前指导: under the district office's filing rule, A's applications are filed with it (once);
李四 sends a draft 不予公开 reply for the office's opinion, 赵六 records it; a 予以公开 draft is not sent.
Personas: supervision_world."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from gongkai_web.applications import services as application_services
from gongkai_web.supervision import services
from gongkai_web.supervision.errors import SupervisionError
from gongkai_web.supervision.models import Filing, GuidanceRequest

pytestmark = pytest.mark.django_db


def test_applications_below_an_office_with_a_filing_rule_are_filed_once(world):
    services.set_filing_rule(world.district, since=dt.date(2025, 11, 1), actor=world.zhaoliu)
    assert services.file_applications() == 1
    assert services.file_applications() == 0
    filing = Filing.objects.get()
    assert (filing.application_id, filing.agency, filing.query_code) == (
        world.app_a.pk,
        world.a,
        world.app_a.query_code,
    )


def test_a_rule_from_a_later_day_files_nothing_earlier(world):
    services.set_filing_rule(world.district, since=dt.date(2025, 11, 4), actor=world.zhaoliu)
    assert services.file_applications() == 0


def test_a_risky_draft_goes_to_the_office_and_its_opinion_is_recorded(client, world):
    draft = application_services.save_reply_draft(
        world.app_a, outcome="withheld_internal_affairs", reasons="属于内部事务信息", actor=world.lisi
    )
    client.force_login(world.lisi)
    listing = client.get("/staff/supervision/guidance/").content.decode()
    assert world.app_a.query_code in listing
    r = client.post(f"/staff/supervision/guidance/drafts/{draft.pk}/", {"question": "是否属于内部事务信息？"})
    assert r.status_code == 302
    asked = GuidanceRequest.objects.get()
    assert (asked.office, asked.draft_version) == (world.district, draft.version)
    assert (
        client.post(
            f"/staff/supervision/guidance/{asked.pk}/opinion/", {"verdict": "agree", "opinion": "x"}
        ).status_code
        == 404
    )
    with pytest.raises(SupervisionError) as twice:
        services.request_guidance(draft, actor=world.lisi)
    assert twice.value.code == "supervision.guidance_twice"
    client.force_login(world.zhaoliu)
    empty = client.post(
        f"/staff/supervision/guidance/{asked.pk}/opinion/", {"verdict": "revise", "opinion": ""}
    )
    assert empty.status_code == 400
    client.post(
        f"/staff/supervision/guidance/{asked.pk}/opinion/",
        {"verdict": "revise", "opinion": "建议补充说明理由"},
    )
    asked.refresh_from_db()
    assert (asked.verdict, asked.opinion, asked.opinion_by) == ("revise", "建议补充说明理由", world.zhaoliu)
    client.force_login(world.lisi)
    assert "建议补充说明理由" in client.get(f"/staff/supervision/guidance/{asked.pk}/").content.decode()
    client.force_login(world.wangwu)
    assert client.get(f"/staff/supervision/guidance/{asked.pk}/").status_code == 404


def test_a_draft_that_discloses_is_not_sent_for_an_opinion(world):
    draft = application_services.save_reply_draft(world.app_a, outcome="granted", actor=world.lisi)
    with pytest.raises(SupervisionError) as refused:
        services.request_guidance(draft, actor=world.lisi)
    assert refused.value.code == "supervision.guidance_not_risky"
    assert "予以公开" in refused.value.message
    assert not GuidanceRequest.objects.exists()


def _risky_draft_sent_under_a_filing_rule(client, world):
    """A's replies are signed off (钱七); the district has a filing rule; 李四 drafts a 不予公开 reply and
    sends it for the office's opinion from the 靠前指导 page."""
    world.a.reply_needs_approval = True
    world.a.save()
    services.set_filing_rule(world.district, since=dt.date(2025, 11, 1), actor=world.zhaoliu)
    assert services.file_applications() == 1
    draft = application_services.save_reply_draft(
        world.app_a, outcome="withheld_internal_affairs", reasons="属于内部事务信息", actor=world.lisi
    )
    client.force_login(world.lisi)
    sent = client.post(f"/staff/supervision/guidance/drafts/{draft.pk}/", {"question": "理由是否充分？"})
    assert sent.status_code == 302
    return draft, GuidanceRequest.objects.get()


def _preview(client, world, who, draft) -> str:
    client.force_login(who)
    response = client.get(f"/staff/applications/{world.app_a.pk}/reply/{draft.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_drafter_and_the_approver_see_the_pending_request_and_the_reply_is_issued_without_waiting(
    client, world
):
    draft, asked = _risky_draft_sent_under_a_filing_rule(client, world)
    pending = (
        f"版本 1 已于 {timezone.localdate():%Y-%m-%d} 报送渝中区人民政府征求意见，尚未回复"  # sent today
    )
    for who in (world.lisi, world.qianqi):
        assert pending in _preview(client, world, who, draft)
    client.force_login(world.lisi)
    base = f"/staff/applications/{world.app_a.pk}/reply/{draft.pk}"
    assert client.post(f"{base}/submit/").status_code == 302
    client.force_login(world.qianqi)
    assert client.post(f"{base}/approve/", {"version": 1}).status_code == 302
    # 靠前指导 is advice: the request still awaits the office's opinion, and the reply is issued.
    client.force_login(world.lisi)
    issued = client.post(
        f"{base}/issue/", {"decided_on": "2025-11-20", "version": 1, "confirm": "on"}, follow=True
    )
    assert issued.status_code == 200
    draft.refresh_from_db()
    assert draft.state == "issued"
    asked.refresh_from_db()
    assert asked.opinion_at is None


def test_the_offices_opinion_shows_on_the_reply_page_and_a_new_version_can_be_sent_again(client, world):
    draft, asked = _risky_draft_sent_under_a_filing_rule(client, world)
    client.force_login(world.zhaoliu)
    client.post(
        f"/staff/supervision/guidance/{asked.pk}/opinion/",
        {"verdict": "revise", "opinion": "建议写明属于哪一类内部事务信息"},
    )
    for who in (world.lisi, world.qianqi):
        page = _preview(client, world, who, draft)
        assert "渝中区人民政府对版本 1 的意见" in page
        assert "建议写明属于哪一类内部事务信息" in page
        assert f"/staff/supervision/guidance/{asked.pk}/" in page
    changed = application_services.save_reply_draft(
        world.app_a,
        outcome="withheld_internal_affairs",
        reasons="属于内部人事管理信息（条例第十六条第一款）",
        actor=world.lisi,
    )
    assert changed.version == 2
    assert "草稿已修改，现为版本 2" in _preview(client, world, world.lisi, changed)
    again = services.request_guidance(changed, actor=world.lisi)
    assert (again.draft_version, again.opinion_at) == (2, None)
    client.force_login(world.wangwu)
    assert client.get(f"/staff/applications/{world.app_a.pk}/reply/{draft.pk}/").status_code == 404
