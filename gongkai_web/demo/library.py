"""The demo's document library: the seed's 规章 and 行政规范性文件 across the hierarchy (三级五类), written
as documents, life-cycle events and effect records, plus the year's entered figures of table 2.

Like ``simulation`` for applications, this module chooses documents, dates and titles and writes rows
with ``bulk_create``; it never writes a figure of table 2. The table is counted from these records by
``gongkai_web.reports.build`` exactly as for real data, and equals the seed's (tests/web/test_demo.py).

The plan, per kind, from the target's three figures (issued I, repealed R, in force F at year end):
F − I older documents stay in force, R older ones are repealed in the year by their government's
clean-up decision (其他政府信息, not counted), a few older 规范性文件 lapse in the year at the end of their
five-year 有效期 (失效 is not 废止: the core's identity P1), and the I new ones are in force at year end."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from gongkai.publications.docnumber import DocumentNumber
from gongkai.report.model import AnnualReport
from gongkai_web.agencies.models import Agency, Kind
from gongkai_web.publications.models import (
    Document,
    DocumentEvent,
    DocumentKind,
    Effect,
    EffectKind,
    Interpretation,
    NumberSequence,
    Publicity,
    Stage,
    StatisticItem,
    YearStatistic,
)
from gongkai_web.publications.search_entries import index_library
from gongkai_web.publications.services.publishing import INDEX_SEQUENCE_PREFIX

#: Share of a year's 规范性文件 by kind of agency.
NORMATIVE_WEIGHTS: dict[str, float] = {
    Kind.CITY_GOVERNMENT: 40.0,
    Kind.CITY_DEPARTMENT: 12.0,
    Kind.COUNTY_GOVERNMENT: 12.0,
    Kind.COUNTY_DEPARTMENT: 3.0,
    Kind.TOWNSHIP_GOVERNMENT: 0.5,
}
#: Share of the year's 许可/处罚/强制 decisions and fees (departments decide most of them).
DECISION_WEIGHTS: dict[str, float] = {
    Kind.CITY_GOVERNMENT: 1.0,
    Kind.CITY_DEPARTMENT: 30.0,
    Kind.COUNTY_GOVERNMENT: 4.0,
    Kind.COUNTY_DEPARTMENT: 8.0,
    Kind.TOWNSHIP_GOVERNMENT: 0.5,
}
STATISTIC_ADDRESSES = {
    StatisticItem.LICENSING: "active.licensing",
    StatisticItem.PENALTY: "active.penalty",
    StatisticItem.COERCION: "active.coercion",
    StatisticItem.FEES: "active.fees_10k_yuan",
}
TOPICS = (
    "综合政务\\政务公开",
    "财政、金融、审计\\财政",
    "城乡建设、环境保护\\城乡建设",
    "劳动、人事、监察\\劳动就业",
    "市场监管、安全生产监管\\市场监管",
)
SUBJECTS = (
    "财政资金管理",
    "政府信息公开工作",
    "城镇老旧小区改造",
    "就业创业补贴",
    "市场主体登记",
    "安全生产检查",
    "农村人居环境整治",
    "义务教育招生",
)
GENRES = ("办法", "规定", "通知", "意见", "细则")
VALIDITY_YEARS = 5
LAPSING_SHARE = 0.04  # of the older 规范性文件 in force at year end: lapse in the year (有效期届满)


@dataclass
class LibraryResult:
    documents: int = 0
    events: int = 0
    effects: int = 0
    statistics: int = 0
    interpretations: int = 0


def shares(total: int, weights: Sequence[float]) -> list[int]:
    """``total`` split in proportion to ``weights`` with whole numbers that add up exactly (largest remainder)."""
    whole = sum(weights)
    exact = [total * w / whole for w in weights]
    parts = [int(x) for x in exact]
    for i in sorted(range(len(weights)), key=lambda i: exact[i] - parts[i], reverse=True)[
        : total - sum(parts)
    ]:
        parts[i] += 1
    return parts


def _years_later(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass
class _Writer:
    year: int
    rng: random.Random
    documents: list[Document] = field(default_factory=list)
    events: list[tuple[int, str, dt.date, dict]] = field(default_factory=list)
    effects: list[tuple[int, int, str, dt.date]] = field(default_factory=list)
    serials: dict[tuple[str, int], int] = field(default_factory=lambda: defaultdict(int))

    def day_in(self, year: int, first: tuple[int, int] = (1, 5), last: tuple[int, int] = (12, 20)) -> dt.date:
        start, end = dt.date(year, *first), dt.date(year, *last)
        return start + dt.timedelta(days=self.rng.randrange((end - start).days + 1))

    def add(
        self,
        agency: Agency,
        kind: str,
        published_on: dt.date,
        *,
        valid_until: dt.date | None = None,
        title: str = "",
    ) -> int:
        short = agency.short_name or agency.name[:4]
        codes: dict[str, str] = {DocumentKind.RULE: f"{short}令", DocumentKind.NORMATIVE: f"{short}规"}
        code = codes.get(kind, f"{short}发")
        number_year = 0 if kind == DocumentKind.RULE else published_on.year
        self.serials[code, number_year] += 1
        serial = self.serials[code, number_year]
        self.serials[INDEX_SEQUENCE_PREFIX + agency.code, published_on.year] += 1
        index = self.serials[INDEX_SEQUENCE_PREFIX + agency.code, published_on.year]
        subject = self.rng.choice(SUBJECTS)
        doc = Document(
            agency=agency,
            kind=kind,
            title=title or f"{agency.name}关于{subject}的{self.rng.choice(GENRES)}",
            stage=Stage.PUBLISHED,
            issuer_code=code,
            number_year=number_year,
            number_serial=serial,
            number=str(DocumentNumber(code, number_year or None, serial)),
            index_number=f"{agency.code}/{published_on.year}-{index:05d}",
            formed_on=published_on - dt.timedelta(days=10),
            signed_on=published_on - dt.timedelta(days=7),
            published_on=published_on,
            effective_on=self.effective_from(kind, published_on),
            valid_until=valid_until,
            topic=self.rng.choice(TOPICS),
            genre=title[-2:] if title else "",
            publicity=Publicity.PROACTIVE,
        )
        self.documents.append(doc)
        return len(self.documents) - 1

    def effective_from(self, kind: str, published: dt.date) -> dt.date:
        """Usually 30 days after publication (条例 practice: time to prepare); from publication when that
        would cross into the next year, so that the year's documents are in force on 31 December."""
        later = published + dt.timedelta(days=30)
        return later if kind != DocumentKind.OTHER and later.year == published.year else published

    def older(self, agency: Agency, kind: str, *, lapsing: bool = False) -> int:
        """A document of an earlier year: in force on 1 January; ``lapsing``: its 有效期 ends this year."""
        if lapsing:
            published = self.day_in(self.year - VALIDITY_YEARS, (1, 3), (12, 25))
            return self.add(
                agency,
                kind,
                published,
                valid_until=_years_later(published, VALIDITY_YEARS) - dt.timedelta(days=1),
            )
        first = self.year - (20 if kind == DocumentKind.RULE else 12)
        published = self.day_in(self.rng.randrange(first, self.year))
        # recent 规范性文件 carry a five-year 有效期 that runs past this year; older ones were set none
        renewable = kind == DocumentKind.NORMATIVE and published.year > self.year - VALIDITY_YEARS + 1
        return self.add(
            agency,
            kind,
            published,
            valid_until=_years_later(published, VALIDITY_YEARS) if renewable else None,
        )


