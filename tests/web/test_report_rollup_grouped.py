"""The roll-up builds table 2 of all its agencies in one grouped pass (the library's counts, the entered
figures) instead of a handful of queries per agency; each agency's cells are the ones its own table 2
has (``build.table2_cells`` of that agency alone), counted by hand here, and the roll-up's rows and sum
are unchanged. SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gongkai_web.agencies.models import Agency
from gongkai_web.publications.models import Document, Effect, YearStatistic
from gongkai_web.reports.build import table2_cells, table2_cells_by_agency
from gongkai_web.reports.rollup import build_rollup

from .fixtures import make_agency
from .test_table2_fast import _library

D = dt.date
pytestmark = pytest.mark.django_db


def _doc(agency, kind: str, published: dt.date, **dates) -> Document:
    return Document.objects.create(
        agency=agency, kind=kind, title=f"{agency.name}{kind}{published}", stage="published",
        publicity="proactive", published_on=published, **dates,
    )  # fmt: skip


def _figure(agency, item: str, value: str, year: int = 2023) -> None:
    YearStatistic.objects.create(
        agency=agency,
        year=year,
        item=item,
        value=Decimal(value),
        source="统计系统",
        entered_at=timezone.now(),
    )


def _hand_built(world):
    """2023. The district (rule-making): a rule of 2023, a rule of 2020 repealed in March 2023; penalty 3.
    A: a normative document of 2023; one of 2020 whose validity ended on 2022-12-31, renewed on
    2022-11-01 to 2025 (in force); one of 2021 declared expired in 2022; licensing 17, fees 1.5 万元. A's rule (A makes no rules: not counted). C, under the district: nothing."""
    Agency.objects.filter(pk=world.district.pk).update(makes_rules=True)
    world.district.refresh_from_db()
    _doc(world.district, "rule", D(2023, 5, 1))
    old_rule = _doc(world.district, "rule", D(2020, 2, 1))
    Effect.objects.create(target=old_rule, kind="repeals", on=D(2023, 3, 1), basis="某决定")
    _figure(world.district, "penalty", "3")
    _doc(world.a, "normative", D(2023, 4, 1))
    renewed = _doc(world.a, "normative", D(2020, 1, 1), valid_until=D(2022, 12, 31))
    Effect.objects.create(
        target=renewed, kind="renews", on=D(2022, 11, 1), valid_until=D(2025, 12, 31), basis="某通知"
    )
    expired = _doc(world.a, "normative", D(2021, 6, 1))
    Effect.objects.create(target=expired, kind="declares_expired", on=D(2022, 7, 1), basis="某决定")
    _doc(world.a, "rule", D(2023, 6, 1))
    _figure(world.a, "licensing", "17")
    _figure(world.a, "fees", "1.5")
    return make_agency("渝中区审计局", parent=world.district)


def _table2(cells: dict) -> dict:
    return {k: v for k, v in cells.items() if k.startswith("active.")}


def test_each_agencys_table_two_in_the_grouped_pass_is_counted_by_hand(world):
    c = _hand_built(world)
    grouped = table2_cells_by_agency([world.district, world.a, c, world.b], 2023)
    district, a, nothing = grouped[world.district.pk], grouped[world.a.pk], grouped[c.pk]
    assert (
        district["active.rules.issued"],
        district["active.rules.repealed"],
        district["active.rules.in_force"],
    ) == (1, 1, 1)
    assert district["active.penalty"] == 3 and district["active.licensing"] is None
    assert (a["active.normative_documents.issued"], a["active.normative_documents.repealed"]) == (1, 0)
    assert a["active.normative_documents.in_force"] == 2  # 2023's and the renewed one; not the expired
    assert a["active.rules.issued"] == 0  # A has no rule-making power
    assert (
        a["active.licensing"] == 17
        and a["active.fees_10k_yuan"] == Decimal("1.5")
        and a["active.penalty"] is None
    )
    assert all(v in (0, None) for v in nothing.values())
    assert grouped[world.b.pk] == nothing


def test_the_grouped_pass_equals_each_agencys_own_table_two_on_generated_libraries(world):
    _hand_built(world)
    _library(world, 7, n=300)
    agencies = list(Agency.objects.order_by("path"))
    for year in (2020, 2021, 2022, 2023, 2024):
        grouped = table2_cells_by_agency(agencies, year)
        for agency in agencies:
            assert grouped[agency.pk] == table2_cells(Agency.objects.filter(pk=agency.pk), year), (
                year,
                agency,
            )


def test_the_grouped_pass_without_the_fast_paths_gives_the_same_cells(world, settings):
    _hand_built(world)
    _library(world, 8, n=120)
    agencies = list(Agency.objects.order_by("path"))
    fast = table2_cells_by_agency(agencies, 2023)
    settings.GONGKAI_FAST_PATHS = False
    assert table2_cells_by_agency(agencies, 2023) == fast


def test_the_rollups_table_two_is_the_sum_of_its_agencies_own_and_its_queries_do_not_grow_with_them(
    world, settings
):
    c = _hand_built(world)
    rollup = build_rollup(world.district, 2023)
    assert [r.agency for r in rollup.rows] == [world.district, world.a, c]
    for row in rollup.rows:
        own = table2_cells(Agency.objects.filter(pk=row.agency.pk), 2023)
        assert _table2(row.sourced.report.cells) == own
    total = rollup.aggregation.report
    # By hand: rules 1 / 1 / 1 (the district's), normative 1 / 0 / 2 (A's), licensing 17 (A's);
    # penalty: the district's 3, but A and C entered none: missing from the sum, not 3.
    assert [total.get(f"active.rules.{c}") for c in ("issued", "repealed", "in_force")] == [1, 1, 1]
    assert [total.get(f"active.normative_documents.{c}") for c in ("issued", "repealed", "in_force")] == [
        1,
        0,
        2,
    ]
    assert total.get("active.penalty") is None and total.get("active.licensing") is None
    # The grouped pass is the fast path (the plain one, GONGKAI_FAST_PATHS=0, builds each agency's own
    # table 2 and is checked by the sums above in that suite): its query count is what is measured here.
    settings.GONGKAI_FAST_PATHS = True
    with CaptureQueriesContext(connection) as few:
        build_rollup(world.district, 2023)
    for name in ("渝中区统计局", "渝中区民政局", "渝中区商务委员会", "渝中区司法局"):
        make_agency(name, parent=world.district)
    with CaptureQueriesContext(connection) as more:
        build_rollup(world.district, 2023)
    assert len(more) == len(few)  # four more agencies, not four more sets of queries
