"""Forms of the Q&A pages: they validate input only (the services decide, and check again)."""

from __future__ import annotations

import secrets

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.errors import GongkaiError
from gongkai_web.agencies.directory import CHOOSE_AGENCY, group_agency_choices
from gongkai_web.agencies.models import Agency
from gongkai_web.applications.form_fields import VisibleCharField
from gongkai_web.form_messages import Form
from gongkai_web.publications.models import Document

from . import queries, rules
from .models import EntryState, Topic


def _text(label, limit: int, rows: int = 4, **kw) -> VisibleCharField:
    return VisibleCharField(label=label, max_length=limit, widget=forms.Textarea(attrs={"rows": rows}), **kw)


class TopicChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class AgencyField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class EntryForm(Form):
    """A new entry: for which agency (one of the user's own), its topic, the question and the answer."""

    agency = AgencyField(label=_("Agency"), queryset=Agency.objects.none())
    topic = TopicChoiceField(label=_("Topic (optional)"), queryset=Topic.objects.none(), required=False)
    question = _text(_("Question"), rules.ENTRY_QUESTION_MAX, rows=2)
    answer = _text(_("Answer"), rules.ANSWER_MAX, rows=8)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]
        self.fields["topic"].queryset = queries.topics_of(agencies)  # type: ignore[attr-defined]

    def clean(self):
        data = super().clean() or {}
        topic, agency = data.get("topic"), data.get("agency")
        if topic is not None and agency is not None and topic.agency_id != agency.pk:
            self.add_error(
                "topic", _("The topic belongs to another agency's library: choose one of its own.")
            )
        return data


class ReviseForm(Form):
    topic = TopicChoiceField(label=_("Topic (optional)"), queryset=Topic.objects.none(), required=False)
    question = _text(_("Question"), rules.ENTRY_QUESTION_MAX, rows=2)
    answer = _text(_("Answer"), rules.ANSWER_MAX, rows=8)
    reason = VisibleCharField(
        label=_("Reason for the change"),
        max_length=rules.REASON_MAX,
        help_text=_("Kept with the new version, for example: the policy was amended."),
    )

    def __init__(self, *args, entry, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.filter(agency=entry.agency)  # type: ignore[attr-defined]


class ReasonForm(Form):
    reason = VisibleCharField(label=_("Reason"), max_length=rules.REASON_MAX)


class TopicForm(Form):
    agency = AgencyField(label=_("Agency"), queryset=Agency.objects.none())
    name = VisibleCharField(label=_("New topic"), max_length=60)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]


class DocumentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.title}（{obj.number}）" if obj.number else obj.title


class LinkDocumentForm(Form):
    """Validated against every linkable document, shown with the matches of the words typed only."""

    document = DocumentChoiceField(
        label=_("Documents found"), queryset=Document.objects.none(), widget=forms.RadioSelect
    )
    q = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, entry, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = queries.linkable_documents(entry)  # type: ignore[attr-defined]

    def show_only(self, documents: list[Document]) -> None:
        self.fields["document"].queryset = Document.objects.filter(  # type: ignore[attr-defined]
            pk__in=[d.pk for d in documents]
        ).order_by("-published_on", "-id")


class UnlinkDocumentForm(Form):
    document = forms.IntegerField(widget=forms.HiddenInput)


class LibraryFilterForm(Form):
    agency = AgencyField(label=_("Agency"), queryset=Agency.objects.none(), required=False)
    topic = TopicChoiceField(label=_("Topic"), queryset=Topic.objects.none(), required=False)
    state = forms.ChoiceField(
        label=_("State"), choices=[("", "---------"), *EntryState.choices], required=False
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]
        self.fields["topic"].queryset = queries.topics_of(agencies)  # type: ignore[attr-defined]


class LibraryForm(Form):
    """An answered question into the library: its wording there (without the asker's details), a topic."""

    to_library = forms.BooleanField(
        label=_("Also put the question and answer into the Q&A library"),
        required=False,
        help_text=_("Published at once when the approver answers; otherwise a draft for the approver."),
    )
    library_question = _text(
        _("The question as the library shows it"),
        rules.ENTRY_QUESTION_MAX,
        rows=2,
        required=False,
        help_text=_("Without the asker's personal details."),
    )
    topic = TopicChoiceField(label=_("Topic (optional)"), queryset=Topic.objects.none(), required=False)

    def __init__(self, *args, asked, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.filter(agency=asked.agency)  # type: ignore[attr-defined]

    def clean(self):
        data = super().clean() or {}
        if data.get("to_library") and not data.get("library_question"):
            self.add_error(
                "library_question", _("Write the question as the library should show it, or untick the box.")
            )
        return data


class AnswerForm(LibraryForm):
    answer = _text(_("Answer"), rules.ANSWER_MAX, rows=8)
    field_order = ["answer", "to_library", "library_question", "topic"]


# ── the public's form ─────────────────────────────────────────────────────────────────────────────


class ContactField(VisibleCharField):
    """A phone number or an e-mail address (``rules.contact_of``), in a plain text input: most people
    give a phone number, some an e-mail address, and a phone's keyboard for either one (``inputmode``
    tel or email) makes the other hard to type. The browser offers the phone number it knows."""

    widget = forms.TextInput(attrs={"autocomplete": "tel", "autocapitalize": "off", "spellcheck": "false"})

    def validate(self, value):
        super().validate(value)
        if value:
            try:
                rules.contact_of(value)
            except GongkaiError as exc:
                raise forms.ValidationError(exc.message, code="contact") from None


class AskForm(Form):
    #: One-time token (as the apply form's): a double submit stores one question.
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    agency = AgencyField(
        label=_("Agency asked"),
        queryset=Agency.objects.filter(accepts_applications=True),
        empty_label=CHOOSE_AGENCY,
    )
    question = _text(
        _("Your question"),
        rules.ASKED_QUESTION_MAX,
        rows=6,
        help_text=_(
            "5 to 1000 characters: which policy or matter you ask about, and what you want to know. "
            "Please leave your ID number and address out."
        ),
    )
    name = VisibleCharField(label=_("Your name (optional)"), max_length=rules.NAME_MAX, required=False)
    contact = ContactField(
        label=_("Phone or e-mail for the answer"),
        max_length=rules.CONTACT_MAX,
        help_text=_(
            "A mobile number, a fixed line with its area code, or an e-mail address, e.g. 13800138000, "
            "023-63000000 or name@example.com. Only the agency's staff see it; it is never published."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("token", secrets.token_urlsafe(24))
        group_agency_choices(self.fields["agency"])

    def clean_question(self):
        try:
            return rules.asked_question(self.cleaned_data["question"])
        except GongkaiError as exc:
            raise forms.ValidationError(exc.message, code=exc.code) from None
