"""Reminders of 复议 and 诉讼 due dates (``send_appeal_reminders``): the 书面答复 and the 答辩状 while awaited and
the open follow-ups, overdue or due within 5 days, e-mailed once a day to the agency's handlers and approvers
through the notifications app (a message and an audit entry on the agency); a second run the same day sends
nothing. The day is a fixed clock's (or ``--on``). Personas: 李四 (A's handler), 钱七 (A's approver), 王五 (B's
handler). Expected dates by hand: the review received Fri 2025-09-26 is due Thu 2025-10-16 (10 working days,
National Day excluded); the suit received Sat 2025-09-20 is due Thu 2025-10-09 (day 15 is 10-05, a holiday)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from gongkai_web.appeals import reminders, services
from gongkai_web.audit.services import entries_for
from gongkai_web.notifications.models import Message, Status

from .appeals_world import make_case
from .fixtures import clock_at

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(world):
    for user, email in ((world.lisi, "lisi@example.com"), (world.qianqi, "qianqi@example.com"),
                        (world.wangwu, "wangwu@example.com")):  # fmt: skip
        user.email = email
        user.save()
    return world


def _cases(world):
    review = make_case(world, case_number="渝中府复〔2025〕3号", appellant="张三")
    suit = make_case(world, kind="litigation", route="direct", received=D(2025, 9, 20), appellant="李小明")
    return review, suit


def _send(day: dt.date, **kw):
    return reminders.send_appeal_reminders(clock=clock_at(day, 8), **kw)


def test_nothing_is_sent_while_every_due_date_is_more_than_five_days_away(staff):
    review, suit = _cases(staff)
    assert (review.reply_due, suit.reply_due) == (D(2025, 10, 16), D(2025, 10, 9))
    outcome = _send(D(2025, 10, 3))  # 6 days before the suit's defence is due
    assert outcome.sent == [] and mail.outbox == []


def test_a_defence_due_soon_is_sent_to_the_agency_s_handler_and_approver_once_a_day(staff):
    _cases(staff)
    outcome = _send(D(2025, 10, 4))  # the defence is due in 5 days, the reply in 12
    assert sorted(email for _, email, _ in outcome.sent) == ["lisi@example.com", "qianqi@example.com"]
    assert sorted(m.to[0] for m in mail.outbox) == ["lisi@example.com", "qianqi@example.com"]
    body = mail.outbox[0].body
    assert body.count("\n") == 0  # one line: only the defence
    assert "2025-10-09" in body and "答辩状" in body and "已超期" not in body
    assert "李小明" not in body and "李*" not in body  # never the plaintiff, masked or not
    again = _send(D(2025, 10, 4))
    assert again.sent == [] and len(again.skipped) == 2 and len(mail.outbox) == 2


def test_an_overdue_defence_and_a_reply_due_soon_go_in_one_e_mail_the_next_day_again(staff):
    review, suit = _cases(staff)
    _send(D(2025, 10, 11))
    lisi = [m for m in mail.outbox if m.to == ["lisi@example.com"]]
    assert len(lisi) == 1
    lines = lisi[0].body.splitlines()
    assert len(lines) == 2
    assert "2025-10-09" in lines[0] and "已超期" in lines[0] and f"/staff/appeals/{suit.pk}/" in lines[0]
    assert "2025-10-16" in lines[1] and "书面答复" in lines[1] and "渝中府复〔2025〕3号" in lines[1]
    assert "已超期" not in lines[1] and f"/staff/appeals/{review.pk}/" in lines[1]
    assert "渝中区财政局" in lisi[0].subject and "2" in lisi[0].subject
    _send(D(2025, 10, 12))
    assert len(mail.outbox) == 4
    assert not [m for m in mail.outbox if m.to == ["wangwu@example.com"]]  # agency B has nothing due


def test_a_filed_reply_is_not_reminded_but_an_open_follow_up_is(staff):
    review, suit = _cases(staff)
    services.record_reply_submitted(
        review, on=D(2025, 10, 10), actor=staff.lisi, clock=clock_at(D(2025, 10, 10))
    )
    services.record_reply_submitted(suit, on=D(2025, 10, 9), actor=staff.lisi, clock=clock_at(D(2025, 10, 9)))
    assert _send(D(2025, 10, 14)).sent == []
    services.record_decision(review, disposition="revoked", decided_on=D(2025, 11, 20), actor=staff.lisi,
                             clock=clock_at(D(2025, 11, 20)))  # fmt: skip
    follow_up = services.order_follow_up(review, kind="redo", ordered_on=D(2025, 11, 24), days=15,
                                         actor=staff.lisi, clock=clock_at(D(2025, 11, 24)))  # fmt: skip
    assert follow_up.due_on == D(2025, 12, 9)  # 15 days from Mon 11-24: Tue 12-09
    assert _send(D(2025, 12, 3)).sent == []  # 6 days before
    _send(D(2025, 12, 4))
    assert (
        len(mail.outbox) == 2
        and "2025-12-09" in mail.outbox[0].body
        and "重新作出答复" in mail.outbox[0].body
    )


def test_each_reminder_is_a_message_about_the_agency_with_an_audit_entry_at_the_clock_s_time(staff):
    _cases(staff)
    _send(D(2025, 10, 11))
    messages = Message.objects.filter(topic="appeal_due:2025-10-11")
    assert messages.count() == 2
    assert {m.target_id for m in messages} == {str(staff.a.pk)}
    assert all(
        m.status == Status.SENT and m.created_at == clock_at(D(2025, 10, 11), 8).now() for m in messages
    )
    assert entries_for(staff.a).filter(action="notifications.message_sent").count() == 2


def test_a_failed_send_is_tried_again_on_the_same_day(staff, settings):
    _cases(staff)
    settings.EMAIL_BACKEND = "tests.web.test_appeals_reminders.RefusingBackend"
    failed = _send(D(2025, 10, 11))
    assert len(failed.sent) == 2
    assert Message.objects.filter(status=Status.FAILED).count() == 2
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    retried = _send(D(2025, 10, 11))
    assert len(retried.sent) == 2 and len(mail.outbox) == 2


def test_a_dry_run_sends_and_records_nothing(staff):
    _cases(staff)
    outcome = _send(D(2025, 10, 11), dry_run=True)
    assert len(outcome.sent) == 2
    assert mail.outbox == [] and not Message.objects.filter(topic__startswith="appeal_due").exists()


def test_an_agency_without_addresses_is_named_and_nobody_else_is_mailed(world):
    _cases(world)  # nobody has an e-mail address
    outcome = _send(D(2025, 10, 11))
    assert outcome.unreachable == [world.a] and outcome.sent == []


def test_the_command_counts_from_the_day_given_and_is_idempotent(staff):
    _cases(staff)
    out = io.StringIO()
    call_command("send_appeal_reminders", "--on", "2025-10-11", stdout=out)
    call_command("send_appeal_reminders", "--on", "2025-10-11", stdout=out)
    assert len(mail.outbox) == 2
    text = out.getvalue()
    assert "lisi@example.com" in text and "qianqi@example.com" in text
    with pytest.raises(CommandError):
        call_command("send_appeal_reminders", "--on", "2025-13-01", stdout=out)


class RefusingBackend:
    """An e-mail backend whose server refuses every message."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")
