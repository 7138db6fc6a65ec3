"""A Chongqing-like hierarchy of agencies for the demo: the city government, its departments, the 38
districts and counties, each with its government, a handful of departments and some townships.

Names are real-looking so that screens read naturally; the structure (levels, kinds, parents) is what
the platform relies on. Existing agencies with the same name (e.g. from ``load_demo``) are reused."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gongkai_web.agencies.models import Agency, Kind, Level
from gongkai_web.demo.people import agency_address

CITY = "重庆市人民政府"
CITY_DEPARTMENTS = (
    "重庆市发展和改革委员会",
    "重庆市教育委员会",
    "重庆市科学技术局",
    "重庆市经济和信息化委员会",
    "重庆市民族宗教事务委员会",
    "重庆市公安局",
    "重庆市民政局",
    "重庆市司法局",
    "重庆市财政局",
    "重庆市人力资源和社会保障局",
    "重庆市规划和自然资源局",
    "重庆市生态环境局",
    "重庆市住房和城乡建设委员会",
    "重庆市城市管理局",
    "重庆市交通运输委员会",
    "重庆市水利局",
    "重庆市农业农村委员会",
    "重庆市商务委员会",
    "重庆市文化和旅游发展委员会",
    "重庆市卫生健康委员会",
    "重庆市退役军人事务局",
    "重庆市应急管理局",
    "重庆市审计局",
    "重庆市人民政府外事办公室",
    "重庆市国有资产监督管理委员会",
    "重庆市市场监督管理局",
    "重庆市体育局",
    "重庆市统计局",
    "重庆市医疗保障局",
    "重庆市机关事务管理局",
    "重庆市林业局",
    "重庆市药品监督管理局",
    "重庆市知识产权局",
    "重庆市地方金融监督管理局",
    "重庆市大数据应用发展管理局",
    "重庆市信访办公室",
    "重庆市粮食和物资储备局",
    "重庆市乡村振兴局",
    "重庆市人民防空办公室",
    "重庆市政府口岸和物流办公室",
)
DISTRICTS = (
    "万州区",
    "黔江区",
    "涪陵区",
    "渝中区",
    "大渡口区",
    "江北区",
    "沙坪坝区",
    "九龙坡区",
    "南岸区",
    "北碚区",
    "綦江区",
    "大足区",
    "渝北区",
    "巴南区",
    "长寿区",
    "江津区",
    "合川区",
    "永川区",
    "南川区",
    "璧山区",
    "铜梁区",
    "潼南区",
    "荣昌区",
    "开州区",
    "梁平区",
    "武隆区",
    "城口县",
    "丰都县",
    "垫江县",
    "忠县",
    "云阳县",
    "奉节县",
    "巫山县",
    "巫溪县",
    "石柱土家族自治县",
    "秀山土家族苗族自治县",
    "酉阳土家族苗族自治县",
    "彭水苗族土家族自治县",
)
#: 行政区划代码 of the districts and counties (GB/T 2260, as published by 民政部): the official lists
#: go in this order, 万州区 (500101) first, then 涪陵区, 渝中区 …, the counties (5002xx) last.
DIVISION_CODES = {
    "万州区": "500101",
    "涪陵区": "500102",
    "渝中区": "500103",
    "大渡口区": "500104",
    "江北区": "500105",
    "沙坪坝区": "500106",
    "九龙坡区": "500107",
    "南岸区": "500108",
    "北碚区": "500109",
    "綦江区": "500110",
    "大足区": "500111",
    "渝北区": "500112",
    "巴南区": "500113",
    "黔江区": "500114",
    "长寿区": "500115",
    "江津区": "500116",
    "合川区": "500117",
    "永川区": "500118",
    "南川区": "500119",
    "璧山区": "500120",
    "铜梁区": "500151",
    "潼南区": "500152",
    "荣昌区": "500153",
    "开州区": "500154",
    "梁平区": "500155",
    "武隆区": "500156",
    "城口县": "500229",
    "丰都县": "500230",
    "垫江县": "500231",
    "忠县": "500233",
    "云阳县": "500235",
    "奉节县": "500236",
    "巫山县": "500237",
    "巫溪县": "500238",
    "石柱土家族自治县": "500240",
    "秀山土家族苗族自治县": "500241",
    "酉阳土家族苗族自治县": "500242",
    "彭水苗族土家族自治县": "500243",
}
DISTRICT_DEPARTMENTS = (
    "住房和城乡建设委员会",
    "规划和自然资源局",
    "人力资源和社会保障局",
    "教育委员会",
    "市场监督管理局",
    "财政局",
)
TOWNSHIPS = ("第一街道办事处", "第二街道办事处", "中心镇人民政府")

GUIDE = {
    "hours": "工作日 9:00—12:00，14:00—17:30",
    "postcode": "400000",
    "phone": "023-12345678",
    "channels": ["online", "in_person", "post_signed", "post_unsigned", "email", "fax"],
    "guide_updated_on": dt.date(2023, 1, 1),
}


@dataclass(frozen=True, slots=True)
class Hierarchy:
    city: Agency
    agencies: list[Agency]


def build_hierarchy() -> Hierarchy:
    """Create (or reuse by name) every agency of the demo city; a few hundred rows, so plain saves."""
    existing = {a.name: a for a in Agency.objects.all()}
    made = 0

    def agency(
        name: str, level: str, kind: str, parent: Agency | None, code: str, division: str = ""
    ) -> Agency:
        nonlocal made
        if name in existing:
            found = existing[name]
            if found.short_name in {"", name[:4]}:  # load_demo's placeholder: give it the real 代字
                found.short_name = document_short_name(name)
                Agency.objects.filter(pk=found.pk).update(short_name=found.short_name)
            if division and found.division_code != division:
                found.division_code = division
                Agency.objects.filter(pk=found.pk).update(division_code=division)
            return found
        made += 1
        office = "政务公开办公室" if kind.endswith("government") else "办公室"
        found = Agency.objects.create(
            code=code,
            name=name,
            short_name=document_short_name(name),
            level=level,
            kind=kind,
            parent=parent,
            division_code=division,
            office_name=f"{name}{office}",
            address=agency_address(name),
            **GUIDE,
        )
        existing[name] = found
        return found

    city = agency(CITY, Level.CITY, Kind.CITY_GOVERNMENT, None, "cq")
    result = [city]
    for i, name in enumerate(CITY_DEPARTMENTS, 1):
        result.append(agency(name, Level.CITY, Kind.CITY_DEPARTMENT, city, f"cq-d{i:02d}"))
    for i, district in enumerate(DISTRICTS, 1):
        government = agency(
            f"{district}人民政府",
            Level.COUNTY,
            Kind.COUNTY_GOVERNMENT,
            city,
            f"cq-q{i:02d}",
            DIVISION_CODES[district],
        )
        result.append(government)
        for j, department in enumerate(DISTRICT_DEPARTMENTS, 1):
            result.append(
                agency(
                    f"{district}{department}",
                    Level.COUNTY,
                    Kind.COUNTY_DEPARTMENT,
                    government,
                    f"cq-q{i:02d}-d{j}",
                )
            )
        for j, township in enumerate(TOWNSHIPS, 1):
            result.append(
                agency(
                    f"{district}{township}",
                    Level.TOWNSHIP,
                    Kind.TOWNSHIP_GOVERNMENT,
                    government,
                    f"cq-q{i:02d}-t{j}",
                )
            )
    return Hierarchy(city=city, agencies=result)


#: 发文机关代字 of the city's departments, as they head document numbers (渝财公开〔2023〕12号).
CITY_SHORT = {
    "重庆市人民政府": "渝府",
    "重庆市发展和改革委员会": "渝发改",
    "重庆市教育委员会": "渝教",
    "重庆市科学技术局": "渝科",
    "重庆市经济和信息化委员会": "渝经信",
    "重庆市民族宗教事务委员会": "渝民宗",
    "重庆市公安局": "渝公",
    "重庆市民政局": "渝民",
    "重庆市司法局": "渝司",
    "重庆市财政局": "渝财",
    "重庆市人力资源和社会保障局": "渝人社",
    "重庆市规划和自然资源局": "渝规资",
    "重庆市生态环境局": "渝环",
    "重庆市住房和城乡建设委员会": "渝建",
    "重庆市城市管理局": "渝城管",
    "重庆市交通运输委员会": "渝交",
    "重庆市水利局": "渝水",
    "重庆市农业农村委员会": "渝农",
    "重庆市商务委员会": "渝商务",
    "重庆市文化和旅游发展委员会": "渝文旅",
    "重庆市卫生健康委员会": "渝卫",
    "重庆市退役军人事务局": "渝退役军人",
    "重庆市应急管理局": "渝应急",
    "重庆市审计局": "渝审",
    "重庆市人民政府外事办公室": "渝外办",
    "重庆市国有资产监督管理委员会": "渝国资",
    "重庆市市场监督管理局": "渝市监",
    "重庆市体育局": "渝体",
    "重庆市统计局": "渝统",
    "重庆市医疗保障局": "渝医保",
    "重庆市机关事务管理局": "渝机管",
    "重庆市林业局": "渝林",
    "重庆市药品监督管理局": "渝药监",
    "重庆市知识产权局": "渝知",
    "重庆市地方金融监督管理局": "渝金",
    "重庆市大数据应用发展管理局": "渝数据",
    "重庆市信访办公室": "渝信访",
    "重庆市粮食和物资储备局": "渝粮储",
    "重庆市人民防空办公室": "渝人防",
    "重庆市政府口岸和物流办公室": "渝口岸",
}
#: How a district or county is abbreviated: its name without 区/县, the autonomous counties by their
#: place name (石柱土家族自治县 → 石柱); 忠县 keeps 县 lest the stem be a single character.
DISTRICT_STEMS = {
    d: d.split("土家族")[0].split("苗族")[0] if "自治县" in d else d if len(d) == 2 else d[:-1]
    for d in DISTRICTS
}
#: The department part after the district's stem (江北区财政局 → 江北财).
DEPARTMENT_SHORT = {
    "住房和城乡建设委员会": "住建",
    "规划和自然资源局": "规资",
    "人力资源和社会保障局": "人社",
    "教育委员会": "教",
    "市场监督管理局": "市监",
    "财政局": "财",
}
TOWNSHIP_SHORT = {"第一街道办事处": "一街", "第二街道办事处": "二街", "中心镇人民政府": "中心镇"}


def document_short_name(name: str) -> str:
    """The 文号 short name: 重庆市财政局 → 渝财, 江北区人民政府 → 江北府, 江北区财政局 → 江北财,
    江北区第一街道办事处 → 江北一街. Names outside the demo's lists fall back to a plain cut."""
    if name in CITY_SHORT:
        return CITY_SHORT[name]
    for district, stem in DISTRICT_STEMS.items():
        if name.startswith(district):
            rest = name.removeprefix(district)
            if rest == "人民政府":
                return f"{stem}府"
            part = DEPARTMENT_SHORT.get(rest) or TOWNSHIP_SHORT.get(rest)
            if part:
                return f"{stem}{part}"
    return name.removeprefix("重庆市").replace("人民政府", "府")[:4]
