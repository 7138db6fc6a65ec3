"""The blank application form: every field marked with who fills it in, one cached page shared by
first-time visitors that still gives each of them tokens of their own, and a page rendered afresh for
a signed-in applicant."""

from __future__ import annotations

import re

from gongkai_web.applications.models import Application

from .fixtures import form_data


def _csrf(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def test_without_javascript_the_form_shows_every_field_marked_with_who_fills_it_in(client, world):
    page = client.get("/apply/").content.decode()
    marked = dict(re.findall(r'id="field-(\w+)" data-applicant="(\w+)"', page))
    assert marked == {
        "org_kind": "organisation",
        "credit_code": "organisation",
        "legal_representative": "organisation",
        "id_type": "citizen",
        "id_number": "citizen",
    }
    assert page.count("仅法人或者其他组织填写") == 3 and page.count("仅公民填写") == 2
    assert 'src="/static/gongkai/applicant.js"' in page


def test_every_visitor_gets_a_token_of_their_own_from_the_cached_blank_form(client, world):
    pages = [client.get("/apply/").content.decode() for _ in range(3)]
    tokens = {re.search(r'name="token" value="([^"]+)"', page).group(1) for page in pages}
    assert len(tokens) == 3 and "__gongkai_form_token__" not in "".join(pages)
    assert all(world.a.name in page for page in pages)
    preselected = client.get(f"/apply/?agency={world.a.pk}").content.decode()
    assert re.search(rf'<option value="{world.a.pk}" selected>', preselected)
    assert not re.search(
        r"<option value=\"\d+\" selected", pages[0].split('name="agency"')[1].split("</select>")[0]
    )
    assert client.get("/apply/?agency=<script>").status_code == 200  # not a number: ignored, not cached


def test_only_a_real_agency_id_is_kept_with_the_cached_blank_form(client, world, settings):
    from django.core.cache import cache

    settings.GONGKAI_FAST_PATHS = True  # the cache itself (bin/test also runs with GONGKAI_FAST_PATHS=0)

    for value in ("999999", "١٢", "<script>", str(world.a.pk)):
        assert client.get("/apply/", {"agency": value}).status_code == 200
    keys = [k for k in cache._cache if "portal:apply-form" in k]  # LocMemCache, the test settings' cache
    assert len(keys) == 2 and any(k.endswith(f":{world.a.pk}") for k in keys)


def test_first_time_visitors_share_the_cached_page_but_each_gets_working_tokens_of_their_own(world):
    from django.test import Client

    visitors = [Client(enforce_csrf_checks=True) for _ in range(2)]
    pages = [v.get("/apply/").content.decode() for v in visitors]
    assert "__gongkai_csrf_token__" not in "".join(pages) and "__gongkai_form_token__" not in "".join(pages)
    assert _csrf(pages[0]) != _csrf(pages[1]) and all("csrftoken" in v.cookies for v in visitors)
    for visitor, page in zip(visitors, pages, strict=True):
        token = re.search(r'name="token" value="([^"]+)"', page).group(1)
        response = visitor.post(
            "/apply/", {**form_data(world, token=token), "csrfmiddlewaretoken": _csrf(page)}
        )
        assert response.status_code == 302
    # The first visitor's token does not pass with the second visitor's cookie.
    response = visitors[1].post(
        "/apply/", {**form_data(world, token="tok-x"), "csrfmiddlewaretoken": "x" * 64}
    )
    assert response.status_code == 403 and not Application.objects.filter(submission_token="tok-x").exists()


def test_a_signed_in_applicant_gets_the_page_rendered_for_them_not_the_cached_one(client, world):
    anonymous = client.get("/apply/").content.decode()
    client.force_login(world.zhangsan)
    own = client.get("/apply/").content.decode()
    assert "退出登录" in own and "退出登录" not in anonymous and "登录" in anonymous


def test_form_instances_share_fields_but_never_the_agency_list(world):
    from gongkai_web.applications.forms import ApplicationForm, StaffEntryForm

    first = ApplicationForm({"agency": world.a.pk})
    first.fields["agency"].choices = [("", "—"), (world.a.pk, "only this one")]
    second = ApplicationForm()
    assert len(list(second.fields["agency"].choices)) > 2
    assert second.fields["id_number"].applicant_only == "citizen" and second.fields["id_number"].help_text
    staff = StaffEntryForm(Application.objects.none().values("agency"))
    assert staff.fields["credit_code"].applicant_only == "organisation"
    assert (
        staff.fields["name"] is not second.fields["name"]
    )  # the staff form copies its fields as Django does
