"""Security headers and settings (issue 11, item 6): a Content-Security-Policy without inline script on
every page, pages that need nothing more, HSTS and Secure cookies only under ``GONGKAI_HTTPS=1``, and
``manage.py check --deploy`` clean for a production configuration."""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HOST = "gongkai.example.gov.cn"

#: (path, persona) of each kind of page; None = a visitor without an account.
PAGES = {
    "home": ("/", None),
    "apply form": ("/apply/", None),
    "guide": ("/guide/{agency_a}/", None),
    "track": ("/track/", None),
    "login": ("/accounts/login/", None),
    "signup": ("/accounts/signup/", None),
    "receipt": ("/receipt/{code_a}/", "zhangsan"),
    "tracking page": ("/track/{code_a}/", "zhangsan"),
    "my applications": ("/me/", "zhangsan"),
    "worklist": ("/staff/applications/", "lisi"),
    "staff detail": ("/staff/applications/{pk_a}/", "lisi"),
    "withheld-part row (htmx)": ("/staff/applications/{pk_a}/?withheld_row=2", "lisi"),
    "register": ("/staff/applications/new/", "lisi"),
    "second factor (QR code)": ("/accounts/second-factor/", "lisi"),
    "table 3": ("/staff/reports/table3/", "zhaoliu"),
    "not found": ("/track/GKNOSUCHCODE/", None),
}


def _get(client, world, page: str):
    path, persona = PAGES[page]
    if persona:
        client.force_login(getattr(world, persona))
    response = client.get(
        path.format(agency_a=world.a.code, code_a=world.app_a.query_code, pk_a=world.app_a.pk)
    )
    assert response.status_code == (404 if page == "not found" else 200)
    return response


def _policy(response) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy")
    assert header, "no Content-Security-Policy header"
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.parametrize("page", sorted(PAGES))
def test_every_kind_of_page_answers_with_a_policy_that_allows_only_the_sites_own_scripts_and_styles(
    client, world, page
):
    policy = _policy(_get(client, world, page))
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"]
    assert "upgrade-insecure-requests" not in policy  # only under GONGKAI_HTTPS (see below)


@pytest.mark.parametrize("page", sorted(PAGES))
def test_the_header_built_once_is_the_header_django_csp_builds_for_each_response(
    client, world, settings, page
):
    settings.GONGKAI_FAST_CSP = True  # the header built once (bin/test also runs with GONGKAI_FAST_PATHS=0)
    fixed = _policy(_get(client, world, page))
    settings.GONGKAI_FAST_CSP = False  # django-csp's own path
    assert _policy(_get(client, world, page)) == fixed


def test_a_changed_policy_is_sent_at_once_by_the_header_built_once(client, world, settings):
    assert "img-src" in _policy(_get(client, world, "home"))
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {"default-src": ["'self'"], "img-src": ["'self'", "data:"]}
    }
    assert _policy(_get(client, world, "home"))["img-src"] == ["'self'", "data:"]


@pytest.mark.parametrize("page", ["home", "apply form", "worklist"])
def test_pages_also_send_nosniff_referrer_opener_and_permissions_policies(client, world, page):
    headers = _get(client, world, page).headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert "camera=()" in headers["Permissions-Policy"] and "geolocation=()" in headers["Permissions-Policy"]


