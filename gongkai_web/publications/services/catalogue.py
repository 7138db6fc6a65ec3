"""The 主动公开事项目录's changes: add, change and retire an item, link (and unlink) the documents that
fulfil it. Staff of the agency (handler or approver) make them; each is atomic and audited on the item."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai import labels
from gongkai.publications import catalogue as core
from gongkai_web.accounts.access import WORKING_ROLES, has_role
from gongkai_web.audit.services import log
from gongkai_web.clocks import Clock, now, today

from ..catalogue_models import CatalogueItem, CatalogueLink
from ..errors import refuse
from ..models import Document

#: What a form may set on an item (``agency`` is fixed when it is added).
FIELDS = (
    "category",
    "subcategory",
    "elements",
    "basis",
    "limit_amount",
    "limit_unit",
    "periodicity",
    "responsible_unit",
    "owner",
    "channels",
    "audience",
    "mode",
    "level",
    "since",
)
REQUIRED_TEXT = {
    "category": gettext_lazy("Name the matter (first level)."),
    "elements": gettext_lazy("Say what the item contains (content elements)."),
    "basis": gettext_lazy("Give the legal basis of the item."),
    "responsible_unit": gettext_lazy("Name the responsible unit."),
}
CHOICES = {
    "limit_unit": labels.TIME_LIMIT_UNITS,
    "periodicity": labels.CATALOGUE_PERIODICITY,
    "audience": labels.CATALOGUE_AUDIENCES,
    "mode": labels.CATALOGUE_MODES,
    "level": labels.AGENCY_LEVELS,
}


def _require_staff(actor, agency) -> None:
    if not has_role(actor, agency, *WORKING_ROLES):
        raise refuse(
            "not_allowed",
            _("Only staff of %(agency)s may change its catalogue.") % {"agency": agency.name},
        )


def _require_current(item: CatalogueItem) -> None:
    if item.retired_on is not None:
        raise refuse(
            "catalogue_item_retired",
            _("The item was retired on %(date)s: it can no longer be changed.")
            % {"date": f"{item.retired_on:%Y-%m-%d}"},
        )


def _check(agency, values: dict[str, Any]) -> None:
    for name, message in REQUIRED_TEXT.items():
        values[name] = (values.get(name) or "").strip()
        if not values[name]:
            raise refuse(f"catalogue_{name}_missing", str(message))
    values["subcategory"] = (values.get("subcategory") or "").strip()
    for name, allowed in CHOICES.items():
        if values.get(name) not in allowed:
            raise refuse("catalogue_choice", _("Choose a value from the list for every field."), field=name)
    try:
        core.TimeLimit(int(values["limit_amount"]), values["limit_unit"])
    except (TypeError, ValueError, core.CatalogueError):
        raise refuse(
            "catalogue_limit_range",
            _("The time limit is a whole number from 1 to %(max)s.") % {"max": core.MAX_LIMIT},
        ) from None
    channels = list(dict.fromkeys(values.get("channels") or []))
    if not channels or any(c not in labels.CATALOGUE_CHANNELS for c in channels):
        raise refuse("catalogue_channels", _("Choose at least one channel from the list."))
    values["channels"] = channels
    owner = values.get("owner")
    if owner is None or not owner.memberships.filter(agency=agency, role__in=WORKING_ROLES).exists():
        raise refuse(
            "catalogue_owner",
            _("The owner must be a member of staff of %(agency)s.") % {"agency": agency.name},
        )
    if not isinstance(values.get("since"), dt.date):
        raise refuse("catalogue_since", _("Give the date from which the item is counted."))


def _audit_value(name: str, value: Any) -> Any:
    if name == "owner":
        return value.get_username() if value is not None else None
    return value


def add_catalogue_item(agency, *, actor, clock: Clock | None = None, **fields) -> CatalogueItem:
    """Add an item to ``agency``'s catalogue; by default 20 working days, counted from today."""
    _require_staff(actor, agency)
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    values = {
        "limit_amount": core.DEFAULT_LIMIT,
        "limit_unit": core.WORKDAYS,
        "periodicity": core.ON_CHANGE,
        "audience": "public",
        "mode": "proactive",
        "level": agency.level,
        "since": today(clock),
        **{k: v for k, v in fields.items() if v is not None},
    }
    _check(agency, values)
    values["limit_amount"] = int(values["limit_amount"])
    with transaction.atomic():
        item = CatalogueItem.objects.create(agency=agency, **values)
        log(
            item,
            "publications.catalogue_item_added",
            actor=actor,
            clock=clock,
            data={name: _audit_value(name, getattr(item, name)) for name in FIELDS},
        )
        return item


