"""The admin speaks Chinese: every page of the project's apps (lists, add and change forms) names its
models, fields and columns in Chinese, not in the English of the code."""

from __future__ import annotations

import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import User

from .fixtures import PASSWORD

#: Latin words an admin page may show: file types, proper names, and codes.
ALLOWED = {"PDF", "DOCX", "OFD", "JPG", "PNG", "TOTP", "Django", "gongkai", "UTC", "CSV", "JSON"}


def _visible_words(html: str) -> set[str]:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    body = re.sub(r"<[^>]+>", " ", body)
    # The data an event or audit entry recorded, shown as recorded (JSON): values, not wording.
    body = re.sub(r"[\[{]&quot;.*?[\]}](?=\s|$)", " ", body, flags=re.M)
    body = re.sub(r"&[a-z]+;|&#\d+;", " ", body)
    return {w for w in re.findall(r"[A-Za-z][A-Za-z']{2,}", body) if w not in ALLOWED}


def _project_models():
    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if model.__module__.startswith("gongkai_web.")
    ]


@pytest.mark.parametrize("page", ["changelist", "add", "change"])
def test_every_admin_page_of_the_projects_apps_is_in_chinese(client, world, page):
    User.objects.create_superuser("root", password=PASSWORD)
    client.force_login(User.objects.get(username="root"))
    from gongkai_web.applications.models import Application

    # The records' own values are data, not wording: user names, query codes, e-mail addresses.
    data = set(User.objects.values_list("username", flat=True))
    for code, email in Application.objects.values_list("query_code", "email"):
        data |= set(re.findall(r"[A-Za-z]+", code + " " + email))
    found = {}
    for model, _model_admin in _project_models():
        meta = model._meta
        base = f"/admin/{meta.app_label}/{meta.model_name}/"
        if page == "changelist":
            url = base
        elif page == "add":
            url = f"{base}add/"
        else:
            obj = model.objects.first()
            if obj is None:
                continue
            url = f"{base}{obj.pk}/change/"
        response = client.get(url)
        if response.status_code != 200:
            continue  # pages the admin does not offer (no add for the audit trail)
        words = _visible_words(response.content.decode()) - data
        if words:
            found[url] = sorted(words)
    assert found == {}, found