def write_library(
    target: AnnualReport, city: Agency, agencies: Sequence[Agency], rng: random.Random
) -> LibraryResult:
    """Write the library of ``target.year`` so that table 2's first block, counted over the city, and
    the entered figures equal ``target``'s."""
    year = target.year
    assert year is not None
    cells = target.cells
    writer = _Writer(year, rng)
    Agency.objects.filter(pk=city.pk).update(
        makes_rules=True
    )  # 重庆市人民政府: rule-making power (立法法第九十三条)
    governments = {a.pk: a for a in agencies if a.kind in (Kind.CITY_GOVERNMENT, Kind.COUNTY_GOVERNMENT)}
    by_pk = {a.pk: a for a in agencies}
    repeals: list[tuple[Agency, int]] = []  # (the government whose decision repeals it, document index)

    def government_of(agency: Agency) -> Agency:
        while agency.pk not in governments:
            agency = by_pk.get(agency.parent_id, city) if agency.parent_id is not None else city
        return agency

    def plan(
        kind: str, issuers: Sequence[Agency], weights: Sequence[float], prefix: str, lapsing_share: float
    ) -> None:
        issued, repealed, in_force = (
            int(cells[f"active.{prefix}.{c}"] or 0) for c in ("issued", "repealed", "in_force")
        )
        kept = in_force - issued
        lapsing = round(kept * lapsing_share)
        for agency, new, keep, gone, lapse in zip(
            issuers,
            shares(issued, weights),
            shares(kept, weights),
            shares(repealed, weights),
            shares(lapsing, weights),
            strict=True,
        ):
            for _ in range(keep):
                writer.older(agency, kind)
            for _ in range(lapse):
                writer.older(agency, kind, lapsing=True)
            for _ in range(gone):
                repeals.append((government_of(agency), writer.older(agency, kind)))
            for _ in range(new):
                writer.add(agency, kind, writer.day_in(year))

    plan(DocumentKind.RULE, [city], [1.0], "rules", 0.0)
    issuers = list(agencies)
    plan(
        DocumentKind.NORMATIVE,
        issuers,
        [NORMATIVE_WEIGHTS.get(a.kind, 1.0) for a in issuers],
        "normative_documents",
        LAPSING_SHARE,
    )
    decisions: dict[int, int] = {}
    for government in {g.pk: g for g, _ in repeals}.values():
        decisions[government.pk] = writer.add(
            government,
            DocumentKind.OTHER,
            dt.date(year, 6, 30),
            title=f"{government.name}关于公布规范性文件清理结果的决定",
        )
    for government, target_index in repeals:
        writer.effects.append(
            (decisions[government.pk], target_index, EffectKind.REPEALS, dt.date(year, 6, 30))
        )
    with transaction.atomic():
        return _save(writer, target, agencies)


