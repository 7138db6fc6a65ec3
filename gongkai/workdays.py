"""China's working days (legal-rules §4.2, §5).

A working day is one the State Council's yearly holiday notice makes a working day: Monday to
Friday unless declared a holiday or 调休 rest day, plus the weekend days declared 调休 working
days (条例第三十三条 counts the reply period in working days; 行政许可法第八十二条 likewise).

Sources, in order of precedence (legal-rules §5.4):

1. the project's data file ``gongkai/data/workdays.json`` (or the file named by the environment
   variable ``GONGKAI_WORKDAYS_FILE`` or passed as ``data_path``): schedules for years that
   ``chinese_calendar`` does not yet cover, corrections, and regional overlays keyed by
   administrative division code, each entry citing its notice;
2. ``chinese_calendar`` (2004–2026 in 1.11.0);
3. for later years, weekends and the fixed holidays of 《全国年节及纪念日放假办法》
   (``gongkai.statutory_holidays``), flagged *provisional*: any period touching such a year says so
   (its 补假 and 调休 are unknown until the notice).

Speed: each year becomes a sorted array of working-day ordinals, so "the n-th working day
after d" is one bisect and one index, never a walk day by day.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import chinese_calendar

from gongkai.errors import GongkaiError
from gongkai.statutory_holidays import fixed_holiday

DATA_FILE = Path(__file__).parent / "data" / "workdays.json"
ENV_VAR = "GONGKAI_WORKDAYS_FILE"

#: The arrays start here; earlier dates are outside the calendar (the 条例 of 2008 is later still).
FIRST_YEAR = 2000
#: A date this far beyond the last known schedule is refused rather than guessed.
LAST_YEAR = 2200

Pause = tuple[dt.date, dt.date]


class CalendarError(GongkaiError):
    """The calendar data is inconsistent, or a date lies outside the calendar."""

    code = "workdays.error"


@dataclass(frozen=True, slots=True)
class YearSchedule:
    """One year's adjustments: ``rest`` are days off (holidays, 调休 rest days), ``work`` are
    weekend days declared working days. ``notice`` cites the document they come from."""

    year: int
    rest: frozenset[dt.date]
    work: frozenset[dt.date]
    notice: str
    url: str = ""


@dataclass(frozen=True, slots=True)
class Coverage:
    """Which years the calendar knows, seen from ``today`` (for a status page or health check).

    ``library`` is the (first, last) year ``chinese_calendar`` carries, ``data_years`` the national
    years the data file adds or corrects, ``regions`` the overlay codes with their years. ``warning``
    is ``coverage_warning(today)``: set exactly when deadlines computed today may be provisional."""

    today: dt.date
    library: tuple[int, int]
    library_version: str
    data_years: tuple[int, ...]
    data_source: str
    regions: Mapping[str, tuple[int, ...]]
    last_known_year: int
    this_year_known: bool
    next_year_known: bool
    warning: str | None

    @property
    def provisional(self) -> bool:
        return self.warning is not None


@dataclass(frozen=True, slots=True)
class WorkdayData:
    """The parsed data file: national schedules and regional overlays."""

    years: Mapping[int, YearSchedule]
    regions: Mapping[str, Mapping[int, YearSchedule]]
    source: str


# ── the data file ───────────────────────────────────────────────────────────────────────────


def _parse_dates(raw: Any, where: str) -> frozenset[dt.date]:
    if not isinstance(raw, list):
        raise CalendarError(
            f"工作日数据文件有误：{where} 应为日期列表。", code="workdays.bad_file", where=where
        )
    dates = set()
    for item in raw:
        try:
            dates.add(dt.date.fromisoformat(item))
        except (TypeError, ValueError):
            raise CalendarError(
                f"工作日数据文件有误：{where} 中的“{item}”不是有效日期（应为 YYYY-MM-DD）。",
                code="workdays.bad_date",
                where=where,
                value=item,
            ) from None
    return frozenset(dates)


def _parse_year(year_text: str, raw: Any, where: str) -> YearSchedule:
    try:
        year = int(year_text)
    except ValueError:
        raise CalendarError(
            f"工作日数据文件有误：{where} 的年份“{year_text}”不是数字。",
            code="workdays.bad_year",
            where=where,
        ) from None
    if not isinstance(raw, dict) or not str(raw.get("notice", "")).strip():
        raise CalendarError(
            f"工作日数据文件有误：{where} 必须注明所依据的通知（notice）。",
            code="workdays.notice_missing",
            where=where,
        )
    rest = _parse_dates(raw.get("rest", []), f"{where}.rest")
    work = _parse_dates(raw.get("work", []), f"{where}.work")
    _check_year(year, rest, work, where)
    return YearSchedule(year, rest, work, str(raw["notice"]).strip(), str(raw.get("url", "")))


def _check_year(year: int, rest: frozenset[dt.date], work: frozenset[dt.date], where: str) -> None:
    """The load-time checks of legal-rules §5.4 item 2."""
    both = sorted(rest & work)
    if both:
        raise CalendarError(
            f"工作日数据文件有误：{where} 中 {both[0]} 既列为休息日又列为工作日。",
            code="workdays.conflict",
            where=where,
            date=both[0],
        )
    stray = sorted(d for d in rest | work if d.year != year)
    if stray:
        raise CalendarError(
            f"工作日数据文件有误：{where} 中 {stray[0]} 不属于 {year} 年。",
            code="workdays.wrong_year",
            where=where,
            date=stray[0],
        )
    weekday_work = sorted(d for d in work if d.weekday() < 5)
    if weekday_work:
        raise CalendarError(
            f"工作日数据文件有误：{where} 中调休上班日 {weekday_work[0]} 不是周六或周日。",
            code="workdays.work_not_weekend",
            where=where,
            date=weekday_work[0],
        )


def load_data(path: str | os.PathLike[str] | None = None) -> WorkdayData:
    """Read a data file: the given path, else ``$GONGKAI_WORKDAYS_FILE``, else the shipped one."""
    chosen = Path(path or os.environ.get(ENV_VAR) or DATA_FILE)
    try:
        raw = json.loads(chosen.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CalendarError(
            f"无法读取工作日数据文件 {chosen}：{exc.strerror}。", code="workdays.unreadable", path=str(chosen)
        ) from None
    except json.JSONDecodeError as exc:
        raise CalendarError(
            f"工作日数据文件 {chosen} 第 {exc.lineno} 行不是有效的 JSON：{exc.msg}。",
            code="workdays.bad_json",
            path=str(chosen),
        ) from None
    years = {s.year: s for s in (_parse_year(k, v, f"years.{k}") for k, v in raw.get("years", {}).items())}
    regions = {
        str(code): {s.year: s for s in (_parse_year(k, v, f"regions.{code}.{k}") for k, v in entries.items())}
        for code, entries in raw.get("regions", {}).items()
    }
    return WorkdayData(years, regions, str(chosen))


# ── the calendar ────────────────────────────────────────────────────────────────────────────


def _library_years() -> range:
    known = chinese_calendar.holidays.keys() | chinese_calendar.workdays.keys()
    return range(min(known).year, max(known).year + 1)


class WorkdayCalendar:
    """Working days for the nation or one region (``region`` = 6-digit division code, matched
    by the overlay keys it starts with: an overlay for ``540000`` applies to ``540102``)."""

    def __init__(self, data: WorkdayData | None = None, *, region: str | None = None) -> None:
        self.data = data or load_data()
        self.region = region
        self._library = _library_years()
        self._overlays = [
            years
            for code, years in sorted(self.data.regions.items())
            if region and region.startswith(_division_prefix(code))
        ]
        self._ordinals: list[int] = []  # sorted working-day ordinals, FIRST_YEAR .. _built
        self._built = FIRST_YEAR - 1
        self._built_through_ordinal = 0
        self._first_ordinal = dt.date(FIRST_YEAR, 1, 1).toordinal()
        self._known_span = self._contiguous_known_years()

    # which years are known ------------------------------------------------------------------

    def is_known_year(self, year: int) -> bool:
        """True when a published schedule covers ``year`` (not a weekends-only guess)."""
        return year in self.data.years or year in self._library

    def last_known_year(self) -> int:
        return max([*self.data.years, self._library[-1]])

    def coverage_warning(self, today: dt.date) -> str | None:
        """A Chinese warning when deadlines computed ``today`` may rest on a guessed schedule, else None
        (legal-rules §5.4 item 4, the start-up / health check).

        From 1 November on, next year's schedule should be at hand: the State Council publishes it
        around then, and a 20-working-day period (40 with an extension, longer with pauses) started
        in November or December ends in January. When neither ``chinese_calendar`` nor the data
        file has it, every deadline crossing New Year is provisional (weekends only). A missing
        schedule for the current year itself is warned about on any day. ``today`` is passed in
        (``gongkai.clock.today``): the core never reads the system time.
        """
        if not self.is_known_year(today.year):
            missing = today.year
            why = f"今年（{missing}年）的答复期限均按周末和法定节日推算（调休尚不可知），为临时期限"
        elif today >= dt.date(today.year, 11, 1) and not self.is_known_year(today.year + 1):
            missing = today.year + 1
            why = f"跨入{missing}年的答复期限按周末和法定节日推算（调休尚不可知），为临时期限"
        else:
            return None
        # Said to the people who count deadlines: no file path, no library, nothing to edit (the
        # administrator's steps are on the calendar page for superusers and in docs/statute.md §7).
        return (
            f"尚未载入{missing}年的放假安排（国务院办公厅通常在11月前后公布）：{why}，安排载入后将重新计算。"
        )

    def coverage(self, today: dt.date) -> Coverage:
        """What the calendar covers as of ``today`` (passed in: the core never reads the clock)."""
        return Coverage(
            today=today,
            library=(self._library[0], self._library[-1]),
            library_version=str(getattr(chinese_calendar, "__version__", "")),
            data_years=tuple(sorted(self.data.years)),
            data_source=self.data.source,
            regions={code: tuple(sorted(years)) for code, years in sorted(self.data.regions.items())},
            last_known_year=self.last_known_year(),
            this_year_known=self.is_known_year(today.year),
            next_year_known=self.is_known_year(today.year + 1),
            warning=self.coverage_warning(today),
        )

    def is_provisional(self, start: dt.date, end: dt.date) -> bool:
        """True when any year from ``start`` to ``end`` has no published schedule."""
        first, last = self._known_span
        if first <= start.year and end.year <= last:  # the usual case: no loop over the years
            return False
        return not all(self.is_known_year(y) for y in range(start.year, end.year + 1))

    def _contiguous_known_years(self) -> tuple[int, int]:
        """The unbroken run of known years around the library's range, widened by the data file."""
        first, last = self._library[0], self._library[-1]
        while self.is_known_year(first - 1):
            first -= 1
        while self.is_known_year(last + 1):
            last += 1
        return first, last

    # single days ----------------------------------------------------------------------------

    def is_working_day(self, day: dt.date) -> bool:
        self._check_range(day)
        for overlay in reversed(self._overlays):
            verdict = _schedule_verdict(overlay.get(day.year), day)
            if verdict is not None:
                return verdict
        verdict = _schedule_verdict(self.data.years.get(day.year), day)
        if verdict is not None:
            return verdict
        if day.year in self._library:
            workday: bool = chinese_calendar.is_workday(day)  # the library has no type information
            return workday
        if day.year > self._library[-1]:
            # No schedule published yet: the holidays 《全国年节及纪念日放假办法》 fixes are known years
            # ahead; only its 补假 and 调休 wait for the notice (the period stays provisional).
            return day.weekday() < 5 and fixed_holiday(day) is None
        return day.weekday() < 5

    # counting -------------------------------------------------------------------------------

    def add_working_days(self, start: dt.date, n: int, pauses: Sequence[Pause] = ()) -> dt.date:
        """The n-th working day strictly after ``start`` (legal-rules §4.2 rule 1: the start day is
        not counted), skipping working days inside any ``(pause_start, pause_end]`` (§4.3)."""
        if n < 1:
            raise CalendarError(f"工作日数必须为正整数，收到 {n}。", code="workdays.bad_count", n=n)
        cursor, remaining = start.toordinal(), n
        if not pauses:
            return self._nth_after(cursor, remaining)
        for a, b in _merged(pauses, after=cursor):
            inside = self._count(cursor, a)
            if inside >= remaining:
                break
            remaining -= inside
            cursor = b
        return self._nth_after(cursor, remaining)

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """How many working days lie in ``(start, end]`` (0 when ``end <= start``)."""
        return self._count(start.toordinal(), end.toordinal())

    def counted_working_days(self, start: dt.date, end: dt.date, pauses: Iterable[Pause] = ()) -> int:
        """How many working days in ``(start, end]`` count, i.e. fall outside every pause: the
        inverse of ``add_working_days`` (``add_working_days(s, counted(s, e, p), p) <= e``)."""
        cursor, stop, total = start.toordinal(), end.toordinal(), 0
        for a, b in _merged(pauses, after=cursor):
            if a >= stop:
                break
            total += self._count(cursor, a)
            cursor = b
        return total + self._count(cursor, stop)

    def next_working_day(self, day: dt.date) -> dt.date:
        """``day`` itself when it is a working day, else the first working day after it."""
        return self._nth_after(day.toordinal() - 1, 1)

    # internals ------------------------------------------------------------------------------

    def _check_range(self, day: dt.date) -> None:
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise CalendarError(
                f"日期 {day} 超出工作日历的范围（{FIRST_YEAR}—{LAST_YEAR} 年）。",
                code="workdays.out_of_range",
                date=day,
            )

    def _build_through(self, year: int) -> None:
        if year > LAST_YEAR:
            raise CalendarError(
                f"{year} 年超出工作日历的范围（{FIRST_YEAR}—{LAST_YEAR} 年）。",
                code="workdays.out_of_range",
                year=year,
            )
        while self._built < year:
            y = self._built + 1
            first, last = dt.date(y, 1, 1).toordinal(), dt.date(y, 12, 31).toordinal()
            self._ordinals.extend(
                o for o in range(first, last + 1) if self.is_working_day(dt.date.fromordinal(o))
            )
            self._built = y
            self._built_through_ordinal = last

    def _count(self, after: int, through: int) -> int:
        if through <= after:
            return 0
        self._build_through(dt.date.fromordinal(through).year)
        if after < dt.date(FIRST_YEAR, 1, 1).toordinal():
            self._check_range(dt.date.fromordinal(max(after, 1)))
        return bisect_right(self._ordinals, through) - bisect_right(self._ordinals, after)

    def _nth_after(self, after: int, n: int) -> dt.date:
        # n working days take about 7n/5 days, plus some 11 holiday days a year (≈ n/20) and the
        # longest holiday run (< 6 weeks); the loop below covers any shortfall of that estimate.
        horizon = after + 7 * n // 5 + n // 20 + 40
        if horizon > self._built_through_ordinal:
            self._check_range(dt.date.fromordinal(after))
            self._build_through(dt.date.fromordinal(horizon).year)
        elif after < self._first_ordinal:
            self._check_range(dt.date.fromordinal(max(after, 1)))
        index = bisect_right(self._ordinals, after) + n - 1
        while index >= len(self._ordinals):
            next_year = dt.date.fromordinal(self._built_through_ordinal).year + 1
            self._check_range(dt.date(min(next_year, dt.MAXYEAR), 1, 1))
            self._build_through(next_year)
        return dt.date.fromordinal(self._ordinals[index])


