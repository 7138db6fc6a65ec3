"""The reply form offers every outcome of the core's table, grouped under table 3's headings."""

from __future__ import annotations

import re

from django.urls import reverse

from gongkai import outcomes

#: The six result headings of table 3 (annual-report format, 2021), as printed in the seed report.
HEADINGS = ["（一）予以公开", "（二）部分公开", "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"]


def _reply_groups(html: str) -> dict[str, list[str]]:
    # the reply form holds the page's only <optgroup>s
    return {label: re.findall(r'<option value="([^"]+)"', body)
            for label, body in re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', html, re.S)}


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
