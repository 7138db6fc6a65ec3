"""Who gets which case: the agency's staff (handlers, approvers) read and act on its cases; a supervising
office reads the cases of its subtree (the appellant's name masked) and acts on none; applicants and the
public get nothing (a 404, or the login page for a visitor). Anything outside a user's scope is a 404."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from gongkai_web.accounts.access import can_handle

from .models import AppealCase
from .queries import staff_cases


def case_for_staff(request, pk: int) -> AppealCase:
    return get_object_or_404(staff_cases(request.user), pk=pk)


def case_to_handle(request, pk: int) -> AppealCase:
    case = case_for_staff(request, pk)
    if not can_handle(request.user, case.agency):  # a supervising office reads, it does not act
        raise Http404
    return case
