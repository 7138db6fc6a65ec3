"""Section 六's split of the 信息处理费 by 系统 and by district, the way the seed states it (重庆市 2023):
「共收取信息处理费6120元，其中规划自然资源系统收取3460元、北碚区收取2660元」."""

from __future__ import annotations

from decimal import Decimal

from gongkai.report.yearly import CollectedFee, area_of, fee_split, system_of

CITY = "重庆市人民政府"


def _fee(amount: int, collector: str, branch: str, area: str | None = None) -> CollectedFee:
    return CollectedFee(Decimal(amount), collector, branch, area)


# The city bureau and two district bureaus (branches of it) collect 3,460 元; other 北碚 agencies 2,660 元.
SEED_FEES = [
    _fee(1200, "重庆市规划和自然资源局", "重庆市规划和自然资源局"),
    _fee(800, "重庆市北碚区规划和自然资源局", "重庆市北碚区人民政府", "北碚区"),
    _fee(1460, "重庆市渝中区规划和自然资源局", "重庆市渝中区人民政府", "渝中区"),
    _fee(2000, "重庆市北碚区住房和城乡建设委员会", "重庆市北碚区人民政府", "北碚区"),
    _fee(660, "重庆市北碚区财政局", "重庆市北碚区人民政府", "北碚区"),
]


def test_a_city_report_groups_the_planning_system_across_levels_and_the_rest_by_district():
    assert fee_split(SEED_FEES, spans_areas=True) == (
        ("规划自然资源系统", Decimal(3460)),
        ("北碚区", Decimal(2660)),
    )


def test_a_city_department_outside_any_system_is_named_by_itself():
    split = fee_split([*SEED_FEES, _fee(60, "重庆市财政局", "重庆市财政局")], spans_areas=True)
    assert split[-1] == ("重庆市财政局", Decimal(60))


def test_a_district_report_splits_by_branch_not_by_system():
    split = fee_split(SEED_FEES[1:2] + SEED_FEES[3:], spans_areas=False)
    assert split == (("重庆市北碚区人民政府", Decimal(3460)),)


def test_no_fees_no_split():
    assert fee_split([], spans_areas=True) == ()


def test_only_the_vertically_managed_bureau_belongs_to_a_system():
    assert system_of("重庆市北碚区规划和自然资源局") == "规划自然资源系统"
    assert system_of("重庆市北碚区住房和城乡建设委员会") is None


def test_a_districts_short_name_is_its_government_less_the_city():
    assert area_of("重庆市北碚区人民政府", above=CITY) == "北碚区"
    assert area_of("石柱土家族自治县人民政府", above=CITY) == "石柱土家族自治县"
    assert area_of("重庆市人民政府") == "重庆市"
