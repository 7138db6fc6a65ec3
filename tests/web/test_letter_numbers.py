"""Issue 13, letter defects: every letter of an agency in a year carries one 文号 prefix (its 发文机关代字,
legal-rules §7.1: 代字 + 公开〔year〕 + serial + 号), even when its short name is set or changed during the year,
and an agency's name that already names its city is not prefixed with the city again (重庆市重庆市财政局)."""

from __future__ import annotations

import datetime as dt

from django.core.management import call_command

from gongkai_web.agencies.models import Agency
from gongkai_web.applications import services
from gongkai_web.applications.models import Letter

from .fixtures import clock_at, make_agency, make_application

D = dt.date


def _extend(app, approver):
    services.approve_extension(
        app,
        workdays=10,
        reason="需要调取档案",
        notified_on=D(2025, 11, 10),
        actor=approver,
        clock=clock_at(D(2025, 11, 10)),
    )
    return app.letters.get(kind="extension")


def test_a_short_name_changed_during_the_year_does_not_give_the_agency_a_second_prefix(world):
    receipt = world.app_a.letters.get(kind="receipt")
    assert receipt.number == "渝中财公开〔2025〕1号"
    Agency.objects.filter(pk=world.a.pk).update(short_name="渝中区财")
    app = make_application(Agency.objects.get(pk=world.a.pk))
    assert app.letters.get(kind="receipt").number == "渝中财公开〔2025〕2号"
    assert _extend(world.app_a, world.qianqi).number == "渝中财公开〔2025〕3号"


def test_an_agency_without_a_short_name_numbers_with_its_name_all_year_even_once_one_is_set(world):
    agency = make_agency("渝中区审计局", parent=world.district)
    first = make_application(agency).letters.get(kind="receipt")
    assert first.number == "渝中区审计局公开〔2025〕1号"
    Agency.objects.filter(pk=agency.pk).update(short_name="渝中审")
    second = make_application(Agency.objects.get(pk=agency.pk)).letters.get(kind="receipt")
    assert second.number == "渝中区审计局公开〔2025〕2号"


def test_the_new_year_starts_with_the_short_name_then_in_force(world):
    Agency.objects.filter(pk=world.a.pk).update(short_name="渝中区财")
    app = make_application(Agency.objects.get(pk=world.a.pk), received=D(2026, 1, 5))
    assert app.letters.get(kind="receipt").number == "渝中区财公开〔2026〕1号"


def test_every_demo_agency_numbers_its_letters_with_one_prefix_and_no_address_repeats_the_city(db):
    call_command("load_demo", verbosity=0)
    prefixes: dict[int, set[str]] = {}
    for agency_id, number, year, serial in Letter.objects.values_list(
        "agency_id", "number", "year", "serial"
    ):
        tail = f"公开〔{year}〕{serial}号"
        assert number.endswith(tail), number
        prefixes.setdefault(agency_id, set()).add(number.removesuffix(tail))
    assert prefixes and all(len(p) == 1 for p in prefixes.values()), prefixes
    finance = Agency.objects.get(name="重庆市财政局")
    assert prefixes[finance.pk] == {"渝财"}  # the 代字 the bureau uses (渝财公开〔2023〕12号)
    for agency in Agency.objects.all():
        assert "重庆市重庆市" not in agency.address, agency.address
    for text in Letter.objects.values_list("text", flat=True):
        assert "重庆市重庆市" not in text
