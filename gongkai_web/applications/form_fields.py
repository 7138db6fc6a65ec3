"""Fields shared by the intake forms (``forms``) and the handling forms (``handling_forms``)."""

from __future__ import annotations

from django import forms

from gongkai import identifiers

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")  # <input type=date> takes ISO dates only


class VisibleCharField(forms.CharField):
    """A text field that keeps only what can be seen (``gongkai.identifiers.visible_text``): a value made
    only of zero-width or control characters is empty, and refused where the field is required."""

    def to_python(self, value):
        text = super().to_python(value)
        return (
            identifiers.visible_text(text, multiline=isinstance(self.widget, forms.Textarea))
            if text
            else text
        )
