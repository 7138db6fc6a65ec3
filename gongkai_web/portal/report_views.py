"""The 年报 sub-column of an agency's public column (条例第四十九条: published by 31 January / 31 March):
every published version of its reports, the latest marked, corrections with their reason; a report's
page in HTML and its PDF and DOCX files (the core's renderers). Drafts never show (``reports.queries``)."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from gongkai import labels
from gongkai_web.reports import public_page
from gongkai_web.reports.queries import public_version, published_versions

from . import column_queries as q
from .column_meta import column_meta
from .column_views import _column

SITE_TAGS = (labels.META_TAG_SITE_NAME, labels.META_TAG_SITE_DOMAIN, labels.META_TAG_SITE_ID_CODE)


def report_rows(agency) -> list[dict]:
    """One row per published version, newest year first; within a year the latest version first."""
    rows, seen_years = [], set()
    versions = list(published_versions(agency))
    corrected_years = {v.record.year for v in versions if v.number > 1}
    for version in versions:
        year = version.record.year
        rows.append(
            {
                "version": version,
                "year": year,
                "title": public_page.title(version),
                "latest": year not in seen_years,
                "numbered": year in corrected_years,
                "url": reverse("portal:column_report_version", args=[agency.code, year, version.number]),
            }
        )
        seen_years.add(year)
    return rows


@require_GET
def reports(request, code: str):
    agency = q.column_agency(code)
    return _column(
        request,
        code,
        "reports.html",
        labels.COLUMN_REPORTS,
        {"agency": agency, "reports": report_rows(agency)},
    )


def _meta(request, agency, version, title: str) -> list[tuple[str, str]]:
    site = [
        (name, value)
        for name, value in column_meta(request, agency, labels.COLUMN_REPORTS)
        if name in SITE_TAGS
    ]
    return [
        *site,
        (labels.META_TAG_COLUMN_NAME, labels.COLUMN_REPORTS),
        (labels.META_TAG_COLUMN_TYPE, labels.COLUMN_ROOT),
        (labels.META_TAG_ARTICLE_TITLE, title),
        (labels.META_TAG_PUB_DATE, f"{version.published_at:%Y-%m-%d}"),
        (labels.META_TAG_CONTENT_SOURCE, agency.name),
        (labels.META_TAG_KEYWORDS, labels.COLUMN_REPORTS),
        (labels.META_TAG_AUTHOR, agency.name),
        (labels.META_TAG_DESCRIPTION, title),
        (labels.META_TAG_URL, request.build_absolute_uri()),
    ]


def _page(request, agency, version):
    title = public_page.title(version)
    others = [r for r in report_rows(agency) if r["year"] == version.record.year]
    return _column(
        request,
        agency.code,
        "report.html",
        labels.COLUMN_REPORTS,
        {
            "agency": agency,
            "version": version,
            "title": title,
            "preamble": public_page.preamble(version),
            "sections": public_page.sections(version),
            "notes": public_page.notes(version),
            "changes": public_page.changes(version),
            "versions": others,
            "is_latest": others[0]["version"].pk == version.pk,
            "downloads": list(public_page.DOWNLOADS),
            "meta": _meta(request, agency, version, title),
        },
    )


@require_GET
def report(request, code: str, year: int):
    """The latest published version of the year's report."""
    agency = q.column_agency(code)
    rows = [r for r in report_rows(agency) if r["year"] == year]
    if not rows:
        raise Http404
    return _page(request, agency, rows[0]["version"])


@require_GET
def report_version(request, code: str, year: int, number: int):
    agency = q.column_agency(code)
    version = public_version(agency, year, number)
    if version is None:
        raise Http404
    return _page(request, agency, version)


@require_GET
def report_file(request, code: str, year: int, number: int, fmt: str):
    agency = q.column_agency(code)
    version = public_version(agency, year, number)
    if version is None or fmt not in public_page.DOWNLOADS:
        raise Http404
    response = HttpResponse(public_page.download(version, fmt), content_type=public_page.DOWNLOADS[fmt])
    # Named as the report is (its title and version), as a visitor would save it: not a code of letters.
    name = _("%(title)s (version %(n)s).%(fmt)s") % {
        "title": public_page.title(version),
        "n": number,
        "fmt": fmt,
    }
    response["Content-Disposition"] = content_disposition_header(True, name) or ""
    return response
