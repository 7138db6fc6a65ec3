"""A step a role may not take is not offered as if it could: 条例第三十三条 has the head of the disclosure
office consent to an extension, so the handler (李四) sees 批准延期 named as the approver's, with no form to
submit; the approver (钱七) gets the form; the service still refuses the handler if he posts anyway."""

from __future__ import annotations

import html
import re

from .fixtures import log_in


def _panel(page: str, key: str) -> str:
    return re.search(rf'<details id="action-{key}"[^>]*>(.*?)</details>', page, re.S).group(1)


def test_the_handler_sees_the_extension_as_the_approvers_with_the_reason_and_no_form(client, world):
    assert log_in(client, "lisi")
    page = html.unescape(client.get(f"/staff/applications/{world.app_a.pk}/").content.decode())
    panel = _panel(page, "extension")
    assert "批准延期" in panel and "需由审批人（办公室负责人）批准" in panel
    assert "<form" not in panel and "workdays" not in panel


def test_the_approver_gets_the_extension_form(client, world):
    assert log_in(client, "qianqi")
    page = html.unescape(client.get(f"/staff/applications/{world.app_a.pk}/").content.decode())
    panel = _panel(page, "extension")
    assert f'action="/staff/applications/{world.app_a.pk}/extension/"' in panel and 'name="workdays"' in panel
    assert "需由审批人" not in panel


def test_the_handler_posting_an_extension_anyway_is_refused_and_nothing_changes(client, world):
    assert log_in(client, "lisi")
    due = world.app_a.due_on
    response = client.post(
        f"/staff/applications/{world.app_a.pk}/extension/",
        {"workdays": "20", "reason": "需调取档案", "notified_on": "2025-11-20"},
        follow=True,
    )
    assert "只有本机关的审批人可以批准延期" in html.unescape(response.content.decode())
    world.app_a.refresh_from_db()
    assert world.app_a.due_on == due and not world.app_a.events.filter(kind="extension_approved").exists()
