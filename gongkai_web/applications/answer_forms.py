"""The applicant's answer to a 补正申请告知书 on her tracking page: what she corrects, and files (checked as
the application form's attachments are: ``uploads.check_upload``). Forms only validate; the service
``receive_correction`` records the corrected application."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai_web.form_messages import Form

from .form_fields import VisibleCharField
from .uploads import check_upload


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; cleans to a list (empty when none was chosen)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class CorrectionAnswerForm(Form):
    text = VisibleCharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=4000,
        required=False,
        label=gettext_lazy("Your correction"),
        help_text=gettext_lazy("What you correct or add, for each item the notice lists."),
    )
    material = MultipleFileField(required=False, label=gettext_lazy("Corrected material (optional)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["material"].help_text = _(
            "PDF, JPG, PNG, OFD or DOCX; up to %(count)s files of %(size)s MB each. If the form is shown "
            "again with an error, choose the files again."
        ) % {
            "count": settings.GONGKAI_ATTACHMENT_MAX_COUNT,
            "size": settings.GONGKAI_ATTACHMENT_MAX_BYTES // 1048576,
        }

    def clean(self):
        data = super().clean()
        assert data is not None  # Form.clean returns cleaned_data
        files = data.get("material") or []
        checked = []
        if len(files) > settings.GONGKAI_ATTACHMENT_MAX_COUNT:
            self.add_error(
                "material",
                _("Please attach at most %(count)s files.")
                % {"count": settings.GONGKAI_ATTACHMENT_MAX_COUNT},
            )
        else:
            for upload in files:
                try:
                    checked.append(check_upload(upload, "correction"))
                except forms.ValidationError as exc:
                    self.add_error("material", exc)
        if not data.get("text") and not files and not self.errors:
            self.add_error(
                None, _("Please write what you correct, or attach the corrected material, before submitting.")
            )
        data["attachments"] = checked
        return data
