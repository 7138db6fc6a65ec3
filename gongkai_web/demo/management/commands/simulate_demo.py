"""Simulate a year of applications in a Chongqing-like city, reproducing the seed's table 3 from records.

The target is the seed report read and restored by the core (``tests/fixtures/seed``), not typed in.
Run after ``load_demo`` (which adds the demo accounts); does nothing when the year already has records."""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils.translation import gettext as _

from gongkai.errors import GongkaiError
from gongkai.report.read import read_report
from gongkai.report.restore import restore
from gongkai.simulate import PlanError, plan_year
from gongkai_web.applications import deadline
from gongkai_web.applications.models import Application
from gongkai_web.demo.appeals import previous_year_cells, write_appeals
from gongkai_web.demo.baseline import publish_previous_report, write_fees, write_previous_year
from gongkai_web.demo.hierarchy import build_hierarchy
from gongkai_web.demo.imported_reports import import_demo_reports
from gongkai_web.demo.library import write_library
from gongkai_web.demo.policies import write_policies
from gongkai_web.demo.simulation import write_plan
from gongkai_web.publications.models import Document
from gongkai_web.supervision.demo_data import supervise_simulated

SEED = Path(settings.BASE_DIR).parent / "tests" / "fixtures" / "seed" / "000_b7048197b128a89d.txt"


def load_target(path: Path = SEED):
    """The seed's report as the core reads it, with the two cells lost in extraction restored."""
    return restore(read_report(str(path))).report


class Command(BaseCommand):
    # A property where BaseCommand has a plain attribute (django-stubs: writeable), read only by Django.
    @property
    def help(self) -> str:  # type: ignore[override]  # translated when asked for (argparse takes no lazy text)
        return _(
            "Simulate a Chongqing-like hierarchy of agencies and a year of applications, so that the "
            "city's table 3 matches the seed report."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seed-report", default=str(SEED), help=_("the target report (default: the seed report)")
        )
        parser.add_argument("--random-seed", type=int, default=2023)
        parser.add_argument(
            "--force", action="store_true", help=_("simulate again even if the year already has records")
        )

    def handle(self, *args, seed_report: str, random_seed: int, force: bool, **options):
        try:
            target = load_target(Path(seed_report))
        except (GongkaiError, OSError) as exc:
            raise CommandError(
                _("Cannot read the target report %(path)s: %(error)s") % {"path": seed_report, "error": exc}
            ) from exc
        year = target.year
        if year is None:
            raise CommandError(_("The target report %(path)s states no year.") % {"path": seed_report})
        if not force and Application.objects.filter(received_on__year=year).exists():
            self.stdout.write(_("%(year)s already has case records; not simulated again.") % {"year": year})
            return
        rng = random.Random(random_seed)
        try:
            plan = plan_year(target, year, rng)
        except PlanError as exc:
            raise CommandError(
                _("Cannot plan the cases from the target report: %(error)s") % {"error": exc}
            ) from exc
        started = time.monotonic()
        hierarchy = build_hierarchy()
        progress = _ProgressLine(self.stdout, len(plan), started)
        result = write_plan(plan, hierarchy.agencies, rng, add_workdays=_workdays(), progress=progress)
        progress.finish()
        # The year before (the narrative's year-on-year changes) and the year's fees (section 六): a
        # generator of their own, so that the year's applications and the library stay as they were.
        baseline_rng = random.Random(random_seed + 22)
        before = write_previous_year(target, hierarchy.agencies, baseline_rng, add_workdays=_workdays())
        fees = write_fees(year, add_workdays=_workdays())
        if not Document.objects.filter(published_on__year=year).exists():
            library = write_library(target, hierarchy.city, hierarchy.agencies, rng)
            write_policies(hierarchy.agencies)  # the curated documents the search relevance set judges
            self.stdout.write(
                _(
                    "Built the document library: %(documents)s documents, %(effects)s effect records, "
                    "%(statistics)s entered figures of table 2."
                )
                % {
                    "documents": library.documents,
                    "effects": library.effects,
                    "statistics": library.statistics,
                }
            )
        # Table 4: the year before first (the narrative's year-on-year rates), then the year; a generator of
        # their own, so that the applications and the library stay as they were.
        appeals_rng = random.Random(random_seed + 16)
        appeals = write_appeals(previous_year_cells(), year - 1, hierarchy.agencies, appeals_rng)
        appeals += write_appeals(target.cells, year, hierarchy.agencies, appeals_rng)
        publish_previous_report(hierarchy.city, year - 1)
        self.stdout.write(
            _(
                "Simulated %(applications)s applications of %(before)s and published its city report; "
                "%(fees)s yuan of fees paid in %(year)s."
            )
            % {"applications": before.applications, "before": year - 1, "fees": fees, "year": year}
        )
        self.stdout.write(
            _("Simulated %(cases)s reconsideration and litigation cases of %(before)s and %(year)s.")
            % {"cases": appeals, "before": year - 1, "year": year}
        )
        imported = import_demo_reports(year)
        if imported:
            self.stdout.write(
                _("Imported the reports of %(n)s agencies that publish elsewhere.") % {"n": imported}
            )
        # Fresh planner statistics before anything reads the year back: a freshly written database has
        # none, and PostgreSQL then planned the roll-up's grouped table 2 as if the tables were empty
        # (20.7 s against 0.11 s after ANALYZE, docs/benchmarks.md); autovacuum would come too late.
        _analyze()
        # The standing rules on 31 December, and the city office's evaluation of its agencies.
        supervised, evaluated = supervise_simulated(hierarchy.city, hierarchy.agencies, year)
        self.stdout.write(
            _(
                "The standing supervision rules found %(count)s items in the simulated records; "
                "%(evaluated)s agencies evaluated from them."
            )
            % {"count": supervised.total_raised, "evaluated": evaluated}
        )
        self.stdout.write(
            _(
                "Simulated the cases of %(year)s: %(agencies)s agencies, %(applications)s applications, "
                "%(events)s case events, in %(seconds)s s."
            )
            % {
                "year": year,
                "agencies": len(hierarchy.agencies),
                "applications": result.applications,
                "events": result.events,
                "seconds": f"{time.monotonic() - started:.1f}",
            }
        )


def _workdays():
    try:
        deadline.add_workdays(dt.date(2023, 1, 3), 1)
    except GongkaiError:  # no core calendar: use plain weekdays (the demo's dates only)
        return lambda start, n: start + dt.timedelta(days=n * 7 // 5 + 2)
    return deadline.add_workdays


class _ProgressLine:
    """One line redrawn in place on a terminal: bar, count, rate."""

    def __init__(self, out, total: int, started: float):
        self.out, self.total, self.started = out, total, started
        self.tty = getattr(sys.stdout, "isatty", lambda: False)()

    def __call__(self, done: int) -> None:
        if not self.tty:
            return
        width = 30
        filled = width * done // self.total
        rate = done / max(time.monotonic() - self.started, 1e-6)
        self.out.write(
            "\r"
            + _("Simulating cases [%(bar)s] %(done)s/%(total)s  %(rate)s cases/s")
            % {
                "bar": "█" * filled + "░" * (width - filled),
                "done": done,
                "total": self.total,
                "rate": f"{rate:,.0f}",
            },
            ending="",
        )
        self.out.flush()

    def finish(self) -> None:
        if self.tty:
            self.out.write("")


def _analyze() -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
