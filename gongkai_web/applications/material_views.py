"""Staff views of a case's material: add or remove a disclosed item (htmx swaps the section; without
JavaScript the page reloads), open a disclosed file, record the 送达 of a letter, open its proof."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from gongkai.errors import GongkaiError

from . import services
from .access import get_application_for_staff, get_application_to_handle, staff_required
from .material_forms import DeliveryForm, DisclosedItemForm
from .models import Delivery
from .templatetags.case_material import staff_material


def _section(request, app, *, form=None, error: str = ""):
    """The "information disclosed" section alone, for htmx; the whole page otherwise."""
    if request.headers.get("HX-Request"):
        context = {"app": app, "m": staff_material(app, request.user, form=form, error=error)}
        return render(request, "applications/_disclosed_section.html", context)
    if error:
        messages.error(request, error)
    return redirect(reverse("applications:detail", args=[app.pk]) + "#disclosed")


@staff_required
@require_POST
def add_disclosed(request, pk: int):
    app = get_application_to_handle(request, pk)
    form = DisclosedItemForm(request.POST, request.FILES, prefix="disclosed")
    if not form.is_valid():
        errors = "；".join(" ".join(str(m) for m in e) for e in form.errors.values())
        return _section(request, app, form=form, error=_("Not saved: %(errors)s") % {"errors": errors})
    data = form.cleaned_data
    try:
        services.add_disclosed_item(
            app, description=data["description"], upload=data.get("file"), url=data["url"], actor=request.user
        )
    except GongkaiError as exc:
        return _section(request, app, form=form, error=exc.message)
    return _section(request, app)


@staff_required
@require_POST
def remove_disclosed(request, pk: int, item_pk: int):
    app = get_application_to_handle(request, pk)
    try:
        services.remove_disclosed_item(app, item_pk, actor=request.user)
    except GongkaiError as exc:
        return _section(request, app, error=exc.message)
    return _section(request, app)


@staff_required
@require_GET
def disclosed_file(request, pk: int, item_pk: int):
    """A disclosed file, for the staff who may see the application (it is what the agency releases)."""
    app = get_application_for_staff(request, pk)
    item = get_object_or_404(app.disclosed_items.exclude(file=""), pk=item_pk)
    return FileResponse(
        item.file.open("rb"), as_attachment=True, filename=item.original_name, content_type=item.content_type
    )


@staff_required
@require_POST
def record_delivery(request, pk: int, letter_pk: int):
    app = get_application_to_handle(request, pk)
    letter = get_object_or_404(app.letters.filter(to_applicant=True), pk=letter_pk)
    form = DeliveryForm(request.POST, request.FILES, prefix=f"delivery-{letter.pk}")
    if not form.is_valid():
        errors = "；".join(" ".join(str(m) for m in e) for e in form.errors.values())
        messages.error(request, _("Not saved: %(errors)s") % {"errors": errors})
    else:
        data = form.cleaned_data
        try:
            services.record_delivery(
                letter,
                method=data["method"],
                delivered_on=data["delivered_on"],
                proof_note=data["proof_note"],
                proof_upload=data.get("proof_file"),
                actor=request.user,
            )
        except GongkaiError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Saved."))
    return redirect(reverse("applications:detail", args=[app.pk]) + "#deliveries")


@staff_required
@require_GET
def delivery_proof(request, pk: int, letter_pk: int):
    """The proof of service (a signed receipt shows the applicant's name and signature): like an
    applicant's attachment, only for staff who may unmask, each opening audited; others get 404."""
    app = get_application_for_staff(request, pk)
    letter = get_object_or_404(app.letters.filter(to_applicant=True), pk=letter_pk)
    try:
        delivery = services.open_delivery_proof(letter, actor=request.user)
    except (GongkaiError, Delivery.DoesNotExist):
        raise Http404 from None
    return FileResponse(
        delivery.proof_file.open("rb"),
        as_attachment=True,
        filename=delivery.proof_name,
        content_type=delivery.proof_content_type,
    )
