"""An agency against its own past years and against its peers (same level and kind), with outliers
flagged: a figure that jumps ×5 from one year to the next, and a zero where the peers' figures are
large. Figures come from each agency's report by the source order (``sources``); for agencies the
viewer may not see, only their published figures (published or imported: public under 条例第四十九条)."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Collection
from dataclasses import dataclass
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gongkai.report.model import AnnualReport, Value, appeal_address, request_address
from gongkai_web.agencies.models import Agency

from .sources import SourcedReport, has_figures, sourced_reports

#: A year-on-year change by this factor or more (up or down) is flagged.
JUMP_FACTOR = 5
#: A zero is flagged when the peers' median is at least this (and enough peers have the figure).
LARGE_PEER_MEDIAN = 10
MIN_PEERS = 3
YEARS_SHOWN = 5


def _cell(address: str) -> Callable[[AnnualReport], Value]:
    return lambda report: report.cells.get(address)


def _sum(*addresses: str) -> Callable[[AnnualReport], Value]:
    def total(report: AnnualReport) -> Value:
        values = [report.cells.get(a) for a in addresses]
        if any(v is None for v in values):
            return None  # a sum with a missing part is missing, never a smaller figure
        return sum(v for v in values if v is not None)

    return total


def _withheld_and_more(report: AnnualReport) -> Value:
    """Concluded without disclosure: （七）总计 less （一）予以公开 and （二）部分公开."""
    total, granted, partly = (
        report.cells.get(request_address(r, "total")) for r in ("total", "granted", "partly_granted")
    )
    if total is None or granted is None or partly is None:
        return None
    return total - granted - partly


@dataclass(frozen=True, slots=True)
class Metric:
    key: str
    label: str | Promise
    value: Callable[[AnnualReport], Value]


METRICS: tuple[Metric, ...] = (
    Metric("received", _("Applications received"), _cell(request_address("new", "total"))),
    Metric("carried_over", _("Carried over from last year"), _cell(request_address("carried_over", "total"))),
    Metric("concluded", _("Applications concluded"), _cell(request_address("total", "total"))),
    Metric("granted", _("Disclosed"), _cell(request_address("granted", "total"))),
    Metric("partly_granted", _("Partly disclosed"), _cell(request_address("partly_granted", "total"))),
    Metric("not_disclosed", _("Concluded otherwise"), _withheld_and_more),
    Metric("carried_forward", _("Carried forward"), _cell(request_address("carried_forward", "total"))),
    Metric(
        "reconsideration",
        _("Administrative reconsiderations"),
        _cell(appeal_address("reconsideration", "total")),
    ),
    Metric(
        "litigation",
        _("Administrative lawsuits"),
        _sum(
            appeal_address("litigation_direct", "total"),
            appeal_address("litigation_after_reconsideration", "total"),
        ),
    ),
    Metric("licensing", _("Licensing decisions"), _cell("active.licensing")),
    Metric("penalty", _("Penalty decisions"), _cell("active.penalty")),
    Metric("fees", _("Administrative fees (10,000 yuan)"), _cell("active.fees_10k_yuan")),
)
METRIC_KEYS = tuple(m.key for m in METRICS)


def metric(key: str) -> Metric:
    return next((m for m in METRICS if m.key == key), METRICS[0])


def values_of(sourced: SourcedReport | None) -> dict[str, Value]:
    if sourced is None:
        return dict.fromkeys(METRIC_KEYS)
    return {m.key: m.value(sourced.report) for m in METRICS}


@dataclass(frozen=True, slots=True)
class Line:
    """One column of figures: a year of the agency, or a peer in the comparison year."""

    label: str
    sourced: SourcedReport | None
    values: dict[str, Value]
    agency: Agency | None = None
    year: int | None = None
    is_self: bool = False


@dataclass(frozen=True, slots=True)
class Outlier:
    kind: str  # "jump" or "zero"
    metric: Metric
    value: Value
    #: The year before (a jump) or the peers' median (a zero).
    reference: Value
    year: int | None = None


@dataclass(frozen=True, slots=True)
class Comparison:
    agency: Agency
    year: int
    years: list[Line]
    peers: list[Line]
    medians: dict[str, Value]
    outliers: list[Outlier]

    @property
    def shown_peers(self) -> list[Line]:
        return [p for p in self.peers if p.sourced is not None]

    @property
    def hidden_peers(self) -> int:
        """Peers with no figures the viewer may see (nothing published, and outside their scope)."""
        return sum(p.sourced is None for p in self.peers)


def peers_of(agency: Agency):
    """Agencies of the same level and kind (the agency itself included)."""
    return Agency.objects.filter(level=agency.level, kind=agency.kind).order_by("path")


def build_comparison(agency: Agency, year: int, *, visible: Collection[int]) -> Comparison:
    """``visible``: ids of the agencies whose figures built from records the viewer may see."""
    years = list(range(year - YEARS_SHOWN + 1, year + 1))
    own = {key: s for key, s in sourced_reports([agency], years).items() if has_figures(s)}
    lines = [Line(str(y), own.get((agency.pk, y)), values_of(own.get((agency.pk, y))), year=y) for y in years]
    peers = list(peers_of(agency))
    seen = [p for p in peers if p.pk in visible]
    found = sourced_reports(seen, [year])
    found |= sourced_reports([p for p in peers if p.pk not in visible], [year], published_only=True)
    peer_lines = [
        Line(
            p.name,
            found.get((p.pk, year)),
            values_of(found.get((p.pk, year))),
            agency=p,
            is_self=p.pk == agency.pk,
        )
        for p in peers
    ]
    medians = _medians([p for p in peer_lines if not p.is_self])
    outliers = _jumps(lines) + _zeros(lines[-1], medians, [p for p in peer_lines if not p.is_self])
    return Comparison(agency, year, lines, peer_lines, medians, outliers)


def _medians(peers: list[Line]) -> dict[str, Value]:
    medians: dict[str, Value] = {}
    for m in METRICS:
        known = [p.values[m.key] for p in peers if p.values[m.key] is not None]
        medians[m.key] = statistics.median(known) if known else None  # type: ignore[type-var]
    return medians


def is_jump(before: Value, after: Value) -> bool:
    """×5 or more, up or down; a zero on either side has no ratio (the peers' rule covers zeros)."""
    if before is None or after is None or before <= 0 or after <= 0:
        return False
    low, high = sorted((Decimal(before), Decimal(after)))
    return high >= JUMP_FACTOR * low


def _jumps(lines: list[Line]) -> list[Outlier]:
    return [
        Outlier("jump", m, after.values[m.key], before.values[m.key], after.year)
        for before, after in zip(lines, lines[1:], strict=False)
        for m in METRICS
        if is_jump(before.values[m.key], after.values[m.key])
    ]


def _zeros(this_year: Line, medians: dict[str, Value], peers: list[Line]) -> list[Outlier]:
    flagged = []
    for m in METRICS:
        known = sum(p.values[m.key] is not None for p in peers)
        median = medians[m.key]
        if (
            this_year.values[m.key] == 0
            and median is not None
            and known >= MIN_PEERS
            and median >= LARGE_PEER_MEDIAN
        ):
            flagged.append(Outlier("zero", m, 0, median, this_year.year))
    return flagged
