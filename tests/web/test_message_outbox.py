"""A step's message is written to the outbox in the step's own transaction and sent by the worker
(``manage.py send_messages``): the applicant's request does not wait for the mail server, a step
rolled back leaves nothing to send, and a message is sent once however often the worker runs."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction

from gongkai_web.applications import services
from gongkai_web.applications.models import Application
from gongkai_web.audit.models import AuditEntry
from gongkai_web.notifications.models import Message, Status
from gongkai_web.notifications.services import send_queued_messages

from .fixtures import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _worker(settings):
    settings.GONGKAI_MESSAGE_DELIVERY = "worker"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.GONGKAI_PUBLIC_URL = "https://gongkai.example.gov.cn"


def _apply(client, world) -> Application:
    world.a.online_receipt = "automatic"
    world.a.save()
    response = client.post("/apply/", form_data(world, email="zs@example.com"))
    assert response.status_code == 302
    return Application.objects.get(submission_token="tok-123")


def test_an_online_application_queues_its_receipt_and_sends_nothing_in_the_request(
    client, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        app = _apply(client, world)
    queued = Message.objects.get(target_id=str(app.pk))
    assert queued.status == Status.QUEUED and queued.topic == "receipt"
    assert mail.outbox == []


def test_the_worker_sends_the_queued_receipt_once_and_records_it(client, world):
    app = _apply(client, world)
    call_command("send_messages")
    call_command("send_messages")  # a second round finds nothing left to send
    [sent] = [m for m in mail.outbox if m.to == ["zs@example.com"]]
    assert app.query_code in sent.body
    message = Message.objects.get(target_id=str(app.pk))
    assert message.status == Status.SENT and message.sent_at is not None
    sent = AuditEntry.objects.filter(object_id=str(app.pk), action="notifications.message_sent")
    assert sent.count() == 1


def test_a_step_rolled_back_leaves_nothing_in_the_outbox(world):
    class Abort(Exception):
        pass

    world.a.online_receipt = "automatic"
    world.a.save()
    before = Message.objects.count()  # the test world's own two applications queued their receipts
    with pytest.raises(Abort), transaction.atomic():
        services.submit_application(world.a, {**form_data(world), "applicant_user": None}, token="t-1")
        assert Message.objects.filter(status=Status.QUEUED).exists()  # queued in the step's transaction
        raise Abort
    assert Message.objects.count() == before


def test_a_failing_mail_server_leaves_the_message_failed_not_queued(client, world, settings):
    settings.EMAIL_BACKEND = "tests.web.test_notifications.BrokenMail"
    app = _apply(client, world)
    assert send_queued_messages() == 3  # the world's two applications and this one
    message = Message.objects.get(target_id=str(app.pk))
    assert message.status == Status.FAILED and "rejected" in message.error
    assert send_queued_messages() == 0  # not retried in a loop: staff see it failed on the record page
