"""What the draft takes from the records besides tables 2–4: the 信息处理费 collected in the year (section
六, 国办函〔2020〕109号), by the branch of the agency that collected it, and the wording of the scope
(全市 / 全区 / 本机关) that the narrative sentences use."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from gongkai.report.yearly import SCOPE_AGENCY, scope_of
from gongkai_web.agencies.models import Agency, Kind
from gongkai_web.applications.models import ApplicationEvent, EventKind

from .build import scope_agencies


def fees_collected(agency: Agency | None, year: int) -> tuple[Decimal, list[tuple[str, Decimal]]]:
    """The fees paid in ``year`` in the agency's subtree (元), and the split by branch: the agency itself
    or the child of it whose subtree collected them, largest first."""
    paid = ApplicationEvent.objects.filter(
        kind=EventKind.FEE_PAID, on__year=year, application__agency__in=scope_agencies(agency).values("id")
    ).values_list("application_id", "application__agency__path")
    paths = dict(paid)
    if not paths:
        return Decimal(0), []
    notices = ApplicationEvent.objects.filter(
        kind=EventKind.FEE_NOTICE_SENT, application_id__in=list(paths)
    ).values_list("application_id", "data")
    by_branch: dict[str, Decimal] = defaultdict(Decimal)
    for application_id, data in notices:
        by_branch[_branch(agency, paths[application_id])] += Decimal(str(data.get("amount_yuan", 0)))
    names = dict(Agency.objects.filter(path__in=list(by_branch)).values_list("path", "name"))
    split = sorted(((names[p], amount) for p, amount in by_branch.items()), key=lambda x: (-x[1], x[0]))
    return sum(by_branch.values(), Decimal(0)), split


def _branch(root: Agency | None, path: str) -> str:
    """The path of ``root`` itself or of its child on the way to ``path`` (no root: the top agency)."""
    if root is None:
        return "/" + path.strip("/").split("/", 1)[0] + "/"
    if path == root.path:
        return path
    rest = path[len(root.path) :]
    return root.path + rest.split("/", 1)[0] + "/" if "/" in rest else path


def scope_word(agency: Agency | None) -> str:
    if agency is None:  # the whole installation: the area of its one top agency, if it has one
        roots = list(Agency.objects.filter(parent__isnull=True)[:2])
        if len(roots) != 1:
            return SCOPE_AGENCY
        agency = roots[0]
    return scope_of(agency.name, government=agency.kind in (Kind.CITY_GOVERNMENT, Kind.COUNTY_GOVERNMENT))
