"""The forms of a case's material: a disclosed item (a file or a link) and the 送达 of a letter. They
parse what staff type; the services (``services.disclosure``, ``services.delivery``) decide."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.labels import SERVICE_METHODS
from gongkai_web.form_messages import Form

from .form_fields import DATE, VisibleCharField


class DisclosedItemForm(Form):
    description = VisibleCharField(max_length=500, label=_("What is disclosed"))
    file = forms.FileField(required=False, label=_("File (PDF, JPG, PNG, OFD or DOCX)"))
    url = forms.CharField(max_length=500, required=False, label=_("or a link (http:// or https://)"))


class DeliveryForm(Form):
    method = forms.ChoiceField(choices=list(SERVICE_METHODS.items()), label=_("Method of service"))
    delivered_on = forms.DateField(widget=DATE, initial=timezone.localdate, label=_("Date of service"))
    proof_note = VisibleCharField(
        max_length=1000, required=False, label=_("Proof: tracking number, who signed, e-mail log")
    )
    proof_file = forms.FileField(required=False, label=_("or the signed receipt (file)"))
