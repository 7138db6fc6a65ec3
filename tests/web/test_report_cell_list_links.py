"""The appeals worklist filtered to a figure of table 4 (the links of a report record's table 4) keeps its
filter in its own links — “only cases with something due” and “all cases of this figure” — and offers
the unfiltered list under a link that says it drops the filter (issue 16's leftovers)."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest

from gongkai_web.appeals import services

from .appeals_world import make_case
from .fixtures import log_in

D = dt.date
pytestmark = pytest.mark.django_db


def _cases(world):
    """A's 复议 of 2023: one upheld (decided, nothing due), one open; A's 复议 of 2022, open (outside the
    figure of 2023, but due)."""
    upheld = make_case(world, received=D(2023, 3, 1))
    services.record_decision(upheld, disposition="upheld", decided_on=D(2023, 5, 1), actor=world.lisi)
    return upheld, make_case(world, received=D(2023, 4, 1)), make_case(world, received=D(2022, 11, 1))


def _links(page: str) -> dict[str, str]:
    """Link text → href (unescaped) of the page's links."""
    return {
        re.sub(r"<[^>]+>", "", text).strip(): unescape(href)
        for href, text in re.findall(r'<a href="([^"]*)"[^>]*>(.*?)</a>', page)
    }


def _listed(page: str) -> set[int]:
    return {int(pk) for pk in re.findall(r'href="/staff/appeals/(\d+)/"', page)}


def test_the_filtered_lists_own_links_keep_the_figures_filter_and_one_link_drops_it(world, client):
    upheld, open_2023, open_2022 = _cases(world)
    assert log_in(client, "lisi")
    query = f"agency={world.district.code}&year=2023&group=reconsideration&column=total"
    page = client.get(f"/staff/appeals/?{query}").content.decode()
    assert _listed(page) == {upheld.pk, open_2023.pk}  # the figure: 2023's 复议 总计 = 2
    links = _links(page)
    assert links["只看有待办期限的案件"] == f"?{query}&open=1"
    assert links["本数字的全部案件"] == f"?{query}"
    assert links["全部案件（取消本数字的筛选）"] == "/staff/appeals/"

    due = client.get("/staff/appeals/" + links["只看有待办期限的案件"]).content.decode()
    assert "2023年 · 行政复议 · 总计：2件" in due  # still the figure's list
    assert _listed(due) == {open_2023.pk}  # the open one of 2023; not 2022's, though it is due too
    back = client.get("/staff/appeals/" + links["本数字的全部案件"]).content.decode()
    assert _listed(back) == {upheld.pk, open_2023.pk}

    unfiltered = client.get(links["全部案件（取消本数字的筛选）"]).content.decode()
    assert "总计：" not in unfiltered and _listed(unfiltered) == {upheld.pk, open_2023.pk, open_2022.pk}
    # Unfiltered, the list's links are the plain ones.
    assert _links(unfiltered)["只看有待办期限的案件"] == "?open=1"
    assert _links(unfiltered)["全部案件"] == "?"
