"""The demo plan, counted by the format's rules by hand here, reproduces the seed's table 3."""

import random
from collections import Counter

from gongkai.simulate import plan_year
from tests.core.seed_truth import seed_report


def _count_table3(plan, year):
    """Independent counting of the four row kinds of table 3 (format §3.3)."""
    cells: Counter[tuple[str, str]] = Counter()
    for app in plan:
        col = app.applicant_column
        if app.received_on.year == year:
            cells["new", col] += 1
        if app.received_on.year < year and (app.concluded_on is None or app.concluded_on.year >= year):
            cells["carried_over", col] += 1
        if app.concluded_on is not None and app.concluded_on.year == year:
            cells[app.outcome_row, col] += 1
            cells["total", col] += 1
        if app.concluded_on is None or app.concluded_on.year > year:
            cells["carried_forward", col] += 1
    return cells


def test_the_plan_for_the_seed_counts_back_to_every_figure_of_the_seeds_table_3():
    seed = seed_report(with_lost_cells=False)
    plan = plan_year(seed, 2023, random.Random(7))
    counted = _count_table3(plan, 2023)
    for address, value in seed.cells.items():
        if address.startswith("requests.") and not address.endswith(".total"):
            row, column = address.removeprefix("requests.").rsplit(".", 1)
            assert counted[row, column] == value, address
    assert len(plan) == 10121 + 294


def test_applications_closed_for_want_of_correction_always_had_a_correction_notice():
    plan = plan_year(seed_report(with_lost_cells=False), 2023, random.Random(1))
    closed = [a for a in plan if a.outcome_row == "other.no_correction"]
    assert len(closed) == 148
    assert all("correction" in a.steps for a in closed)
    assert all(a.concluded_on is None or a.concluded_on >= a.received_on for a in plan)
