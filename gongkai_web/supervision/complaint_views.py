"""The office's pages of complaints: the list, staff entry, a complaint with its routing and reply.
The complainant's contact is masked for the agency complained about and shown in full, with an audit
entry, only to the office handling it."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.errors import GongkaiError
from gongkai.identifiers import mask_email, mask_name, mask_phone
from gongkai_web.agencies.models import Agency
from gongkai_web.applications.access import staff_required
from gongkai_web.audit.services import entries_for

from . import access, services
from . import forms as f
from .models import Complaint
from .posting import run_form


def masked(complaint: Complaint) -> dict[str, str]:
    contact = mask_email(complaint.contact) if "@" in complaint.contact else mask_phone(complaint.contact)
    return {"name": mask_name(complaint.name) if complaint.name else "", "contact": contact}


def _offices_above(complaint: Complaint):
    ids = [int(p) for p in complaint.agency.path.strip("/").split("/") if p]
    return Agency.objects.filter(pk__in=ids).order_by("path")


@staff_required
@require_GET
def complaints(request):
    today = timezone.localdate()
    rows = [(c, masked(c)) for c in access.visible_complaints(request.user)]
    return render(
        request,
        "supervision/complaints.html",
        {"rows": rows, "today": today, "is_office": access.is_office(request.user)},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def new_complaint(request):
    if not access.is_office(request.user):
        raise Http404
    agencies = access.supervised(request.user)
    form = f.ComplaintForm(request.POST or None, agencies=agencies, public=False)

    def again(form, status=400):
        return render(request, "supervision/complaint_new.html", {"form": form}, status=status)

    if request.method != "POST":
        return again(form, status=200)
    return run_form(
        form,
        lambda d: services.enter_complaint(
            d["agency"],
            kind=d["kind"],
            text=d["text"],
            contact=d["contact"],
            name=d["name"],
            actor=request.user,
        ),
        done=lambda found: redirect("supervision:complaint", found.pk),
        again=again,
    )


def _page(request, found: Complaint, *, reply_form=None, status=200):
    handles = access.handles_complaint(request.user, found)
    open_ = found.status == "received"
    return render(
        request,
        "supervision/complaint.html",
        {
            "c": found,
            "person": {"name": found.name, "contact": found.contact} if handles else masked(found),
            "handles": handles,
            "reply_form": (reply_form or f.ReplyForm()) if handles and open_ else None,
            "route_form": f.RouteForm(offices=_offices_above(found), initial={"office": found.office})
            if handles and open_
            else None,
            "history": entries_for(found),
        },
        status=status,
    )


@staff_required
@require_GET
def complaint(request, pk: int):
    return _page(request, access.get_complaint(request, pk))


@staff_required
@require_POST
def reply(request, pk: int):
    found = access.get_complaint(request, pk, to_handle=True)
    return run_form(
        f.ReplyForm(request.POST),
        lambda d: services.reply_complaint(found, reply=d["reply"], actor=request.user),
        done=lambda _r: redirect("supervision:complaint", found.pk),
        again=lambda form: _page(request, found, reply_form=form, status=400),
    )


@staff_required
@require_POST
def route(request, pk: int):
    """Re-routing answers on the complaint's page (a message), whatever happened."""
    found = access.get_complaint(request, pk, to_handle=True)
    form = f.RouteForm(request.POST, offices=_offices_above(found))
    if form.is_valid():
        try:
            services.route_complaint(found, form.cleaned_data["office"], actor=request.user)
        except GongkaiError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, " ".join(str(e) for e in form.errors.get("office", [])))
    return redirect("supervision:complaint", found.pk)
