"""Masking everywhere (issue 11, item 4): every output that carries an applicant's personal data — the
record page, the worklist, the CSV export, each letter as DOCX and as PDF, Django's admin, the reminder
e-mails, the audit trail on the page, the logs — follows the screens' rule, for every persona.

The rule (``applications/identity.py``): the full name, ID number, phone, e-mail and address are seen
only by those who may handle the application's agency (its handlers and approver, and a superuser) —
on the record page only after the audited "unmask", in the letters as issued (each download audited) —
and by the applicant in their own letters. The supervising office gets masked values everywhere,
letters included (a marked 脱敏副本); the admin shows masked values to every admin user; e-mails and
logs carry no identifiers at all. Other agencies' staff, the applicant and visitors reach no staff output.

The applicant here has values found nowhere else (a rare name, an address, an ID number …), so each
check is a plain "is it in this output or not"."""

from __future__ import annotations

import datetime as dt
import io
import logging

import docx
import pytest
from django.contrib.auth.models import Permission, User
from django.core import mail
from django.core.files.base import ContentFile
from django.core.management import call_command

from gongkai_web.applications import services
from gongkai_web.applications.models import Attachment
from gongkai_web.audit.models import AuditEntry

from .fixtures import PASSWORD, clock_at, make_application
from .test_letters import pdf_text

D = dt.date


def _valid_id(first17: str) -> str:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return first17 + "10X98765432"[sum(int(c) * w for c, w in zip(first17, weights, strict=True)) % 11]


NAME, ID_NUMBER = "慕容雪霁", _valid_id("51010419870523047")
PHONE, EMAIL = "15987654321", "murong.xueji@example.org"
ADDRESS, POSTCODE = "四川省成都市锦江区梧桐巷七十七号", "610021"
THIRD_PARTY = "司徒明轩"  # a natural person whose records are asked for (条例第三十二条)
FULL = {
    "name": NAME,
    "ID number": ID_NUMBER,
    "phone": PHONE,
    "e-mail": EMAIL,
    "address": ADDRESS,
    "postcode": POSTCODE,
}
#: What the screens show instead (``gongkai.identifiers``).
MASKED_NAME, MASKED_THIRD_PARTY = "慕**霁", "司**轩"
MASKED_ID, MASKED_PHONE = ID_NUMBER[:6] + "********" + ID_NUMBER[-4:], "159****4321"
#: The applicant wrote her phone number into the request: free text follows the rule too.
DESCRIPTION = f"梧桐巷违法建筑拆除的处理决定（本人联系电话{PHONE}）"
COPY_NOTE = "脱敏副本"

#: Personas: who sees the agency's records in full, who masked, who not at all.
MAY_UNMASK = ("handler", "approver", "superuser")
MASKED_STAFF = ("supervisor",)
NO_STAFF_ACCESS = ("other_agency", "admin_staff", "applicant", "anonymous")
PERSONAS = MAY_UNMASK + MASKED_STAFF + NO_STAFF_ACCESS


def leaked(text: str, *extra: str) -> list[str]:
    """The full values (and ``extra`` ones) found in ``text``."""
    values = {**FULL, **{value: value for value in extra}}
    return [label for label, value in values.items() if value in text]


@pytest.fixture
def people(world):
    admin_staff = User.objects.create_user("admin_staff", password=PASSWORD, is_staff=True)
    admin_staff.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["applications", "audit"], codename__startswith="view_"
        )
    )
    # The applicant's account is named with her e-mail address, as many people choose.
    applicant = User.objects.create_user(EMAIL, email=EMAIL, password=PASSWORD)
    return {
        "handler": world.lisi,
        "approver": world.qianqi,
        "supervisor": world.zhaoliu,
        "other_agency": world.wangwu,
        "admin_staff": admin_staff,
        "superuser": User.objects.create_superuser("root", "root@example.com", PASSWORD),
        "applicant": applicant,
        "anonymous": None,
    }


def _case(world, people, **overrides):
    data = {
        "name": NAME,
        "id_number": ID_NUMBER,
        "phone": PHONE,
        "email": EMAIL,
        "address": ADDRESS,
        "postcode": POSTCODE,
        "description": DESCRIPTION,
        **overrides,
    }
    return make_application(world.a, applicant=people["applicant"], **data)


