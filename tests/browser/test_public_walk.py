"""What the walk through the public side (2026-12-04, docs/publications.md) found on screen: the receipt
of a policy question, whose address is one long unbroken line, stayed wider than a 390 px phone; and the
focus ring outside the main part of the page (the skip link, the footer's links) was a light orange of
2.7:1 on white, under the 3:1 that WCAG 2.1 (1.4.11) asks of a focus indicator; and the Q&A library's
search was a ragged row on a phone (a short box, a select as wide as its text, the button beside it)
with the button lower than the fields on a desktop."""

from __future__ import annotations

import re

import pytest

from gongkai_web.qa import services
from tests.web.fixtures import make_agency

pytestmark = pytest.mark.browser


def _luminance(rgb: str) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(x) for x in re.findall(r"\d+", rgb)[:3])
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _contrast_on_white(rgb: str) -> float:
    return 1.05 / (_luminance(rgb) + 0.05)


@pytest.fixture
def asked(transactional_db):
    district = make_agency("渝中区人民政府")
    finance = make_agency("渝中区财政局", parent=district)
    return services.ask_question(
        finance, question="城乡居民医保的缴费标准是多少？", contact="13812345678", name="", token="walk-1"
    )


def test_the_receipt_and_the_q_and_a_search_fit_a_phone_and_focus_rings_outside_main_stand_out_on_white(
    live_server, asked, phone, desk
):
    phone.goto(f"{live_server.url}/qa/ask/{asked.query_code}/")
    assert phone.locator("h1").count() == 1
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the receipt is {overflow}px wider than the phone"

    phone.goto(f"{live_server.url}/qa/")
    form = phone.locator("main form[role=search]").bounding_box()
    for field in ("#qa-q", "#qa-agency", "#qa-topic"):
        box = phone.locator(field).bounding_box()
        assert abs(box["width"] - form["width"]) < 1, field  # one field a line, the form's full width

    desk.goto(f"{live_server.url}/qa/")
    button = desk.locator("main form[role=search] button").bounding_box()
    topic = desk.locator("#qa-topic").bounding_box()
    assert abs(button["y"] + button["height"] - topic["y"] - topic["height"]) < 2  # level with the fields
    assert abs(button["y"] - topic["y"]) < 8
    desk.keyboard.press("Tab")
    assert desk.evaluate("document.activeElement.className") == "skip"
    skip_ring = desk.evaluate("getComputedStyle(document.activeElement).outlineColor")
    assert _contrast_on_white(skip_ring) >= 3, skip_ring
    desk.evaluate("document.querySelector('footer a').focus()")
    assert desk.evaluate("document.activeElement.matches('footer a:focus-visible')")
    footer_ring = desk.evaluate("getComputedStyle(document.activeElement).outlineColor")
    assert _contrast_on_white(footer_ring) >= 3, footer_ring
