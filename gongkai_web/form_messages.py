"""Error messages that name the field, in plain words: “申请内容最多 4000 字，现有 4213 字。” rather than
Django's generic “确保该变量包含不超过 4000 字符”. Every form of the project derives from ``Form`` (or
mixes in ``PlainMessages``); a message a form sets itself is kept."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext as _


def short_label(field: forms.Field, name: str) -> str:
    """The field's label without its parenthesised explanation (“标题（选填）” → “标题”)."""
    label = str(field.label) if field.label else name
    return re.split(r"\s*[（(]", label, maxsplit=1)[0].strip() or label


def _defaults(field: forms.Field) -> dict:
    messages: dict = {}
    for cls in reversed(type(field).__mro__):
        messages.update(getattr(cls, "default_error_messages", {}))
    return messages


def plain_messages(field: forms.Field, name: str) -> dict[str, str]:
    """The messages for ``field`` (``%(limit_value)d``-style parameters left for Django to fill in)."""
    label = short_label(field, name).replace("%", "%%")
    found: dict[str, str] = {}
    if isinstance(field, forms.BooleanField):
        found["required"] = _("Please tick the box: %(label)s") % {"label": label}
    elif isinstance(field, forms.FileField):
        found["required"] = _("Please upload %(label)s.") % {"label": label}
    elif isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        found["required"] = _("Please choose %(label)s.") % {"label": label}
        found["invalid_choice"] = _("The %(label)s chosen is not in the list; please choose a valid one.") % {
            "label": label
        }
    else:
        found["required"] = _("Please fill in %(label)s.") % {"label": label}
    if isinstance(field, forms.DateTimeField):
        found["invalid"] = _("%(label)s is not a valid date and time.") % {"label": label}
    elif isinstance(field, forms.DateField):
        found["invalid"] = _(
            "%(label)s is not a valid date; write it as year-month-day, e.g. 2025-11-03."
        ) % {"label": label}
    elif isinstance(field, forms.IntegerField):
        found["invalid"] = _("%(label)s must be a whole number.") % {"label": label}
        found["min_value"] = _("%(label)s must be at least %(limit)s.") % {
            "label": label,
            "limit": "%(limit_value)s",
        }
        found["max_value"] = _("%(label)s must be at most %(limit)s.") % {
            "label": label,
            "limit": "%(limit_value)s",
        }
    elif isinstance(field, forms.EmailField):
        found["invalid"] = _("%(label)s is not a valid e-mail address.") % {"label": label}
    if isinstance(field, forms.CharField):
        found["max_length"] = _("%(label)s can have at most %(limit)s characters; it has %(count)s.") % {
            "label": label,
            "limit": "%(limit_value)d",
            "count": "%(show_value)d",
        }
        found["min_length"] = _("%(label)s needs at least %(limit)s characters; it has %(count)s.") % {
            "label": label,
            "limit": "%(limit_value)d",
            "count": "%(show_value)d",
        }
    return found


class _PlainErrorMessages(dict):
    """A field's error messages with the plain ones worked out at first use. A message is only read
    when the field fails, so a valid submission never pays for building them (some 25 fields' worth
    of translations on the application form, a tenth of a submission's CPU)."""

    def __init__(self, field: forms.Field, name: str):
        super().__init__(field.error_messages)
        self._field, self._name = field, name
        self._plain: dict[str, str] | None = None

    def _plain_messages(self) -> dict[str, str]:
        if self._plain is None:
            defaults = _defaults(self._field)
            self._plain = {
                code: message
                for code, message in plain_messages(self._field, self._name).items()
                if not dict.__contains__(self, code) or dict.__getitem__(self, code) == defaults.get(code)
            }
        return self._plain

    def __getitem__(self, code):
        plain = self._plain_messages()
        return plain[code] if code in plain else dict.__getitem__(self, code)

    def get(self, code, default=None):
        return self[code] if code in self or code in self._plain_messages() else default

    def __contains__(self, code) -> bool:
        return dict.__contains__(self, code) or code in self._plain_messages()

    def copy(self) -> dict:
        return {**dict(self), **self._plain_messages()}


def name_the_fields(form: forms.BaseForm) -> None:
    """Give each of ``form``'s fields the plain messages, where it still has Django's defaults."""
    for name, field in form.fields.items():
        field.error_messages = _PlainErrorMessages(field, name)


class PlainMessages:
    """Mix into a form (before the Django form class) to name the fields in its error messages."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_the_fields(self)  # type: ignore[arg-type]


class Form(PlainMessages, forms.Form):
    """The project's form: Django's, with messages that name the field."""
