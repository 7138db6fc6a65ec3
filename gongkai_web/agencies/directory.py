"""Agencies grouped the way a citizen looks for one: the city's own agencies first, then each 区县
with its departments and townships (how 政府信息公开 portals list their 公开指南). The public
directory and the agency choice of the application form both read this one grouping."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext, gettext_lazy

from .models import Agency, Kind


@dataclass
class DirectoryGroup:
    title: str
    agencies: list[Agency] = field(default_factory=list)


def directory_groups(agencies: Iterable[Agency]) -> list[DirectoryGroup]:
    """Group ``agencies`` (in hierarchy order) under their 区县 government; the government heads its
    own group and city-level agencies come first, then the 区县 in the order of their administrative
    division codes (GB/T 2260, the order of the official lists); those without a code last."""
    by_pk = {a.pk: a for a in Agency.objects.only("pk", "name", "kind", "parent_id", "division_code")}
    order: dict[int | None, tuple] = {None: (0, "", 0)}
    groups: dict[int | None, DirectoryGroup] = {None: DirectoryGroup(gettext("City-level agencies"))}
    for agency in agencies:
        county = _county_of(agency, by_pk)
        key = county.pk if county else None
        groups.setdefault(key, DirectoryGroup(county.name if county else "")).agencies.append(agency)
        if county is not None and key not in order:
            order[key] = (1 if county.division_code else 2, county.division_code, len(order))
    return [groups[key] for key in sorted(groups, key=order.__getitem__) if groups[key].agencies]


def grouped_choices(agencies: Iterable[Agency]) -> list[tuple[str, list[tuple[int, str]]]]:
    """``<optgroup>`` choices for a form field, one group per ``directory_groups`` section."""
    return [(group.title, [(a.pk, a.name) for a in group.agencies]) for group in directory_groups(agencies)]


#: The empty choice of an agency field, saying what to do ("请选择机关") rather than Django's "---------".
CHOOSE_AGENCY = gettext_lazy("Choose the agency")


def group_agency_choices(agency_field: forms.Field, empty_label=CHOOSE_AGENCY) -> None:
    """Show ``agency_field``'s agencies (a ``ModelChoiceField``) grouped by ``grouped_choices`` (hundreds of
    agencies in one flat list are unusable), under ``empty_label``. Only what is shown changes: the
    field still validates through its queryset."""
    assert isinstance(agency_field, forms.ModelChoiceField)
    queryset = agency_field.queryset if agency_field.queryset is not None else Agency.objects.none()
    agency_field.choices = [("", empty_label), *grouped_choices(queryset)]


def _county_of(agency: Agency, by_pk: dict[int, Agency]) -> Agency | None:
    current: Agency | None = agency
    while current is not None:
        if current.kind == Kind.COUNTY_GOVERNMENT:
            return current
        current = by_pk.get(current.parent_id) if current.parent_id else None
    return None
