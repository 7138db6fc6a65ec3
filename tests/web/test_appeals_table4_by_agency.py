"""Table 4 of each agency on its own (``table4_cells_by_agency``, the roll-up's and the report records'
source) is one grouped query with the agency in the GROUP BY, and gives what counting every record per
agency gives (``plain_table4_cells_by_agency``, what ``GONGKAI_FAST_PATHS=0`` runs) — checked against hand
counts on a hand-built world of three agencies, and on generated cases."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from gongkai.appeals.dispositions import DispositionError, version_on
from gongkai_web.appeals.models import AppealCase
from gongkai_web.appeals.queries import plain_table4_cells_by_agency, table4_cells_by_agency

D = dt.date
pytestmark = pytest.mark.django_db
GROUPS = (("review", ""), ("litigation", "direct"), ("litigation", "after_review"))


def _case(agency, kind, route, received, *, role="respondent", disposition="", decided=None) -> AppealCase:
    return AppealCase(
        agency=agency, kind=kind, route=route, role=role, body="某复议机关或法院", appellant="张三",
        act="答复书", received_on=received, reply_due=received + dt.timedelta(days=10),
        reply_due_basis="行政复议法第四十八条", disposition=disposition, decided_on=decided,
    )  # fmt: skip


def _nonzero(cells: dict[str, int]) -> dict[str, int]:
    return {key: value for key, value in cells.items() if value}


def _hand_built(world) -> None:
    a, b, district = world.a, world.b, world.district
    AppealCase.objects.bulk_create([
        # agency A, 2023: two reviews upheld (维持; 驳回复议请求), one revoked, one decided in January 2024
        _case(a, "review", "", D(2023, 2, 1), disposition="upheld", decided=D(2023, 4, 1)),
        _case(a, "review", "", D(2023, 3, 1), disposition="request_rejected", decided=D(2023, 5, 1)),
        _case(a, "review", "", D(2023, 6, 1), disposition="revoked", decided=D(2023, 8, 1)),
        _case(a, "review", "", D(2023, 12, 1), disposition="revoked", decided=D(2024, 1, 15)),
        # agency A, 2023: a direct suit dismissed (其他结果), a suit after review rejected (维持)
        _case(a, "litigation", "direct", D(2023, 5, 1), disposition="suit_dismissed", decided=D(2023, 9, 1)),
        _case(a, "litigation", "after_review", D(2023, 7, 1), disposition="claim_rejected",
              decided=D(2023, 11, 1)),
        # agency A, other years: not in 2023's table
        _case(a, "review", "", D(2022, 12, 30), disposition="upheld", decided=D(2023, 2, 1)),
        _case(a, "review", "", D(2024, 1, 2)),
        # agency B, 2023: a direct suit lost (确认违法), one undecided, one withdrawn review
        _case(b, "litigation", "direct", D(2023, 4, 1), disposition="confirmed_unlawful",
              decided=D(2023, 10, 1)),
        _case(b, "litigation", "direct", D(2023, 10, 1)),
        _case(b, "review", "", D(2023, 1, 10), disposition="withdrawn", decided=D(2023, 2, 10)),
        # the district (the 复议机关), 2023: its co-defendant record of A's suit is not counted;
        # a suit after review against its own act, ordered to perform (纠正), is
        _case(district, "litigation", "after_review", D(2023, 7, 1), role="co_defendant",
              disposition="claim_rejected", decided=D(2023, 11, 1)),
        _case(district, "litigation", "after_review", D(2023, 3, 1), disposition="ordered_to_perform",
              decided=D(2023, 6, 1)),
    ])  # fmt: skip


def test_each_agency_s_table_4_is_counted_by_hand_and_equals_the_per_record_count(
    world, django_assert_num_queries
):
    _hand_built(world)
    agencies = [world.a, world.b, world.district]
    with django_assert_num_queries(1):
        grouped = table4_cells_by_agency(agencies, 2023)
    assert grouped == plain_table4_cells_by_agency(agencies, 2023)
    assert _nonzero(grouped[world.a.pk]) == {
        "appeals.reconsideration.upheld": 2,
        "appeals.reconsideration.corrected": 1,
        "appeals.reconsideration.pending": 1,
        "appeals.reconsideration.total": 4,
        "appeals.litigation_direct.other": 1,
        "appeals.litigation_direct.total": 1,
        "appeals.litigation_after_reconsideration.upheld": 1,
        "appeals.litigation_after_reconsideration.total": 1,
    }
    assert _nonzero(grouped[world.b.pk]) == {
        "appeals.reconsideration.other": 1,
        "appeals.reconsideration.total": 1,
        "appeals.litigation_direct.corrected": 1,
        "appeals.litigation_direct.pending": 1,
        "appeals.litigation_direct.total": 2,
    }
    assert _nonzero(grouped[world.district.pk]) == {
        "appeals.litigation_after_reconsideration.corrected": 1,
        "appeals.litigation_after_reconsideration.total": 1,
    }
    assert len(grouped[world.b.pk]) == 15  # every cell present, zeros included


def test_an_agency_without_cases_gets_fifteen_zeros_and_one_not_asked_for_is_absent(world):
    _hand_built(world)
    grouped = table4_cells_by_agency([world.b], 2022)
    assert list(grouped) == [world.b.pk]
    assert len(grouped[world.b.pk]) == 15 and not _nonzero(grouped[world.b.pk])
    assert table4_cells_by_agency([], 2023) == {}


@pytest.mark.parametrize("seed", [11, 12])
def test_the_grouped_count_equals_the_per_record_count_on_generated_cases(world, seed):
    rng = random.Random(seed)
    agencies = [world.a, world.b, world.district]
    cases = []
    for _ in range(250):
        kind, route = rng.choice(GROUPS)
        received = D(2021, 1, 1) + dt.timedelta(days=rng.randrange(0, 5 * 365))
        decided = rng.choice([None, received + dt.timedelta(days=rng.randrange(1, 500))])
        disposition = ""
        if decided is not None and rng.random() < 0.95:
            disposition = rng.choice(version_on(decided).dispositions(kind)).disposition
        role = "co_defendant" if route == "after_review" and rng.random() < 0.3 else "respondent"
        cases.append(_case(rng.choice(agencies), kind, route, received, role=role,
                           disposition=disposition, decided=decided))  # fmt: skip
    AppealCase.objects.bulk_create(cases)
    total = 0
    for year in range(2021, 2027):
        grouped = table4_cells_by_agency(agencies, year)
        assert grouped == plain_table4_cells_by_agency(agencies, year), year
        total += sum(v for cells in grouped.values() for k, v in cells.items() if k.endswith(".total"))
    assert total == sum(1 for c in cases if c.role == "respondent" and 2021 <= c.received_on.year <= 2026)


def test_a_decision_before_the_first_mapping_version_is_refused_by_both(world):
    AppealCase.objects.bulk_create(
        [_case(world.a, "review", "", D(2020, 10, 1), disposition="upheld", decided=D(2020, 12, 1))]
    )
    for count in (table4_cells_by_agency, plain_table4_cells_by_agency):
        with pytest.raises(DispositionError):
            count([world.a], 2020)


def test_the_switch_turns_the_grouped_count_off(world, settings, django_assert_num_queries):
    _hand_built(world)
    settings.GONGKAI_FAST_PATHS = False
    agencies = [world.a, world.b]
    plain = plain_table4_cells_by_agency(agencies, 2023)
    with django_assert_num_queries(1):
        assert table4_cells_by_agency(agencies, 2023) == plain
