"""Under the Content-Security-Policy (no inline script or style, no eval) the pages still work: the
browser reports no violation on the applicant's form on a phone nor on the staff pages, and htmx still
adds a withheld-part row to the reply form."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from gongkai_web.accounts.models import Role
from tests.web.fixtures import PASSWORD, make_agency, make_application, make_user

pytestmark = pytest.mark.browser

#: Collects every securitypolicyviolation event from the start of each document (an init script runs
#: outside the page's policy).
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`);
});
"""


@pytest.fixture
def finance(transactional_db):
    finance = make_agency("渝中区财政局", parent=make_agency("渝中区人民政府"))
    make_user("lisi", finance, Role.HANDLER)
    return finance


def watched(page: Page) -> list[str]:
    """Violations and policy errors reported on the console, from now on."""
    page.add_init_script(LISTEN)
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if m.type in ("error", "warning") else None)
    return console


def violations(page: Page, console: list[str]) -> list[str]:
    return page.evaluate("window.__violations") + [
        m for m in console if "Content Security Policy" in m or "Permissions-Policy" in m
    ]


def test_the_watch_sees_a_violation_when_there_is_one(live_server, phone):
    console = watched(phone)
    phone.goto(f"{live_server.url}/track/")
    phone.evaluate("""() => { const s = document.createElement("style"); s.textContent = "p{}";
                              document.head.append(s); }""")
    phone.wait_for_function("window.__violations.length > 0")
    assert any("style-src" in v for v in violations(phone, console))


def test_the_apply_form_on_a_phone_runs_under_the_policy_without_violations(live_server, finance, phone):
    console = watched(phone)
    phone.goto(f"{live_server.url}/apply/")
    phone.get_by_label("法人或者其他组织").check()  # applicant.js shows the organisation's fields
    expect(phone.locator("#field-credit_code")).to_be_visible()
    assert phone.evaluate("window.htmx.config.allowEval") is False
    assert phone.locator("style").count() == 0  # htmx injected no indicator <style>
    assert violations(phone, console) == []


def test_the_staff_worklist_and_detail_run_under_the_policy_and_htmx_still_adds_a_row(
    live_server, finance, desk
):
    app = make_application(finance)
    console = watched(desk)
    desk.goto(f"{live_server.url}/accounts/login/")
    desk.locator("#id_username").fill("lisi")
    desk.locator("#id_password").fill(PASSWORD)
    desk.locator("main form button[type=submit]").click()
    desk.goto(f"{live_server.url}/staff/applications/")
    expect(desk.get_by_role("link", name=app.query_code)).to_be_visible()
    desk.get_by_role("link", name=app.query_code).click()
    desk.locator("#action-reply summary").click()
    rows = desk.locator("#withheld-parts fieldset.withheld-part")
    before = rows.count()
    desk.locator("#add-withheld-part a").click()
    expect(rows).to_have_count(before + 1)  # swapped in by htmx, not by following the link
    assert "parts=" not in desk.url
    assert violations(desk, console) == []
