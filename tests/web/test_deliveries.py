"""The 送达 of letters to the applicant (legal-rules §7.1 "delivery", §4.2 rule 5) and the remedy periods
counted from it (§2.5). Expected dates are counted by hand: a reply served on Mon 2025-11-24 leaves
行政复议 until the 60th day after, Fri 2026-01-23 (6 days of November, 31 of December, 23 of January),
and 行政诉讼 six months on, 2026-05-24 — a Sunday, so Mon 2026-05-25 (民事诉讼法第八十五条第三款)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai_web.applications import services
from gongkai_web.applications.errors import ApplicationError
from gongkai_web.applications.models import Delivery
from gongkai_web.audit.models import AuditEntry

from .fixtures import clock_at

D = dt.date


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def reply(world, outcome="granted", **kw):
    services.reply_application(
        world.app_a,
        outcome=outcome,
        decided_on=D(2025, 11, 20),
        actor=world.lisi,
        clock=clock_at(D(2025, 11, 20)),
        **kw,
    )
    return world.app_a.letters.get(kind="reply")


def serve(letter, world, on, *, today=None, **kw):
    kw.setdefault("proof_note", "EMS 1234567890，张三本人签收")
    return services.record_delivery(
        letter,
        method=kw.pop("method", "post"),
        delivered_on=on,
        actor=world.lisi,
        clock=clock_at(today or on),
        **kw,
    )


def test_a_served_reply_opens_review_until_the_60th_day_and_suit_until_six_months_later(world):
    letter = reply(world)
    serve(letter, world, D(2025, 11, 24), today=D(2025, 11, 25))
    windows = {w.route: w for w in services.remedy_windows(world.app_a)}
    assert windows["review"].ends_on == D(2026, 1, 23)
    assert (windows["litigation"].last_day, windows["litigation"].ends_on) == (D(2026, 5, 24), D(2026, 5, 25))
    entry = AuditEntry.objects.get(action="applications.delivery_recorded")
    assert entry.actor == world.lisi and entry.data["number"] == letter.number


def test_a_refusal_served_opens_only_review_first(world):
    letter = reply(world, "withheld_process_info", reasons="所申请信息为尚在讨论中的预算调整方案")
    serve(letter, world, D(2025, 11, 24))
    assert [w.route for w in services.remedy_windows(world.app_a)] == ["review"]


def test_no_periods_before_service_is_recorded(world):
    reply(world)
    assert services.remedy_windows(world.app_a) == ()


@pytest.mark.parametrize(
    ("on", "today", "code"),
    [
        (D(2025, 11, 26), D(2025, 11, 25), "applications.date_in_future"),
        (D(2025, 11, 19), D(2025, 11, 25), "applications.date_out_of_order"),  # before the reply's issue
    ],
    ids=["in the future", "before issue"],
)
def test_a_bad_date_of_service_is_refused_and_nothing_recorded(world, on, today, code):
    letter = reply(world)
    with pytest.raises(ApplicationError) as exc:
        serve(letter, world, on, today=today)
    assert exc.value.code == code and "送达日期" in exc.value.message
    assert not Delivery.objects.exists()


def test_service_needs_a_proof_and_a_known_method_and_is_recorded_once(world):
    letter = reply(world)
    with pytest.raises(ApplicationError) as exc:
        serve(letter, world, D(2025, 11, 24), proof_note="")
    assert exc.value.code == "applications.delivery_proof_missing"
    with pytest.raises(ApplicationError) as exc:
        serve(letter, world, D(2025, 11, 24), method="pigeon")
    assert exc.value.code == "applications.delivery_method_unknown"
    serve(letter, world, D(2025, 11, 24))
    with pytest.raises(ApplicationError) as exc:
        serve(letter, world, D(2025, 11, 25))
    assert exc.value.code == "applications.delivery_already_recorded"
    assert Delivery.objects.get().delivered_on == D(2025, 11, 24)


def test_a_handler_of_another_agency_cannot_record_service(client, world):
    letter = reply(world)
    with pytest.raises(ApplicationError) as exc:
        services.record_delivery(
            letter, method="post", delivered_on=D(2025, 11, 24), proof_note="EMS", actor=world.wangwu
        )
    assert exc.value.code == "applications.not_handler"
    client.force_login(world.wangwu)
    url = f"/staff/applications/{world.app_a.pk}/letters/{letter.pk}/delivery/"
    assert client.post(url, {}).status_code == 404
    assert not Delivery.objects.exists()


def test_the_case_page_records_service_with_a_receipt_file_and_shows_the_periods(client, world):
    letter = reply(world)
    client.force_login(world.lisi)
    page = client.get(f"/staff/applications/{world.app_a.pk}/").content.decode()
    assert "尚未记录送达" in page and "救济期限" not in page
    prefix = f"delivery-{letter.pk}"
    receipt = SimpleUploadedFile("送达回证.pdf", b"%PDF-1.7\n%%EOF\n", content_type="application/pdf")
    client.post(
        f"/staff/applications/{world.app_a.pk}/letters/{letter.pk}/delivery/",
        {
            f"{prefix}-method": "direct",
            f"{prefix}-delivered_on": "2025-11-24",
            f"{prefix}-proof_file": receipt,
        },
    )
    delivery = Delivery.objects.get()
    assert delivery.method == "direct" and delivery.proof_name == "送达回证.pdf"
    page = client.get(f"/staff/applications/{world.app_a.pk}/").content.decode()
    assert "直接送达" in page and "2025-11-24" in page
    assert "至2026-01-23" in page and "至2026-05-25" in page and "休息日" in page
    client.force_login(world.qianqi)  # the office head may unmask: opens the signed receipt, audited
    proof = client.get(f"/staff/applications/{world.app_a.pk}/letters/{letter.pk}/proof/")
    assert b"".join(proof.streaming_content).startswith(b"%PDF")
    assert AuditEntry.objects.get(action="applications.delivery_proof_opened").actor == world.qianqi
    client.force_login(world.zhaoliu)  # the supervisor sees the record, not the signed receipt
    assert client.get(f"/staff/applications/{world.app_a.pk}/letters/{letter.pk}/proof/").status_code == 404


def test_the_proof_note_is_masked_on_the_record_page(client, world):
    letter = reply(world)
    serve(letter, world, D(2025, 11, 24), proof_note="张三本人签收，电话13800138000")
    client.force_login(world.zhaoliu)
    page = client.get(f"/staff/applications/{world.app_a.pk}/").content.decode()
    assert "邮寄送达" in page and "13800138000" not in page and "张三本人" not in page


def test_the_applicant_sees_the_periods_once_service_is_recorded(client, world):
    letter = reply(world)
    client.force_login(world.zhangsan)
    url = f"/track/{world.app_a.query_code}/"
    assert "救济期限" not in client.get(url).content.decode()
    serve(letter, world, D(2025, 11, 24))
    page = client.get(url).content.decode()
    assert "行政复议" in page and "至2026-01-23" in page and "至2026-05-25" in page


def test_a_disguised_receipt_file_is_refused(world):
    letter = reply(world)
    fake = SimpleUploadedFile("回证.pdf", b"MZ\x90\x00", content_type="application/pdf")
    with pytest.raises(ApplicationError) as exc:
        serve(letter, world, D(2025, 11, 24), proof_note="", proof_upload=fake)
    assert exc.value.code == "applications.delivery_proof_refused" and "不符" in exc.value.message
    assert not Delivery.objects.exists()
