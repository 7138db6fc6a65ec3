"""Every page a person opens on a phone fits its 390-pixel screen: no sideways scrolling of the page
(wide tables scroll inside their own box)."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai_web.accounts.models import Role
from tests.web.fixtures import PASSWORD, make_agency, make_application, make_user

pytestmark = pytest.mark.browser


@pytest.fixture
def office(transactional_db):
    district = make_agency("渝中区人民政府")
    finance = make_agency("渝中区财政局", parent=district)
    make_user("zhaoliu", district, Role.SUPERVISOR)
    make_application(finance, received=dt.date(2025, 11, 3))
    return finance


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/apply/",
        "/track/",
        "/guide/{code}/",
        "/staff/applications/",
        "/staff/applications/?view=all",
        "/staff/reports/table3/?year=2025",
    ],
)
def test_the_page_fits_a_phone_screen(live_server, office, phone, path):
    log_in(phone, live_server.url, "zhaoliu")
    phone.goto(live_server.url + path.format(code=office.code))
    assert phone.locator("h1").count() == 1
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} is {overflow}px wider than the phone"
