"""``manage.py build_report --year Y [--agency NAME_OR_ID] --json``: the report built from the records, in
the core's JSON schema (docs/report-json.md), with the validator's findings; the narrative states the
figures drafted from its tables (received, concluded, carried over and forward, fees with their split,
and the year-on-year changes against last year's published report)."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gongkai.report.render.json import render_bytes
from gongkai.report.validate import validate
from gongkai_web.agencies.models import Agency
from gongkai_web.reports.build import build_report
from gongkai_web.reports.drafting import draft_from_records


class Command(BaseCommand):
    help = "Print the annual report built from the records (tables 2, 3 and 4) as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--agency", help="agency name, code or id (default: the whole installation)")
        parser.add_argument("--json", action="store_true", help="print JSON (the only format for now)")

    def handle(self, *args, year: int, agency: str | None, **options):
        found = _agency(agency) if agency else None
        report, _figures = draft_from_records(found, year)  # tables 2–4 and the narrative's figures
        previous = build_report(found, year - 1)  # for the cross-year checks (上年 figures)
        sys.stdout.buffer.write(render_bytes(report, findings=validate(report, previous=previous)))


def _agency(text: str) -> Agency:
    matches = Agency.objects.filter(name=text) | Agency.objects.filter(code=text)
    if text.isdigit():
        matches |= Agency.objects.filter(pk=int(text))
    found = list(matches.distinct()[:2])
    if len(found) != 1:
        raise CommandError(
            (
                _("No agency is called “%(text)s”.")
                if not found
                else _("“%(text)s” names more than one agency; give its code.")
            )
            % {"text": text}
        )
    return found[0]