def _schedule_verdict(schedule: YearSchedule | None, day: dt.date) -> bool | None:
    if schedule is None:
        return None
    if day in schedule.rest:
        return False
    if day in schedule.work:
        return True
    return None


def _division_prefix(code: str) -> str:
    """``540000`` covers the province (``54``), ``540100`` the city (``5401``), else the county."""
    if code.endswith("0000"):
        return code[:2]
    if code.endswith("00"):
        return code[:4]
    return code


def _merged(pauses: Iterable[Pause], *, after: int) -> list[tuple[int, int]]:
    """Pauses as ordinal intervals ``(a, b]`` clipped to start no earlier than ``after``, sorted
    and merged, so each working day is skipped at most once."""
    spans = sorted((max(a.toordinal(), after), b.toordinal()) for a, b in pauses if b.toordinal() > after)
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


# ── module-level conveniences over the default national calendar ───────────────────────────

_DEFAULT: dict[str | None, WorkdayCalendar] = {}


def default_calendar(region: str | None = None) -> WorkdayCalendar:
    """The shared calendar from the shipped (or ``$GONGKAI_WORKDAYS_FILE``) data, built once."""
    if region not in _DEFAULT:
        _DEFAULT[region] = WorkdayCalendar(region=region)
    return _DEFAULT[region]


def is_working_day(day: dt.date, region: str | None = None) -> bool:
    return default_calendar(region).is_working_day(day)


def previous_working_day(day: dt.date, region: str | None = None) -> dt.date:
    """The last working day strictly before ``day``."""
    calendar = default_calendar(region)
    day -= dt.timedelta(days=1)
    while not calendar.is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def add_working_days(
    start: dt.date, n: int, pauses: Sequence[Pause] = (), *, calendar: WorkdayCalendar | None = None
) -> dt.date:
    return (calendar or default_calendar()).add_working_days(start, n, pauses)


def add_working_days_slow(
    start: dt.date, n: int, pauses: Sequence[Pause] = (), *, calendar: WorkdayCalendar | None = None
) -> dt.date:
    """The plain day-by-day loop of legal-rules §4.4: the reference the fast path is tested and
    benchmarked against. Do not use it in production code."""
    cal = calendar or default_calendar()
    day, counted = start, 0
    while counted < n:
        day += dt.timedelta(days=1)
        if any(a < day <= b for a, b in pauses):
            continue
        if cal.is_working_day(day):
            counted += 1
    return day
