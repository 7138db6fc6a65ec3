"""Access over every supervision view for the personas the issue names, in a world with a city above
the districts (``supervision_world.widen``): the city office (its whole tree), the district office (赵六:
its district only — never another district's items, never acting on the city's), agency staff in scope
(李四, 钱七) and out of it (王五), the third-party evaluator (the district's evaluations only), an
applicant's account (张三) and the anonymous public. The rows are those of
``tests/web/access_rows/supervision.py``; test_access.py runs the same rows for the first six personas
in the narrower world, this module runs the city office and the evaluator on them, and everyone on the
pages of another district's items (``OTHER_DISTRICT``)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.web.access_rows import supervision as rows

from .supervision_world import widen

pytestmark = pytest.mark.django_db

WIDER = ("city", "evaluator")


@pytest.fixture
def wide(world):
    return widen(world)


def _login(client, world, persona):
    if persona != "anon":
        client.force_login(getattr(world, persona))


def _url(template, world, **kw):
    return template.format(**rows.keys(world, template, **kw))


@pytest.mark.parametrize("name", sorted(rows.EXPECTED))
@pytest.mark.parametrize("persona", WIDER)
def test_the_city_office_and_the_evaluator_get_the_expected_answer_on_each_page(client, wide, name, persona):
    template, expected = rows.EXPECTED[name]
    _login(client, wide, persona)
    assert client.get(_url(template, wide)).status_code == expected[persona]


@pytest.mark.parametrize("name", sorted(rows.POSTS))
@pytest.mark.parametrize("persona", WIDER)
def test_the_city_office_and_the_evaluator_get_the_expected_answer_on_each_action(
    client, wide, name, persona
):
    template, expected = rows.POSTS[name]
    _login(client, wide, persona)
    assert client.post(_url(template, wide), {}).status_code == expected[persona]


@pytest.mark.parametrize("key", sorted(rows.OTHER_DISTRICT))
@pytest.mark.parametrize("persona", rows.PERSONAS)
def test_on_another_districts_items_only_the_city_office_and_that_agency_get_through(
    client, wide, key, persona
):
    name, method = key
    template = (rows.EXPECTED if method == "GET" else rows.POSTS)[name][0]
    url = _url(template, wide, other_district=True)
    _login(client, wide, persona)
    response = client.get(url) if method == "GET" else client.post(url, {})
    assert response.status_code == rows.OTHER_DISTRICT[key][persona]


def test_the_district_office_reads_the_citys_task_for_its_agency_but_does_not_accept_it(client, wide):
    from gongkai_web.supervision import services

    plan = services.create_plan(wide.city_gov, name="2023年全市任务清单", year=2023, actor=wide.city)
    task = services.issue_task(
        plan,
        wide.a,
        title="公开部门预算",
        owner="预算科",
        due_on=dt.date(2023, 6, 30),
        evidence_required="公开链接",
        actor=wide.city,
    )
    services.submit_evidence(task, text="已公开", actor=wide.lisi)
    client.force_login(wide.zhaoliu)
    page = client.get(f"/staff/supervision/tasks/{task.pk}/").content.decode()
    assert "公开部门预算" in page
    assert f"/staff/supervision/tasks/{task.pk}/accept/" not in page
    assert client.post(f"/staff/supervision/tasks/{task.pk}/accept/").status_code == 404
    assert client.post(f"/staff/supervision/plans/{plan.pk}/import/").status_code == 404
    client.force_login(wide.city)
    assert client.post(f"/staff/supervision/tasks/{task.pk}/accept/").status_code == 302
    task.refresh_from_db()
    assert task.status == "closed"


def test_the_evaluator_never_reaches_an_application_or_the_task_and_complaint_queues(client, wide):
    client.force_login(wide.evaluator)
    for url in (
        f"/staff/applications/{wide.app_a.pk}/",
        "/staff/applications/",
        "/staff/supervision/",
        "/staff/supervision/complaints/",
        "/staff/supervision/guidance/",
        "/staff/supervision/filings/",
    ):
        assert client.get(url).status_code == 404, url
