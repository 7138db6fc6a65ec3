"""Complaints and reports (条例第五十一条): the public form (one-time token: posted twice, stored once),
routing to the supervising office, the contact masked for the agency complained about, the reply with
who decided and where to go next, the look-up by code. Personas: supervision_world."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai_web.audit.models import AuditEntry
from gongkai_web.supervision import services
from gongkai_web.supervision.errors import SupervisionError
from gongkai_web.supervision.models import Complaint

from .supervision_world import CLOCK

pytestmark = pytest.mark.django_db
PHONE = "13812345678"


def form(world, **kw):
    return {
        "kind": "complaint",
        "agency": world.a.pk,
        "text": "财政局主动公开栏目半年未更新",
        "name": "刘小红",
        "contact": PHONE,
        "token": "tok-1",
        **kw,
    }


def test_the_public_form_posted_twice_stores_one_complaint_routed_to_the_district_office(client, world):
    first = client.post("/supervision/complain/", form(world))
    second = client.post("/supervision/complain/", form(world))
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    found = Complaint.objects.get()
    assert (found.office, found.agency, found.channel) == (world.district, world.a, "online")
    # 20 working days after Thursday 4 May 2023 are not counted here: the day of the test is today.
    page = client.get(first["Location"]).content.decode()
    assert found.code in page and "渝中区人民政府" in page
    assert PHONE not in page and "刘小红" not in page


def test_the_form_shows_its_one_time_token_and_refuses_a_bad_phone_in_chinese(client, world):
    page = client.get("/supervision/complain/").content.decode()
    assert 'name="token"' in page
    r = client.post("/supervision/complain/", form(world, contact="12345"))
    assert r.status_code == 400
    assert "电话" in r.content.decode() or "手机" in r.content.decode()
    assert not Complaint.objects.exists()


def test_the_agency_complained_about_sees_the_contact_masked_and_the_office_in_full(client, world):
    found, _created = services.submit_complaint(
        world.a,
        kind="report",
        text="依申请公开超期未答复",
        contact=PHONE,
        name="刘小红",
        token="t2",
        clock=CLOCK,
    )
    client.force_login(world.lisi)
    page = client.get(f"/staff/supervision/complaints/{found.pk}/").content.decode()
    assert PHONE not in page and "138****5678" in page
    assert client.post(f"/staff/supervision/complaints/{found.pk}/reply/", {"reply": "x"}).status_code == 404
    listing = client.get("/staff/supervision/complaints/").content.decode()
    assert found.code in listing and PHONE not in listing
    client.force_login(world.zhaoliu)
    assert PHONE in client.get(f"/staff/supervision/complaints/{found.pk}/").content.decode()
    client.force_login(world.wangwu)
    assert client.get(f"/staff/supervision/complaints/{found.pk}/").status_code == 404
    # The audit trail names no complainant.
    assert not any(PHONE in str(e.data) for e in AuditEntry.objects.all())


def test_the_reply_tells_who_decided_and_where_to_go_next_by_the_code(client, world):
    world.zhaoliu.first_name = "赵六"  # as the demo stores a full name
    world.zhaoliu.save()
    found, _created = services.submit_complaint(
        world.a, kind="complaint", text="指南未更新", contact=PHONE, token="t3"
    )
    client.force_login(world.zhaoliu)
    empty = client.post(f"/staff/supervision/complaints/{found.pk}/reply/", {"reply": " "})
    assert empty.status_code == 400
    assert Complaint.objects.get().status == "received"
    client.post(f"/staff/supervision/complaints/{found.pk}/reply/", {"reply": "经查属实，已责令限期更新。"})
    client.logout()
    r = client.get("/supervision/complaints/", {"code": found.code.lower()})
    assert r.status_code == 302
    page = client.get(r["Location"]).content.decode()
    assert "经查属实" in page
    assert "渝中区人民政府" in page and "赵六" in page
    assert "行政复议" in page and "第五十一条" in page
    assert client.get("/supervision/complaints/", {"code": "TSNOTACODE"}).status_code == 400


def test_the_office_enters_a_complaint_by_phone_and_may_route_it_only_upwards(client, world):
    client.force_login(world.zhaoliu)
    r = client.post(
        "/staff/supervision/complaints/new/",
        {
            "kind": "complaint",
            "agency": world.a.pk,
            "text": "电话反映：申请未受理",
            "contact": PHONE,
            "name": "",
        },
    )
    assert r.status_code == 302
    found = Complaint.objects.get()
    assert (found.channel, found.entered_by, found.due_on > found.received_on) == (
        "staff",
        world.zhaoliu,
        True,
    )
    with pytest.raises(SupervisionError) as refused:
        services.route_complaint(found, world.b, actor=world.zhaoliu)
    assert refused.value.code == "supervision.office_not_above"
    services.route_complaint(found, world.a, actor=world.zhaoliu)
    assert Complaint.objects.get().office == world.a
    client.force_login(world.lisi)
    assert client.get("/staff/supervision/complaints/new/").status_code == 404


def test_a_complaint_is_due_twenty_working_days_after_it_was_received(world):
    """Received Thu 4 May 2023: 5, 6 (Sat, worked), 8–12 (7), 15–19 (12), 22–26 (17), 29, 30, 31 May → 31 May."""
    found, _created = services.submit_complaint(
        world.a, kind="complaint", text="x", contact=PHONE, token="t4", clock=CLOCK
    )
    assert found.due_on == dt.date(2023, 5, 31)


def test_an_office_with_its_own_term_dates_new_complaints_by_it_and_the_default_stays_20_working_days(world):
    # Received Thursday 4 May 2023 (the day after the 劳动节 holiday; Saturday 6 May a working day).
    # 20 working days: 5, 6 (2), 8–12 (7), 15–19 (12), 22–26 (17), 29–31 May (20) → Wednesday 31 May
    # (counted by hand); 10 working days: 5, 6, 8–12, 15–17 May → Wednesday 17 May.
    before, _c = services.submit_complaint(
        world.a, kind="complaint", text="栏目未更新", contact=PHONE, token="t-1", clock=CLOCK
    )
    assert before.due_on == dt.date(2023, 5, 31)
    services.set_complaint_term(world.district, workdays=10, actor=world.zhaoliu, clock=CLOCK)
    after, _c = services.submit_complaint(
        world.a, kind="complaint", text="指南未更新", contact=PHONE, token="t-2", clock=CLOCK
    )
    assert after.due_on == dt.date(2023, 5, 17)
    before.refresh_from_db()
    assert before.due_on == dt.date(2023, 5, 31)
    assert AuditEntry.objects.filter(action="supervision.complaint_term_set").count() == 1
    with pytest.raises(SupervisionError) as refused:
        services.set_complaint_term(world.district, workdays=0, actor=world.zhaoliu)
    assert refused.value.code == "supervision.complaint_term"


def test_the_complainant_reads_the_reply_due_day_in_the_words_of_a_complaint(client, world):
    found, _c = services.submit_complaint(
        world.a, kind="complaint", text="栏目未更新", contact=PHONE, token="t-words", clock=CLOCK
    )
    page = client.get(f"/supervision/complaints/{found.code}/").content.decode()
    assert "答复期限" in page and "2023-05-31" in page
    assert "答辩" not in page  # the wording of a lawsuit's defence is not a complaint's