@pytest.fixture
def case(world, people, settings, tmp_path):
    """慕容雪霁's application to agency A: a third party consulted, an identity proof attached, and her
    own download of the receipt (in the audit trail under her account's name)."""
    settings.MEDIA_ROOT = tmp_path
    app = _case(world, people)
    services.start_consultation(
        app,
        consultee_kind="third_party",
        consultee=THIRD_PARTY,
        sent_on=D(2025, 11, 5),
        actor=world.lisi,
        clock=clock_at(D(2025, 11, 5)),
    )
    Attachment.objects.create(
        application=app,
        purpose="identity",
        file=ContentFile(b"%PDF-1.4 id", f"{NAME}身份证.pdf"),
        original_name=f"{NAME}身份证.pdf",
        content_type="application/pdf",
        size=11,
        sha256="0" * 64,
    )
    from django.test import Client

    applicant = Client()
    applicant.force_login(people["applicant"])
    receipt = app.letters.get(kind="receipt")
    assert applicant.get(f"/track/{app.query_code}/letters/{receipt.pk}.docx").status_code == 200
    return app


def _client(client, people, persona):
    if people[persona] is not None:
        client.force_login(people[persona])
    return client


# ── the record page, the worklist, the CSV export ───────────────────────────────────────────────


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_record_page_shows_every_persona_masked_values_only(client, people, case, persona):
    response = _client(client, people, persona).get(f"/staff/applications/{case.pk}/")
    page = response.content.decode()
    assert leaked(page, THIRD_PARTY) == []
    if persona in MAY_UNMASK + MASKED_STAFF:
        assert response.status_code == 200
        assert MASKED_NAME in page and MASKED_ID in page and MASKED_PHONE in page
        assert f"{MASKED_NAME}身份证.pdf" in page and MASKED_THIRD_PARTY in page  # file name, consultee
    else:
        assert response.status_code == (302 if persona == "anonymous" else 404)


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_those_who_may_handle_the_agency_see_the_full_values_after_unmasking(
    client, people, case, persona
):
    response = _client(client, people, persona).post(f"/staff/applications/{case.pk}/unmask/", follow=True)
    page = response.content.decode()
    if persona in MAY_UNMASK:
        assert leaked(page, THIRD_PARTY) == list(FULL) + [THIRD_PARTY]
        assert AuditEntry.objects.filter(
            action="applications.identifiers_unmasked", actor=people[persona]
        ).exists()
    else:
        assert leaked(page, THIRD_PARTY) == []


def test_the_audit_trail_on_the_record_page_does_not_name_the_applicants_account(client, people, case):
    assert AuditEntry.objects.filter(action="letters.downloaded", actor_label=EMAIL).exists()  # her download
    for persona in ("supervisor", "handler"):
        client.force_login(people[persona])
        page = client.get(f"/staff/applications/{case.pk}/").content.decode()
        assert EMAIL not in page and f"申请人（查询码 {case.query_code}）" in page


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_worklist_shows_masked_names_and_masks_identifiers_in_what_was_asked(
    client, people, case, persona
):
    response = _client(client, people, persona).get("/staff/applications/?view=all")
    page = response.content.decode()
    assert leaked(page, THIRD_PARTY) == []
    if persona in MAY_UNMASK + MASKED_STAFF:
        assert case.query_code in page and MASKED_NAME in page and MASKED_PHONE in page
    elif persona == "other_agency":
        assert response.status_code == 200 and case.query_code not in page
    else:
        assert response.status_code == (302 if persona == "anonymous" else 404)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_csv_export_is_masked_for_everyone(client, people, case, persona):
    response = _client(client, people, persona).get("/staff/applications/export.csv?view=all")
    body = response.content.decode("utf-8-sig")
    assert leaked(body, THIRD_PARTY) == []
    if persona in MAY_UNMASK + MASKED_STAFF:
        assert case.query_code in body and MASKED_NAME in body and MASKED_PHONE in body


def test_the_supervisor_cannot_find_an_applicant_by_searching_her_name(client, people, case):
    client.force_login(people["supervisor"])
    assert case.query_code not in client.get(f"/staff/applications/?view=all&q={NAME}").content.decode()
    client.force_login(people["handler"])
    assert case.query_code in client.get(f"/staff/applications/?view=all&q={NAME}").content.decode()


# ── letters: every kind, DOCX and PDF, every persona ───────────────────────────────────────────


