"""Masking in what leaves the screens (issue 11, item 4): reminder e-mails, table 3 downloads, the logs
and error reports carry no identifier of the applicant. (The rule and the personas:
masked_applicant.py.)"""

from __future__ import annotations

import io
import logging

from django.core import mail
from django.core.management import call_command

from .masked_applicant import (
    ADDRESS,
    EMAIL,
    ID_NUMBER,
    MASKED_ID,
    MASKED_NAME,
    MASKED_PHONE,
    NAME,
    PHONE,
    THIRD_PARTY,
    leaked,
)


def _captured(logger_name: str, *filters) -> tuple[logging.Logger, io.StringIO, logging.Handler]:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    for f in filters:
        handler.addFilter(f)
    logger = logging.getLogger(logger_name)
    logger.addHandler(handler)
    return logger, out, handler


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
