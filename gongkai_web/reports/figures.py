"""What the draft takes from the records besides tables 2–4: the 信息处理费 collected in the year (section
六, 国办函〔2020〕109号), split by 系统 / district / branch (the core's rule), and the wording of the scope
(全市 / 全区 / 本机关) that the narrative sentences use."""

from __future__ import annotations

from decimal import Decimal

from gongkai.report.yearly import SCOPE_AGENCY, CollectedFee, area_of, fee_split, scope_of
from gongkai_web.agencies.models import Agency, Kind
from gongkai_web.applications.models import ApplicationEvent, EventKind

from .build import scope_agencies


def fees_collected(agency: Agency | None, year: int) -> tuple[Decimal, list[tuple[str, Decimal]]]:
    """The fees paid in ``year`` in the agency's subtree (元), and section 六's split (the core's
    ``fee_split``: by 系统 and district for a scope that spans districts, else by branch)."""
    paid = dict(
        ApplicationEvent.objects.filter(
            kind=EventKind.FEE_PAID,
            on__year=year,
            application__agency__in=scope_agencies(agency).values("id"),
        ).values_list("application_id", "application__agency__path")
    )
    if not paid:
        return Decimal(0), []
    notices = ApplicationEvent.objects.filter(
        kind=EventKind.FEE_NOTICE_SENT, application_id__in=list(paid)
    ).values_list("application_id", "data")
    root = agency if agency is not None else single_root()
    areas = _areas_under(root)
    branches = {app_id: _branch(agency, path) for app_id, path in paid.items()}
    names = dict(
        Agency.objects.filter(path__in={*paid.values(), *branches.values()}).values_list("path", "name")
    )
    fees = [
        CollectedFee(
            amount=Decimal(str(data.get("amount_yuan", 0))),
            collector=names[paid[app_id]],
            branch=names[branches[app_id]],
            area=next((area for prefix, area in areas.items() if paid[app_id].startswith(prefix)), None),
        )
        for app_id, data in notices
    ]
    split = fee_split(fees, spans_areas=bool(areas))
    return sum((f.amount for f in fees), Decimal(0)), list(split)


def single_root() -> Agency | None:
    roots = list(Agency.objects.filter(parent__isnull=True)[:2])
    return roots[0] if len(roots) == 1 else None


def _areas_under(root: Agency | None) -> dict[str, str]:
    """Path → short name of each district or county government strictly under ``root``."""
    if root is None:
        return {}
    governments = Agency.objects.filter(kind=Kind.COUNTY_GOVERNMENT, path__startswith=root.path).exclude(
        pk=root.pk
    )
    return {g.path: area_of(g.name, above=root.name) for g in governments.only("path", "name")}


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
        agency = single_root()
        if agency is None:
            return SCOPE_AGENCY
    return scope_of(agency.name, government=agency.kind in (Kind.CITY_GOVERNMENT, Kind.COUNTY_GOVERNMENT))
