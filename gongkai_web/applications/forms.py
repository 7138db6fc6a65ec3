"""Forms parse and validate; they never change domain state (services do)."""

from __future__ import annotations

import copy
import secrets

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai import identifiers, outcomes
from gongkai.errors import GongkaiError
from gongkai.labels import (
    APPLICANT_TYPES,
    CHANNELS,
    DELIVERY_METHODS,
    ID_DOCUMENT_TYPES,
    INFO_FORMS,
    REQUEST_GROUPS,
    REQUEST_ROWS,
)
from gongkai.letters import CORRECTION_RESULTS
from gongkai_web.agencies.directory import grouped_choices
from gongkai_web.agencies.lookup import accepting_agency
from gongkai_web.agencies.models import Agency

from . import identity
from .models import ORG_KIND_CHOICES, RequestKind
from .uploads import check_upload

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")  # <input type=date> takes ISO dates only


class AgencyChoiceField(forms.ModelChoiceField):
    """The public list of agencies (those that accept applications), validated by one live read
    (``agencies.lookup``). A form that narrows the list (staff entry) validates through its queryset."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.public_list = True

    def _set_queryset(self, queryset):
        super()._set_queryset(queryset)
        self.public_list = False

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def __deepcopy__(self, memo):
        copied = super().__deepcopy__(memo)  # sets the copy's queryset
        copied.public_list = self.public_list
        return copied

    def to_python(self, value):
        if not self.public_list or value in self.empty_values:
            return super().to_python(value)
        text = str(value)
        agency = accepting_agency(int(text)) if text.isascii() and text.isdigit() and len(text) < 19 else None
        if agency is None:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                        params={"value": value})
        return agency


class VisibleCharField(forms.CharField):
    """A text field that keeps only what can be seen (``gongkai.identifiers.visible_text``): a value made
    only of zero-width or control characters is empty, and refused where the field is required."""

    def to_python(self, value):
        text = super().to_python(value)
        return identifiers.visible_text(text, multiline=isinstance(self.widget, forms.Textarea)) if text else text


class ApplicationForm(forms.Form):
    """条例第二十九条's three groups: who applies, what is asked for, in which form."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    agency = AgencyChoiceField(Agency.objects.filter(accepts_applications=True), label=_("Agency applied to"))
    kind = forms.ChoiceField(choices=RequestKind.choices, widget=forms.RadioSelect, required=False,
                             initial=RequestKind.DISCLOSURE, label=_("What do you ask for?"))
    applicant_type = forms.ChoiceField(choices=list(APPLICANT_TYPES.items()), widget=forms.RadioSelect,
                                       label=_("Applicant type"), initial="citizen")
    org_kind = forms.ChoiceField(choices=ORG_KIND_CHOICES, required=False, widget=forms.RadioSelect,
                                 label=_("Kind of organisation"))
    name = VisibleCharField(max_length=100, label=_("Name (person or organisation)"))
    id_type = forms.ChoiceField(choices=[("", "—")] + list(ID_DOCUMENT_TYPES.items()), required=False,
                                label=_("ID document"))
    id_number = forms.CharField(max_length=40, required=False, label=_("ID number"))
    credit_code = forms.CharField(max_length=18, required=False, label=_("Unified social credit code"))
    legal_representative = VisibleCharField(max_length=50, required=False, label=_("Legal representative"))
    contact_name = VisibleCharField(max_length=50, required=False, label=_("Contact person"))
    phone = forms.CharField(max_length=20, label=_("Phone"),
                            widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}))
    email = forms.EmailField(required=False, label=_("E-mail"))
    address = VisibleCharField(max_length=200, required=False, label=_("Postal address"))
    postcode = forms.RegexField(r"^\d{6}$", required=False, label=_("Postcode"),
                                error_messages={"invalid": "邮政编码应为6位数字。"})
    description = VisibleCharField(widget=forms.Textarea(attrs={"rows": 5}), max_length=4000,
                                  label=_("Description of the information (title, document number or other features)"),
                                  help_text=_("For a correction request: which record about you is inaccurate, and how "
                                              "it should read."))
    document_title = VisibleCharField(max_length=200, required=False, label=_("Title (optional)"))
    document_number = VisibleCharField(max_length=100, required=False, label=_("Document number (optional)"))
    purpose = VisibleCharField(max_length=200, required=False, label=_("Purpose (optional)"))
    info_form = forms.ChoiceField(choices=list(INFO_FORMS.items()), widget=forms.RadioSelect,
                                  label=_("Form of the information"), initial="electronic")
    delivery_methods = forms.MultipleChoiceField(choices=list(DELIVERY_METHODS.items()),
                                                 widget=forms.CheckboxSelectMultiple, label=_("How to obtain it"))
    identity_proof = forms.FileField(required=False, label=_("Proof of identity (PDF, JPG, PNG)"))
    supporting = forms.FileField(required=False, label=_("Other attachment (optional)"),
                                 help_text=_("For a correction request: the evidence that the record is inaccurate."))
    declaration = forms.BooleanField(label=_("I declare that the above is true and that I will use the information lawfully."))

    #: Fields that belong to one applicant type only (ecosystem §4.2). The template marks them with
    #: ``data-applicant``; ``static/gongkai/applicant.js`` hides the other type's fields. Without
    #: JavaScript every field shows, with a help text naming who fills it in; ``clean`` ignores the
    #: other type's fields either way.
    #: 条例第四十一条 asks for evidence: the public form takes it as the attachment; staff entering a
    #: request handed in on paper keep the evidence with the file.
    evidence_required = True

    APPLICANT_ONLY = {"org_kind": "organisation", "credit_code": "organisation", "legal_representative": "organisation",
                      "id_type": "citizen", "id_number": "citizen"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("token", secrets.token_urlsafe(24))
            self.group_agencies()  # a bound form validates against the queryset; grouped when shown again

    def clean(self):
        data = super().clean()
        if data.get("applicant_type") == "citizen":
            self._clean_citizen(data)
        elif data.get("applicant_type") == "organisation":
            self._clean_organisation(data)
        methods = data.get("delivery_methods") or []
        if "post" in methods and not data.get("address"):
            self.add_error("address", "选择邮寄时必须填写通信地址。")
        if "email" in methods and not data.get("email"):
            self.add_error("email", "选择电子邮件时必须填写电子邮箱。")
        phone = data.get("phone")
        if phone and (msg := identity.mobile_problem(phone)):
            self.add_error("phone", msg)
        data["kind"] = data.get("kind") or RequestKind.DISCLOSURE
        if data["kind"] == RequestKind.CORRECTION and self.evidence_required and not data.get("supporting") \
                and "supporting" not in self.errors:
            self.add_error("supporting", "要求更正与本人相关的政府信息记录，须提供证明该记录不准确的证据（条例第四十一条），"
                           "请作为附件上传。")
        data["attachments"] = self._checked_uploads()
        return data

    def _clean_citizen(self, data):
        if not data.get("id_type"):
            self.add_error("id_type", "请选择证件类型。")
        if not data.get("id_number"):
            self.add_error("id_number", "请填写证件号码。")
        elif data.get("id_type") == "resident_id":
            data["id_number"] = identifiers.normalise_identifier(data["id_number"])
            if msg := identity.resident_id_problem(data["id_number"]):
                self.add_error("id_number", msg)
        data["report_column"] = "natural_person"
        data["credit_code"] = data["legal_representative"] = ""

    def _clean_organisation(self, data):
        if not data.get("org_kind"):
            self.add_error("org_kind", "请选择组织类别。")
        code = identifiers.normalise_identifier(data.get("credit_code") or "")
        if not code:
            self.add_error("credit_code", "请填写统一社会信用代码。")
        elif msg := identity.credit_code_problem(code):
            self.add_error("credit_code", msg)
        data["credit_code"] = code
        if not data.get("legal_representative"):
            self.add_error("legal_representative", "请填写法定代表人。")
        if not data.get("contact_name"):
            self.add_error("contact_name", "请填写联系人姓名。")
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
        # Hundreds of agencies in one flat list are unusable: group them by 区县 (<optgroup>);
        # validation still goes through the queryset.
        field = self.fields["agency"]
        field.choices = [("", "---------"), *grouped_choices(field.queryset)]


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
        return {name: copy.deepcopy(field, memo) if name in self.per_instance else field
                for name, field in self.items()}


_mark_applicant_only(ApplicationForm)
ApplicationForm.base_fields = SharedFields(ApplicationForm.base_fields, frozenset({"agency"}))

STAFF_CHANNELS = [(k, v) for k, v in CHANNELS.items() if k != "online"]


class StaffEntryForm(ApplicationForm):
    channel = forms.ChoiceField(choices=STAFF_CHANNELS, label=_("Channel"))
    arrived_at = forms.DateTimeField(label=_("Arrived at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    received_on = forms.DateField(required=False, widget=DATE, label=_("Date of receipt (signed for / confirmed)"),
                                  help_text=_("Leave empty if not yet confirmed with the applicant."))
    declaration = forms.BooleanField(required=False, widget=forms.HiddenInput, initial=True)
    evidence_required = False  # paper evidence handed in stays with the file

    def __init__(self, agencies, *args, **kwargs):
        # The one-time token stays (as on the public form): posting the same entry twice registers
        # one application (services.register_application).
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.group_agencies()


class IdentifierField(forms.CharField):
    """A code typed from paper or read aloud: full-width forms, spaces and hyphens do not matter."""

    def to_python(self, value):
        return identifiers.normalise_identifier(super().to_python(value))


class TrackForm(forms.Form):
    query_code = IdentifierField(max_length=30, label=_("Query code"))
    secret = IdentifierField(max_length=30, label=_("Query password"), widget=forms.PasswordInput)


# ── handling ────────────────────────────────────────────────────────────────────────────────

def today_initial():
    return timezone.localdate()


class ConfirmReceiptForm(forms.Form):
    received_on = forms.DateField(widget=DATE, initial=today_initial, label=_("Date of receipt"))


class CorrectionForm(forms.Form):
    items = VisibleCharField(widget=forms.Textarea(attrs={"rows": 4}), label=_("Everything to correct, one per line"))
    sent_on = forms.DateField(widget=DATE, initial=today_initial, label=_("Notice sent on"))

    def clean_items(self):
        return [line for line in self.cleaned_data["items"].splitlines() if line.strip()]


class CorrectionReceivedForm(forms.Form):
    received_on = forms.DateField(widget=DATE, initial=today_initial, label=_("Corrected application received on"))


class ExtensionForm(forms.Form):
    workdays = forms.IntegerField(min_value=1, max_value=20, initial=20, label=_("Working days"))
    reason = VisibleCharField(widget=forms.Textarea(attrs={"rows": 2}), label=_("Reason"))
    notified_on = forms.DateField(widget=DATE, initial=today_initial, label=_("Applicant notified on"))


class ReasonableTimeForm(forms.Form):
    """条例第三十五条: a reasonable later deadline for an applicant's unusually many or frequent requests."""

    until = forms.DateField(widget=DATE, label=_("Reasonable reply deadline"))
    reason = VisibleCharField(widget=forms.Textarea(attrs={"rows": 2}), label=_("Reason"))
    notified_on = forms.DateField(widget=DATE, initial=today_initial, label=_("Applicant notified on"))


class ReasonsRequestForm(forms.Form):
    """条例第三十五条: ask the applicant to give reasons for unusually many or frequent applications."""

    volume = VisibleCharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=500,
                             label=_("Number and frequency of the applicant's applications"))
    reasons_due = forms.DateField(widget=DATE, label=_("Reasons to be given by"))
    sent_on = forms.DateField(widget=DATE, initial=today_initial, label=_("Notice sent on"))


class ReasonsAnswerForm(forms.Form):
    """条例第三十五条: the applicant's answer to the 说明理由告知书 (blank: no answer within the period)."""

    reasons = VisibleCharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000,
                              label=_("Reasons given by the applicant (leave blank if none were given in time)"))
    answered_on = forms.DateField(widget=DATE, initial=today_initial, label=_("Received on"))


