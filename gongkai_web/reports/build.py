"""The annual report built from the records: table 2 from the document library and the entered
figures, table 3 from the applications (``table3``), table 4 from the 复议 and 诉讼 cases
(``gongkai_web.appeals.queries.table4_cells``); the narrative waits for its domain (issue 16)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.db.models import QuerySet

from gongkai.labels import REPORT_TITLE
from gongkai.publications.table2 import table2_document_cells
from gongkai.report.model import FEE_ADDRESS, AnnualReport, Value
from gongkai_web.agencies.models import Agency
from gongkai_web.appeals.queries import table4_cells
from gongkai_web.publications.queries import (
    statistic_totals,
    statistic_totals_by_agency,
    table2_counts,
    table2_counts_by_agency,
)

from .table3 import build_table3

#: Table 2's entered figures by report address (2021 format).
STATISTIC_ADDRESSES = {
    "licensing": "active.licensing",
    "penalty": "active.penalty",
    "coercion": "active.coercion",
    "fees": FEE_ADDRESS,
}


def scope_agencies(agency: Agency | None) -> QuerySet[Agency]:
    """The agency and everything under it; the whole installation when no agency is named."""
    if agency is None:
        return Agency.objects.all()
    return Agency.objects.filter(path__startswith=agency.path)


def table2_cells(agencies: QuerySet[Agency], year: int) -> dict[str, Value]:
    counts = table2_counts(agencies, year)
    makes_rules = agencies.filter(makes_rules=True).exists()
    return _table2_cells(counts, statistic_totals(agencies, year), makes_rules=makes_rules)


def table2_cells_by_agency(agencies: Sequence[Agency], year: int) -> dict[int, dict[str, Value]]:
    """Agency id → ``table2_cells`` of that agency alone, for many agencies in two grouped queries (the
    library's counts, the entered figures) instead of a handful per agency (a city's roll-up)."""
    counts = table2_counts_by_agency(agencies, year)
    totals = statistic_totals_by_agency(agencies, year)
    return {a.pk: _table2_cells(counts[a.pk], totals[a.pk], makes_rules=a.makes_rules) for a in agencies}


def _table2_cells(counts, totals: dict[str, Decimal | None], *, makes_rules: bool) -> dict[str, Value]:
    cells: dict[str, Value] = dict(table2_document_cells(counts, makes_rules=makes_rules))
    for item, total in totals.items():
        if total is None:
            cells[STATISTIC_ADDRESSES[item]] = None
        elif item == "fees":
            cells[STATISTIC_ADDRESSES[item]] = (
                total.normalize() if total != total.to_integral_value() else Decimal(int(total))
            )
        else:
            cells[STATISTIC_ADDRESSES[item]] = int(total)
    return cells


def build_report(agency: Agency | None, year: int) -> AnnualReport:
    agencies = scope_agencies(agency)
    table3 = build_table3(agencies, year, agency_name=agency.name if agency else None)
    name = agency.name if agency else None
    report = AnnualReport(
        format=table3.format,
        agency=name,
        year=year,
        title=REPORT_TITLE.format(agency=name or "", year=year),
        cells=dict(table3.cells),
    )
    if report.format == "2021":  # the 2019 trial table 2 counted other things (spec §8.1): not built
        report = report.with_cells(table2_cells(agencies, year))
    # Table 4 is the same in both formats: the cases received in the year, as of 31 December.
    return report.with_cells(table4_cells(agencies, year))
