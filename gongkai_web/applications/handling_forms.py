"""The handling forms, one per step of ``workflow.ACTIONS``: they parse and validate what staff type;
they never change domain state (services do)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai import outcomes
from gongkai.deadlines import CONSULTATION_POSITIONS, CONSULTEES, MAX_EXTENSION_WORKDAYS
from gongkai.errors import GongkaiError
from gongkai.labels import PARTLY_GRANTED_COUNTING_NOTE, REQUEST_GROUPS, REQUEST_ROWS
from gongkai.letters import CORRECTION_RESULTS, DETERMINING_BODIES
from gongkai_web.form_messages import Form

from .form_fields import DATE, VisibleCharField

# ── handling ────────────────────────────────────────────────────────────────────────────────


def today_initial():
    return timezone.localdate()


class ConfirmReceiptForm(Form):
    received_on = forms.DateField(widget=DATE, initial=today_initial, label=_("Date of receipt"))


class CorrectionForm(Form):
    items = VisibleCharField(
        widget=forms.Textarea(attrs={"rows": 4}), label=_("Everything to correct, one per line")
    )
    sent_on = forms.DateField(widget=DATE, initial=today_initial, label=_("Notice sent on"))

    def clean_items(self):
        return [line for line in self.cleaned_data["items"].splitlines() if line.strip()]


class CorrectionReceivedForm(Form):
    received_on = forms.DateField(
        widget=DATE, initial=today_initial, label=_("Corrected application received on")
    )


class ExtensionForm(Form):
    workdays = forms.IntegerField(
        min_value=1, max_value=MAX_EXTENSION_WORKDAYS, initial=MAX_EXTENSION_WORKDAYS, label=_("Working days")
    )
    reason = VisibleCharField(widget=forms.Textarea(attrs={"rows": 2}), label=_("Reason"))
    notified_on = forms.DateField(widget=DATE, initial=today_initial, label=_("Applicant notified on"))


class ReasonableTimeForm(Form):
    """条例第三十五条: a reasonable later deadline for an applicant's unusually many or frequent requests."""

    until = forms.DateField(widget=DATE, label=_("Reasonable reply deadline"))
    reason = VisibleCharField(widget=forms.Textarea(attrs={"rows": 2}), label=_("Reason"))
    notified_on = forms.DateField(widget=DATE, initial=today_initial, label=_("Applicant notified on"))


class ReasonsRequestForm(Form):
    """条例第三十五条: ask the applicant to give reasons for unusually many or frequent applications."""

    volume = VisibleCharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=500,
        label=_("Number and frequency of the applicant's applications"),
    )
    reasons_due = forms.DateField(widget=DATE, label=_("Reasons to be given by"))
    sent_on = forms.DateField(widget=DATE, initial=today_initial, label=_("Notice sent on"))


class ReasonsAnswerForm(Form):
    """条例第三十五条: the applicant's answer to the 说明理由告知书 (blank: no answer within the period)."""

    reasons = VisibleCharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        label=_("Reasons given by the applicant (leave blank if none were given in time)"),
    )
    answered_on = forms.DateField(widget=DATE, initial=today_initial, label=_("Received on"))


class ConsultationStartForm(Form):
    consultee_kind = forms.ChoiceField(
        choices=[(k, v[0]) for k, v in CONSULTEES.items()], label=_("Consultee")
    )
    consultee = VisibleCharField(max_length=100, label=_("Name of the consultee"))
    sent_on = forms.DateField(widget=DATE, initial=today_initial, label=_("Letter sent on"))
    consultee_received_on = forms.DateField(widget=DATE, required=False, label=_("Consultee received it on"))


class ConsultationAnswerForm(Form):
    position = forms.ChoiceField(
        choices=list(CONSULTATION_POSITIONS.items()),
        label=_("Position"),
    )
    answered_on = forms.DateField(widget=DATE, initial=today_initial, label=_("Answer received on"))
    reasons = VisibleCharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("Reasons"))


class ReferralForm(Form):
    """条例第十七条: the agency cannot judge whether the information may be disclosed and refers it."""

    body_kind = forms.ChoiceField(choices=list(DETERMINING_BODIES.items()), label=_("Referred to"))
    body = VisibleCharField(max_length=100, label=_("Name of the department"))
    subject = VisibleCharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        label=_("Information whose disclosure could not be judged"),
    )
    referred_on = forms.DateField(widget=DATE, initial=today_initial, label=_("Referred on"))


