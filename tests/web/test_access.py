"""Access over every view, for every persona. The URL list is read from the resolver: a new view
without a row in ``EXPECTED`` makes ``test_every_view_has_an_access_rule`` fail."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

#: (url name) → {persona: expected status}; "anon" is a visitor without an account.
#: 302 = redirected to log in; 404 = hidden. Object views are exercised on agency A's application.
STAFF_ONLY_A = {"anon": 302, "zhangsan": 404, "lisi": 200, "wangwu": 404, "zhaoliu": 200, "qianqi": 200}
STAFF_LIST = {"anon": 302, "zhangsan": 404, "lisi": 200, "wangwu": 200, "zhaoliu": 200, "qianqi": 200}
PUBLIC = dict.fromkeys(("anon", "zhangsan", "lisi", "wangwu", "zhaoliu", "qianqi"), 200)
#: Pages of staff who work for an agency (handlers, approvers); the supervising office only reads.
WORKING_STAFF = {**STAFF_LIST, "zhaoliu": 404}
EXPECTED = {
    "portal:home": ("/", PUBLIC),
    "portal:guide": ("/guide/{agency_a}/", PUBLIC),
    "portal:apply": ("/apply/", PUBLIC),
    "portal:track": ("/track/", PUBLIC),
    # Only the applicant's account (or a session that gave the secret) sees the receipt and tracking page.
    "portal:receipt": ("/receipt/{code_a}/", {**dict.fromkeys(PUBLIC, 404), "zhangsan": 200}),
    "portal:track_detail": ("/track/{code_a}/", {**dict.fromkeys(PUBLIC, 404), "zhangsan": 200}),
    # Letters: the applicant's own (account or code + secret session); staff of the agency and its supervisor.
    "portal:letter": (
        "/track/{code_a}/letters/{letter_a}.docx",
        {**dict.fromkeys(PUBLIC, 404), "zhangsan": 200},
    ),
    "portal:my_applications": ("/me/", {**PUBLIC, "anon": 302}),
    "accounts:login": ("/accounts/login/", PUBLIC),
    "accounts:signup": ("/accounts/signup/", PUBLIC),
    # The second factor is for staff: an applicant's account has no such page.
    "accounts:second_factor": ("/accounts/second-factor/", {**STAFF_LIST, "anon": 302, "zhangsan": 404}),
    "applications:worklist": ("/staff/applications/", STAFF_LIST),
    "applications:export": ("/staff/applications/export.csv", STAFF_LIST),
    # Registering is an action: the supervising office, which reads but does not handle, gets 404.
    "applications:register": ("/staff/applications/new/", {**STAFF_LIST, "zhaoliu": 404}),
    "applications:detail": ("/staff/applications/{pk_a}/", STAFF_ONLY_A),
    "applications:letter": ("/staff/applications/{pk_a}/letters/{letter_a}.docx", STAFF_ONLY_A),
    # Attachments (an identity proof shows the whole ID number): only staff who may unmask.
    "applications:attachment": (
        "/staff/applications/{pk_a}/attachments/{attachment_a}/",
        {**STAFF_ONLY_A, "zhaoliu": 404},
    ),
    # Table 3 from records: every staff member has a page (own agency); A's figures only for A and its supervisor.
    "reports:table3": ("/staff/reports/table3/", STAFF_LIST),
    "reports:table3_download": ("/staff/reports/table3/{agency_a}/agency/2023.json", STAFF_ONLY_A),
    # 入库 of existing documents: staff who work for an agency (each imports only its own agencies' rows).
    "publications_import:import": ("/library/import/", WORKING_STAFF),
    "publications_import:template": ("/library/import/template.xlsx", WORKING_STAFF),
    # 规范性文件清理: staff who work for the clean-up's agency (A's clean-up); the lists once it is closed.
    "publications_cleanup:list": ("/library/cleanups/", WORKING_STAFF),
    "publications_cleanup:detail": ("/library/cleanups/{cleanup_a}/", {**WORKING_STAFF, "wangwu": 404}),
    "publications_cleanup:download": (
        "/library/cleanups/{cleanup_a}/continue.xlsx",
        {**WORKING_STAFF, "wangwu": 404},
    ),
    # System status (working-day calendar coverage): administrators and the supervising office only.
    "workcalendar:calendar_status": (
        "/staff/status/calendar/",
        {**dict.fromkeys(PUBLIC, 404), "anon": 302, "zhaoliu": 200},
    ),
}
#: POST-only views: who gets through the access check (the outcome of the action is tested elsewhere).
POSTS = {
    # Handlers see the unmasked page (200); the supervisor is sent back with a refusal (302).
    "applications:unmask": ("/staff/applications/{pk_a}/unmask/", {**STAFF_ONLY_A, "zhaoliu": 302}),
    # Supervisors read but do not handle: 404 on actions.
    "applications:act": (
        "/staff/applications/{pk_a}/withdraw/",
        {**STAFF_ONLY_A, "lisi": 302, "qianqi": 302, "zhaoliu": 404},
    ),
    "portal:logout": ("/accounts/logout/", dict.fromkeys(PUBLIC, 302)),
    # A clean-up's decisions and closing: staff of its agency (sent back to the page: 302).
    "publications_cleanup:decide": (
        "/library/cleanups/{cleanup_a}/items/{cleanup_item_a}/",
        {**WORKING_STAFF, "wangwu": 404, "lisi": 302, "qianqi": 302},
    ),
    "publications_cleanup:close": (
        "/library/cleanups/{cleanup_a}/close/",
        {**WORKING_STAFF, "wangwu": 404, "lisi": 302, "qianqi": 302},
    ),
    # The answer to a 补正 notice: the applicant's own (account or code + secret session); staff too get
    # 404. (An empty answer: the page comes back with the refusal.)
    "portal:answer_correction": (
        "/track/{code_a}/correction/",
        {**dict.fromkeys(PUBLIC, 404), "zhangsan": 200},
    ),
}
NOT_OURS = {"admin"}  # Django's admin has its own staff check


def _names(resolver=None, prefix=""):
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            if p.namespace not in NOT_OURS:
                yield from _names(p, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield prefix + p.name


def test_every_view_has_an_access_rule():
    assert set(_names()) == set(EXPECTED) | set(POSTS)


def _url(template, world):
    letter_a = world.app_a.letters.get(kind="receipt").pk  # issued when the application was registered
    return template.format(
        agency_a=world.a.code,
        code_a=world.app_a.query_code,
        pk_a=world.app_a.pk,
        letter_a=letter_a,
        attachment_a=_identity_proof(world.app_a).pk,
        cleanup_a=_cleanup(world).pk,
        cleanup_item_a=_cleanup(world).items.get().pk,
    )


def _cleanup(world):
    """Agency A's closed clean-up of one document (its lists can be downloaded)."""
    import datetime as dt

    from gongkai_web.publications.cleanup_models import Cleanup, CleanupItem
    from gongkai_web.publications.models import Document

    found = Cleanup.objects.filter(agency=world.a).first()
    if found is None:
        doc = Document.objects.create(
            agency=world.a,
            kind="normative",
            title="关于规范财政票据管理的通知",
            stage="published",
            publicity="proactive",
            published_on=dt.date(2020, 3, 1),
        )
        found = Cleanup.objects.create(
            agency=world.a,
            title="2023年规范性文件清理",
            as_of=dt.date(2023, 12, 31),
            closed_on=dt.date(2024, 3, 1),
        )
        CleanupItem.objects.create(
            cleanup=found, document=doc, decision="continue", decided_on=dt.date(2024, 1, 5)
        )
    return found