class ConsultationStartForm(forms.Form):
    consultee_kind = forms.ChoiceField(choices=[("third_party", "第三方"), ("agency", "其他机关")], label=_("Consultee"))
    consultee = VisibleCharField(max_length=100, label=_("Name of the consultee"))
    sent_on = forms.DateField(widget=DATE, initial=today_initial, label=_("Letter sent on"))
    consultee_received_on = forms.DateField(widget=DATE, required=False, label=_("Consultee received it on"))


class ConsultationAnswerForm(forms.Form):
    position = forms.ChoiceField(choices=[("consent", "同意公开"), ("object", "不同意公开"), ("silent", "逾期未答复")],
                                 label=_("Position"))
    answered_on = forms.DateField(widget=DATE, initial=today_initial, label=_("Answer received on"))
    reasons = VisibleCharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("Reasons"))


class FeeNoticeForm(forms.Form):
    """按量: staff enter the page count. 按件: the item position is computed from the records
    (``services.fee_item_number``) and shown read-only; nothing typed here can change it."""

    takes_application = True
    pages = forms.IntegerField(min_value=1, required=False, label=_("Pages (按量)"))
    sent_on = forms.DateField(widget=DATE, initial=today_initial, label=_("Notice sent on"))
    applicant_received_on = forms.DateField(widget=DATE, required=False, label=_("Applicant received it on"))

    def __init__(self, *args, application=None, **kwargs):
        from . import services

        super().__init__(*args, **kwargs)
        if application is None or application.agency.fee_mode != "per_item":
            if application is not None:
                self.fields["pages"].required = True
            return
        self.fields.pop("pages")
        try:
            amount, basis = services.fee_for(application)
        except GongkaiError:  # not yet received: the service refuses with its own message
            return
        self.fields["item_number"] = forms.CharField(  # read-only, never read back
            required=False, disabled=True, label=_("Item this month (按件, computed from the records)"),
            initial=f"{basis}：{amount}元")
        self.order_fields(["item_number", "sent_on", "applicant_received_on"])