class _InlineCode(HTMLParser):
    """What a page has that the policy would block: inline scripts, event handler and style attributes,
    <style> blocks, javascript: links, and htmx attributes that run code (hx-on, js: values)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        if tag == "script" and not names.get("src"):
            self.found.append("<script> without src")
        if tag == "style":
            self.found.append("<style> block")
        for name, value in attrs:
            if name.startswith("on") or name.startswith(("hx-on", "data-hx-on")):
                self.found.append(f"<{tag} {name}=…>")
            if name == "style":
                self.found.append(f"<{tag} style=…>")
            if (value or "").strip().lower().startswith(("javascript:", "js:")):
                self.found.append(f"<{tag} {name}={value!r}>")

    handle_startendtag = handle_starttag


def _inline_code(html: str) -> list[str]:
    parser = _InlineCode()
    parser.feed(html)
    parser.close()
    return parser.found


def test_the_inline_code_scanner_finds_what_the_policy_would_block():
    html = (
        '<script>alert(1)</script><a onclick="x()">a</a><p style="color:red"><style>p{}</style>'
        '<button hx-on:click="x()"></button><div hx-vals="js:{a: 1}"></div><script src="/s.js"></script>'
    )
    assert len(_inline_code(html)) == 6


@pytest.mark.parametrize("page", sorted(PAGES))
def test_no_page_renders_inline_script_event_handlers_or_inline_styles(client, world, page):
    assert _inline_code(_get(client, world, page).content.decode()) == []


def test_the_server_error_and_csrf_pages_have_no_inline_code_either(world):
    from django.test import Client, RequestFactory
    from django.views.defaults import server_error

    assert _inline_code(server_error(RequestFactory().get("/")).content.decode()) == []
    refused = Client(enforce_csrf_checks=True).post("/apply/", {"agency": world.a.pk})
    assert refused.status_code == 403 and _inline_code(refused.content.decode()) == []


TEMPLATES = sorted((ROOT / "gongkai_web").glob("**/templates/**/*.html"))
#: Written in the template source: anything inline that a rendered page might show only in some state.
INLINE_IN_SOURCE = re.compile(
    r"<script(?![^>]*\ssrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=|\shx-on|js:|javascript:", re.IGNORECASE
)


def test_no_template_source_has_inline_script_handlers_or_styles():
    assert len(TEMPLATES) > 20
    found = {
        str(t.relative_to(ROOT)): INLINE_IN_SOURCE.findall(t.read_text(encoding="utf-8")) for t in TEMPLATES
    }
    assert {name: hits for name, hits in found.items() if hits} == {}


def test_htmx_is_told_not_to_inject_styles_nor_eval_and_the_stylesheet_has_its_indicator_rules(client, world):
    html = _get(client, world, "home").content.decode()
    config = re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", html)
    assert config, "no htmx-config meta"
    assert json.loads(config.group(1)) == {"includeIndicatorStyles": False, "allowEval": False}
    assert ".htmx-indicator" in (ROOT / "gongkai_web/static/gongkai/site.css").read_text(encoding="utf-8")


def test_table_3_on_the_staff_page_takes_the_cores_column_widths_from_the_stylesheet(client, world):
    from gongkai.report.render.html import _COLUMN_WIDTHS

    html = _get(client, world, "table 3").content.decode()
    assert '<table class="requests">' in html and "<colgroup><col><col>" in html
    css = (ROOT / "gongkai_web/static/gongkai/site.css").read_text(encoding="utf-8")
    rules = dict(re.findall(r"table\.requests col:nth-child\(([n+\d]+)\) \{ width: ([\d.]+)%; \}", css))

    def width(column: int) -> float:
        if str(column) in rules:
            return float(rules[str(column)])
        return max(
            (float(w) for k, w in rules.items() if k.startswith("n+") and column >= int(k[2:])), default=0
        )

    widths = _COLUMN_WIDTHS["requests"]
    assert [width(c) for c in range(1, len(widths) + 1)] == [float(w) for w in widths]


# --- Settings under each environment: settings are read once per process, so each runs in its own. ----


def _env(tmp_path: Path, **env: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DJANGO_"))}
    base.update({"GONGKAI_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "gongkai_web.settings", **env})
    return base


def _production(tmp_path: Path, **env: str) -> dict[str, str]:
    return _env(
        tmp_path,
        **{
            "GONGKAI_DEBUG": "0",
            "GONGKAI_HTTPS": "1",
            "GONGKAI_SECRET_KEY": secrets.token_urlsafe(45),
            "GONGKAI_ALLOWED_HOSTS": HOST,
            **env,
        },
    )


PROBE = f"""
import json, django
django.setup()
from django.conf import settings
from django.test import Client
client = Client(SERVER_NAME={HOST!r})
plain, secure = client.get("/accounts/login/"), client.get("/accounts/login/", secure=True)
print(json.dumps({{
    "plain": [plain.status_code, plain.get("Location")], "secure_status": secure.status_code,
    "hsts": secure.get("Strict-Transport-Security"), "csp": secure.get("Content-Security-Policy"),
    "csrf_cookie_secure": bool(secure.cookies["csrftoken"]["secure"]),
    "session_cookie_secure": settings.SESSION_COOKIE_SECURE, "proxy_header": settings.SECURE_PROXY_SSL_HEADER,
}}))
"""


def _probe(env: dict[str, str]) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_under_https_browsers_get_hsts_secure_cookies_and_a_redirect_from_plain_http(tmp_path):
    seen = _probe(_production(tmp_path))
    assert seen["plain"] == [301, f"https://{HOST}/accounts/login/"]
    assert seen["secure_status"] == 200
    assert seen["hsts"] == "max-age=31536000; includeSubDomains"  # no preload unless opted in
    assert seen["csrf_cookie_secure"] is True and seen["session_cookie_secure"] is True
    assert "upgrade-insecure-requests" in seen["csp"]
    assert seen["proxy_header"] is None  # no trusted proxy: a client cannot claim HTTPS with a header


def test_without_https_there_is_no_hsts_no_redirect_and_cookies_are_not_marked_secure(tmp_path):
    seen = _probe(
        _env(
            tmp_path,
            GONGKAI_DEBUG="0",
            GONGKAI_SECRET_KEY=secrets.token_urlsafe(45),
            GONGKAI_ALLOWED_HOSTS=HOST,
        )
    )
    assert seen["plain"] == [200, None]
    assert seen["hsts"] is None
    assert seen["csrf_cookie_secure"] is False and seen["session_cookie_secure"] is False
    assert "upgrade-insecure-requests" not in seen["csp"]


def test_behind_a_trusted_proxy_its_forwarded_protocol_counts_and_preload_is_an_explicit_choice(tmp_path):
    seen = _probe(
        _production(tmp_path, GONGKAI_PROXY_COUNT="1", GONGKAI_HSTS_PRELOAD="1", GONGKAI_HSTS_SECONDS="600")
    )
    assert seen["proxy_header"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert seen["hsts"] == "max-age=600; includeSubDomains; preload"


def _check_deploy(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_deploy_check_is_clean_for_a_production_configuration(tmp_path):
    result = _check_deploy(_production(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_the_deploy_check_fails_with_debug_on(tmp_path):
    result = _check_deploy(_production(tmp_path, GONGKAI_DEBUG="1"))
    assert result.returncode != 0
    assert "security.W018" in result.stderr


def test_the_deploy_check_fails_without_https_naming_hsts_the_redirect_and_the_cookies(tmp_path):
    result = _check_deploy(_production(tmp_path, GONGKAI_HTTPS="0"))
    assert result.returncode != 0
    for check in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert check in result.stderr
