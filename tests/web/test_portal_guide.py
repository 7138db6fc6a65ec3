"""The 政府信息公开指南 of 渝中区财政局 tells a citizen how the receipt date is fixed on each channel it
runs (条例第三十一条) and where to complain or seek review (条例第五十一条), in words generated from
the agency's records."""

from __future__ import annotations

import re


def items_under(page: str, heading: str) -> list[str]:
    block = re.search(rf"<h2>{heading}</h2>\s*<ul>(.*?)</ul>", page, flags=re.S).group(1)
    return [re.sub(r"<[^>]+>", "", item) for item in re.findall(r"<li>(.*?)</li>", block, flags=re.S)]


def test_the_guide_states_the_receipt_rule_of_each_channel_the_agency_runs(client, world):
    page = client.get(f"/guide/{world.a.code}/").content.decode()
    rules = items_under(page, "收到申请之日的确定")
    assert len(rules) == 3  # online, in person, registered post: the channels of the fixture
    assert any(r.startswith("当面提交") and "以提交之日为收到申请之日" in r for r in rules)
    assert any("以本机关签收之日为收到申请之日" in r for r in rules)
    assert any("第三十一条第（三）项" in r for r in rules)
    assert "不受理电话申请" in page


def test_the_guide_names_the_district_government_for_complaints_and_review(client, world):
    page = client.get(f"/guide/{world.a.code}/").content.decode()
    remedies = items_under(page, "监督和救济")
    assert "可以向渝中区人民政府或者政府信息公开工作主管部门投诉、举报" in remedies[0]
    assert "60日内向渝中区人民政府申请行政复议" in remedies[1] and "6个月内" in remedies[1]
    assert "应当先申请行政复议" in remedies[2] and "第二十三条" in remedies[2]