class FeePaymentForm(forms.Form):
    paid_on = forms.DateField(widget=DATE, initial=today_initial, label=_("Paid on"))
    receipt_number = VisibleCharField(max_length=40, required=False, label=_("Receipt number"))


def withholding_grounds() -> list[tuple[str, str]]:
    """The refusal outcomes a withheld part may rest on (条例第十四条至第十六条), from the core's table."""
    return [(code, outcomes.label(code)) for code in outcomes.OUTCOMES
            if outcomes.outcome(code).prior_review and code != "partly_granted"]


class WithheldPartForm(forms.Form):
    """One withheld part of a 部分公开 (条例第三十七条): what, on which ground, why (legal-rules §7.4)."""

    description = VisibleCharField(max_length=300, label=_("Withheld part"))
    ground = forms.ChoiceField(label=_("Ground for withholding it"))
    reason = VisibleCharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=1000, label=_("Reasons for withholding it"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ground"].choices = [("", "—"), *withholding_grounds()]


#: Up to 20 withheld parts; two blank rows by default, more through "add another part".
MAX_WITHHELD_PARTS = 20
WithheldPartFormSet = forms.formset_factory(WithheldPartForm, extra=0, max_num=MAX_WITHHELD_PARTS, validate_max=True)
WITHHELD_PREFIX = "withheld"


def withheld_formset(data=None, *, rows: int = 2):
    """Bound to ``data`` when it carries the formset (a POST without it has no withheld parts); otherwise
    ``rows`` blank rows."""
    if data is not None and f"{WITHHELD_PREFIX}-TOTAL_FORMS" in data:
        return WithheldPartFormSet(data, prefix=WITHHELD_PREFIX)
    formset = WithheldPartFormSet(prefix=WITHHELD_PREFIX)
    formset.extra = max(1, min(rows, MAX_WITHHELD_PARTS))
    return formset


class ReplyForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"))
    decided_on = forms.DateField(widget=DATE, initial=today_initial, label=_("Reply made and dispatched on"))
    reasons = VisibleCharField(widget=forms.Textarea(attrs={"rows": 3}), required=False,
                              label=_("Reasons, or where it is published, which agency holds it, the earlier reply"))
    public_interest = VisibleCharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False,
        label=_("Disclosing over a third party's objection: why withholding would seriously affect the public interest"),
        help_text=_("Art. 32: the third party is sent a notice of the decision to disclose."))

    def __init__(self, data=None, *args, withheld_rows: int = 2, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.fields["outcome"].choices = outcome_choices()
        self.withheld = withheld_formset(data, rows=withheld_rows)

    def clean(self):
        data = super().clean()
        data["withheld"] = []
        if not self.withheld.is_bound:
            return data
        if not self.withheld.is_valid():
            problems = [*self.withheld.non_form_errors()]
            for i, (part, errors) in enumerate(zip(self.withheld.forms, self.withheld.errors, strict=True), 1):
                problems += [f"第{i}项{part.fields[name].label if name in part.fields else ''}：{' '.join(e)}"
                             for name, e in errors.items()]
            raise forms.ValidationError("不予公开的部分填写有误：" + "；".join(problems))
        data["withheld"] = [part.cleaned_data for part in self.withheld.forms if part.has_changed()]
        return data


def _group_label(row_key: str) -> str:
    """The table-3 heading an outcome counts under: （三）不予公开 for ``withheld.*``; the row itself for
    （一）予以公开 and （二）部分公开 (without the counting note in the row's label)."""
    group = row_key.split(".", 1)[0]
    if group in REQUEST_GROUPS:
        return REQUEST_GROUPS[group]
    return REQUEST_ROWS[row_key].split("（区分", 1)[0]


def outcome_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Every outcome of ``gongkai.outcomes``, grouped (<optgroup>) as table 3 of the annual report groups them."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for code in outcomes.OUTCOMES:
        outcome = outcomes.outcome(code)
        groups.setdefault(_group_label(outcome.row_key), []).append((code, outcome.label))
    return list(groups.items())


class CorrectionReplyForm(forms.Form):
    """条例第四十一条: the answer to a request to correct a record about the requester."""

    result = forms.ChoiceField(label=_("Result"), choices=list(CORRECTION_RESULTS.items()))
    details = VisibleCharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000,
                              label=_("What was corrected, or why the record was not found inaccurate"))
    forwarded_to = VisibleCharField(max_length=100, required=False,
                                   label=_("Agency with power to correct (forwarded or redirected)"))
    decided_on = forms.DateField(widget=DATE, initial=today_initial, label=_("Reply made and dispatched on"))


class SplitForm(forms.Form):
    items = VisibleCharField(widget=forms.Textarea(attrs={"rows": 4}), label=_("One item per line"))

    def clean_items(self):
        return [line for line in self.cleaned_data["items"].splitlines() if line.strip()]


class WithdrawForm(forms.Form):
    on = forms.DateField(widget=DATE, initial=today_initial, label=_("Withdrawn on"))
    reason = VisibleCharField(max_length=200, required=False, label=_("Reason"))


class WorklistFilterForm(forms.Form):
    q = forms.CharField(required=False, label=_("Search"))
    view = forms.ChoiceField(choices=[("open", _("open")), ("due_soon", _("due soon")), ("overdue", _("overdue")),
                                      ("unconfirmed", _("receipt not confirmed")),
                                      ("closed", _("closed")), ("all", _("all"))], required=False)
