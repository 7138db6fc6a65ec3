"""The record's page speaks in words, not codes: the outcome, the delivery method and the actions of
the audit trail are named in Chinese."""

from __future__ import annotations

import datetime as dt

from gongkai_web.applications import services

from .fixtures import clock_at


def test_the_record_page_names_the_outcome_delivery_and_audit_actions_in_chinese(client, world):
    services.reply_application(
        world.app_a,
        outcome="granted",
        decided_on=dt.date(2025, 11, 10),
        actor=world.lisi,
        clock=clock_at(dt.date(2025, 11, 10)),
    )
    client.force_login(world.lisi)
    page = client.get(f"/staff/applications/{world.app_a.pk}/").content.decode()
    assert "予以公开" in page and "· granted" not in page
    assert "电子邮件" in page  # delivery method "email" of citizen_data
    assert "已提交 · 申请人（查询码" in page and "applications.submitted" not in page
