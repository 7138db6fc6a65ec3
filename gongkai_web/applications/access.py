"""Record-level access: a staff member gets 404 for applications outside their agencies (or the
supervised subtree); an applicant sees only their own (account) or those unlocked with code + secret
in this browser (``tracking``)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404

from gongkai_web.accounts.access import can_handle, is_staff_member, visible_agencies

from . import tracking
from .models import Application


def staff_required(view):
    @login_required
    def wrapper(request, *args, **kwargs):
        if not is_staff_member(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def staff_applications(user):
    return Application.objects.filter(agency__in=visible_agencies(user))


def get_application_for_staff(request, pk: int) -> Application:
    return get_object_or_404(staff_applications(request.user).select_related("agency"), pk=pk)


def get_application_to_handle(request, pk: int) -> Application:
    app = get_application_for_staff(request, pk)
    if not can_handle(request.user, app.agency):  # supervisors read, they do not handle
        raise Http404
    return app


def get_application_for_applicant(request, query_code: str) -> Application:
    app = get_object_or_404(Application.objects.select_related("agency", "parent"), query_code=query_code)
    own = request.user.is_authenticated and app.applicant_user_id == request.user.pk
    if own or tracking.opens(request, app):
        return app
    raise Http404
