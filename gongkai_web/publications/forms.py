"""The library's forms, one per step of ``workflow.STEPS`` plus the draft and the list filter: they
parse and validate what staff type; they never change domain state (the services do, and decide the
rules: a short comment period, a missing reason, a date out of order)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.publications.docnumber import parse_search_number
from gongkai.publications.validity import ValidityStatus
from gongkai_web.agencies.models import Agency
from gongkai_web.applications.form_fields import DATE, VisibleCharField
from gongkai_web.form_messages import Form

from .models import DocumentKind, EffectKind, Publicity, Stage


def today_initial():
    return timezone.localdate()


def _day(label) -> forms.DateField:
    return forms.DateField(widget=DATE, initial=today_initial, label=label)


def _note(label, *, required: bool = False, rows: int = 2) -> VisibleCharField:
    return VisibleCharField(widget=forms.Textarea(attrs={"rows": rows}), label=label, required=required)


def _yes_no(label, yes, no) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        choices=((True, yes), (False, no)),
        coerce=lambda value: value in (True, "True"),
        widget=forms.RadioSelect,
        label=label,
    )


class DraftForm(Form):
    agency: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=Agency.objects.none(), label=_("issuing agency"), empty_label=None
    )
    kind = forms.ChoiceField(choices=DocumentKind.choices, label=_("kind"))
    title = VisibleCharField(max_length=300, label=_("title"))
    issuer_code = VisibleCharField(
        max_length=20,
        required=False,
        label=_("issuer code"),
        help_text=_("The part of the document number before the year; the serial is given at registration."),
    )
    formed_on = _day(_("date formed"))
    summary = _note(_("summary"), rows=3)
    topic = VisibleCharField(max_length=60, required=False, label=_("topic"))
    genre = VisibleCharField(max_length=20, required=False, label=_("genre"))
    co_issuers: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        queryset=Agency.objects.none(),
        required=False,
        label=_("joint issuers"),
        help_text=_(
            "Other agencies issuing the document jointly; the issuing agency above leads (its number is used)."
        ),
    )

    def __init__(self, agencies, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]
        self.fields["co_issuers"].queryset = Agency.objects.order_by("path")  # type: ignore[attr-defined]


class OpenCommentForm(Form):
    opened_on = _day(_("call for comments opened on"))
    closes_on = forms.DateField(widget=DATE, label=_("call for comments closes on"))
    where = VisibleCharField(max_length=200, required=False, label=_("where it was published"))


class CloseCommentForm(Form):
    on = _day(_("call for comments closed on"))
    comments = forms.IntegerField(min_value=0, initial=0, label=_("comments received"))
    response = _note(_("response to the comments (published with the document)"), rows=3)


class LegalityReviewForm(Form):
    on = _day(_("date of the legality review"))
    passed = _yes_no(_("result"), _("passed"), _("not passed"))
    note = _note(_("note"))


class DeliberationForm(Form):
    on = _day(_("date of the deliberation"))
    body = VisibleCharField(max_length=200, label=_("meeting that deliberated the draft"))


class ProposePublicityForm(Form):
    publicity = forms.ChoiceField(choices=Publicity.choices, widget=forms.RadioSelect, label=_("publicity"))
    reason = _note(
        _("reason (the article of the Regulations it rests on)"),
    )
    on = _day(_("date of the proposal"))


class SecrecyReviewForm(Form):
    on = _day(_("date of the review"))
    agreed = _yes_no(_("opinion"), _("agreed"), _("not agreed"))
    note = _note(_("note"))


class SignForm(Form):
    on = _day(_("date signed"))


class RegisterForm(Form):
    on = _day(_("date of registration"))


class PublishForm(Form):
    on = _day(_("date published"))
    effective_on = forms.DateField(widget=DATE, required=False, label=_("effective from"))
    valid_until = forms.DateField(
        widget=DATE,
        required=False,
        label=_("valid until"),
        help_text=_("The last day in force; empty: no end set."),
    )


class FilingForm(Form):
    on = _day(_("date filed"))
    filed_with = VisibleCharField(max_length=200, label=_("filed with"))
    receipt = VisibleCharField(
        max_length=100, required=False, label=_("filing receipt (registration number)")
    )


class FilingResultForm(Form):
    on = _day(_("date of the filing result"))
    outcome = _note(_("result of the filing review"), required=True)


class WithdrawForm(Form):
    reason = _note(
        _("why the document is withdrawn from the public (kept in its record, not shown to the public)"),
        required=True,
    )


class RedactedVersionForm(Form):
    text = _note(_("text as published, the withheld parts removed"), required=True, rows=12)


class EvaluationForm(Form):
    on = _day(_("date of the evaluation"))
    conclusion = _note(_("conclusion of the evaluation"), required=True, rows=3)
    keep = _yes_no(
        _("The document should"), _("continue (renew its validity)"), _("lapse at the end of its validity")
    )


class EffectForm(Form):
    """What this (published) document does to another, picked by its 文号 or a part of its title among
    the published documents the user may see."""

    target = VisibleCharField(
        max_length=300,
        label=_("other document (document number or title)"),
        help_text=_("Type its document number or a part of its title."),
    )
    kind = forms.ChoiceField(choices=EffectKind.choices, widget=forms.RadioSelect, label=_("effect"))
    on = _day(_("effect applies from"))
    valid_until = forms.DateField(
        widget=DATE,
        required=False,
        label=_("new end of validity"),
        help_text=_("Only for a renewal; empty: no end."),
    )

    def __init__(self, data=None, *, candidates, **kwargs):
        super().__init__(data, **kwargs)
        self.candidates = candidates
        self.fields["target"].widget.attrs["list"] = "effect-targets"

    def clean_target(self):
        typed = self.cleaned_data["target"].strip()
        parsed = parse_search_number(typed)
        number = str(parsed) if parsed else ""
        found = list(self.candidates.filter(number=number)[:2]) if number else []
        if not found:
            found = list(self.candidates.filter(title=typed)[:2]) or list(
                self.candidates.filter(title__icontains=typed)[:2]
            )
        if not found:
            raise ValidationError(
                _("No published document numbered or titled “%(typed)s” was found."), params={"typed": typed}
            )
        if len(found) > 1:
            raise ValidationError(
                _("More than one document matches “%(typed)s”: type its document number."),
                params={"typed": typed},
            )
        return found[0]


#: File kinds a document's text is read from: extension → (content type, first bytes).
TEXT_FILES = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
    "pdf": ("application/pdf", (b"%PDF-",)),
    "html": ("text/html", (b"<",)),
    "htm": ("text/html", (b"<",)),
}


class AttachmentForm(Form):
    """A 附件 of the document: the types the platform accepts (``applications.uploads``), checked by the service."""

    file = forms.FileField(label=_("attachment (PDF, JPG, PNG, OFD or DOCX)"))


class TextForm(Form):
    """The file of the draft's text: DOCX, PDF or HTML, its type decided by its first bytes (like the
    applicants' attachments, ``applications.uploads``) and its size limited."""

    file = forms.FileField(label=_("file of the text (DOCX, PDF or HTML)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.GONGKAI_ATTACHMENT_MAX_BYTES
        if upload.size > limit:
            raise ValidationError(
                _("The file “%(name)s” is %(size)s MB, over the limit of %(limit)s MB."),
                params={
                    "name": upload.name,
                    "size": f"{upload.size / 1048576:.1f}",
                    "limit": limit // 1048576,
                },
            )
        ext = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if ext not in TEXT_FILES:
            raise ValidationError(
                _("The file “%(name)s” is of a type not supported; please upload a DOCX, PDF or HTML file."),
                params={"name": upload.name},
            )
        content_type, magics = TEXT_FILES[ext]
        upload.seek(0)
        head = upload.read(2048).lstrip(b"\xef\xbb\xbf \t\r\n")
        if not any(head.startswith(m) for m in magics):
            raise ValidationError(
                _(
                    "The content of the file “%(name)s” does not match its extension (.%(ext)s); please upload the real file."
                ),
                params={"name": upload.name, "ext": ext},
            )
        upload.seek(0)
        return {"data": upload.read(), "name": upload.name, "content_type": content_type}


VALIDITY_FILTER = [(status.value, status.label) for status in ValidityStatus] + [
    ("unpublished", _("not published"))
]


class LibraryFilterForm(Form):
    q = forms.CharField(required=False, label=_("document number or title"))
    kind = forms.ChoiceField(choices=[("", _("all")), *DocumentKind.choices], required=False, label=_("kind"))
    stage = forms.ChoiceField(choices=[("", _("all")), *Stage.choices], required=False, label=_("stage"))
    year = forms.IntegerField(min_value=1949, max_value=2100, required=False, label=_("year"))
    validity = forms.ChoiceField(
        choices=[("", _("all")), *VALIDITY_FILTER], required=False, label=_("validity today")
    )
