"""The forms of the case pages: they parse and validate what staff type; the services change state."""

from __future__ import annotations

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai import labels
from gongkai_web.agencies.models import Agency
from gongkai_web.applications.form_fields import DATE, VisibleCharField
from gongkai_web.applications.models import Application
from gongkai_web.form_messages import Form

from .models import FollowUpKind, Kind, Role, Route


def _today():
    return timezone.localdate()


class AgencyField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class RegisterForm(Form):
    agency = AgencyField(label=_("Agency"), queryset=Agency.objects.none())
    kind = forms.ChoiceField(label=_("Kind of case"), choices=Kind.choices)
    route = forms.ChoiceField(label=_("Route (lawsuits)"), choices=Route.choices, required=False)
    role = forms.ChoiceField(label=_("The agency's part"), choices=Role.choices, initial=Role.RESPONDENT)
    simplified = forms.BooleanField(label=_("Simplified procedure (reconsideration)"), required=False)
    body = VisibleCharField(label=_("Reconsideration body or court"), max_length=100)
    case_number = VisibleCharField(label=_("Case number (optional)"), max_length=60, required=False)
    appellant = VisibleCharField(label=_("Applicant or plaintiff"), max_length=100)
    act = VisibleCharField(label=_("Act contested"), max_length=200)
    received_on = forms.DateField(widget=DATE, initial=_today, label=_("Copy received on"))
    applications = forms.CharField(
        label=_("Query codes of the applications (optional, separated by spaces)"),
        max_length=400,
        required=False,
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]

    def clean(self):
        data = super().clean() or {}
        codes = [c for c in re.split(r"[\s,，、]+", data.get("applications") or "") if c]
        found = {a.query_code: a for a in Application.objects.filter(query_code__in=codes)}
        missing = [c for c in codes if c not in found]
        if missing:
            self.add_error(
                "applications",
                _("No application has the query code %(codes)s.")
                % {"codes": labels.ENUMERATION_COMMA.join(missing)},
            )
        data["applications"] = [found[c] for c in codes if c in found]
        return data


class ReplyForm(Form):
    on = forms.DateField(widget=DATE, initial=_today, label=_("Reply filed on"))


class DecisionForm(Form):
    disposition = forms.ChoiceField(label=_("Disposition"), choices=())
    decided_on = forms.DateField(widget=DATE, label=_("Decided on"))
    number = VisibleCharField(
        label=_("Decision or judgment number (optional)"), max_length=60, required=False
    )

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        from gongkai.appeals.dispositions import versions

        known = {row.disposition for v in versions() for row in v.dispositions(kind)}
        self.fields["disposition"].choices = [(k, v) for k, v in labels.DISPOSITIONS.items() if k in known]  # type: ignore[attr-defined]


class FollowUpForm(Form):
    kind = forms.ChoiceField(label=_("What was ordered"), choices=FollowUpKind.choices)
    ordered_on = forms.DateField(widget=DATE, initial=_today, label=_("Order received on"))
    days = forms.IntegerField(
        label=_("Period the order sets, in days (empty: none set)"),
        min_value=1,
        max_value=365,
        required=False,
    )
    working_days = forms.BooleanField(label=_("The period is in working days"), required=False)


class DoneForm(Form):
    on = forms.DateField(widget=DATE, initial=_today, label=_("Done on"))
    note = VisibleCharField(label=_("Note (optional)"), max_length=200, required=False)


class Table4Form(Form):
    agency = AgencyField(label=_("Agency and its subtree"), queryset=Agency.objects.none(), required=False)
    year = forms.IntegerField(label=_("Year"), min_value=2008, max_value=2100)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]


class CellForm(Form):
    """The worklist filtered to one cell of table 4 (the links of the report's table 4)."""

    agency = forms.ModelChoiceField(
        label=_("Agency and its subtree"), queryset=Agency.objects.all(), to_field_name="code", required=False
    )
    year = forms.IntegerField(label=_("Year"), min_value=2008, max_value=2100)
    group = forms.ChoiceField(label=_("Row of table 4"), choices=list(labels.APPEAL_GROUPS.items()))
    column = forms.ChoiceField(label=_("Column of table 4"), choices=list(labels.APPEAL_COLUMNS.items()))

    #: The parameters of the filter: any of them present means the worklist is a cell's.
    KEYS = ("agency", "year", "group", "column")