class DeterminationForm(Form):
    result = forms.ChoiceField(choices=[], label=_("Determination"))
    determined_on = forms.DateField(widget=DATE, initial=today_initial, label=_("Determination received on"))
    details = VisibleCharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000, label=_("Details")
    )

    def __init__(self, *args, **kwargs):
        from .services.referral import DETERMINATIONS

        super().__init__(*args, **kwargs)
        self.fields["result"].choices = list(DETERMINATIONS.items())  # type: ignore[attr-defined]


class FeeNoticeForm(Form):
    """按量: staff enter the page count. 按件: the item position is computed from the records
    (``services.fee_item_number``) and shown read-only; nothing typed here can change it."""

    takes_application = True
    pages = forms.IntegerField(min_value=1, required=False, label=_("Pages (per-page fee)"))
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
            required=False,
            disabled=True,
            label=_("Item this month (per-item fee, computed from the records)"),
            initial=_("%(basis)s: %(amount)s yuan") % {"basis": basis, "amount": amount},
        )
        self.order_fields(["item_number", "sent_on", "applicant_received_on"])


class FeePaymentForm(Form):
    paid_on = forms.DateField(widget=DATE, initial=today_initial, label=_("Paid on"))
    receipt_number = VisibleCharField(max_length=40, required=False, label=_("Receipt number"))


def withholding_grounds() -> list[tuple[str, str]]:
    """The refusal outcomes a withheld part may rest on (条例第十四条至第十六条), from the core's table."""
    return [
        (code, outcomes.label(code))
        for code in outcomes.OUTCOMES
        if outcomes.outcome(code).prior_review and code != "partly_granted"
    ]


class WithheldPartForm(Form):
    """One withheld part of a 部分公开 (条例第三十七条): what, on which ground, why (legal-rules §7.4)."""

    description = VisibleCharField(max_length=300, label=_("Withheld part"))
    ground = forms.ChoiceField(label=_("Ground for withholding it"))
    reason = VisibleCharField(
        widget=forms.Textarea(attrs={"rows": 2}), max_length=1000, label=_("Reasons for withholding it")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ground = self.fields["ground"]
        assert isinstance(ground, forms.ChoiceField)
        ground.choices = [("", "—"), *withholding_grounds()]


#: Up to 20 withheld parts; two blank rows by default, more through "add another part".
MAX_WITHHELD_PARTS = 20
WithheldPartFormSet = forms.formset_factory(
    WithheldPartForm, extra=0, max_num=MAX_WITHHELD_PARTS, validate_max=True
)
WITHHELD_PREFIX = "withheld"


def withheld_formset(data=None, *, rows: int = 2):
    """Bound to ``data`` when it carries the formset (a POST without it has no withheld parts); otherwise
    ``rows`` blank rows."""
    if data is not None and f"{WITHHELD_PREFIX}-TOTAL_FORMS" in data:
        return WithheldPartFormSet(data, prefix=WITHHELD_PREFIX)
    formset = WithheldPartFormSet(prefix=WITHHELD_PREFIX)
    formset.extra = max(1, min(rows, MAX_WITHHELD_PARTS))
    return formset


class ReplyForm(Form):
    """The reply draft (``services.save_reply_draft``): no outcome is preselected, the handler chooses one.
    The date is given when the reply is issued (``IssueReplyForm``)."""

    outcome = forms.ChoiceField(label=_("Outcome"))
    reasons = VisibleCharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label=_("Reasons, or where it is published, which agency holds it, the earlier reply"),
    )
    public_interest = VisibleCharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        label=_(
            "Disclosing over a third party's objection: why withholding would seriously affect the public interest"
        ),
        help_text=_("Art. 32: the third party is sent a notice of the decision to disclose."),
    )

    def __init__(self, data=None, *args, withheld_rows: int = 2, **kwargs):
        super().__init__(data, *args, **kwargs)
        outcome = self.fields["outcome"]
        assert isinstance(outcome, forms.ChoiceField)
        outcome.choices = [("", _("— please choose the outcome —")), *outcome_choices()]
        self.withheld = withheld_formset(data, rows=withheld_rows)

    @classmethod
    def for_draft(cls, draft, *, withheld_rows: int = 2) -> ReplyForm:
        """The form holding ``draft``'s values, to change it (its withheld parts, and one blank row)."""
        form = cls(
            initial={
                "outcome": draft.outcome,
                "reasons": draft.reasons,
                "public_interest": draft.public_interest,
            },
            withheld_rows=withheld_rows,
        )
        parts = list(draft.withheld)
        if parts:
            # the saved parts as ordinary rows (INITIAL_FORMS 0: a row cleared is a part removed), one blank more
            formset = WithheldPartFormSet(prefix=WITHHELD_PREFIX, initial=parts)
            formset.initial_form_count = lambda: 0  # type: ignore[method-assign]
            formset.extra = min(max(len(parts) + 1, withheld_rows), MAX_WITHHELD_PARTS)
            form.withheld = formset
        return form

    def clean(self):
        data = super().clean()
        assert data is not None  # Form.clean returns cleaned_data
        data["withheld"] = []
        if not self.withheld.is_bound:
            return data
        if not self.withheld.is_valid():
            problems = [*self.withheld.non_form_errors()]
            for i, (part, errors) in enumerate(
                zip(self.withheld.forms, self.withheld.errors, strict=True), 1
            ):
                problems += [
                    _("Part %(n)s, %(field)s: %(errors)s")
                    % {
                        "n": i,
                        "field": part.fields[name].label if name in part.fields else "",
                        "errors": " ".join(e),
                    }
                    for name, e in errors.items()
                ]
            raise forms.ValidationError(
                _("The withheld parts are not filled in correctly: %(problems)s")
                % {"problems": "；".join(problems)}
            )
        data["withheld"] = [part.cleaned_data for part in self.withheld.forms if part.has_changed()]
        return data


