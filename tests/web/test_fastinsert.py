"""insert() writes the rows Model.save() writes, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from django.utils import timezone

from gongkai_web.applications.models import Application, ApplicationEvent, Letter
from gongkai_web.audit.models import AuditEntry
from gongkai_web.fastinsert import insert

MOMENT = dt.datetime(2025, 11, 3, 9, 30, tzinfo=dt.UTC)


def row(obj, *, skip=("id", "created_at")):
    values = type(obj).objects.filter(pk=obj.pk).values()[0]
    return {k: v for k, v in values.items() if k not in skip}


def twins(make):
    saved, inserted = make(), make()
    saved.save(force_insert=True)
    insert(inserted)
    assert inserted.pk is not None and inserted.pk != saved.pk and not inserted._state.adding
    return saved, inserted


def test_an_application_inserted_is_the_row_save_writes(world):
    codes = itertools.count()

    def make():
        return Application(
            agency=world.a,
            query_code=f"GKTEST{next(codes):06d}",
            secret_digest="d" * 64,
            channel="post_signed",
            arrived_at=MOMENT,
            received_on=dt.date(2025, 11, 3),
            receipt_rule="signed_for",
            status="in_progress",
            name="张三",
            id_number="110105194912310029",
            description="“引号”与换行\n以及 emoji 🙂",
            delivery_methods=["post", "email"],
            due_on=dt.date(2025, 12, 1),
            entered_by=world.lisi,
        )

    saved, inserted = twins(make)
    assert row(saved, skip=("id", "created_at", "query_code")) == row(
        inserted, skip=("id", "created_at", "query_code")
    )
    assert inserted.created_at is not None and timezone.is_aware(inserted.created_at)
    fresh = Application.objects.get(pk=inserted.pk)
    assert (fresh.delivery_methods, fresh.entered_by, fresh.arrived_at) == (
        ["post", "email"],
        world.lisi,
        MOMENT,
    )


def test_events_inserted_together_get_their_keys_in_order(world):
    events = [
        ApplicationEvent(application=world.app_a, kind=kind, on=dt.date(2025, 11, 3), data={"n": n})
        for n, kind in enumerate(["extension_approved", "reasons_requested", "split"])
    ]
    insert(*events)
    stored = {e.pk: (e.kind, e.data) for e in ApplicationEvent.objects.filter(pk__in=[e.pk for e in events])}
    assert [stored[e.pk] for e in events] == [(e.kind, {"n": n}) for n, e in enumerate(events)]


def test_a_letter_and_an_audit_entry_inserted_are_the_rows_save_writes(world):
    serials = itertools.count(900)

    def letter():
        return Letter(
            application=world.app_a,
            agency=world.a,
            kind="receipt",
            title="接收回执",
            number="渝中财公开〔2025〕9号",
            year=2025,
            serial=next(serials),
            addressee="张三",
            to_applicant=True,
            issued_on=dt.date(2025, 11, 3),
            text="正文",
            composed={"paragraphs": ["一", "二"], "fee": str(Decimal("1.50"))},
            pdf=b"%PDF\x00\xff",
        )

    saved, inserted = twins(letter)
    assert row(saved, skip=("id", "created_at", "serial")) == row(
        inserted, skip=("id", "created_at", "serial")
    )
    assert bytes(Letter.objects.get(pk=inserted.pk).pdf) == b"%PDF\x00\xff"

    def entry():
        return AuditEntry(
            actor=world.lisi,
            actor_label="lisi",
            action="applications.test",
            object_type="x.y",
            object_id="7",
            data={"on": "2025-11-03", "ids": [1, 2]},
            created_at=MOMENT,
        )

    saved, inserted = twins(entry)
    assert row(saved) == row(inserted) and AuditEntry.objects.get(pk=inserted.pk).actor == world.lisi


def test_insert_takes_only_new_instances_of_one_model(world):
    with pytest.raises(ValueError):
        insert(world.app_a)  # already stored
    with pytest.raises(ValueError):
        insert(
            ApplicationEvent(application=world.app_a, kind="split", on=dt.date(2025, 11, 3)),
            AuditEntry(action="x", object_type="x", object_id="1", created_at=MOMENT),
        )
