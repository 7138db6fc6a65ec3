"""Who may do what with an agency's annual report (条例第四十九条: the agency's disclosure office compiles
it, its head approves it; a government's report is compiled by its 政务公开办):

* read a record (any state): staff of the agency, and a supervising office over its subtree;
* draft, write and submit: the agency's own staff (handler, approver, or the 公开办 that is the
  government's own supervising office: a ``supervisor`` membership on the agency itself);
* publish and correct: the agency's approver (审批人) only;
* the public: published versions only (``queries.published_versions``)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from gongkai_web.accounts.access import has_role, visible_agencies
from gongkai_web.accounts.models import Role

from .models import ReportRecord

DRAFTING_ROLES = (Role.HANDLER, Role.APPROVER, Role.SUPERVISOR)


def may_draft(user, agency) -> bool:
    return has_role(user, agency, *DRAFTING_ROLES)


def may_approve(user, agency) -> bool:
    return has_role(user, agency, Role.APPROVER)


def visible_records(user):
    return ReportRecord.objects.filter(agency__in=visible_agencies(user)).select_related("agency")


def record_for(user, pk: int) -> ReportRecord:
    """The record, if the user may read it; else 404 (like every record outside a user's scope)."""
    return get_object_or_404(visible_records(user), pk=pk)


def record_to_draft(user, pk: int) -> ReportRecord:
    record = record_for(user, pk)
    if not may_draft(user, record.agency):
        raise Http404
    return record
