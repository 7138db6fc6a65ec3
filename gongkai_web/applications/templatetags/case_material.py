"""What a case page and the applicant's tracking page show of a case's material: the disclosed items,
the letters with their 送达, the remedy periods counted from it (``services``)."""

from __future__ import annotations

from django import template

from gongkai_web.accounts.access import can_handle, can_unmask

from .. import identity, services
from ..material_forms import DeliveryForm, DisclosedItemForm
from ..models import Application

register = template.Library()


def staff_material(app: Application, user, *, form=None, error: str = "") -> dict:
    editable = can_handle(user, app.agency) and app.is_open and not app.is_correction
    letters = list(app.letters.filter(to_applicant=True).select_related("delivery"))
    # The proof note and the receipt's file name may quote the applicant ("张三本人签收"): masked on the
    # record page as the request's text is.
    shown = identity.scrubber(app)
    rows = []
    for lt in letters:
        delivery = getattr(lt, "delivery", None)
        delivery_form = None if delivery else DeliveryForm(prefix=f"delivery-{lt.pk}")
        proof = (shown(delivery.proof_note), shown(delivery.proof_name)) if delivery else ("", "")
        rows.append((lt, delivery, delivery_form, *proof))
    return {
        "items": list(app.disclosed_items.all()),
        "can_edit": editable,
        "can_record": can_handle(user, app.agency),
        "can_open_proof": can_unmask(user, app.agency),
        "form": form or DisclosedItemForm(prefix="disclosed"),
        "error": error,
        "letter_rows": rows,
        "windows": services.remedy_windows(app),
    }


@register.simple_tag
def case_material(app: Application, user) -> dict:
    return staff_material(app, user)


@register.simple_tag
def applicant_material(app: Application) -> dict:
    """Nothing before a disclosing reply is issued; the periods once its service is recorded."""
    return {"items": list(services.released_items(app)), "windows": services.remedy_windows(app)}
