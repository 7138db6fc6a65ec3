"""Training sessions: 赵六 (渝中区 office) records a session with the agencies of his subtree that
attended; A's staff (李四) read the sessions A attended and no other; 王五 (江北, another district)
reads none of them; bad input is refused in Chinese and stores nothing. Personas: supervision_world."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai_web.audit.models import AuditEntry
from gongkai_web.supervision.errors import SupervisionError
from gongkai_web.supervision.models import TrainingSession
from gongkai_web.supervision.services.training import record_training

from .fixtures import clock_at, make_agency

pytestmark = pytest.mark.django_db
D = dt.date
CLOCK = clock_at(D(2025, 6, 30))
JUNE_12 = D(2025, 6, 12)


def session(world, agencies, *, title="政府信息公开条例专题培训", held_on=JUNE_12, count=12, actor=None):
    return record_training(
        world.district,
        held_on=held_on,
        title=title,
        agencies=agencies,
        attendee_count=count,
        people="李四、钱七",
        materials="条例解读课件",
        actor=actor or world.zhaoliu,
        clock=CLOCK,
    )


def test_the_office_records_a_session_with_its_attendance_and_an_audit_entry(world):
    found = session(world, [world.a, world.district])
    assert set(found.agencies.all()) == {world.a, world.district}
    assert (found.attendee_count, found.office, found.recorded_by) == (12, world.district, world.zhaoliu)
    assert AuditEntry.objects.filter(action="supervision.training_recorded").count() == 1


@pytest.mark.parametrize(
    ("change", "code", "chinese"),
    [
        ({"title": "  "}, "supervision.training_title", "请填写培训主题"),
        ({"held_on": D(2025, 7, 1)}, "supervision.training_in_future", "尚未举办"),
        ({"agencies": []}, "supervision.training_no_agency", "请选择参训单位"),
        ({"count": 1}, "supervision.training_count", "参训人数至少为 2 人"),
        ({"outside": True}, "supervision.agency_outside_office", "江北区教育委员会不在渝中区人民政府"),
        ({"actor": "lisi"}, "supervision.not_office", "只有政务公开主管部门"),
    ],
)
def test_bad_input_is_refused_in_chinese_and_stores_nothing(world, change, code, chinese):
    agencies = (
        [world.a, world.b]
        if change.pop("outside", False)
        else change.pop("agencies", [world.a, world.district])
    )
    if change.get("actor") == "lisi":
        change["actor"] = world.lisi
    with pytest.raises(SupervisionError) as refused:
        session(world, agencies, **change)
    assert refused.value.code == code
    assert chinese in refused.value.message
    assert not TrainingSession.objects.exists()
    assert not AuditEntry.objects.filter(action="supervision.training_recorded").exists()


def test_the_page_shows_the_year_per_persona(client, world):
    school = make_agency("渝中区教育委员会", parent=world.district)
    session(world, [world.a, school], title="依申请公开答复规范培训", count=20)
    session(world, [school], title="主动公开目录编制培训", count=5)
    session(world, [world.a], title="上年度培训", held_on=D(2024, 11, 5), count=3)

    client.force_login(world.zhaoliu)
    page = client.get("/staff/supervision/training/?year=2025").content.decode()
    assert "依申请公开答复规范培训" in page and "主动公开目录编制培训" in page and "上年度培训" not in page
    assert "2025 年：共举办培训 2 次，参训 25 人次。" in page
    assert "登记培训" in page  # the office's form

    client.force_login(world.lisi)
    page = client.get("/staff/supervision/training/?year=2025").content.decode()
    assert "依申请公开答复规范培训" in page and "主动公开目录编制培训" not in page
    assert "2025 年：共举办培训 1 次，参训 20 人次。" in page and "登记培训" not in page

    client.force_login(world.wangwu)
    page = client.get("/staff/supervision/training/?year=2025").content.decode()
    assert "依申请公开答复规范培训" not in page and "共举办培训 0 次" in page


def test_the_totals_count_the_sessions_each_agency_of_the_subtree_attended(client, world):
    school = make_agency("渝中区教育委员会", parent=world.district)
    session(world, [world.a, school])
    session(world, [school])
    client.force_login(world.zhaoliu)
    totals = {
        t.agency.name: t.sessions
        for t in client.get("/staff/supervision/training/?year=2025").context["totals"]
    }
    assert totals == {"渝中区教育委员会": 2, "渝中区财政局": 1, "渝中区人民政府": 0}


def test_the_office_records_through_the_form_and_others_may_not(client, world):
    form = {
        "office": world.district.pk,
        "held_on": "2025-06-12",
        "title": "年度报告编制培训",
        "agencies": [world.a.pk],
        "attendee_count": "8",
    }
    client.force_login(world.lisi)
    assert client.post("/staff/supervision/training/", form).status_code == 404
    client.force_login(world.zhaoliu)
    refused = client.post("/staff/supervision/training/", {**form, "agencies": [world.b.pk]})
    assert refused.status_code == 400 and not TrainingSession.objects.exists()
    r = client.post("/staff/supervision/training/", form)
    assert r.status_code == 302 and r["Location"].endswith("?year=2025")
    assert TrainingSession.objects.get().title == "年度报告编制培训"
