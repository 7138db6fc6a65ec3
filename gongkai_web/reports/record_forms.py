"""Forms of the report pages: they only validate (the services decide)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai import labels
from gongkai_web.agencies.models import Agency


class DraftForm(forms.Form):
    agency: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=Agency.objects.none(), label=_("Agency"), empty_label=None
    )
    year = forms.IntegerField(label=_("Report year"), min_value=2008, max_value=2100)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]


class NarrativeForm(forms.Form):
    label_suffix = ""  # the headings are the format's, exact: nothing appended
    # The official headings of the narrative sections (annual-report format §1), exact.
    general = forms.CharField(
        label=labels.SECTION_GENERAL, required=False, widget=forms.Textarea(attrs={"rows": 10})
    )
    problems = forms.CharField(
        label=labels.SECTION_PROBLEMS, required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    other = forms.CharField(
        label=labels.SECTION_OTHER, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class PublishForm(forms.Form):
    bypass_reason = forms.CharField(
        label=_("Reason for publishing although checks fail (only if they fail)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CorrectForm(PublishForm):
    reason = forms.CharField(label=_("Reason for the correction"), widget=forms.Textarea(attrs={"rows": 2}))
