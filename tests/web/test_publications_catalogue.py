"""The 主动公开事项目录 and the 待公开 worklist, with the personas of the world fixture: 李四 (handler) and
钱七 (approver) work for agency A, 王五 for agency B in another district, 赵六 is the supervising office of
A's district, 张三 is a member of the public. "Today" is Thursday 4 May 2023, the day after the 劳动节
holiday (29 April – 3 May 2023; Sunday 23 April and Saturday 6 May were working days). Due dates are
counted by hand, the first day not counted:

* formed Wed 1 Mar → 20 working days end Wed 29 Mar (no holiday in March): overdue on 4 May;
* formed Thu 6 Apr → 7, 10–14, 17–21 Apr (11), Sun 23 Apr (12), 24–28 Apr (17), 4, 5 May (19),
  Sat 6 May (20): due 6 May, within the 5 working days after 4 May (5, 6, 8, 9, 10 May): due soon;
* formed Thu 20 Apr → 21, 23, 24–28 Apr (7), 4, 5, 6 May (10), 8–12 May (15), 15–19 May (20): due
  19 May, not yet due soon;
* the first quarter ends Fri 31 Mar → 3, 4 Apr (2), 5 Apr 清明 off, 6, 7 (4), 10–14 (9), 17–21 (14),
  Sun 23 Apr (15), 24–28 Apr (20): due 28 Apr, overdue on 4 May.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command

from gongkai_web.audit.models import AuditEntry
from gongkai_web.notifications.models import Message
from gongkai_web.publications import catalogue_queries as queries
from gongkai_web.publications import services
from gongkai_web.publications.catalogue_models import CatalogueItem
from gongkai_web.publications.errors import PublicationError
from gongkai_web.publications.services import catalogue

from .fixtures import clock_at

D = dt.date
TODAY = D(2023, 5, 4)
CLOCK = clock_at(TODAY)


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)
    return TODAY


def draft(world, title, formed_on, agency=None, actor=None):
    return services.draft_document(
        agency or world.a,
        kind="other",
        title=title,
        formed_on=formed_on,
        actor=actor or world.lisi,
        clock=CLOCK,
    )


def item(world, agency=None, owner=None, **kw):
    fields = {
        "category": "财政信息",
        "subcategory": "财政预决算",
        "elements": "部门预算、部门决算及说明",
        "basis": "《中华人民共和国预算法》第十四条",
        "responsible_unit": "预算科",
        "owner": owner or world.lisi,
        "channels": ["website", "notice_board"],
        "since": D(2023, 1, 1),
        **kw,
    }
    actor = kw.pop("actor", None) or fields["owner"]
    fields.pop("actor", None)
    return catalogue.add_catalogue_item(agency or world.a, actor=actor, clock=CLOCK, **fields)


@pytest.fixture
def clockwork(world, today):
    """A's documents and items as described in the module's docstring, and one overdue item of B."""
    docs = {
        "late": draft(world, "二〇二三年第一批财政专项资金分配方案", D(2023, 3, 1)),
        "soon": draft(world, "财政票据管理工作要点", D(2023, 4, 6)),
        "later": draft(world, "政府采购意向公开", D(2023, 4, 20)),
        "withheld": draft(world, "内部工作方案", D(2023, 3, 1)),
    }
    withheld = docs["withheld"]  # decided 不予公开 at signature: it owes no publication
    services.propose_publicity(
        withheld,
        publicity="withheld",
        reason="条例第十六条 内部事务信息",
        on=D(2023, 3, 2),
        actor=world.lisi,
        clock=CLOCK,
    )
    services.review_secrecy(withheld, on=D(2023, 3, 2), agreed=True, actor=world.qianqi, clock=CLOCK)
    services.review_secrecy(withheld, on=D(2023, 3, 2), agreed=True, actor=world.zhaoliu, clock=CLOCK)
    services.sign_document(withheld, on=D(2023, 3, 3), actor=world.qianqi, clock=CLOCK)
    items = {
        "quarterly": item(world, subcategory="预算执行情况", periodicity="quarterly"),
        "on_change": item(world, category="财政资金", subcategory="专项资金分配"),
        "b": item(world, agency=world.b, owner=world.wangwu, periodicity="quarterly", category="教育信息"),
    }
    catalogue.link_catalogue_document(items["on_change"], docs["late"], actor=world.lisi, clock=CLOCK)
    return docs, items


# --- services -------------------------------------------------------------------------------------


def test_a_new_item_has_the_statute_s_twenty_working_days_and_the_agency_s_level_and_is_audited(world):
    new = catalogue.add_catalogue_item(
        world.a,
        category="机构职能",
        elements="机构设置、职能、联系方式",
        basis="《政府信息公开条例》第二十条第（一）项",
        responsible_unit="办公室",
        owner=world.qianqi,
        channels=["website"],
        actor=world.lisi,
        clock=CLOCK,
    )
    assert (new.limit_amount, new.limit_unit, new.periodicity) == (20, "workdays", "on_change")
    assert new.level == "county" and new.since == TODAY
    assert new.time_limit_text == "信息形成或变更之日起20个工作日内"
    entry = AuditEntry.objects.get(action="publications.catalogue_item_added")
    assert entry.object_id == str(new.pk) and entry.data["owner"] == "qianqi"


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"basis": "  "}, "publications.catalogue_basis_missing"),
        ({"channels": ["carrier_pigeon"]}, "publications.catalogue_channels"),
        ({"channels": []}, "publications.catalogue_channels"),
        ({"limit_amount": 0}, "publications.catalogue_limit_range"),
        ({"limit_amount": 400}, "publications.catalogue_limit_range"),
        ({"periodicity": "weekly"}, "publications.catalogue_choice"),
    ],
)
def test_bad_input_is_refused_with_a_code_and_adds_nothing(world, change, code):
    with pytest.raises(PublicationError) as caught:
        item(world, **change)
    assert caught.value.code == code
    assert not CatalogueItem.objects.exists() and not AuditEntry.objects.filter(action__contains="catalogue")


def test_the_owner_must_be_staff_of_the_agency(world):
    with pytest.raises(PublicationError) as caught:
        item(world, owner=world.wangwu, actor=world.lisi)
    assert caught.value.code == "publications.catalogue_owner"
    assert "渝中区财政局" in caught.value.message


@pytest.mark.parametrize("persona", ["wangwu", "zhaoliu", "zhangsan"])
def test_only_staff_of_the_agency_may_add_to_its_catalogue(world, persona):
    with pytest.raises(PublicationError) as caught:
        item(world, actor=getattr(world, persona))
    assert caught.value.code == "publications.not_allowed"
    assert not CatalogueItem.objects.exists()


def test_a_change_keeps_each_value_before_and_after_in_the_audit_trail(world):
    it = item(world)
    catalogue.change_catalogue_item(it, limit_amount=10, owner=world.qianqi, actor=world.lisi, clock=CLOCK)
    it.refresh_from_db()
    assert (it.limit_amount, it.owner) == (10, world.qianqi)
    entry = AuditEntry.objects.get(action="publications.catalogue_item_changed")
    assert entry.data["changed"] == {"limit_amount": [20, 10], "owner": ["lisi", "qianqi"]}


def test_a_retired_item_cannot_be_changed_or_linked_and_owes_nothing(world, today):
    it = item(world, periodicity="quarterly")
    catalogue.retire_catalogue_item(it, on=TODAY, reason="职能划转", actor=world.lisi, clock=CLOCK)
    with pytest.raises(PublicationError) as caught:
        catalogue.change_catalogue_item(it, limit_amount=10, actor=world.lisi, clock=CLOCK)
    assert caught.value.code == "publications.catalogue_item_retired"
    with pytest.raises(PublicationError):
        catalogue.link_catalogue_document(it, draft(world, "x", D(2023, 4, 1)), actor=world.lisi, clock=CLOCK)
    assert queries.due_items([world.a], TODAY) == []


def test_retiring_needs_a_reason_and_a_date_not_in_the_future(world):
    it = item(world)
    with pytest.raises(PublicationError) as caught:
        catalogue.retire_catalogue_item(it, on=TODAY, reason=" ", actor=world.lisi, clock=CLOCK)
    assert caught.value.code == "publications.catalogue_retire_reason"
    with pytest.raises(PublicationError) as caught:
        catalogue.retire_catalogue_item(it, on=D(2023, 5, 5), reason="x", actor=world.lisi, clock=CLOCK)
    assert caught.value.code == "publications.date_in_future"
    it.refresh_from_db()
    assert it.retired_on is None


def test_only_the_agency_s_own_documents_fulfil_its_items_and_only_once(world):
    it = item(world)
    own = draft(world, "本局文件", D(2023, 4, 1))
    foreign = draft(world, "他局文件", D(2023, 4, 1), agency=world.b, actor=world.wangwu)
    with pytest.raises(PublicationError) as caught:
        catalogue.link_catalogue_document(it, foreign, actor=world.lisi, clock=CLOCK)
    assert caught.value.code == "publications.catalogue_foreign_document"
    catalogue.link_catalogue_document(it, own, actor=world.lisi, clock=CLOCK)
    with pytest.raises(PublicationError) as caught:
        catalogue.link_catalogue_document(it, own, actor=world.lisi, clock=CLOCK)
    assert caught.value.code == "publications.catalogue_already_linked"
    assert it.links.count() == 1
    catalogue.unlink_catalogue_document(it, own, actor=world.lisi, clock=CLOCK)
    assert it.links.count() == 0
    assert AuditEntry.objects.filter(action="publications.catalogue_document_unlinked").count() == 1


# --- queries --------------------------------------------------------------------------------------


def test_unpublished_documents_are_overdue_or_due_soon_by_the_twenty_working_days(world, clockwork):
    docs, _ = clockwork
    rows = queries.due_documents([world.a], TODAY)
    assert [(r.document, r.due, r.state) for r in rows] == [
        (docs["late"], D(2023, 3, 29), "overdue"),
        (docs["soon"], D(2023, 5, 6), "due_soon"),
    ]  # 20 Apr is due 19 May, not yet; the withheld one owes no publication


def test_items_are_overdue_from_their_linked_document_or_their_period(world, clockwork):
    _, items = clockwork
    rows = queries.due_items([world.a], TODAY)
    assert [(r.item, r.status.due, r.state) for r in rows] == [
        (items["on_change"], D(2023, 3, 29), "overdue"),
        (items["quarterly"], D(2023, 4, 28), "overdue"),
    ]


def test_publishing_the_linked_document_meets_the_item(world, clockwork):
    docs, items = clockwork
    from gongkai_web.publications.models import Document, Stage

    Document.objects.filter(pk=docs["late"].pk).update(
        stage=Stage.PUBLISHED, published_on=D(2023, 4, 3), publicity="proactive"
    )
    assert items["on_change"] not in [r.item for r in queries.due_items([world.a], TODAY)]
    (row,) = queries.item_rows([items["on_change"]], TODAY)
    assert row.state == "met"


# --- pages ----------------------------------------------------------------------------------------


def test_the_agency_s_catalogue_marks_overdue_items_for_its_staff(client, world, clockwork):
    client.force_login(world.lisi)
    page = client.get(f"/staff/library/catalogue/{world.a.code}/").content.decode()
    assert "预算执行情况" in page and "专项资金分配" in page
    assert page.count('class="row-overdue"') == 2
    assert "2023-04-28" in page and "信息形成或变更之日起20个工作日内" in page
    assert "添加事项" in page  # 李四 may change it


@pytest.mark.parametrize(
    ("persona", "status"), [("zhaoliu", 200), ("qianqi", 200), ("wangwu", 404), ("zhangsan", 404)]
)
def test_a_catalogue_is_read_by_the_agency_and_its_supervisor_only(client, world, clockwork, persona, status):
    _, items = clockwork
    client.force_login(getattr(world, persona))
    assert client.get(f"/staff/library/catalogue/{world.a.code}/").status_code == status
    assert client.get(f"/staff/library/catalogue/items/{items['on_change'].pk}/").status_code == status


def test_the_supervisor_reads_but_cannot_add_change_link_or_retire(client, world, clockwork):
    docs, items = clockwork
    client.force_login(world.zhaoliu)
    page = client.get(f"/staff/library/catalogue/{world.a.code}/").content.decode()
    assert "添加事项" not in page
    pk = items["quarterly"].pk
    assert client.get(f"/staff/library/catalogue/{world.a.code}/new/").status_code == 404
    assert client.get(f"/staff/library/catalogue/items/{pk}/edit/").status_code == 404
    assert (
        client.post(f"/staff/library/catalogue/items/{pk}/link/", {"document": docs["soon"].pk}).status_code
        == 404
    )
    assert (
        client.post(
            f"/staff/library/catalogue/items/{pk}/retire/", {"on": "2023-05-04", "reason": "x"}
        ).status_code
        == 404
    )
    assert items["quarterly"].links.count() == 0


def test_the_add_form_keeps_the_input_and_says_what_is_missing(client, world, today):
    client.force_login(world.lisi)
    response = client.post(
        f"/staff/library/catalogue/{world.a.code}/new/",
        {
            "category": "财政信息",
            "elements": "部门预算及说明",
            "basis": "",
            "periodicity": "yearly",
            "limit_amount": "20",
            "limit_unit": "workdays",
            "responsible_unit": "预算科",
            "owner": world.lisi.pk,
            "channels": ["website", "gazette"],
            "audience": "public",
            "mode": "proactive",
            "level": "county",
            "since": "2023-01-01",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and not CatalogueItem.objects.exists()
    basis = page[page.index('id="field-basis"') :].split('<div class="field"')[0]
    assert (
        'aria-invalid="true"' in basis and "请填写公开依据。" in basis
    )  # the missing field says so, by name
    assert 'role="alert"' in page and 'href="#id_basis"' in page  # and the error summary links to it
    assert "部门预算及说明" in page and 'value="gazette" id="id_channels_1" checked' in page
    assert '<option value="yearly" selected>' in page


def test_staff_add_an_item_and_link_a_document_through_the_pages(client, world, today):
    doc = draft(world, "财政票据管理工作要点", D(2023, 4, 6))
    client.force_login(world.qianqi)
    response = client.post(
        f"/staff/library/catalogue/{world.a.code}/new/",
        {
            "category": "财政信息",
            "subcategory": "财政票据",
            "elements": "票据管理办法",
            "basis": "《财政票据管理办法》",
            "periodicity": "on_change",
            "limit_amount": "20",
            "limit_unit": "workdays",
            "responsible_unit": "票据科",
            "owner": world.lisi.pk,
            "channels": ["website"],
            "audience": "public",
            "mode": "proactive",
            "level": "county",
            "since": "2023-05-04",
        },
    )
    new = CatalogueItem.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/staff/library/catalogue/items/{new.pk}/"
    assert (new.owner, new.channels) == (world.lisi, ["website"])
    response = client.post(f"/staff/library/catalogue/items/{new.pk}/link/", {"document": doc.pk})
    assert response.status_code == 302 and new.links.get().document == doc
    page = client.get(f"/staff/library/catalogue/items/{new.pk}/").content.decode()
    assert f'href="/staff/library/{doc.pk}/"' in page and "2023-05-06" in page  # due soon, 6 May


def test_the_worklist_shows_the_staff_member_s_agency_and_the_supervisor_s_subtree(client, world, clockwork):
    docs, items = clockwork
    client.force_login(world.lisi)
    page = client.get("/staff/library/due/").content.decode()
    assert docs["late"].title in page and docs["soon"].title in page
    assert docs["later"].title not in page and docs["withheld"].title not in page
    assert "预算执行情况" in page and "教育信息" not in page
    client.force_login(world.zhaoliu)
    page = client.get("/staff/library/due/").content.decode()
    assert docs["late"].title in page and "教育信息" not in page  # B is in another district
    assert client.get(f"/staff/library/due/?agency={world.b.code}").status_code == 404
    client.force_login(world.wangwu)
    page = client.get("/staff/library/due/").content.decode()
    assert "教育信息" in page and docs["late"].title not in page


# --- reminders ------------------------------------------------------------------------------------


def test_reminders_go_to_owners_and_staff_once_a_day(world, clockwork):
    docs, items = clockwork
    for person in (world.lisi, world.qianqi):
        person.email = f"{person.username}@example.com"
        person.save()
    out = io.StringIO()
    call_command("send_publication_reminders", "--on", "2023-05-04", stdout=out)
    by_recipient = {m.to[0]: m.body for m in mail.outbox}
    assert set(by_recipient) == {"lisi@example.com", "qianqi@example.com"}
    # 李四 owns both of A's overdue items and handles A's documents; 钱七 approves: documents only.
    assert (
        "预算执行情况" in by_recipient["lisi@example.com"]
        and "2023-04-28" in by_recipient["lisi@example.com"]
    )
    assert docs["soon"].title in by_recipient["qianqi@example.com"]
    assert "预算执行情况" not in by_recipient["qianqi@example.com"]
    assert docs["later"].title not in by_recipient["lisi@example.com"]
    assert "wangwu" in out.getvalue()  # 王五 owns B's overdue item but has no address
    assert Message.objects.filter(topic="publication_due:2023-05-04").count() == 2
    call_command("send_publication_reminders", "--on", "2023-05-04", stdout=io.StringIO())
    assert len(mail.outbox) == 2  # the same day again: nothing more
    call_command("send_publication_reminders", "--on", "2023-05-05", stdout=io.StringIO())
    assert len(mail.outbox) == 4


def test_a_dry_run_sends_and_records_nothing(world, clockwork):
    world.lisi.email = "lisi@example.com"
    world.lisi.save()
    out = io.StringIO()
    call_command("send_publication_reminders", "--dry-run", "--on", "2023-05-04", stdout=out)
    assert mail.outbox == [] and not Message.objects.filter(topic__startswith="publication_due").exists()
    assert "lisi@example.com" in out.getvalue()


# --- demo -----------------------------------------------------------------------------------------


def test_the_demo_gives_two_agencies_a_catalogue_with_exactly_one_overdue_item(db, client):
    from django.utils import timezone

    from gongkai_web.agencies.models import Agency

    call_command("load_demo", verbosity=0)
    today = timezone.localdate()
    czj, zjw = Agency.objects.get(code="cq-czj"), Agency.objects.get(code="jb-zjw")
    states = {str(r.item): r.state for r in queries.item_rows(queries.catalogue_items([czj, zjw]), today)}
    assert len(states) == 6
    assert [name for name, state in states.items() if state == "overdue"] == ["财政信息 / 专项资金分配"]
    assert states["财政信息 / 财政预决算"] == "met"
    client.force_login(czj.memberships.get(user__username="lisi").user)
    page = client.get("/staff/library/due/").content.decode()
    assert "2026年市级财政专项资金分配方案" in page and "专项资金分配" in page


def test_the_item_page_marks_its_unpublished_document_overdue(client, world, clockwork):
    docs, items = clockwork
    client.force_login(world.lisi)
    page = client.get(f"/staff/library/catalogue/items/{items['on_change'].pk}/").content.decode()
    link = page.index(f'href="/staff/library/{docs["late"].pk}/"')
    row = page[page.rindex("<tr", 0, link) :].split("</tr>")[0]
    assert 'class="row-overdue"' in row and "已超期（应于 2023-03-29 前公开）" in row
    assert "2023-03-01 形成的文件应于 2023-03-29 前公开" in page


def test_the_edit_form_shows_the_item_and_saves_a_change(client, world, today):
    it = item(world, periodicity="quarterly")
    client.force_login(world.lisi)
    page = client.get(f"/staff/library/catalogue/items/{it.pk}/edit/").content.decode()
    assert "《中华人民共和国预算法》第十四条" in page and '<option value="quarterly" selected>' in page
    data = {
        "category": it.category,
        "subcategory": it.subcategory,
        "elements": it.elements,
        "basis": it.basis,
        "periodicity": "monthly",
        "limit_amount": "15",
        "limit_unit": "days",
        "responsible_unit": it.responsible_unit,
        "owner": world.qianqi.pk,
        "channels": ["website"],
        "audience": "public",
        "mode": "proactive",
        "level": "county",
        "since": "2023-01-01",
    }
    response = client.post(f"/staff/library/catalogue/items/{it.pk}/edit/", data)
    assert response.status_code == 302
    it.refresh_from_db()
    assert (it.periodicity, it.limit_amount, it.limit_unit, it.owner) == ("monthly", 15, "days", world.qianqi)
    assert it.time_limit_text == "月度结束之日起15日内"
    assert (
        client.get(f"/staff/library/catalogue/items/{it.pk}/").content.decode().count("月度结束之日起15日内")
        == 1
    )
