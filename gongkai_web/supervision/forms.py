"""Forms of the supervision pages: they validate input only (the services decide, and check again)."""

from __future__ import annotations

import secrets

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai_web.agencies.directory import CHOOSE_AGENCY, group_agency_choices
from gongkai_web.agencies.models import Agency
from gongkai_web.applications.answer_forms import MultipleFileField
from gongkai_web.applications.form_fields import VisibleCharField
from gongkai_web.applications.forms import ACCEPTED_TYPES_NOTE
from gongkai_web.applications.uploads import check_upload
from gongkai_web.form_messages import Form
from gongkai_web.qa.forms import AgencyField, ContactField

from .complaint_models import ComplaintKind


def _text(label, rows: int = 4, **kw) -> VisibleCharField:
    return VisibleCharField(label=label, widget=forms.Textarea(attrs={"rows": rows}), **kw)


class DateInput(forms.DateInput):
    input_type = "date"


class PlanForm(Form):
    office = AgencyField(label=_("Issued by"), queryset=Agency.objects.none())
    name = VisibleCharField(label=_("Name of the plan"), max_length=200)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)

    def __init__(self, *args, offices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices  # type: ignore[attr-defined]


class TaskForm(Form):
    agency = AgencyField(label=_("Responsible agency"), queryset=Agency.objects.none())
    title = VisibleCharField(label=_("Task"), max_length=300)
    owner = VisibleCharField(
        label=_("Owner"), max_length=100, help_text=_("A person or a post, e.g. the office head.")
    )
    due_on = forms.DateField(label=_("Due"), widget=DateInput)
    measure = _text(_("Measure"), rows=2, max_length=2000, required=False)
    evidence_required = _text(_("Evidence required"), rows=2, max_length=2000)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]
        group_agency_choices(self.fields["agency"])


class ImportForm(Form):
    file = forms.FileField(label=_("Task list (XLSX or CSV)"))


class EvidenceForm(Form):
    text = _text(_("What was done"), rows=4, max_length=4000)
    files = MultipleFileField(  # type: ignore[assignment]  # a field named "files", not Form.files
        label=_("Files (optional)"), required=False, help_text=ACCEPTED_TYPES_NOTE
    )

    def clean_files(self):
        """Each file checked by its first bytes, as an application's attachments are."""
        return [check_upload(f, "evidence") for f in self.cleaned_data.get("files") or []]


class ReturnForm(Form):
    reason = _text(_("Reason for returning"), rows=2, max_length=2000)


class ComplaintForm(Form):
    """The public form (with its one-time token) and, without it, the office's entry."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=ComplaintKind.choices,
        widget=forms.RadioSelect,
        initial=ComplaintKind.COMPLAINT,
    )
    agency = AgencyField(
        label=_("Agency complained about"), queryset=Agency.objects.all(), empty_label=CHOOSE_AGENCY
    )
    text = _text(
        _("What happened"),
        rows=6,
        max_length=4000,
        help_text=_("What the agency did or failed to do in its disclosure work, and when."),
    )
    name = VisibleCharField(label=_("Your name (optional)"), max_length=50, required=False)
    contact = ContactField(
        label=_("Phone or e-mail for the reply"),
        max_length=254,
        help_text=_(
            "A mobile number, a fixed line with its area code, or an e-mail address, e.g. 13800138000, "
            "023-63000000 or name@example.com. Only the office handling the complaint sees it in full."
        ),
    )

    def __init__(self, *args, agencies=None, public: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]
        group_agency_choices(self.fields["agency"])
        if public:
            self.initial.setdefault("token", secrets.token_urlsafe(24))
        else:
            del self.fields["token"]


class ReplyForm(Form):
    reply = _text(_("Reply"), rows=6, max_length=4000)


class RouteForm(Form):
    office = AgencyField(label=_("Office to handle it"), queryset=Agency.objects.none())

    def __init__(self, *args, offices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices  # type: ignore[attr-defined]


class LookupForm(Form):
    code = VisibleCharField(label=_("Query code"), max_length=16)


NO_SUCH_CODE = _("No complaint has this query code: check the code on your confirmation.")


class FilingRuleForm(Form):
    office = AgencyField(label=_("Office"), queryset=Agency.objects.none())
    since = forms.DateField(label=_("Applications received from"), widget=DateInput)

    def __init__(self, *args, offices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices  # type: ignore[attr-defined]


class GuidanceForm(Form):
    question = _text(_("Question to the office (optional)"), rows=3, max_length=2000, required=False)


class OpinionForm(Form):
    verdict = forms.ChoiceField(
        label=_("Opinion"),
        choices=[("agree", _("agrees with the draft")), ("revise", _("advises changes"))],
        widget=forms.RadioSelect,
    )
    opinion = _text(_("The office's opinion"), rows=4, max_length=4000)


class IndicatorSetForm(Form):
    office = AgencyField(label=_("Office"), queryset=Agency.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)

    def __init__(self, *args, offices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices  # type: ignore[attr-defined]


class ReviewForm(Form):
    percent = forms.IntegerField(label=_("Score (per cent of the weight)"), min_value=0, max_value=100)
    evidence = _text(_("Evidence"), rows=3, max_length=4000)


class ContestForm(Form):
    reason = _text(_("Why the score is wrong"), rows=3, max_length=4000)


class DecideForm(Form):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[("upheld", _("upheld: score changed")), ("rejected", _("rejected: score stands"))],
        widget=forms.RadioSelect,
    )
    percent = forms.IntegerField(
        label=_("New score (per cent of the weight)"), min_value=0, max_value=100, required=False
    )
    decision = _text(_("Decision and its reasons"), rows=3, max_length=4000)


class AgencyChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class TrainingForm(Form):
    office = AgencyField(label=_("Organised by"), queryset=Agency.objects.none())
    held_on = forms.DateField(label=_("Held on"), widget=DateInput)
    title = VisibleCharField(label=_("Title of the session"), max_length=200)
    agencies = AgencyChoices(
        label=_("Agencies attending"), queryset=Agency.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    attendee_count = forms.IntegerField(label=_("Number of attendees"), min_value=1, max_value=100000)
    people = _text(_("People attending (optional)"), rows=2, max_length=4000, required=False)
    materials = _text(_("Materials (optional)"), rows=2, max_length=4000, required=False)

    def __init__(self, *args, offices, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices  # type: ignore[attr-defined]
        self.fields["agencies"].queryset = agencies  # type: ignore[attr-defined]
