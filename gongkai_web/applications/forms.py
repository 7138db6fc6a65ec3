"""Forms parse and validate; they never change domain state (services do)."""

from __future__ import annotations

import copy
import secrets

from django import forms
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from gongkai import identifiers
from gongkai.labels import (
    APPLICANT_TYPES,
    CHANNELS,
    DELIVERY_METHODS,
    ID_DOCUMENT_TYPES,
    INFO_FORMS,
)
from gongkai_web.agencies.directory import CHOOSE_AGENCY, group_agency_choices
from gongkai_web.agencies.lookup import accepting_agency
from gongkai_web.agencies.models import Agency
from gongkai_web.form_messages import Form

from . import identity
from .form_fields import DATE, VisibleCharField
from .handling_forms import (  # noqa: F401  (re-exported: ``forms.ReplyForm`` …)
    MAX_WITHHELD_PARTS,
    WITHHELD_PREFIX,
    ConfirmReceiptForm,
    ConsultationAnswerForm,
    ConsultationStartForm,
    CorrectionForm,
    CorrectionReceivedForm,
    CorrectionReplyForm,
    ExtensionForm,
    FeeNoticeForm,
    FeePaymentForm,
    ReasonableTimeForm,
    ReasonsAnswerForm,
    ReasonsRequestForm,
    ReplyForm,
    SplitForm,
    WithdrawForm,
    WithheldPartForm,
    WithheldPartFormSet,
    outcome_choices,
    today_initial,
    withheld_formset,
    withholding_grounds,
)
from .models import ORG_KIND_CHOICES, NotifyBy, RequestKind
from .uploads import ACCEPT_ATTRIBUTE, accepted_types_note, check_upload


