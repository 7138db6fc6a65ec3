"""Access rows of the roll-up, the imported reports and the comparison (gongkai_web/reports/rollup_*,
compare_*): the supervising office (赵六) sees its subtree, an agency's staff their own agency, the
public nothing. Uploading is for the agency's handlers and approvers; the supervisor reads."""

from __future__ import annotations

STAFF_ONLY_A = {"anon": 302, "zhangsan": 404, "lisi": 200, "wangwu": 404, "zhaoliu": 200, "qianqi": 200}
#: The index sends staff on to their default agency's page.
TO_DEFAULT = {"anon": 302, "zhangsan": 404, "lisi": 302, "wangwu": 302, "zhaoliu": 302, "qianqi": 302}
#: The district: only its supervising office (A's staff are not the district's).
DISTRICT = {"anon": 302, "zhangsan": 404, "lisi": 404, "wangwu": 404, "zhaoliu": 200, "qianqi": 404}

EXPECTED = {
    "rollup:index": ("/staff/reports/rollup/", TO_DEFAULT),
    "rollup:page": ("/staff/reports/rollup/{district_code}/2023/", DISTRICT),
    "rollup:imported": ("/staff/reports/rollup/{agency_a}/2023/imported/", STAFF_ONLY_A),
    "rollup:imported_file": (
        "/staff/reports/rollup/{agency_a}/2023/imported/{imported_a}/file",
        STAFF_ONLY_A,
    ),
    "compare:index": ("/staff/reports/compare/", TO_DEFAULT),
    "compare:page": ("/staff/reports/compare/{agency_a}/2023/", STAFF_ONLY_A),
    "compare:export": ("/staff/reports/compare/{agency_a}/2023.xlsx", STAFF_ONLY_A),
}
POSTS = {
    # An empty upload comes back with the refusal (400) to A's working staff; the supervisor reads only.
    "rollup:imported": (
        "/staff/reports/rollup/{agency_a}/2023/imported/",
        {**STAFF_ONLY_A, "lisi": 400, "qianqi": 400, "zhaoliu": 404},
    ),
}


def keys(world, template: str) -> dict:
    values: dict = {}
    if "{district_code}" in template:
        values["district_code"] = world.district.code
    if "{imported_a}" in template:
        values["imported_a"] = _imported_a(world).pk
    return values


def _imported_a(world):
    from gongkai_web.reports.imported_models import ImportedReport
    from gongkai_web.reports.imported_services import import_report
    from tests.web.rollup_world import typed_report, upload

    return ImportedReport.objects.filter(agency=world.a).first() or import_report(
        world.a, 2023, upload(typed_report(world.a.name, 2023)), actor=world.lisi
    )
