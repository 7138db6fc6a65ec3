"""The roll-up of a subtree (format §3.4 I7): the sum of its agencies' reports, each from its own
source (``sources``), with the core's aggregation (``gongkai.report.aggregate``), and the
cross-year check I5 (this year's 上年结转 = last year's 结转下年度) run for every agency.

A cell of the sum is missing when any agency lacks it (a partial sum would look like a real figure);
the page says which agencies lack it."""

from __future__ import annotations

from dataclasses import dataclass, field

from gongkai.report.aggregate import Aggregation, AggregationInput, aggregate
from gongkai.report.findings import Finding
from gongkai.report.identities import cell_label, identity
from gongkai.report.model import Value, request_address
from gongkai_web.agencies.models import Agency

from .source_labels import SOURCE_LABELS
from .sources import Source, SourcedReport, has_figures, sourced_reports


@dataclass(frozen=True, slots=True)
class RollupRow:
    """One agency of the roll-up: its source, how its report checks, and the cross-year check."""

    sourced: SourcedReport
    checked: AggregationInput
    #: Last year's report (by the same source order), or None when the agency has none for it.
    previous: SourcedReport | None
    cross_year: list[Finding] = field(default_factory=list)

    @property
    def agency(self) -> Agency:
        return self.sourced.agency

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.checked.findings if f.severity == "error"]

    @property
    def failing(self) -> bool:
        return self.checked.status == "invalid"

    @property
    def source_label(self) -> str:
        return str(SOURCE_LABELS[self.sourced.source])

    @property
    def received(self) -> Value:
        return self.sourced.report.get(request_address("new", "total"))

    @property
    def concluded(self) -> Value:
        return self.sourced.report.get(request_address("total", "total"))

    @property
    def carried_forward(self) -> Value:
        return self.sourced.report.get(request_address("carried_forward", "total"))


@dataclass(frozen=True, slots=True)
class Rollup:
    agency: Agency
    year: int
    rows: list[RollupRow]
    aggregation: Aggregation

    @property
    def unpublished(self) -> list[RollupRow]:
        """Agencies that neither published nor imported a report: their figures come from records."""
        return [r for r in self.rows if r.sourced.source == Source.RECORDS]

    @property
    def failing(self) -> list[RollupRow]:
        return [r for r in self.rows if r.failing]

    @property
    def cross_year_failures(self) -> list[RollupRow]:
        return [r for r in self.rows if r.cross_year]

    @property
    def without_previous(self) -> list[RollupRow]:
        return [r for r in self.rows if r.previous is None]

    def count(self, source: Source) -> int:
        return sum(r.sourced.source == source for r in self.rows)

    def missing_cells(self) -> list[tuple[str, list[Agency]]]:
        """Each cell missing from the sum, labelled, with the agencies that lack it."""
        return [
            (cell_label(address), [self.rows[i].agency for i in lacking])
            for address, lacking in self.aggregation.missing_from.items()
        ]


def rollup_agencies(agency: Agency, *, subtree: bool) -> list[Agency]:
    return list(agency.subtree().order_by("path")) if subtree else [agency]


def build_rollup(agency: Agency, year: int, *, subtree: bool = True) -> Rollup:
    """The roll-up of ``agency``'s subtree (or of the agency alone) for ``year``."""
    agencies = rollup_agencies(agency, subtree=subtree)
    found = sourced_reports(agencies, [year], as_parts=subtree)
    # Last year's 结转下年度 is all the check needs: no table 2 built for it.
    found |= sourced_reports(agencies, [year - 1], table2=False, as_parts=subtree)
    this_year = [found[(a.pk, year)] for a in agencies]
    total = aggregate([s.report for s in this_year], agency=agency.name, year=year)
    cross_year = identity("I5")
    rows = []
    for sourced, checked in zip(this_year, total.inputs, strict=True):
        previous = _previous(found.get((sourced.agency.pk, year - 1)))
        findings = cross_year.check(sourced.report, previous=previous.report) if previous else []
        rows.append(RollupRow(sourced, checked, previous, findings))
    return Rollup(agency, year, rows, total)


def _previous(sourced: SourcedReport | None) -> SourcedReport | None:
    """Last year's report counts when published or imported, or when records of that year exist;
    figures built from no records at all are no report (every agency would have one)."""
    return sourced if sourced is not None and has_figures(sourced) else None
