"""The small demo of ``bin/run``: 张三 logs in and finds letters on his applications, made by the
same services as staff use (so a demo that breaks a rule of the clock fails here, not in front of users)."""

from __future__ import annotations

from django.core.management import call_command

from gongkai_web.applications.models import Application

from .fixtures import log_in


def test_the_demo_applicant_finds_a_reply_a_correction_notice_and_a_consultation(db, client):
    call_command("load_demo", verbosity=0)
    statuses = sorted(Application.objects.values_list("status", flat=True))
    assert statuses == ["closed", "closed", "consulting", "correction", "in_progress", "in_progress"]
    replied = Application.objects.get(status="closed", kind="disclosure")
    assert replied.outcome == "granted"
    assert log_in(client, "zhangsan", "gongkai-demo")
    page = client.get(f"/track/{replied.query_code}/").content.decode()
    assert "予以公开答复书" in page and "接收回执" in page
    assert (
        client.get(f"/track/{Application.objects.get(status='correction').query_code}/")
        .content.decode()
        .count("补正告知书")
        >= 1
    )


def test_the_demo_applicant_finds_the_answer_to_his_request_to_correct_a_record(db, client):
    call_command("load_demo", verbosity=0)
    corrected = Application.objects.get(kind="correction")
    assert (corrected.status, corrected.outcome) == ("closed", "")  # no outcome of table 3 (条例第四十一条)
    assert log_in(client, "zhangsan", "gongkai-demo")
    page = client.get(f"/track/{corrected.query_code}/").content.decode()
    assert "更正答复书" in page and "张山" in page
    letter = corrected.letters.get(kind="correction_reply")
    assert "已将2024年度财政补贴发放名单中的姓名" in letter.text


def test_loading_the_demo_twice_changes_nothing(db):
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    assert Application.objects.count() == 6
