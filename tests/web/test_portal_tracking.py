"""What 张三 sees of his applications on his phone: a list that says what each one asked for and
when the reply is due, and a tracking page whose letters can be downloaded."""

from __future__ import annotations

import re


def test_my_applications_says_what_was_asked_for_and_when_the_reply_is_due(client, world):
    client.force_login(world.zhangsan)
    page = client.get("/me/").content.decode()
    card = next(c for c in re.findall(r"<li>.*?</li>", page, flags=re.S) if world.app_a.query_code in c)
    assert "渝中区财政局" in card and "2024年度区财政预算执行情况报告" in card
    assert "2025-12-01" in card  # received Monday 2025-11-03: due 20 working days later (legal-rules §4.5 C)
    assert world.app_b.query_code not in page  # 张三 did not file B's application


def test_the_tracking_page_title_is_the_query_code_and_lists_the_receipt_letter(client, world):
    client.force_login(world.zhangsan)
    page = client.get(f"/track/{world.app_a.query_code}/").content.decode()
    title = re.search(r"<title>(.*?)</title>", page, flags=re.S).group(1)
    assert title.strip() == f"申请 {world.app_a.query_code} - 政府信息公开平台"
    letters = re.search(r'<ul class="letters">(.*?)</ul>', page, flags=re.S).group(1)
    letter = world.app_a.letters.get(title="接收回执")
    assert "接收回执" in letters and f"/track/{world.app_a.query_code}/letters/{letter.pk}.pdf" in letters
    assert client.get(f"/track/{world.app_a.query_code}/letters/{letter.pk}.pdf").content[:5] == b"%PDF-"