def change_catalogue_item(
    item: CatalogueItem, *, actor, clock: Clock | None = None, **fields
) -> CatalogueItem:
    """Change some fields of a current item; the audit entry keeps each value before and after."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    with transaction.atomic():
        item = CatalogueItem.objects.select_for_update().select_related("agency", "owner").get(pk=item.pk)
        _require_staff(actor, item.agency)
        _require_current(item)
        values = {name: getattr(item, name) for name in FIELDS}
        values.update(fields)
        _check(item.agency, values)
        values["limit_amount"] = int(values["limit_amount"])
        changed = {
            name: [_audit_value(name, getattr(item, name)), _audit_value(name, values[name])]
            for name in FIELDS
            if getattr(item, name) != values[name]
        }
        if not changed:
            return item
        for name in changed:
            setattr(item, name, values[name])
        item.save(update_fields=list(changed))
        log(item, "publications.catalogue_item_changed", actor=actor, clock=clock, data={"changed": changed})
        return item


def retire_catalogue_item(
    item: CatalogueItem, *, on: dt.date, reason: str, actor, clock: Clock | None = None
) -> CatalogueItem:
    """Take an item out of the catalogue from ``on`` (not in the future), with the reason; it owes nothing after."""
    if not reason.strip():
        raise refuse("catalogue_retire_reason", _("Say why the item leaves the catalogue."))
    if on > today(clock):
        raise refuse(
            "date_in_future",
            _("%(what)s (%(date)s) cannot be later than today.")
            % {"what": _("The retirement date"), "date": f"{on:%Y-%m-%d}"},
        )
    with transaction.atomic():
        item = CatalogueItem.objects.select_for_update().select_related("agency").get(pk=item.pk)
        _require_staff(actor, item.agency)
        _require_current(item)
        if on < item.since:
            raise refuse(
                "date_out_of_order",
                _("An item cannot be retired before the day it is counted from (%(date)s).")
                % {"date": f"{item.since:%Y-%m-%d}"},
            )
        item.retired_on = on
        item.save(update_fields=["retired_on"])
        log(
            item,
            "publications.catalogue_item_retired",
            actor=actor,
            clock=clock,
            data={"on": on, "reason": reason.strip()},
        )
        return item


def _issued_by(document: Document, agency) -> bool:
    return document.agency_id == agency.pk or document.co_issuers.filter(pk=agency.pk).exists()


def link_catalogue_document(
    item: CatalogueItem, document: Document, *, actor, clock: Clock | None = None
) -> CatalogueLink:
    """Record that ``document`` (issued, or jointly issued, by the item's agency) fulfils ``item``."""
    with transaction.atomic():
        item = CatalogueItem.objects.select_for_update().select_related("agency").get(pk=item.pk)
        _require_staff(actor, item.agency)
        _require_current(item)
        if not _issued_by(document, item.agency):
            raise refuse(
                "catalogue_foreign_document",
                _("Only a document issued by %(agency)s can fulfil its catalogue item.")
                % {"agency": item.agency.name},
            )
        if item.links.filter(document=document).exists():
            raise refuse("catalogue_already_linked", _("The document is already linked to this item."))
        link = CatalogueLink.objects.create(
            item=item, document=document, linked_by=actor, linked_at=now(clock)
        )
        log(
            item,
            "publications.catalogue_document_linked",
            actor=actor,
            clock=clock,
            data={"document": document.pk, "title": document.title, "number": document.number},
        )
        return link


def unlink_catalogue_document(
    item: CatalogueItem, document: Document, *, actor, clock: Clock | None = None
) -> None:
    """Undo a link made by mistake (audited: the entry keeps which document it was)."""
    with transaction.atomic():
        item = CatalogueItem.objects.select_for_update().select_related("agency").get(pk=item.pk)
        _require_staff(actor, item.agency)
        _require_current(item)
        deleted, _count = item.links.filter(document=document).delete()
        if not deleted:
            raise refuse("catalogue_not_linked", _("The document is not linked to this item."))
        log(
            item,
            "publications.catalogue_document_unlinked",
            actor=actor,
            clock=clock,
            data={"document": document.pk, "title": document.title, "number": document.number},
        )