def docx_all_text(data: bytes) -> str:
    """The body and the page headers of a DOCX."""
    document = docx.Document(io.BytesIO(bytes(data)))
    headers = [p.text for section in document.sections for p in section.header.paragraphs]
    return "\n".join([*headers, *(p.text for p in document.paragraphs)])


def _read(fmt: str, data: bytes) -> str:
    return docx_all_text(data) if fmt == "docx" else pdf_text(data)


def _on(world, day):
    return {"actor": world.lisi, "clock": clock_at(day)}


def _consult_third_party(world, app):
    services.start_consultation(
        app,
        consultee_kind="third_party",
        consultee=THIRD_PARTY,
        sent_on=D(2025, 11, 5),
        **_on(world, D(2025, 11, 5)),
    )


def _disclose_over_objection(world, app):
    _consult_third_party(world, app)
    services.answer_consultation(
        app,
        answered_on=D(2025, 11, 10),
        position="object",
        reasons=f"{THIRD_PARTY}不同意公开",
        **_on(world, D(2025, 11, 10)),
    )
    services.reply_application(
        app,
        outcome="granted",
        decided_on=D(2025, 11, 20),
        public_interest="违法建筑拆除关系到周边居民的安全",
        **_on(world, D(2025, 11, 20)),
    )


#: Letter kind → the steps that issue it on a fresh application of 慕容雪霁's (the receipt comes with it).
STEPS = {
    "receipt": lambda world, app: None,
    "correction": lambda world, app: services.request_correction(
        app, items=["请写明所需处理决定的文号"], sent_on=D(2025, 11, 5), **_on(world, D(2025, 11, 5))
    ),
    "extension": lambda world, app: services.approve_extension(
        app,
        workdays=10,
        reason="需要调取档案",
        notified_on=D(2025, 11, 18),
        actor=world.qianqi,
        clock=clock_at(D(2025, 11, 18)),
    ),
    "consult_third_party": _consult_third_party,
    "consult_agency": lambda world, app: services.start_consultation(
        app,
        consultee_kind="agency",
        consultee="渝中区规划和自然资源局",
        sent_on=D(2025, 11, 5),
        **_on(world, D(2025, 11, 5)),
    ),
    "fee": lambda world, app: services.send_fee_notice(
        app, pages=40, sent_on=D(2025, 11, 17), **_on(world, D(2025, 11, 17))
    ),
    "consult_notice": _consult_third_party,
    "disclosure_decision": _disclose_over_objection,
    "reasons_request": lambda world, app: services.request_reasons(
        app,
        volume="申请人一个月内提出120件申请",
        reasons_due=D(2025, 11, 20),
        sent_on=D(2025, 11, 10),
        **_on(world, D(2025, 11, 10)),
    ),
    "reasonable_time": lambda world, app: services.notify_reasonable_time(
        app,
        until=D(2025, 12, 31),
        reason="同一申请人一个月内提出120件申请",
        notified_on=D(2025, 11, 20),
        **_on(world, D(2025, 11, 20)),
    ),
    "split": lambda world, app: services.split_application(
        app, items=["拆除决定书", "拆除公告"], **_on(world, D(2025, 11, 10))
    ),
    "correction_reply": lambda world, app: services.reply_correction(
        app,
        result="corrected",
        decided_on=D(2025, 11, 20),
        details=f"已将记录中的联系电话更正为{PHONE}",
        **_on(world, D(2025, 11, 20)),
    ),
    "reply": lambda world, app: services.reply_application(
        app, outcome="granted", decided_on=D(2025, 11, 20), **_on(world, D(2025, 11, 20))
    ),
}


def _steps(world, app, kind):
    STEPS[kind](world, app)
    return app.letters.get(kind=kind)


KINDS = tuple(STEPS)


def test_every_kind_of_letter_the_platform_issues_is_checked():
    from gongkai.letters import LetterKind

    assert set(KINDS) == {kind.value for kind in LetterKind}


TO_THIRD_PARTY = ("consult_third_party", "disclosure_decision")


