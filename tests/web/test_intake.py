"""The public form, the receipt, tracking, double submission, bad input, masking."""

from __future__ import annotations

import datetime as dt
import re

from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai_web.applications import codes
from gongkai_web.applications.models import Application, Attachment
from gongkai_web.audit.models import AuditEntry

from .fixtures import VALID_ID, VALID_USCC


def form_data(world, **overrides):
    data = {
        "token": "tok-123",
        "agency": world.a.pk,
        "applicant_type": "citizen",
        "name": "张三",
        "id_type": "resident_id",
        "id_number": VALID_ID,
        "phone": "13800138000",
        "email": "z@example.com",
        "description": "2024年度区财政预算执行情况",
        "info_form": "electronic",
        "delivery_methods": ["email"],
        "declaration": "on",
    }
    return {**data, **overrides}


def test_an_applicant_gets_a_receipt_with_query_code_secret_and_deadline(client, world):
    response = client.post("/apply/", form_data(world), follow=True)
    app = Application.objects.get(submission_token="tok-123")
    page = response.content.decode()
    assert app.query_code in page and "接收回执" in page
    assert app.received_on is not None and app.receipt_rule == "e_receipt"
    assert app.due_on.strftime("%Y-%m-%d") in page


def test_a_double_submission_creates_one_application(client, world):
    client.post("/apply/", form_data(world))
    response = client.post("/apply/", form_data(world), follow=True)
    assert Application.objects.filter(submission_token="tok-123").count() == 1
    assert response.status_code == 200


def test_an_identity_number_with_a_wrong_check_digit_is_refused_with_a_message(client, world):
    bad = VALID_ID[:17] + ("0" if VALID_ID[17] != "0" else "1")
    response = client.post("/apply/", form_data(world, id_number=bad))
    assert response.status_code == 200
    assert "校验" in response.content.decode()
    assert not Application.objects.filter(submission_token="tok-123").exists()


def test_an_organisation_needs_its_kind_and_a_valid_credit_code(client, world):
    data = form_data(
        world,
        applicant_type="organisation",
        name="重庆某律师事务所",
        org_kind="legal_services",
        credit_code=VALID_USCC,
        legal_representative="孙八",
        contact_name="周九",
    )
    client.post("/apply/", data)
    app = Application.objects.get(submission_token="tok-123")
    assert app.report_column == "legal_services" and app.id_number == ""
    response = client.post("/apply/", {**data, "token": "tok-2", "credit_code": VALID_USCC[:-1] + "0"})
    assert "校验" in response.content.decode()


