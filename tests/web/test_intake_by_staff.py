"""李四 enters an application handed in on paper or by post: the date the clock starts from follows
the channel, the same entry posted twice registers one application, and only for an agency he works
for; the supervising office has no entry form."""

from __future__ import annotations

import datetime as dt
import re

from gongkai_web.applications.models import Application

from .fixtures import form_data


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


def test_the_supervising_office_gets_no_staff_entry_form_and_no_link_to_it(client, world):
    client.force_login(world.zhaoliu)
    assert client.get("/staff/applications/new/").status_code == 404
    data = {**form_data(world), "channel": "in_person", "arrived_at": "2025-11-03T09:00"}
    assert client.post("/staff/applications/new/", data).status_code == 404
    assert not Application.objects.filter(submission_token="tok-123").exists()
    assert "/staff/applications/new/" not in client.get("/staff/applications/").content.decode()
    client.force_login(world.lisi)
    assert "/staff/applications/new/" in client.get("/staff/applications/").content.decode()
