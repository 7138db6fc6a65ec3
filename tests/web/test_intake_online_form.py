"""张三 applies on the public form: a receipt with the query code, the query password and the reply
deadline; the password shown once, in the browser that submitted; and the few statements a submission
costs the database."""

from __future__ import annotations

import re

from gongkai_web.applications import codes
from gongkai_web.applications.models import Application

from .fixtures import form_data


def test_an_applicant_gets_a_receipt_with_query_code_secret_and_deadline(client, world):
    response = client.post("/apply/", form_data(world), follow=True)
    app = Application.objects.get(submission_token="tok-123")
    page = response.content.decode()
    assert app.query_code in page and "接收回执" in page
    assert app.received_on is not None and app.receipt_rule == "e_receipt"
    assert app.due_on.strftime("%Y-%m-%d") in page


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


def test_a_public_submission_costs_a_fixed_handful_of_statements(client, world, settings):
    """The public form's hot path (bench/intake_load.py): the agency, the application, its two events,
    the letter number, the 接收回执, the audit entry and the receipt message queued in the outbox —
    nothing read back, no session written, nothing sent from the request."""
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
    assert statements == ["SELECT", "INSERT", "INSERT", "UPDATE", "INSERT", "INSERT", "INSERT"], (
        captured.captured_queries
    )


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