@pytest.mark.parametrize("kind", KINDS)
def test_each_letter_is_issued_in_full_to_those_who_may_handle_it_and_masked_to_the_supervisor(
    client, world, people, kind
):
    app = _case(
        world,
        people,
        **(
            {"kind": "correction", "description": f"记录中本人的联系电话{PHONE}有误"}
            if kind == "correction_reply"
            else {}
        ),
    )
    letter = _steps(world, app, kind)
    to_third_party = kind in TO_THIRD_PARTY
    for persona in PERSONAS:
        client.logout()
        _client(client, people, persona)
        for fmt in ("docx", "pdf"):
            response = client.get(f"/staff/applications/{app.pk}/letters/{letter.pk}.{fmt}")
            if persona in MAY_UNMASK:
                assert response.status_code == 200, persona
                text = _read(fmt, response.content)
                assert COPY_NOTE not in text
                if to_third_party:
                    assert (
                        THIRD_PARTY in text and NAME not in text
                    )  # the applicant is not named to the third party
                elif kind != "consult_agency":
                    assert NAME in text and ADDRESS in text, (persona, fmt)  # addressee, delivery address
            elif persona in MASKED_STAFF:
                assert response.status_code == 200
                text = _read(fmt, response.content)
                assert leaked(text, THIRD_PARTY) == [], (kind, fmt)
                assert COPY_NOTE in text and letter.number in text  # the same letter, marked as a masked copy
                assert (
                    "%E8%84%B1%E6%95%8F%E5%89%AF%E6%9C%AC" in response["Content-Disposition"]
                )  # 脱敏副本 in its name
                assert (
                    MASKED_THIRD_PARTY
                    if to_third_party
                    else MASKED_NAME
                    if kind != "consult_agency"
                    else "渝中区规划和自然资源局"
                ) in text
            else:
                assert response.status_code == (302 if persona == "anonymous" else 404)


@pytest.mark.parametrize("kind", ("receipt", "consult_notice", "reply"))
def test_the_applicant_downloads_her_own_letters_in_full_and_nobody_else_through_the_portal(
    client, world, people, kind
):
    app = _case(world, people)
    letter = _steps(world, app, kind)
    for persona in PERSONAS:
        client.logout()
        _client(client, people, persona)
        for fmt in ("docx", "pdf"):
            response = client.get(f"/track/{app.query_code}/letters/{letter.pk}.{fmt}")
            if persona == "applicant":
                text = _read(fmt, response.content)
                assert NAME in text and ADDRESS in text and COPY_NOTE not in text
            else:
                assert response.status_code == 404


def test_a_masked_copy_leaves_the_stored_letter_as_issued_and_its_download_is_audited(client, world, people):
    app = _case(world, people)
    receipt = app.letters.get(kind="receipt")
    client.force_login(people["supervisor"])
    client.get(f"/staff/applications/{app.pk}/letters/{receipt.pk}.pdf")
    receipt.refresh_from_db()
    assert (
        receipt.pdf is None and NAME in receipt.text and receipt.addressee == NAME
    )  # nothing cached, nothing changed
    entry = AuditEntry.objects.get(action="letters.downloaded")
    assert entry.actor == people["supervisor"] and entry.data["masked"] is True
    client.force_login(people["handler"])
    client.get(f"/staff/applications/{app.pk}/letters/{receipt.pk}.pdf")
    assert (
        AuditEntry.objects.filter(action="letters.downloaded", actor=people["handler"]).get().data["masked"]
        is False
    )


# ── Django's admin ──────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_admin_shows_masked_values_to_every_admin_user(client, people, case, persona):
    consultation = AuditEntry.objects.get(action="applications.consultation_started", object_id=str(case.pk))
    attachment = case.attachments.get()
    urls = [
        "/admin/applications/application/",
        f"/admin/applications/application/{case.pk}/change/",
        "/admin/applications/attachment/",
        f"/admin/applications/attachment/{attachment.pk}/change/",
        "/admin/audit/auditentry/",
        f"/admin/audit/auditentry/{consultation.pk}/change/",
    ]
    _client(client, people, persona)
    for url in urls:
        response = client.get(url)
        page = response.content.decode()
        assert leaked(page, THIRD_PARTY) == [], url
        if persona in ("admin_staff", "superuser"):
            assert response.status_code == 200, url
        else:  # the admin's own staff check: everyone else is sent to its login page
            assert response.status_code == 302, url
    if persona in ("admin_staff", "superuser"):
        page = client.get(f"/admin/applications/application/{case.pk}/change/").content.decode()
        assert MASKED_NAME in page and MASKED_ID in page and MASKED_THIRD_PARTY in page


