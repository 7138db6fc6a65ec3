"""Demo agencies that publish their annual report elsewhere and import it (issue 16 roll-up): their
reports are rendered by the core from what their records give (Word, PDF, Excel, a web page, as
agencies put them out) and imported through ``import_report``, so the roll-up shows mixed sources
and the city's sum still equals the seed report. One agency also imports last year's report whose
结转下年度 disagrees with this year's 上年结转: the cross-year check lists it."""

from __future__ import annotations

from dataclasses import replace

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.labels import REPORT_TITLE
from gongkai.report.model import request_address
from gongkai.report.render import render
from gongkai_web.agencies.models import Agency
from gongkai_web.reports.imported_models import ImportedReport
from gongkai_web.reports.imported_services import import_report
from gongkai_web.reports.sources import own_records_report

FORMATS = ("docx", "pdf", "xlsx", "html")
HOUSING_CODE = "jb-zjw"  # 王五's agency (demo/people.py)


def demo_importers() -> list[Agency]:
    """A district department (江北区住房和城乡建设委员会, 王五's) and the first three townships."""
    townships = list(Agency.objects.filter(kind="township_government").order_by("path")[:3])
    # 王五's agency when the demo people are loaded, else the first district department.
    housing = Agency.objects.filter(code=HOUSING_CODE).first() or (
        Agency.objects.filter(kind="county_department").order_by("path").first()
    )
    return ([housing] if housing else []) + townships


def import_demo_reports(year: int) -> int:
    if ImportedReport.objects.exists():
        return 0
    actor = User.objects.filter(username="wangwu").first()
    agencies = demo_importers()
    for n, agency in enumerate(agencies):
        fmt = FORMATS[n % len(FORMATS)]
        report = own_records_report(agency, year)
        file = SimpleUploadedFile(
            f"{REPORT_TITLE.format(agency=agency.name, year=year)}.{fmt}", render(report, fmt)
        )
        import_report(agency, year, file, actor=actor)
    if agencies:
        _last_year_that_disagrees(agencies[0], year - 1, actor)
    return len(agencies)


def _last_year_that_disagrees(agency: Agency, year: int, actor) -> None:
    """Last year's report with one more application received and carried forward than the records."""
    report = own_records_report(agency, year)
    changes = {}
    for row in ("new", "carried_forward"):
        for column in ("natural_person", "total"):
            address = request_address(row, column)
            changes[address] = (report.get(address) or 0) + 1
    report = replace(report.with_cells(changes))
    file = SimpleUploadedFile(
        f"{REPORT_TITLE.format(agency=agency.name, year=year)}.docx", render(report, "docx")
    )
    import_report(agency, year, file, actor=actor)
