"""The reply form offers every outcome of the core's table, grouped under table 3's headings, and takes
any number of withheld parts for a 部分公开 (a formset; "add another part" by htmx or a plain link)."""

from __future__ import annotations

import datetime as dt
import io
import re

import docx
import pytest
from django.urls import reverse

from gongkai import outcomes
from gongkai_web.applications import services
from gongkai_web.applications.errors import ApplicationError

from .fixtures import clock_at

#: The six result headings of table 3 (annual-report format, 2021), as printed in the seed report.
HEADINGS = [
    "（一）予以公开",
    "（二）部分公开",
    "（三）不予公开",
    "（四）无法提供",
    "（五）不予处理",
    "（六）其他处理",
]


def _reply_groups(html: str) -> dict[str, list[str]]:
    # the reply form holds the page's only <optgroup>s
    return {
        label: re.findall(r'<option value="([^"]+)"', body)
        for label, body in re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', html, re.S)
    }


def test_the_reply_form_offers_every_outcome_under_its_table_3_heading(world, client):
    client.force_login(world.lisi)
    html = client.get(reverse("applications:detail", args=[world.app_a.pk])).content.decode()
    groups = _reply_groups(html)
    assert list(groups) == HEADINGS
    offered = [code for codes in groups.values() for code in codes]
    assert sorted(offered) == sorted(outcomes.OUTCOMES)
    # hand-checked against legal-rules §9: where each outcome counts
    assert groups["（二）部分公开"] == ["partly_granted"]
    assert "withheld_third_party" in groups["（三）不予公开"]
    assert "not_held" in groups["（四）无法提供"]
    assert "not_processed_repeat" in groups["（五）不予处理"]
    assert "abandoned_no_fee" in groups["（六）其他处理"]


# ── 部分公开 with several withheld parts (legal-rules §7.4: each part with its article and reasons) ───

PARTS = [
    ("供应商报价明细", "withheld_third_party", "第三方书面不同意公开，理由成立"),
    ("资金安排方案的讨论记录", "withheld_process_info", "属于研究过程中形成的讨论记录"),
    ("经办人员的考勤记录", "withheld_internal_affairs", "属于人事管理信息"),
]


def _post(parts, *, outcome="partly_granted", total=None):
    data = {
        "outcome": outcome,
        "decided_on": "2025-11-20",
        "reasons": "",
        "withheld-TOTAL_FORMS": str(total if total is not None else len(parts)),
        "withheld-INITIAL_FORMS": "0",
        "withheld-MIN_NUM_FORMS": "0",
        "withheld-MAX_NUM_FORMS": "20",
    }
    for i, (description, ground, reason) in enumerate(parts):
        data |= {
            f"withheld-{i}-description": description,
            f"withheld-{i}-ground": ground,
            f"withheld-{i}-reason": reason,
        }
    return data


def test_the_reply_form_offers_blank_withheld_parts_and_a_link_for_more(world, client):
    client.force_login(world.lisi)
    html = client.get(reverse("applications:detail", args=[world.app_a.pk])).content.decode()
    assert 'name="withheld-TOTAL_FORMS" value="2"' in html
    assert 'name="withheld-1-description"' in html and 'name="withheld-2-description"' not in html
    # without JavaScript the link reloads the page with one more row; with htmx it fetches just the row
    assert (
        'href="?parts=3#action-reply"' in html
        and f'hx-get="/staff/applications/{world.app_a.pk}/?withheld_row=2"' in html
    )
    more = client.get(reverse("applications:detail", args=[world.app_a.pk]) + "?parts=4").content.decode()
    assert 'name="withheld-3-reason"' in more and 'id="action-reply" open' in more


def test_the_htmx_row_comes_with_the_new_form_count(world, client):
    url = reverse("applications:detail", args=[world.app_a.pk]) + "?withheld_row=2"
    client.force_login(world.zhaoliu)  # the supervisor reads but does not handle
    assert client.get(url).status_code == 404
    client.force_login(world.lisi)
    row = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'name="withheld-2-description"' in row and "不予公开的部分（第3项）" in row
    assert 'id="id_withheld-TOTAL_FORMS" hx-swap-oob="true"' in row and 'value="3"' in row
    assert "?withheld_row=3" in row
    assert (
        client.get(reverse("applications:detail", args=[world.app_a.pk]) + "?withheld_row=20").status_code
        == 404
    )