def _identity_proof(app):
    from django.core.files.base import ContentFile

    from gongkai_web.applications.models import Attachment

    found = app.attachments.first()
    if found is None:
        found = Attachment.objects.create(
            application=app,
            purpose="identity",
            file=ContentFile(b"%PDF-1.4 id", "id.pdf"),
            original_name="身份证.pdf",
            content_type="application/pdf",
            size=11,
            sha256="0" * 64,
        )
    return found


def _login(client, world, persona):
    if persona != "anon":
        client.force_login(getattr(world, persona))


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("persona", sorted(PUBLIC))
def test_each_persona_gets_the_expected_answer_on_each_page(client, world, name, persona):
    template, expected = EXPECTED[name]
    _login(client, world, persona)
    assert client.get(_url(template, world)).status_code == expected[persona]


@pytest.mark.parametrize("name", sorted(POSTS))
@pytest.mark.parametrize("persona", sorted(PUBLIC))
def test_each_persona_gets_the_expected_answer_on_each_action(client, world, name, persona):
    template, expected = POSTS[name]
    _login(client, world, persona)
    data = {"on": "2025-11-03"} if name == "applications:act" else {}
    response = client.post(_url(template, world), data)
    assert response.status_code == expected[persona]


def test_a_handler_of_agency_b_gets_404_on_every_url_of_agency_a(client, world):
    client.force_login(world.wangwu)
    for action in ("correction", "reply", "correction_reply", "extension", "unmask"):
        assert client.post(f"/staff/applications/{world.app_a.pk}/{action}/", {}).status_code == 404
    world.app_a.refresh_from_db()
    assert world.app_a.status == "in_progress"


def test_the_supervisor_sees_the_subtree_but_not_another_district(client, world):
    client.force_login(world.zhaoliu)
    assert client.get(f"/staff/applications/{world.app_a.pk}/").status_code == 200
    assert client.get(f"/staff/applications/{world.app_b.pk}/").status_code == 404


def test_a_post_without_csrf_token_is_refused_and_changes_nothing(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.lisi)
    response = client.post(f"/staff/applications/{world.app_a.pk}/withdraw/", {"on": "2025-11-03"})
    assert response.status_code == 403
    world.app_a.refresh_from_db()
    assert world.app_a.status == "in_progress"
