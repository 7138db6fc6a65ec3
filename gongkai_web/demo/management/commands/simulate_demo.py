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

from gongkai.errors import GongkaiError
from gongkai.report.read import read_report
from gongkai.report.restore import restore
from gongkai.simulate import PlanError, plan_year
from gongkai_web.applications import deadline
from gongkai_web.applications.models import Application
from gongkai_web.demo.hierarchy import build_hierarchy
from gongkai_web.demo.simulation import write_plan

SEED = Path(settings.BASE_DIR).parent / "tests" / "fixtures" / "seed" / "000_b7048197b128a89d.txt"


def load_target(path: Path = SEED):
    """The seed's report as the core reads it, with the two cells lost in extraction restored."""
    return restore(read_report(str(path))).report


class Command(BaseCommand):
    help = "模拟一个类似重庆市的机关体系和一年的依申请公开办件，使全市表三与种子年报一致。"

    def add_arguments(self, parser):
        parser.add_argument("--seed-report", default=str(SEED), help="目标年报（默认：种子年报）")
        parser.add_argument("--random-seed", type=int, default=2023)
        parser.add_argument("--force", action="store_true", help="即使该年度已有记录也再模拟一次")

    def handle(self, *args, seed_report: str, random_seed: int, force: bool, **options):
        try:
            target = load_target(Path(seed_report))
        except (GongkaiError, OSError) as exc:
            raise CommandError(f"无法读取目标年报 {seed_report}：{exc}") from exc
        year = target.year
        if year is None:
            raise CommandError(f"目标年报 {seed_report} 未写明年度。")
        if not force and Application.objects.filter(received_on__year=year).exists():
            self.stdout.write(f"{year}年已有办件记录，未重复模拟。")
            return
        rng = random.Random(random_seed)
        try:
            plan = plan_year(target, year, rng)
        except PlanError as exc:
            raise CommandError(f"无法按目标年报规划办件：{exc}") from exc
        started = time.monotonic()
        hierarchy = build_hierarchy()
        progress = _ProgressLine(self.stdout, len(plan), started)
        result = write_plan(plan, hierarchy.agencies, rng, add_workdays=_workdays(), progress=progress)
        progress.finish()
        self.stdout.write(
            f"已模拟{year}年办件：{len(hierarchy.agencies)}个机关，{result.applications}件申请，"
            f"{result.events}条办理记录，用时{time.monotonic() - started:.1f}秒。"
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
            f"\r模拟办件 [{'█' * filled}{'░' * (width - filled)}] {done}/{self.total}  {rate:,.0f} 件/秒",
            ending="",
        )
        self.out.flush()

    def finish(self) -> None:
        if self.tty:
            self.out.write("")