def _issue(client, app, *, on="2025-11-20"):
    """Issue the application's reply draft from its preview, confirming that it cannot be undone."""
    draft = app.reply_drafts.get(state__in=["draft", "approved"])
    return client.post(
        f"/staff/applications/{app.pk}/reply/{draft.pk}/issue/",
        {"decided_on": on, "version": draft.version, "confirm": "on"},
        follow=True,
    )


def test_a_partial_disclosure_with_three_withheld_parts_lists_each_with_its_article(world, client):
    client.force_login(world.lisi)
    client.post(
        f"/staff/applications/{world.app_a.pk}/reply/", _post(PARTS, total=4), follow=True
    )  # + a blank row
    _issue(client, world.app_a)
    letter = world.app_a.letters.get(kind="reply")
    assert letter.outcome == "partly_granted"
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(bytes(letter.docx))).paragraphs)
    # hand-written from 条例第三十六条第（三）项 with 第十五条, 第十六条第二款, 第十六条第一款 (legal-rules §9)
    assert (
        "1. 供应商报价明细：第三方书面不同意公开，理由成立。依据《中华人民共和国政府信息公开条例》"
        "第三十六条第（三）项、第十五条的规定，不予公开。"
    ) in text
    assert (
        "2. 资金安排方案的讨论记录：属于研究过程中形成的讨论记录。依据《中华人民共和国政府信息公开条例》"
        "第三十六条第（三）项、第十六条第二款的规定，不予公开。"
    ) in text
    assert (
        "3. 经办人员的考勤记录：属于人事管理信息。依据《中华人民共和国政府信息公开条例》"
        "第三十六条第（三）项、第十六条第一款的规定，不予公开。"
    ) in text
    assert "4. " not in text.split("二、不予公开的内容及理由：")[1].split("提供方式")[0]
    # remedy: variant A for the withheld parts (复议前置), variant B for the rest (legal-rules §7.3)
    assert "如对本答复中不予公开的部分不服，应当自收到本答复之日起60日内向渝中区人民政府申请行政复议" in text
    assert "不得直接提起行政诉讼" in text and "如对本答复的其他内容不服，可以" in text
    assert len(world.app_a.events.get(kind="replied").data["withheld"]) == 3


def test_an_incomplete_withheld_part_is_refused_and_changes_nothing(world, client):
    client.force_login(world.lisi)
    response = client.post(
        f"/staff/applications/{world.app_a.pk}/reply/", _post([PARTS[0], ("考勤记录", "", "")]), follow=True
    )
    assert "第2项" in response.content.decode()
    world.app_a.refresh_from_db()
    assert world.app_a.status == "in_progress" and not world.app_a.letters.filter(kind="reply").exists()
    assert not world.app_a.reply_drafts.exists()


def test_withheld_parts_on_a_full_disclosure_are_refused(world):
    day = dt.date(2025, 11, 20)
    with pytest.raises(ApplicationError) as exc:
        services.reply_application(
            world.app_a,
            outcome="granted",
            decided_on=day,
            actor=world.lisi,
            clock=clock_at(day),
            withheld=[dict(zip(("description", "ground", "reason"), PARTS[0], strict=True))],
        )
    assert exc.value.code == "applications.withheld_parts_not_partial"
    assert not world.app_a.letters.filter(kind="reply").exists()


def test_a_partial_disclosure_without_any_withheld_part_is_refused(world, client):
    client.force_login(world.lisi)
    response = client.post(f"/staff/applications/{world.app_a.pk}/reply/", _post([]), follow=True)
    assert "不予公开的部分" in response.content.decode()  # the preview says the letter cannot be composed
    issued = _issue(client, world.app_a)
    assert issued.status_code == 400 and "不予公开的部分" in issued.content.decode()
    assert not world.app_a.letters.filter(kind="reply").exists()
