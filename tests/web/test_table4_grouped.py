"""Table 4's grouped count (``grouped_table4_cells``, the fast path) equals the core's count of every record
(``table4_counts`` over ``case_records``, what ``GONGKAI_FAST_PATHS=0`` runs) on generated cases: both
routes, every disposition of both versions of the mapping, co-defendant records, decisions after the
year end, a decision with no disposition, cases of other agencies and years."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.db import connection

from gongkai.appeals.dispositions import DispositionError, version_on
from gongkai.appeals.table4 import table4_counts
from gongkai_web.agencies.models import Agency
from gongkai_web.appeals.models import AppealCase
from gongkai_web.appeals.queries import case_records, grouped_table4_cells, table4_cells

D = dt.date
pytestmark = pytest.mark.django_db
GROUPS = (("review", ""), ("litigation", "direct"), ("litigation", "after_review"))


def _case(agency, kind, route, received, *, role="respondent", disposition="", decided=None) -> AppealCase:
    return AppealCase(
        agency=agency, kind=kind, route=route, role=role, body="某复议机关或法院", appellant="张三",
        act="答复书", received_on=received, reply_due=received + dt.timedelta(days=10),
        reply_due_basis="行政复议法第四十八条", disposition=disposition, decided_on=decided,
    )  # fmt: skip


def _cases(agencies, seed: int, n: int = 300) -> None:
    rng = random.Random(seed)
    cases = []
    for _ in range(n):
        kind, route = rng.choice(GROUPS)
        received = D(2021, 1, 1) + dt.timedelta(days=rng.randrange(0, 5 * 365))
        decided = rng.choice([None, received + dt.timedelta(days=rng.randrange(1, 500))])
        disposition = ""
        if decided is not None and rng.random() < 0.95:  # else: a decision day with no disposition
            disposition = rng.choice(version_on(decided).dispositions(kind)).disposition
        role = "co_defendant" if route == "after_review" and rng.random() < 0.3 else "respondent"
        cases.append(
            _case(
                rng.choice(agencies),
                kind,
                route,
                received,
                role=role,
                disposition=disposition,
                decided=decided,
            )
        )
    AppealCase.objects.bulk_create(cases)
    with connection.cursor() as cursor:  # the planner's statistics, as on a real database
        cursor.execute("ANALYZE")


def _plain(agencies, year: int) -> dict[str, int]:
    return table4_counts(case_records(agencies, year), year)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_grouped_count_equals_the_core_for_every_year_and_scope(world, seed):
    _cases([world.a, world.b, world.district], seed)
    scopes = (
        Agency.objects.filter(pk=world.a.pk),
        Agency.objects.filter(pk__in=[world.a.pk, world.b.pk]),
        Agency.objects.all(),
    )
    counted = 0
    for year in range(2021, 2027):
        for agencies in scopes:
            grouped = grouped_table4_cells(agencies, year)
            assert grouped == _plain(agencies, year), (seed, year)
            counted += sum(v for k, v in grouped.items() if k.endswith(".total"))
    assert counted > 0


def test_a_suit_decided_in_january_is_pending_and_a_co_defendant_record_is_not_counted(world):
    AppealCase.objects.bulk_create([
        _case(world.a, "litigation", "direct", D(2023, 12, 1), disposition="revoked", decided=D(2024, 1, 20)),
        _case(world.a, "litigation", "after_review", D(2023, 6, 1), disposition="revoked", decided=D(2023, 9, 1)),
        _case(world.a, "litigation", "after_review", D(2023, 6, 1), role="co_defendant",
              disposition="revoked", decided=D(2023, 9, 1)),
        _case(world.a, "review", "", D(2023, 3, 1), disposition="request_rejected", decided=D(2023, 5, 1)),
    ])  # fmt: skip
    cells = grouped_table4_cells(Agency.objects.filter(pk=world.a.pk), 2023)
    assert cells["appeals.litigation_direct.pending"] == 1
    assert cells["appeals.litigation_direct.corrected"] == 0
    assert cells["appeals.litigation_after_reconsideration.corrected"] == 1
    assert cells["appeals.litigation_after_reconsideration.total"] == 1
    assert cells["appeals.reconsideration.upheld"] == 1  # 驳回复议请求 is 结果维持 (the mapping table)


def test_a_decision_before_the_first_mapping_version_is_refused_by_both_paths(world):
    AppealCase.objects.bulk_create(
        [_case(world.a, "review", "", D(2020, 10, 1), disposition="upheld", decided=D(2020, 12, 1))]
    )
    agencies = Agency.objects.filter(pk=world.a.pk)
    with pytest.raises(DispositionError):
        _plain(agencies, 2020)
    with pytest.raises(DispositionError):
        grouped_table4_cells(agencies, 2020)


def test_the_switch_turns_the_grouped_count_off(world, settings, django_assert_num_queries):
    _cases([world.a], 7, n=40)
    agencies = Agency.objects.filter(pk=world.a.pk)
    settings.GONGKAI_FAST_PATHS = False
    plain = table4_cells(agencies, 2023)
    settings.GONGKAI_FAST_PATHS = True
    with django_assert_num_queries(1):
        assert table4_cells(agencies, 2023) == plain