class AgencyChoiceField(forms.ModelChoiceField):
    """The public list of agencies (those that accept applications), validated by one live read
    (``agencies.lookup``). A form that narrows the list (staff entry) validates through its queryset."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.public_list = True

    # django-stubs declares none of ModelChoiceField's _get_queryset and _set_queryset, nor Field's
    # __deepcopy__, which Django defines and these override.
    def _set_queryset(self, queryset):
        super()._set_queryset(queryset)  # type: ignore[misc]
        self.public_list = False

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)  # type: ignore[attr-defined]

    def __deepcopy__(self, memo):
        copied = super().__deepcopy__(memo)  # type: ignore[misc]  # sets the copy's queryset
        copied.public_list = self.public_list
        return copied

    def to_python(self, value):
        if not self.public_list or value in self.empty_values:
            return super().to_python(value)
        text = str(value)
        agency = accepting_agency(int(text)) if text.isascii() and text.isdigit() and len(text) < 19 else None
        if agency is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )
        return agency


#: “Accepted file types: PDF/JPG/…”, from the list the upload check accepts (translated when shown).
ACCEPTED_TYPES_NOTE = lazy(accepted_types_note, str)()


class ApplicationForm(Form):
    """条例第二十九条's three groups: who applies, what is asked for, in which form."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    agency = AgencyChoiceField(
        Agency.objects.filter(accepts_applications=True),
        label=_("Agency applied to"),
        empty_label=CHOOSE_AGENCY,
    )
    kind = forms.ChoiceField(
        choices=RequestKind.choices,
        widget=forms.RadioSelect,
        required=False,
        initial=RequestKind.DISCLOSURE,
        label=_("What do you ask for?"),
    )
    applicant_type = forms.ChoiceField(
        choices=list(APPLICANT_TYPES.items()),
        widget=forms.RadioSelect,
        label=_("Applicant type"),
        initial="citizen",
    )
    org_kind = forms.ChoiceField(
        choices=ORG_KIND_CHOICES, required=False, widget=forms.RadioSelect, label=_("Kind of organisation")
    )
    name = VisibleCharField(max_length=100, label=_("Name (person or organisation)"))
    #: Most applicants have a 居民身份证: it is chosen to begin with (its number is then checked as one).
    #: Required of citizens (``_clean_citizen``), so the empty choice says what to do, as the agency's does.
    id_type = forms.ChoiceField(
        choices=[("", _("Choose the type of ID document")), *ID_DOCUMENT_TYPES.items()],
        required=False,
        initial="resident_id",
        label=_("ID document"),
    )
    id_number = forms.CharField(max_length=40, required=False, label=_("ID number"))
    credit_code = forms.CharField(max_length=18, required=False, label=_("Unified social credit code"))
    legal_representative = VisibleCharField(max_length=50, required=False, label=_("Legal representative"))
    contact_name = VisibleCharField(max_length=50, required=False, label=_("Contact person"))
    phone = forms.CharField(
        max_length=20,
        label=_("Phone"),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(required=False, label=_("E-mail"))
    address = VisibleCharField(max_length=200, required=False, label=_("Postal address"))
    postcode = forms.RegexField(
        r"^\d{6}$",
        required=False,
        label=_("Postcode"),
        error_messages={"invalid": _("The postcode must be 6 digits.")},
    )
    description = VisibleCharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        label=_("Description of the information (title, document number or other features)"),
        help_text=_(
            "For a correction request: which record about you is inaccurate, and how it should read."
        ),
    )
    document_title = VisibleCharField(max_length=200, required=False, label=_("Title (optional)"))
    document_number = VisibleCharField(max_length=100, required=False, label=_("Document number (optional)"))
    purpose = VisibleCharField(max_length=200, required=False, label=_("Purpose (optional)"))
    info_form = forms.ChoiceField(
        choices=list(INFO_FORMS.items()),
        widget=forms.RadioSelect,
        label=_("Form of the information"),
        initial="electronic",
    )
    delivery_methods = forms.MultipleChoiceField(
        choices=list(DELIVERY_METHODS.items()),
        widget=forms.CheckboxSelectMultiple,
        label=_("How to obtain it"),
    )
    notify_by = forms.ChoiceField(
        choices=[("", _("as my contact details allow: e-mail if given, otherwise SMS")), *NotifyBy.choices],
        widget=forms.RadioSelect,
        required=False,
        initial="",
        label=_("Tell me about each step of my application"),
        help_text=_("A short message with the query code, never the query password."),
    )
    identity_proof = forms.FileField(
        required=False,
        label=_("Proof of identity"),
        help_text=ACCEPTED_TYPES_NOTE,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
    )
    supporting = forms.FileField(
        required=False,
        label=_("Other attachment (optional)"),
        help_text=format_lazy(
            "{} {}",
            _("For a correction request: the evidence that the record is inaccurate."),
            ACCEPTED_TYPES_NOTE,
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
    )
    declaration = forms.BooleanField(
        label=_("I declare that the above is true and that I will use the information lawfully.")
    )

    #: Fields that belong to one applicant type only (ecosystem §4.2). The template marks them with
    #: ``data-applicant``; ``static/gongkai/applicant.js`` hides the other type's fields. Without
    #: JavaScript every field shows, with a help text naming who fills it in; ``clean`` ignores the
    #: other type's fields either way.
    #: 条例第四十一条 asks for evidence: the public form takes it as the attachment; staff entering a
    #: request handed in on paper keep the evidence with the file.
    evidence_required = True

    APPLICANT_ONLY = {
        "org_kind": "organisation",
        "credit_code": "organisation",
        "legal_representative": "organisation",
        "id_type": "citizen",
        "id_number": "citizen",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("token", secrets.token_urlsafe(24))
            self.group_agencies()  # a bound form validates against the queryset; grouped when shown again

    def clean(self):
        data = super().clean()
        assert data is not None  # Form.clean returns cleaned_data
        if data.get("applicant_type") == "citizen":
            self._clean_citizen(data)
        elif data.get("applicant_type") == "organisation":
            self._clean_organisation(data)
        methods = data.get("delivery_methods") or []
        if "post" in methods and not data.get("address"):
            self.add_error("address", _("A postal address is required when delivery by post is chosen."))
        if "email" in methods and not data.get("email"):
            self.add_error("email", _("An e-mail address is required when delivery by e-mail is chosen."))
        phone = data.get("phone")
        if phone and (msg := identity.contact_phone_problem(phone)):
            self.add_error("phone", msg)
        if data.get("notify_by") == NotifyBy.EMAIL and not data.get("email"):
            self.add_error("email", _("An e-mail address is required to be told by e-mail."))
        # Not chosen: the channel matching the contact given.
        data["notify_by"] = data.get("notify_by") or (NotifyBy.EMAIL if data.get("email") else NotifyBy.SMS)
        data["kind"] = data.get("kind") or RequestKind.DISCLOSURE
        if (
            data["kind"] == RequestKind.CORRECTION
            and self.evidence_required
            and not data.get("supporting")
            and "supporting" not in self.errors
        ):
            self.add_error(
                "supporting",
                _(
                    "A request to correct a record about you needs evidence that the record is inaccurate "
                    "(art. 41 of the Regulations); please upload it as an attachment."
                ),
            )
        data["attachments"] = self._checked_uploads()
        return data

    def _clean_citizen(self, data):
        if not data.get("id_type"):
            self.add_error("id_type", _("Please choose the type of ID document."))
        if not data.get("id_number"):
            self.add_error("id_number", _("Please enter the ID number."))
        elif data.get("id_type") == "resident_id":
            data["id_number"] = identifiers.normalise_identifier(data["id_number"])
            if msg := identity.resident_id_problem(data["id_number"]):
                self.add_error("id_number", msg)
        data["report_column"] = "natural_person"
        data["credit_code"] = data["legal_representative"] = ""

    def _clean_organisation(self, data):
        if not data.get("org_kind"):
            self.add_error("org_kind", _("Please choose the kind of organisation."))
        code = identifiers.normalise_identifier(data.get("credit_code") or "")
        if not code:
            self.add_error("credit_code", _("Please enter the unified social credit code."))
        elif msg := identity.credit_code_problem(code):
            self.add_error("credit_code", msg)
        data["credit_code"] = code
        if not data.get("legal_representative"):
            self.add_error("legal_representative", _("Please enter the legal representative."))
        if not data.get("contact_name"):
            self.add_error("contact_name", _("Please enter the name of the contact person."))
        data["report_column"] = data.get("org_kind") or ""
        data["id_type"] = data["id_number"] = ""

    def _checked_uploads(self):
        checked = []
        for field, purpose in (("identity_proof", "identity"), ("supporting", "supporting")):
            upload = self.cleaned_data.get(field)
            if upload:
                try:
                    checked.append(check_upload(upload, purpose))
                except forms.ValidationError as exc:
                    self.add_error(field, exc)
        return checked

    def group_agencies(self) -> None:
        group_agency_choices(self.fields["agency"])  # by 区县 (<optgroup>)


def _mark_applicant_only(form_class) -> None:
    who = {"citizen": _("Citizens only"), "organisation": _("Legal persons and other organisations only")}
    for name, applicant_type in form_class.APPLICANT_ONLY.items():
        field = form_class.declared_fields[name]
        field.applicant_only, field.help_text = applicant_type, who[applicant_type]


class SharedFields(dict):
    """A form's ``base_fields`` whose field objects its instances share, but for those named in
    ``per_instance``. Django deep-copies every field for every form instance, so that an instance
    may change its fields; the public form changes only the agency list (``group_agencies``), and
    copying its 25 fields was a tenth of a submission's cost (bench/intake_load.py)."""

    def __init__(self, fields, per_instance: frozenset[str]):
        super().__init__(fields)
        self.per_instance = per_instance

    def __deepcopy__(self, memo):
        return {
            name: copy.deepcopy(field, memo) if name in self.per_instance else field
            for name, field in self.items()
        }


_mark_applicant_only(ApplicationForm)
ApplicationForm.base_fields = SharedFields(ApplicationForm.base_fields, frozenset({"agency"}))

STAFF_CHANNELS = [(k, v) for k, v in CHANNELS.items() if k != "online"]


class StaffEntryForm(ApplicationForm):
    channel = forms.ChoiceField(choices=STAFF_CHANNELS, label=_("Channel"))
    arrived_at = forms.DateTimeField(
        label=_("Arrived at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    received_on = forms.DateField(
        required=False,
        widget=DATE,
        label=_("Date of receipt (signed for / confirmed)"),
        help_text=_("Leave empty if not yet confirmed with the applicant."),
    )
    declaration = forms.BooleanField(required=False, widget=forms.HiddenInput, initial=True)
    evidence_required = False  # paper evidence handed in stays with the file

    def __init__(self, agencies, *args, **kwargs):
        # The one-time token stays (as on the public form): posting the same entry twice registers
        # one application (services.register_application).
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = agencies
        self.group_agencies()


class IdentifierField(forms.CharField):
    """A code typed from paper or read aloud: full-width forms, spaces and hyphens do not matter."""

    def to_python(self, value):
        text = super().to_python(value)
        assert text is not None  # empty_value is ""
        return identifiers.normalise_identifier(text)


class TrackForm(Form):
    query_code = IdentifierField(max_length=30, label=_("Query code"))
    secret = IdentifierField(max_length=30, label=_("Query password"), widget=forms.PasswordInput)


class WorklistFilterForm(Form):
    q = forms.CharField(required=False, label=_("Search"))
    view = forms.ChoiceField(
        choices=[
            ("open", _("open")),
            ("due_soon", _("due soon")),
            ("overdue", _("overdue")),
            ("unconfirmed", _("receipt not confirmed")),
            ("signoff", _("replies awaiting sign-off")),
            ("closed", _("closed")),
            ("all", _("all")),
        ],
        required=False,
    )
