"""Access rows of the annual report records (staff, ``/staff/reports/records/``) and of the published
reports in the public 年报 column: A's staff draft and step A's report; A's approver publishes; the
supervising office reads its subtree's reports but writes none of them; the public sees only published
versions (test_report_pages.py shows that a draft is 404 for everyone)."""

from __future__ import annotations

STAFF_LIST = {"anon": 302, "zhangsan": 404, "lisi": 200, "wangwu": 200, "zhaoliu": 200, "qianqi": 200}
STAFF_ONLY_A = {**STAFF_LIST, "wangwu": 404}
PUBLIC = dict.fromkeys(("anon", "zhangsan", "lisi", "wangwu", "zhaoliu", "qianqi"), 200)
#: A's working staff act (sent back to the page: 302); the supervisor, who only reads A's, gets 404.
ACT_ON_A = {**STAFF_ONLY_A, "lisi": 302, "qianqi": 302, "zhaoliu": 404}

EXPECTED = {
    # Every staff member has the list (the reports of the agencies they may read).
    "report_records:list": ("/staff/reports/records/", STAFF_LIST),
    "report_records:detail": ("/staff/reports/records/{report_a}/", STAFF_ONLY_A),
    # The applications behind a figure: whoever may read the report.
    # The working copy as a file (marked 草稿 · 未发布): whoever may read the report.
    "report_records:draft_download": ("/staff/reports/records/{report_a}/draft.docx", STAFF_ONLY_A),
    "report_records:cell": ("/staff/reports/records/{report_a}/cells/requests.new.total/", STAFF_ONLY_A),
    # The public 年报 column: a published report, its versions and files, for everyone.
    "portal:column_report": ("/gk/{agency_a}/reports/{report_year_a}/", PUBLIC),
    "portal:column_report_version": ("/gk/{agency_a}/reports/{report_year_a}/v1/", PUBLIC),
    "portal:column_report_file": ("/gk/{agency_a}/reports/{report_year_a}/v1.docx", PUBLIC),
}
POSTS = {
    # Drafting: whoever drafts for some agency (an empty form: 400); 赵六 is the district's own 公开办.
    "report_records:draft": (
        "/staff/reports/records/new/",
        {**STAFF_LIST, "lisi": 400, "wangwu": 400, "zhaoliu": 400, "qianqi": 400},
    ),
    "report_records:narrative": ("/staff/reports/records/{report_a}/narrative/", ACT_ON_A),
    "report_records:step": ("/staff/reports/records/{report_a}/step/validate/", ACT_ON_A),
}


def keys(world, template: str) -> dict:
    if "{report_a}" not in template and "{report_year_a}" not in template:
        return {}
    from gongkai_web.reports.models import ReportRecord
    from tests.web.report_world import YEAR, published

    record = ReportRecord.objects.filter(agency=world.a, year=YEAR).first() or published(world)[0]
    return {"report_a": record.pk, "report_year_a": YEAR}