def test_a_disguised_attachment_is_refused(client, world):
    fake = SimpleUploadedFile("身份证.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    response = client.post("/apply/", {**form_data(world), "identity_proof": fake})
    assert "不符" in response.content.decode()
    assert (
        not Application.objects.exists()
        or not Application.objects.filter(submission_token="tok-123").exists()
    )
    assert Attachment.objects.count() == 0


def test_an_oversize_attachment_is_refused(client, world, settings):
    settings.GONGKAI_ATTACHMENT_MAX_BYTES = 1024
    big = SimpleUploadedFile("scan.pdf", b"%PDF-1.7\n" + b"0" * 2048, content_type="application/pdf")
    response = client.post("/apply/", {**form_data(world), "identity_proof": big})
    assert "超过" in response.content.decode()
    assert not Application.objects.filter(submission_token="tok-123").exists()


def test_a_real_pdf_attachment_is_stored(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    pdf = SimpleUploadedFile("scan.pdf", b"%PDF-1.7\n%%EOF\n", content_type="application/pdf")
    client.post("/apply/", {**form_data(world), "identity_proof": pdf})
    assert Attachment.objects.get().purpose == "identity"


def test_tracking_needs_the_right_secret(client, world):
    code = world.app_a.query_code
    response = client.post("/track/", {"query_code": code, "secret": "WRONGWRONG"})
    assert "不正确" in response.content.decode()
    assert client.get(f"/track/{code}/").status_code == 404
    response = client.post("/track/", {"query_code": code.lower(), "secret": world.app_a.secret}, follow=True)
    assert response.status_code == 200 and code in response.content.decode()


def test_staff_entry_of_a_signed_letter_uses_the_signing_date(client, world):
    client.force_login(world.lisi)
    data = {
        **form_data(world),
        "channel": "post_signed",
        "arrived_at": "2025-11-03T09:00",
        "received_on": "2025-11-04",
    }
    response = client.post("/staff/applications/new/", data)
    assert response.status_code == 302
    app = Application.objects.exclude(pk__in=[world.app_a.pk, world.app_b.pk]).get()
    assert (app.received_on, app.receipt_rule, app.entered_by) == (
        dt.date(2025, 11, 4),
        "signed_for",
        world.lisi,
    )


def test_a_plain_letter_waits_for_confirmation_before_the_clock_starts(client, world):
    client.force_login(world.lisi)
    data = {
        **form_data(world),
        "channel": "post_unsigned",
        "arrived_at": "2025-11-03T09:00",
        "received_on": "",
    }
    client.post("/staff/applications/new/", data)
    app = Application.objects.exclude(pk__in=[world.app_a.pk, world.app_b.pk]).get()
    assert (app.status, app.received_on, app.due_on) == ("submitted", None, None)


def test_li_si_posting_the_same_staff_entry_twice_registers_one_application(client, world):
    client.force_login(world.lisi)
    entry_page = client.get("/staff/applications/new/").content.decode()
    token = re.search(r'name="token" value="([^"]+)"', entry_page).group(
        1
    )  # the form carries its one-time token
    data = {**form_data(world, token=token), "channel": "in_person", "arrived_at": "2025-11-03T09:00"}
    first = client.post("/staff/applications/new/", data, follow=True)
    second = client.post("/staff/applications/new/", data, follow=True)
    created = Application.objects.filter(submission_token=token)
    assert created.count() == 1
    detail = f"/staff/applications/{created.get().pk}/"
    assert first.redirect_chain[-1][0] == second.redirect_chain[-1][0] == detail
    assert "查询密码" in first.content.decode()  # told once, on the first entry
    assert "已经登记过" in second.content.decode() and "查询密码" not in second.content.decode()


def test_the_supervising_office_gets_no_staff_entry_form_and_no_link_to_it(client, world):
    client.force_login(world.zhaoliu)
    assert client.get("/staff/applications/new/").status_code == 404
    data = {**form_data(world), "channel": "in_person", "arrived_at": "2025-11-03T09:00"}
    assert client.post("/staff/applications/new/", data).status_code == 404
    assert not Application.objects.filter(submission_token="tok-123").exists()
    assert "/staff/applications/new/" not in client.get("/staff/applications/").content.decode()
    client.force_login(world.lisi)
    assert "/staff/applications/new/" in client.get("/staff/applications/").content.decode()


def test_the_handler_sees_masked_identifiers_until_an_audited_unmasking(client, world):
    client.force_login(world.lisi)
    page = client.get(f"/staff/applications/{world.app_a.pk}/").content.decode()
    assert VALID_ID not in page and "13800138000" not in page
    assert VALID_ID[:6] in page
    page = client.post(f"/staff/applications/{world.app_a.pk}/unmask/").content.decode()
    assert VALID_ID in page and "13800138000" in page
    entry = AuditEntry.objects.filter(action="applications.identifiers_unmasked").get()
    assert entry.actor == world.lisi and entry.object_id == str(world.app_a.pk)


def test_the_supervisor_cannot_unmask(client, world):
    client.force_login(world.zhaoliu)
    page = client.post(f"/staff/applications/{world.app_a.pk}/unmask/", follow=True).content.decode()
    assert VALID_ID not in page
    assert not AuditEntry.objects.filter(action="applications.identifiers_unmasked").exists()


def test_the_export_is_masked(client, world):
    client.force_login(world.lisi)
    body = client.get("/staff/applications/export.csv").content.decode("utf-8-sig")
    assert world.app_a.query_code in body
    assert "13800138000" not in body and "张三" not in body


def test_the_worklist_searches_and_shows_overdue(client, world):
    client.force_login(world.lisi)
    assert world.app_a.query_code in client.get("/staff/applications/?q=预算").content.decode()
    assert world.app_a.query_code not in client.get("/staff/applications/?q=不存在的内容").content.decode()
    # today (the real date) is after 2025-12-01, so the demo application is overdue
    assert world.app_a.query_code in client.get("/staff/applications/?view=overdue").content.decode()


def test_a_forbidden_transition_via_the_web_shows_a_message_and_changes_nothing(client, world):
    client.force_login(world.lisi)
    response = client.post(
        f"/staff/applications/{world.app_a.pk}/answer/",
        {"position": "consent", "answered_on": "2025-11-04"},
        follow=True,
    )
    assert "不能登记征求意见结果" in response.content.decode()
    world.app_a.refresh_from_db()
    assert world.app_a.status == "in_progress"


def test_without_javascript_the_form_shows_every_field_marked_with_who_fills_it_in(client, world):
    import re

    page = client.get("/apply/").content.decode()
    marked = dict(re.findall(r'id="field-(\w+)" data-applicant="(\w+)"', page))
    assert marked == {
        "org_kind": "organisation",
        "credit_code": "organisation",
        "legal_representative": "organisation",
        "id_type": "citizen",
        "id_number": "citizen",
    }
    assert page.count("仅法人或者其他组织填写") == 3 and page.count("仅公民填写") == 2
    assert 'src="/static/gongkai/applicant.js"' in page


def test_every_visitor_gets_a_token_of_their_own_from_the_cached_blank_form(client, world):
    pages = [client.get("/apply/").content.decode() for _ in range(3)]
    tokens = {re.search(r'name="token" value="([^"]+)"', page).group(1) for page in pages}
    assert len(tokens) == 3 and "__gongkai_form_token__" not in "".join(pages)
    assert all(world.a.name in page for page in pages)
    preselected = client.get(f"/apply/?agency={world.a.pk}").content.decode()
    assert re.search(rf'<option value="{world.a.pk}" selected>', preselected)
    assert not re.search(
        r"<option value=\"\d+\" selected", pages[0].split('name="agency"')[1].split("</select>")[0]
    )
    assert client.get("/apply/?agency=<script>").status_code == 200  # not a number: ignored, not cached


def test_only_a_real_agency_id_is_kept_with_the_cached_blank_form(client, world, settings):
    from django.core.cache import cache

    settings.GONGKAI_FAST_PATHS = True  # the cache itself (bin/test also runs with GONGKAI_FAST_PATHS=0)

    for value in ("999999", "١٢", "<script>", str(world.a.pk)):
        assert client.get("/apply/", {"agency": value}).status_code == 200
    keys = [k for k in cache._cache if "portal:apply-form" in k]  # LocMemCache, the test settings' cache
    assert len(keys) == 2 and any(k.endswith(f":{world.a.pk}") for k in keys)


def _csrf(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def test_first_time_visitors_share_the_cached_page_but_each_gets_working_tokens_of_their_own(world):
    from django.test import Client

    visitors = [Client(enforce_csrf_checks=True) for _ in range(2)]
    pages = [v.get("/apply/").content.decode() for v in visitors]
    assert "__gongkai_csrf_token__" not in "".join(pages) and "__gongkai_form_token__" not in "".join(pages)
    assert _csrf(pages[0]) != _csrf(pages[1]) and all("csrftoken" in v.cookies for v in visitors)
    for visitor, page in zip(visitors, pages, strict=True):
        token = re.search(r'name="token" value="([^"]+)"', page).group(1)
        response = visitor.post(
            "/apply/", {**form_data(world, token=token), "csrfmiddlewaretoken": _csrf(page)}
        )
        assert response.status_code == 302
    # The first visitor's token does not pass with the second visitor's cookie.
    response = visitors[1].post(
        "/apply/", {**form_data(world, token="tok-x"), "csrfmiddlewaretoken": "x" * 64}
    )
    assert response.status_code == 403 and not Application.objects.filter(submission_token="tok-x").exists()


def test_a_signed_in_applicant_gets_the_page_rendered_for_them_not_the_cached_one(client, world):
    anonymous = client.get("/apply/").content.decode()
    client.force_login(world.zhangsan)
    own = client.get("/apply/").content.decode()
    assert "退出登录" in own and "退出登录" not in anonymous and "登录" in anonymous


def test_a_tampered_tracking_cookie_opens_nothing(client, world):
    from django.core import signing
    from django.test import Client

    from gongkai_web.applications import tracking

    code, secret = world.app_a.query_code, world.app_a.secret
    client.post("/track/", {"query_code": code, "secret": secret})
    assert client.get(f"/track/{code}/").status_code == 200
    value = client.cookies[tracking.COOKIE].value
    forged = [
        value[:-2] + ("AA" if not value.endswith("AA") else "BB"),
        signing.dumps({"t": [world.app_a.pk, world.app_b.pk]}, salt="another-salt"),
        signing.dumps({"t": [world.app_b.pk]}, key="not-the-secret-key", salt=tracking._SALT),
    ]
    for cookie in forged:
        stranger = Client()
        stranger.cookies[tracking.COOKIE] = cookie
        assert stranger.get(f"/track/{code}/").status_code == 404
        assert stranger.get(f"/track/{world.app_b.query_code}/").status_code == 404


def test_the_receipt_password_is_shown_only_in_the_browser_that_submitted(client, world):
    from django.test import Client

    response = client.post("/apply/", form_data(world), follow=True)
    app = Application.objects.get(submission_token="tok-123")
    secret = re.search(r'<dd class="code">([A-Z0-9]{10})</dd>', response.content.decode()).group(1)
    assert codes.secret_matches(secret, app.secret_digest)
    again = client.get(f"/receipt/{app.query_code}/").content.decode()  # shown once, as the page says
    assert secret not in again and app.query_code in again
    assert client.get(f"/track/{app.query_code}/").status_code == 200  # the browser may still open it
    other = Client()
    other.post("/track/", {"query_code": app.query_code, "secret": secret})
    assert secret not in other.get(f"/receipt/{app.query_code}/").content.decode()


def test_logging_out_forgets_the_applications_opened_with_a_password(client, world):
    from gongkai_web.applications import tracking

    client.force_login(world.wangwu)
    client.post("/track/", {"query_code": world.app_a.query_code, "secret": world.app_a.secret})
    assert client.get(f"/track/{world.app_a.query_code}/").status_code == 200
    response = client.post("/accounts/logout/")
    assert response.cookies[tracking.COOKIE].value == ""
    assert client.get(f"/track/{world.app_a.query_code}/").status_code == 404


def test_form_instances_share_fields_but_never_the_agency_list(world):
    from gongkai_web.applications.forms import ApplicationForm, StaffEntryForm

    first = ApplicationForm({"agency": world.a.pk})
    first.fields["agency"].choices = [("", "—"), (world.a.pk, "only this one")]
    second = ApplicationForm()
    assert len(list(second.fields["agency"].choices)) > 2
    assert second.fields["id_number"].applicant_only == "citizen" and second.fields["id_number"].help_text
    staff = StaffEntryForm(Application.objects.none().values("agency"))
    assert staff.fields["credit_code"].applicant_only == "organisation"
    assert (
        staff.fields["name"] is not second.fields["name"]
    )  # the staff form copies its fields as Django does


def test_an_agency_that_does_not_accept_applications_or_does_not_exist_is_refused(client, world):
    from .fixtures import make_agency

    archive = make_agency("渝中区档案馆", parent=world.district, accepts_applications=False)
    for value in (archive.pk, 999_999, "abc", "١٢", "9" * 30, "-1"):
        response = client.post("/apply/", form_data(world, agency=value, token=f"tok-{value}"))
        assert response.status_code == 200 and "有效" in response.content.decode()
    assert not Application.objects.filter(submission_token__startswith="tok-").exists()


def test_the_agency_of_a_public_application_is_read_with_its_parent_in_one_query(
    world, django_assert_num_queries
):
    from gongkai_web.agencies.lookup import accepting_agency

    with django_assert_num_queries(1):
        agency = accepting_agency(world.a.pk)
        assert (agency.name, agency.review_body_name(), agency.channels) == (
            "渝中区财政局",
            "渝中区人民政府",
            ["online", "in_person", "post_signed"],
        )
    with django_assert_num_queries(1):  # the parent's other fields load when asked for
        assert agency.parent.code == world.district.code
    assert accepting_agency(world.district.pk).parent is None


def test_li_si_cannot_enter_an_application_for_an_agency_he_does_not_work_for(client, world):
    client.force_login(world.lisi)
    data = {
        **form_data(world, agency=world.b.pk, token="tok-b"),
        "channel": "in_person",
        "arrived_at": "2025-11-03T09:00",
    }
    response = client.post("/staff/applications/new/", data)
    assert response.status_code == 200 and "有效" in response.content.decode()
    assert not Application.objects.filter(submission_token="tok-b").exists()


def test_a_public_submission_costs_a_fixed_handful_of_statements(client, world, settings):
    """The public form's hot path (bench/intake_load.py): the agency, the application, its two events,
    the letter number, the 接收回执 and the audit entry — nothing read back, no session written."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.GONGKAI_FAST_PATHS = True  # the fast path itself (bin/test also runs with GONGKAI_FAST_PATHS=0)

    client.post("/apply/", form_data(world, token="tok-warm"))  # the year's letter sequence exists now
    with CaptureQueriesContext(connection) as captured:
        assert client.post("/apply/", form_data(world)).status_code == 302
    statements = [
        q["sql"].split()[0].upper()
        for q in captured.captured_queries
        if q["sql"].split()[0].upper() not in ("BEGIN", "COMMIT", "SAVEPOINT", "RELEASE")
    ]
    assert statements == ["SELECT", "INSERT", "INSERT", "UPDATE", "INSERT", "INSERT"], (
        captured.captured_queries
    )


def test_the_tracking_cookie_is_https_only_where_the_session_cookie_is(client, world, settings):
    from gongkai_web.applications import tracking

    settings.SESSION_COOKIE_SECURE = True
    response = client.post("/apply/", form_data(world))
    cookie = response.cookies[tracking.COOKIE]
    assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"


def test_without_returning_in_the_database_the_same_rows_are_written(client, world, monkeypatch):
    """SQLite before 3.35 has no RETURNING: applications, letters and their numbers go the slow way."""
    from django.db import connection

    if connection.vendor != "sqlite":  # the fallback is SQLite's; PostgreSQL has always had RETURNING
        assert connection.features.can_return_columns_from_insert
        return
    monkeypatch.setattr(connection.features, "can_return_columns_from_insert", False)
    for token in ("tok-1", "tok-2"):
        assert client.post("/apply/", form_data(world, token=token)).status_code == 302
    numbers = [
        Application.objects.get(submission_token=t).letters.get(kind="receipt").serial
        for t in ("tok-1", "tok-2")
    ]
    assert numbers[1] == numbers[0] + 1
    assert all(Application.objects.get(submission_token=t).events.count() == 2 for t in ("tok-1", "tok-2"))