class IssueReplyForm(forms.Form):
    """Issuing a reply draft: the date of the letter, the version previewed, and the handler's confirmation
    that the step cannot be undone."""

    decided_on = forms.DateField(widget=DATE, initial=today_initial, label=_("Reply made and dispatched on"))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    #: The page says above it, in bold: 签发后将编号并送达申请人，不能撤回.
    confirm = forms.BooleanField(label=_("I have checked the preview: issue this reply now."))


class SignOffForm(forms.Form):
    """The approver's sign-off of the version she read."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ReturnDraftForm(forms.Form):
    """The approver returns the draft, saying what to change."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    comment = VisibleCharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, label=_("What should be changed")
    )


def _group_label(row_key: str) -> str:
    """The table-3 heading an outcome counts under: （三）不予公开 for ``withheld.*``; the row itself for
    （一）予以公开 and （二）部分公开 (without the counting note in the row's label)."""
    group = row_key.split(".", 1)[0]
    if group in REQUEST_GROUPS:
        return REQUEST_GROUPS[group]
    return REQUEST_ROWS[row_key].removesuffix(PARTLY_GRANTED_COUNTING_NOTE)


def outcome_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Every outcome of ``gongkai.outcomes``, grouped (<optgroup>) as table 3 of the annual report groups them."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for code in outcomes.OUTCOMES:
        outcome = outcomes.outcome(code)
        groups.setdefault(_group_label(outcome.row_key), []).append((code, outcome.label))
    return list(groups.items())


class CorrectionReplyForm(Form):
    """条例第四十一条: the answer to a request to correct a record about the requester."""

    result = forms.ChoiceField(label=_("Result"), choices=list(CORRECTION_RESULTS.items()))
    details = VisibleCharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        label=_("What was corrected, or why the record was not found inaccurate"),
    )
    forwarded_to = VisibleCharField(
        max_length=100, required=False, label=_("Agency with power to correct (forwarded or redirected)")
    )
    decided_on = forms.DateField(widget=DATE, initial=today_initial, label=_("Reply made and dispatched on"))


class SplitForm(Form):
    items = VisibleCharField(widget=forms.Textarea(attrs={"rows": 4}), label=_("One item per line"))

    def clean_items(self):
        return [line for line in self.cleaned_data["items"].splitlines() if line.strip()]


class WithdrawForm(Form):
    on = forms.DateField(widget=DATE, initial=today_initial, label=_("Withdrawn on"))
    reason = VisibleCharField(max_length=200, required=False, label=_("Reason"))