def test_accounts_and_their_e_mail_addresses_are_managed_by_superusers_only(client, people):
    admin_staff = people["admin_staff"]
    admin_staff.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="auth", codename__in=["view_user", "change_user"])
    )
    applicant = people["applicant"]
    client.force_login(admin_staff)
    assert client.get("/admin/auth/user/").status_code == 403
    assert client.get(f"/admin/auth/user/{applicant.pk}/change/").status_code == 403
    assert EMAIL not in client.get("/admin/").content.decode()
    client.force_login(people["superuser"])
    assert EMAIL in client.get("/admin/auth/user/").content.decode()


# ── e-mails, reports, logs ──────────────────────────────────────────────────────────────────────


def test_reminder_emails_carry_the_query_code_and_deadline_but_no_identifier(world, people, case):
    for persona in ("handler", "approver", "supervisor", "other_agency"):
        people[persona].email = f"{persona}@example.com"
        people[persona].save()
    call_command("send_deadline_reminders", stdout=io.StringIO())
    by_recipient = {to: m for m in mail.outbox for to in m.to}
    assert set(by_recipient) == {"handler@example.com", "approver@example.com", "other_agency@example.com"}
    for message in mail.outbox:
        assert leaked(f"{message.subject}\n{message.body}", THIRD_PARTY, MASKED_NAME) == []
    assert case.query_code in by_recipient["handler@example.com"].body
    assert case.query_code not in by_recipient["other_agency@example.com"].body


def test_table_3_downloads_are_counts_without_personal_data(client, world, people, case):
    client.force_login(people["handler"])
    for fmt in ("json", "md"):
        response = client.get(f"/staff/reports/table3/{world.a.code}/agency/2025.{fmt}")
        assert response.status_code == 200 and leaked(response.content.decode(), THIRD_PARTY) == []


def _captured(logger_name: str, *filters) -> tuple[logging.Logger, io.StringIO, logging.Handler]:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    for f in filters:
        handler.addFilter(f)
    logger = logging.getLogger(logger_name)
    logger.addHandler(handler)
    return logger, out, handler


def test_a_server_error_logs_the_path_and_the_traceback_but_not_what_was_posted(
    client, world, people, monkeypatch
):
    from gongkai_web.applications import views

    def broken(*args, **kwargs):
        raise RuntimeError("intake failed")

    monkeypatch.setattr(views.forms, "StaffEntryForm", broken)
    logger, out, handler = _captured("django.request")
    try:
        client.raise_request_exception = False
        client.force_login(people["handler"])
        response = client.post(
            "/staff/applications/new/",
            {"name": NAME, "id_number": ID_NUMBER, "phone": PHONE, "email": EMAIL, "address": ADDRESS},
        )
    finally:
        logger.removeHandler(handler)
    assert response.status_code == 500
    logged = out.getvalue()
    assert "/staff/applications/new/" in logged and "intake failed" in logged and leaked(logged) == []


def test_the_log_filter_masks_identifiers_and_drops_query_strings_from_request_lines():
    from gongkai_web.audit.logfilters import PersonalDataFilter

    logger, out, handler = _captured("gongkai.test.masking", PersonalDataFilter())
    logger.propagate = False
    try:
        logger.warning('"%s" %s %s', f"GET /staff/applications/?q={NAME}&phone={PHONE} HTTP/1.1", 200, 512)
        try:
            raise ValueError(f"bad row: {ID_NUMBER} {PHONE} {EMAIL}")
        except ValueError:
            logger.exception("import of %s failed", "agencies.csv")
    finally:
        logger.removeHandler(handler)
    logged = out.getvalue()
    assert (
        '"GET /staff/applications/?… HTTP/1.1" 200 512' in logged
        and "import of agencies.csv failed" in logged
    )
    assert "ValueError" in logged and MASKED_ID in logged and MASKED_PHONE in logged
    assert leaked(logged) == []


def test_error_reports_hide_every_posted_value(rf):
    from gongkai_web.audit.logfilters import NoPostedValuesReporterFilter

    request = rf.post("/apply/", {"name": NAME, "id_number": ID_NUMBER, "phone": PHONE})
    cleansed = NoPostedValuesReporterFilter().get_post_parameters(request)
    assert set(cleansed) == {"name", "id_number", "phone"} and leaked(str(dict(cleansed))) == []
