"""Builders for the Q&A tests: a published document of agency A to ground answers, entries, questions."""

from __future__ import annotations

import datetime as dt

from gongkai_web.publications.models import Document
from gongkai_web.qa import services

from .fixtures import SHANGHAI, clock_at

#: Friday 2025-09-26, 10:00 in Shanghai: the last working day but two before the National Day holiday
#: (2025-10-01 to 10-08 off; Sunday 09-28 and Saturday 10-11 are 调休 working days).
BEFORE_NATIONAL_DAY = dt.datetime(2025, 9, 26, 10, 0, tzinfo=SHANGHAI)


def published_document(
    agency, title="渝中区财政局关于城乡居民医疗保险财政补助标准的通知", number="渝中财发〔2025〕3号"
):
    return Document.objects.create(
        agency=agency,
        kind="other",
        title=title,
        number=number,
        stage="published",
        publicity="proactive",
        published_on=dt.date(2025, 3, 1),
    )


def draft_document(agency):
    return Document.objects.create(agency=agency, kind="other", title="渝中区财政局内部工作规程（草稿）")


def make_entry(world, *, published=False, **kw):
    entry = services.create_entry(
        world.a,
        question=kw.pop("question", "城乡居民医疗保险的财政补助标准是多少？"),
        answer=kw.pop("answer", "2025年财政补助标准为每人每年不低于700元。"),
        actor=world.lisi,
        clock=clock_at(dt.date(2025, 11, 3), 10),
        **kw,
    )
    if published:
        entry = services.publish_entry(entry, actor=world.qianqi, clock=clock_at(dt.date(2025, 11, 3), 11))
    return entry


def make_question(world, *, agency=None, contact="13812345678", name="刘小红", **kw):
    return services.ask_question(
        agency or world.a,
        question=kw.pop("question", "我在外地工作，可以在渝中区参加城乡居民医保吗？"),
        contact=contact,
        name=name,
        clock=kw.pop("clock", clock_at(dt.date(2025, 11, 3), 10)),
    )
