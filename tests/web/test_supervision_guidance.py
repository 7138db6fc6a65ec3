"""备案 and 靠前指导: under the district office's filing rule, A's applications are filed with it (once);
李四 sends a draft 不予公开 reply for the office's opinion, 赵六 records it; a 予以公开 draft is not sent.
Personas: supervision_world."""

from __future__ import annotations

import datetime as dt

import pytest

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
