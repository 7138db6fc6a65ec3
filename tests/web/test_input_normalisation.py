"""Input normalisation on the public form (issue "Safe by default", item 5): what cannot be seen is not
a value, identifiers are stored in one form."""

from __future__ import annotations

from gongkai_web.applications.models import Application

from .fixtures import VALID_ID
from .test_intake import form_data


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
