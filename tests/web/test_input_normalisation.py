"""Input normalisation on the public form (issue "Safe by default", item 5): what cannot be seen is not
a value, identifiers are stored in one form."""

from __future__ import annotations

import pytest

from gongkai_web.applications.models import Application

from .fixtures import VALID_ID, form_data


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in text)


def test_a_name_made_only_of_zero_width_characters_is_refused_and_nothing_is_stored(client, world):
    response = client.post("/apply/", form_data(world, name="\u200b\u200c\u200d\ufeff\u2060"))
    assert response.status_code == 200
    assert not Application.objects.filter(submission_token="tok-123").exists()
    assert "name" in response.context["form"].errors


def test_control_and_invisible_characters_are_dropped_from_a_name_that_has_visible_ones(client, world):
    client.post("/apply/", form_data(world, name="张\u200b三\x07"))
    assert Application.objects.get(submission_token="tok-123").name == "张三"


def test_an_id_number_typed_with_spaces_or_in_full_width_is_stored_compact(client, world):
    typed = _full_width(VALID_ID[:6]) + " " + VALID_ID[6:14] + "\u3000" + VALID_ID[14:].lower()
    client.post("/apply/", form_data(world, id_number=typed))
    assert Application.objects.get(submission_token="tok-123").id_number == VALID_ID.upper()


def test_a_description_keeps_its_line_breaks_but_not_its_control_characters(client, world):
    client.post("/apply/", form_data(world, description="第一项\r\n第二项\x00\u202e"))
    assert Application.objects.get(submission_token="tok-123").description == "第一项\n第二项"


def test_a_query_code_and_password_typed_in_full_width_with_spaces_open_the_application(client, world):
    full_width = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"})
    code = " ".join(world.app_b.query_code[i : i + 4] for i in range(0, 12, 4)).translate(full_width)
    secret = world.app_b.secret.lower().translate(full_width) + "\u200b"
    assert client.post("/track/", {"query_code": code, "secret": secret}).status_code == 302
    assert client.get(f"/track/{world.app_b.query_code}/").status_code == 200


@pytest.mark.parametrize("field", ["reason"])
def test_a_staff_reason_of_invisible_characters_only_is_refused(field):
    from gongkai_web.applications.forms import ExtensionForm

    form = ExtensionForm({field: "\u200b\u200d\u2060 \x07", "new_due_on": "2026-12-31"})
    assert not form.is_valid() and field in form.errors


def test_every_free_text_field_of_the_staff_forms_keeps_only_visible_text():
    from django import forms as django_forms

    from gongkai_web.applications import forms, handling_forms

    loose = []
    classes = [
        (name, getattr(module, name))
        for module in (forms, handling_forms)
        for name in dir(module)
        if getattr(getattr(module, name), "__module__", None) == module.__name__
    ]
    for name, form_class in classes:
        if isinstance(form_class, type) and issubclass(form_class, django_forms.Form):
            for field_name, field in form_class.base_fields.items():
                if type(field) is django_forms.CharField and not isinstance(
                    field.widget, django_forms.HiddenInput
                ):
                    loose.append(f"{name}.{field_name}")
    # Checked in clean_*: the identifiers and the phone are normalised there (tested above).
    assert sorted(loose) == [
        "ApplicationForm.credit_code",
        "ApplicationForm.id_number",
        "ApplicationForm.phone",
        "StaffEntryForm.credit_code",
        "StaffEntryForm.id_number",
        "StaffEntryForm.phone",
        "WorklistFilterForm.q",
    ]
