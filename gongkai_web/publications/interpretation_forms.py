"""Forms of 政策解读: a draft (title, form, text, an optional 图解 file) and the day it is published. They
validate what staff type; the services decide the rules (an empty text, the document not published yet)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai_web.applications.form_fields import DATE, VisibleCharField
from gongkai_web.form_messages import Form

from .forms import today_initial
from .interpretation_models import InterpretationForm


class InterpretationDraftForm(Form):
    title = VisibleCharField(max_length=300, label=_("title"))
    form = forms.ChoiceField(
        choices=InterpretationForm.choices, label=_("form of the interpretation"), widget=forms.RadioSelect
    )
    body = VisibleCharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        label=_("text of the interpretation"),
        help_text=_(
            "For a graphic, audio or video interpretation: its words (read by search and screen readers)."
        ),
    )
    file = forms.FileField(
        required=False,
        label=_("file (optional: the graphic as JPG, PNG or PDF)"),
    )


class InterpretationPublishForm(Form):
    on = forms.DateField(widget=DATE, initial=today_initial, label=_("date the interpretation is published"))
