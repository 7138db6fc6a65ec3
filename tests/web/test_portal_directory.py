"""The public directory of 政府信息公开指南: grouped the way a citizen looks for an agency (the city's
own agencies, then each 区县 with its departments and townships), and searchable by name."""

from __future__ import annotations

import re

import pytest

from tests.web.fixtures import make_agency


@pytest.fixture
def city(db):
    government = make_agency("重庆市人民政府", level="city", kind="city_government")
    make_agency("重庆市财政局", parent=government, level="city", kind="city_department")
    yuzhong = make_agency("渝中区人民政府", parent=government, level="county", kind="county_government")
    make_agency("渝中区财政局", parent=yuzhong)
    make_agency("解放碑街道办事处", parent=yuzhong, level="township", kind="township_government")
    jiangbei = make_agency("江北区人民政府", parent=government, level="county", kind="county_government")
    make_agency("江北区教育委员会", parent=jiangbei)
    make_agency("江北区档案馆", parent=jiangbei, accepts_applications=False)


def sections(html: str) -> dict[str, list[str]]:
    """Each <details> section's summary and the agency names listed in it."""
    found = {}
    for block in re.findall(r"<details.*?</details>", html, flags=re.S):
        title = re.search(r"<summary>(.*?)（", block).group(1)
        found[title] = re.findall(r'<a href="/guide/[^"]+/">([^<]+)</a>', block)
    return found


def test_a_visitor_finds_each_district_with_its_departments_and_townships_under_it(client, city):
    html = client.get("/").content.decode()
    assert sections(html) == {
        "市级机关": ["重庆市人民政府", "重庆市财政局"],
        "渝中区人民政府": ["渝中区人民政府", "渝中区财政局", "解放碑街道办事处"],
        "江北区人民政府": ["江北区人民政府", "江北区教育委员会"],  # the archive takes no applications
    }


def test_a_visitor_searching_for_a_finance_bureau_sees_only_finance_bureaus(client, city):
    html = client.get("/", {"q": "财政局"}).content.decode()
    assert sections(html) == {"市级机关": ["重庆市财政局"], "渝中区人民政府": ["渝中区财政局"]}
    assert "共找到 2 个机关" in html


def test_a_search_that_matches_nothing_says_so_and_offers_the_whole_list_again(client, city):
    html = client.get("/", {"q": "不存在的机关"}).content.decode()
    assert sections(html) == {}
    assert "共找到 0 个机关" in html
    assert "显示全部机关" in html


def test_the_application_form_offers_the_agencies_in_the_same_groups(client, city):
    html = client.get("/apply/").content.decode()
    groups = {
        label: re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', body)
        for label, body in re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', html, flags=re.S)
    }
    assert groups == {
        "市级机关": ["重庆市人民政府", "重庆市财政局"],
        "渝中区人民政府": ["渝中区人民政府", "渝中区财政局", "解放碑街道办事处"],
        "江北区人民政府": ["江北区人民政府", "江北区教育委员会"],
    }


def test_districts_are_listed_in_the_order_of_their_administrative_division_codes(client, db):
    # Created out of order; the official lists go by the GB/T 2260 codes: 万州区 500101, 渝中区 500103,
    # 江北区 500105; a district without a code comes after those with one.
    from gongkai_web.applications.forms import ApplicationForm

    from .fixtures import make_agency

    for name, code in [
        ("江北区人民政府", "500105"),
        ("某新区人民政府", ""),
        ("渝中区人民政府", "500103"),
        ("万州区人民政府", "500101"),
    ]:
        make_agency(name, division_code=code)
    titles = [title for title, _choices in ApplicationForm().fields["agency"].choices[1:]]
    assert titles == ["万州区人民政府", "渝中区人民政府", "江北区人民政府", "某新区人民政府"]
