"""The fast paths are fenced (issue 12, item 4): fastinsert refuses a model whose ``save()`` or signal
receivers it would skip; one setting, ``GONGKAI_FAST_PATHS``, turns every fast path off; the small-form
parser takes the public form only; the cached blank page goes through the real context processors."""

from __future__ import annotations

import datetime as dt
import runpy
from pathlib import Path

import pytest
from django.core import checks
from django.core.cache import cache
from django.db.models.signals import post_save, pre_save
from django.http.multipartparser import MultiPartParser
from django.test import Client

from gongkai_web import fastinsert
from gongkai_web.applications.models import ApplicationEvent, Attachment
from gongkai_web.audit.models import AuditEntry

from .fixtures import form_data

SETTINGS_FILE = Path(__file__).resolve().parents[2] / "gongkai_web" / "settings.py"


@pytest.fixture(autouse=True)
def _fresh_vetting():
    fastinsert._override_problem.cache_clear()
    yield
    fastinsert._override_problem.cache_clear()


@pytest.fixture
def fast(settings):
    settings.GONGKAI_FAST_PATHS = settings.GONGKAI_FAST_CSP = True
    return settings


@pytest.fixture
def slow(settings):
    settings.GONGKAI_FAST_PATHS = settings.GONGKAI_FAST_CSP = False
    return settings


def event(world) -> ApplicationEvent:
    return ApplicationEvent(application=world.app_a, kind="split", on=dt.date(2025, 11, 3))


def fence_errors() -> list[checks.CheckMessage]:
    return [e for e in checks.run_checks() if e.id == "fastinsert.E001"]


# ── the fence ───────────────────────────────────────────────────────────────────────────────────


def test_the_models_written_by_insert_pass_the_start_up_check(db):
    assert fastinsert.check_models() == [] and fence_errors() == []


def test_a_receiver_on_a_model_written_by_insert_is_refused_at_start_up_and_by_insert(fast, world):
    def receiver(**kwargs):
        pass

    for signal in (pre_save, post_save):
        signal.connect(receiver, sender=ApplicationEvent)
        try:
            errors = fence_errors()
            assert [e.obj for e in errors] == [ApplicationEvent] and "receivers" in errors[0].msg
            assert all(isinstance(e, checks.Error) for e in errors)
            with pytest.raises(fastinsert.NotVetted):
                fastinsert.insert(event(world))
        finally:
            signal.disconnect(receiver, sender=ApplicationEvent)
    assert fence_errors() == []


def test_a_receiver_for_every_sender_is_refused_too(fast, world):
    def receiver(**kwargs):
        pass

    post_save.connect(receiver)
    try:
        assert {e.obj for e in fence_errors()} >= {ApplicationEvent, AuditEntry}
    finally:
        post_save.disconnect(receiver)


def test_a_save_override_is_refused_unless_vetted_with_its_source(fast, world, monkeypatch):
    def save(self, *args, **kwargs):
        super(ApplicationEvent, self).save(*args, **kwargs)

    monkeypatch.setattr(ApplicationEvent, "save", save, raising=False)
    errors = fence_errors()
    assert [e.obj for e in errors] == [ApplicationEvent] and "overrides save()" in errors[0].msg
    with pytest.raises(fastinsert.NotVetted):
        fastinsert.insert(event(world))
    monkeypatch.undo()
    fastinsert._override_problem.cache_clear()
    assert fence_errors() == []
    # The audit entry's override is vetted at its present source: a changed one is refused again.
    monkeypatch.setitem(fastinsert.MODELS, "audit.AuditEntry", ("0" * 16, "vetted at another source"))
    assert [e.obj for e in fence_errors()] == [AuditEntry]


def test_a_model_not_vetted_is_refused_at_call_time(fast, world):
    with pytest.raises(fastinsert.NotVetted, match="not vetted"):
        fastinsert.insert(
            Attachment(
                application=world.app_a,
                original_name="a.pdf",
                content_type="application/pdf",
                size=1,
                sha256="0" * 64,
            )
        )
    assert not Attachment.objects.filter(original_name="a.pdf").exists()


# ── one switch ──────────────────────────────────────────────────────────────────────────────────


def test_the_switch_defaults_on_and_the_csp_switch_follows_it(monkeypatch):
    monkeypatch.delenv("GONGKAI_FAST_CSP", raising=False)
    monkeypatch.delenv("GONGKAI_FAST_PATHS", raising=False)
    on = runpy.run_path(str(SETTINGS_FILE))
    assert on["GONGKAI_FAST_PATHS"] is True and on["GONGKAI_FAST_CSP"] is True
    monkeypatch.setenv("GONGKAI_FAST_PATHS", "0")
    off = runpy.run_path(str(SETTINGS_FILE))
    assert off["GONGKAI_FAST_PATHS"] is False and off["GONGKAI_FAST_CSP"] is False
    monkeypatch.setenv("GONGKAI_FAST_CSP", "1")  # still a switch of its own
    assert runpy.run_path(str(SETTINGS_FILE))["GONGKAI_FAST_CSP"] is True


def test_off_insert_goes_through_save_and_its_receivers(slow, world):
    seen = []

    def receiver(sender, instance, created, **kwargs):
        seen.append((instance.pk, created))

    post_save.connect(receiver, sender=ApplicationEvent)
    try:
        new = event(world)
        fastinsert.insert(new)  # with a receiver: refused on the fast path, taken by save() here
    finally:
        post_save.disconnect(receiver, sender=ApplicationEvent)
    assert seen == [(new.pk, True)] and ApplicationEvent.objects.filter(pk=new.pk).exists()