def _save(writer: _Writer, target: AnnualReport, agencies: Sequence[Agency]) -> LibraryResult:
    docs = Document.objects.bulk_create(writer.documents, batch_size=2000)
    events = []
    for doc in docs:
        published, signed = doc.published_on, doc.signed_on
        assert published is not None and signed is not None  # set by _Writer.add
        if published.year < writer.year:
            events.append(
                DocumentEvent(document=doc, kind="published", on=published, data={"imported": True})
            )
            continue
        for kind, day in (
            ("drafted", signed - dt.timedelta(days=3)),
            ("publicity_proposed", signed - dt.timedelta(days=3)),
            ("secrecy_first_review", signed),
            ("secrecy_second_review", signed),
            ("signed", signed),
            ("registered", signed),
            ("published", published),
        ):
            events.append(DocumentEvent(document=doc, kind=kind, on=day, data={"demo": True}))
    DocumentEvent.objects.bulk_create(events, batch_size=5000)
    Effect.objects.bulk_create(
        [Effect(source=docs[s], target=docs[t], kind=kind, on=on) for s, t, kind, on in writer.effects],
        batch_size=5000,
    )
    for (code, year), last in writer.serials.items():
        NumberSequence.objects.update_or_create(issuer_code=code, year=year, defaults={"last_serial": last})
    index_library()  # the public finds the library (publications.search_entries), as after an import
    stats = _statistics(target, agencies)
    this_year = [d for d in docs if d.published_on and d.published_on.year == writer.year]
    interpretations = _interpretations(this_year, writer.year)
    return LibraryResult(len(docs), len(events), len(writer.effects), stats, interpretations)


#: The seed's "形象化、通俗化解读比例超过80%" gives no exact figure: the demo takes the smallest share over
#: 80 % (``visual_count``); the rest are 文字. The forms of the 形象化、通俗化 ones take turns.
VISUAL_TURNS = ("graphic", "qa", "graphic", "video", "audio")
INTERPRETATION_TITLES = {
    "text": "《{title}》政策解读",
    "graphic": "一图读懂《{title}》",
    "qa": "《{title}》问答",
    "video": "视频解读：《{title}》",
    "audio": "音频解读：《{title}》",
}


def visual_count(total: int) -> int:
    """The smallest number of ``total`` that is over 80 % (1300 → 1041, 80.08 %)."""
    return min(total, total * 4 // 5 + 1) if total else 0


def _interpretations(docs: Sequence[Document], year: int) -> int:
    """The seed's "重要政策性文件100%开展实质性解读": every 规章 and 规范性文件 of the year has one interpretation,
    drafted before its signature, signed off with it and published with it (同步起草、同步审签、同步发布)."""
    needing = [d for d in docs if d.kind in (DocumentKind.RULE, DocumentKind.NORMATIVE)]
    rng = random.Random(year)  # its own: the library's and the cases' random draws stay as they were
    plain = set(rng.sample(range(len(needing)), len(needing) - visual_count(len(needing))))
    shanghai = dt.timezone(dt.timedelta(hours=8))
    rows = []
    for i, doc in enumerate(needing):
        signed, published = doc.signed_on, doc.published_on
        assert signed is not None and published is not None  # set by _Writer.add
        form = "text" if i in plain else VISUAL_TURNS[i % len(VISUAL_TURNS)]
        drafted = signed - dt.timedelta(days=3)
        rows.append(
            Interpretation(
                document=doc,
                title=INTERPRETATION_TITLES[form].format(title=doc.title)[:300],
                form=form,
                body=f"{doc.title}（{doc.number}）的出台背景、主要内容和执行口径。",
                drafted_at=dt.datetime(drafted.year, drafted.month, drafted.day, 10, tzinfo=shanghai),
                signed_at=dt.datetime(signed.year, signed.month, signed.day, 16, tzinfo=shanghai),
                published_on=published,
            )
        )
    Interpretation.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _statistics(target: AnnualReport, agencies: Sequence[Agency]) -> int:
    year = target.year
    assert year is not None
    entered_at = dt.datetime(year + 1, 1, 10, 1, 0, tzinfo=dt.UTC)
    rows = []
    weights = [DECISION_WEIGHTS.get(a.kind, 1.0) for a in agencies]
    for item, address in STATISTIC_ADDRESSES.items():
        value = target.cells[address]
        if value is None:
            continue
        for agency, part in zip(agencies, shares(int(value), weights), strict=True):
            if part:
                rows.append(
                    YearStatistic(
                        agency=agency,
                        year=year,
                        item=item,
                        value=Decimal(part),
                        source="演示数据（模拟的业务系统年度统计）",
                        entered_at=entered_at,
                    )
                )
    YearStatistic.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