def test_on_insert_does_not_go_through_save(fast, world, monkeypatch):
    from django.db import models

    calls = []
    original = models.Model.save_base
    monkeypatch.setattr(
        models.Model, "save_base", lambda self, *a, **k: calls.append(1) or original(self, *a, **k)
    )
    new = event(world)
    fastinsert.insert(new)
    assert calls == [] and new.pk is not None and ApplicationEvent.objects.filter(pk=new.pk).exists()


def counting_parser(monkeypatch) -> list[int]:
    calls = []
    original = MultiPartParser.parse

    def counting(self):
        calls.append(1)
        return original(self)

    monkeypatch.setattr(MultiPartParser, "parse", counting)
    return calls


def test_off_the_public_form_goes_to_djangos_parser(slow, client, world, monkeypatch):
    calls = counting_parser(monkeypatch)
    assert client.post("/apply/", form_data(world)).status_code == 302
    assert calls == [1]


def test_the_small_form_parser_takes_the_public_form_only(fast, client, world, monkeypatch):
    calls = counting_parser(monkeypatch)
    assert client.post("/apply/", form_data(world)).status_code == 302
    assert calls == []
    client.post("/track/", {"query_code": "GK0000000000", "secret": "x"})  # multipart too, not the apply URL
    assert calls == [1]
    client.post("/apply/?agency=1", form_data(world, token="tok-q"))  # the query string does not matter
    assert calls == [1]


def test_off_the_blank_page_is_rendered_for_each_visitor_and_not_cached(slow, world, settings):
    seen = []
    settings.TEMPLATES = with_processor(settings, f"{__name__}.counting_processor")
    counting_processor.seen = seen
    pages = [Client().get("/apply/").content.decode() for _ in range(2)]
    assert len(seen) == 2 and not [k for k in cache._cache if "portal:apply" in k]
    assert all('name="csrfmiddlewaretoken"' in page and 'name="token"' in page for page in pages)


def test_off_the_csp_header_is_built_by_django_csp_for_each_response(slow, client, world, monkeypatch):
    from csp.middleware import CSPMiddleware

    calls = []
    original = CSPMiddleware.process_response
    monkeypatch.setattr(
        CSPMiddleware,
        "process_response",
        lambda self, request, response: calls.append(1) or original(self, request, response),
    )
    assert "Content-Security-Policy" in client.get("/").headers and calls == [1]


def test_on_the_csp_header_is_the_one_built_once(fast, client, world, monkeypatch):
    from csp.middleware import CSPMiddleware

    calls = []
    original = CSPMiddleware.process_response
    monkeypatch.setattr(
        CSPMiddleware,
        "process_response",
        lambda self, request, response: calls.append(1) or original(self, request, response),
    )
    assert "Content-Security-Policy" in client.get("/").headers and calls == []


# ── the cached page and the context processors ──────────────────────────────────────────────────


def with_processor(settings, path: str) -> list[dict]:
    engine = {**settings.TEMPLATES[0]}
    engine["OPTIONS"] = {
        **engine["OPTIONS"],
        "context_processors": [*engine["OPTIONS"]["context_processors"], path],
    }
    return [engine, *settings.TEMPLATES[1:]]


def counting_processor(request):
    counting_processor.seen.append(request)
    return {}


def notice_processor(request):
    """A site-wide notice, as a new context processor might add, that also shows what it got of the request."""
    return {
        "messages": [
            f"全站通知：系统维护 ua={request.META.get('HTTP_USER_AGENT', '-')} "
            f"cookies={len(request.COOKIES)} query={request.GET.urlencode() or '-'} "
            f"user={'anonymous' if request.user.is_anonymous else request.user.get_username()}"
        ]
    }


def test_a_new_context_processor_shows_in_the_cached_page_with_nothing_of_the_visitor(fast, world, settings):
    settings.TEMPLATES = with_processor(settings, f"{__name__}.notice_processor")
    first = Client(HTTP_USER_AGENT="visitor-one-agent")
    first.cookies["tracking-something"] = "visitor-one-cookie"
    page = first.get("/apply/", {"agency": world.a.pk, "x": "visitor-one-query"}).content.decode()
    assert "全站通知：系统维护 ua=- cookies=0 query=- user=anonymous" in page
    assert "visitor-one" not in page
    assert [k for k in cache._cache if "portal:apply-page" in k]  # the shared copy
    second = (
        Client(HTTP_USER_AGENT="visitor-two-agent").get("/apply/", {"agency": world.a.pk}).content.decode()
    )
    assert "全站通知：系统维护 ua=- cookies=0" in second and "visitor-" not in second


def test_a_context_processor_runs_once_per_cache_period_for_first_time_visitors(fast, world, settings):
    seen = []
    settings.TEMPLATES = with_processor(settings, f"{__name__}.counting_processor")
    counting_processor.seen = seen
    for _ in range(3):
        assert Client().get("/apply/").status_code == 200
    # The page and its form fragment, each rendered once for a blank request, not for a visitor.
    assert len(seen) == 2 and all(
        not r.COOKIES and r.user.is_anonymous and not hasattr(r, "session") for r in seen
    )


def test_the_form_fragment_shared_with_signed_in_visitors_is_not_rendered_for_them(
    fast, client, world, settings
):
    seen = []
    settings.TEMPLATES = with_processor(settings, f"{__name__}.counting_processor")
    counting_processor.seen = seen
    client.force_login(world.zhangsan)
    assert "退出登录" in client.get("/apply/").content.decode()
    fragment = [r for r in seen if not hasattr(r, "session")]
    assert fragment and all(r.user.is_anonymous for r in fragment)
