"""Masking in the letters (issue 11, item 4): every kind of letter, as DOCX and as PDF, for every
persona — issued in full to those who may handle the agency, a marked 脱敏副本 for the supervising
office, the applicant's own letters in full to her through the portal, and nothing to anyone else.
(The rule and the personas: masked_applicant.py.)"""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai_web.applications import services
from gongkai_web.audit.models import AuditEntry

from .documents import docx_all_text, pdf_text
from .fixtures import clock_at
from .masked_applicant import (
    ADDRESS,
    COPY_NOTE,
    MASKED_NAME,
    MASKED_STAFF,
    MASKED_THIRD_PARTY,
    MAY_UNMASK,
    NAME,
    PERSONAS,
    PHONE,
    THIRD_PARTY,
    as_persona,
    her_application,
    leaked,
)

D = dt.date


def _read(fmt: str, data: bytes) -> str:
    return docx_all_text(data) if fmt == "docx" else pdf_text(data)


def _on(world, day):
    return {"actor": world.lisi, "clock": clock_at(day)}


def _consult_third_party(world, app):
    services.start_consultation(
        app,
        consultee_kind="third_party",
        consultee=THIRD_PARTY,
        sent_on=D(2025, 11, 5),
        **_on(world, D(2025, 11, 5)),
    )


def _disclose_over_objection(world, app):
    _consult_third_party(world, app)
    services.answer_consultation(
        app,
        answered_on=D(2025, 11, 10),
        position="object",
        reasons=f"{THIRD_PARTY}不同意公开",
        **_on(world, D(2025, 11, 10)),
    )
    services.reply_application(
        app,
        outcome="granted",
        decided_on=D(2025, 11, 20),
        public_interest="违法建筑拆除关系到周边居民的安全",
        **_on(world, D(2025, 11, 20)),
    )


#: Letter kind → the steps that issue it on a fresh application of 慕容雪霁's (the receipt comes with it).
STEPS = {
    "receipt": lambda world, app: None,
    "correction": lambda world, app: services.request_correction(
        app, items=["请写明所需处理决定的文号"], sent_on=D(2025, 11, 5), **_on(world, D(2025, 11, 5))
    ),
    "extension": lambda world, app: services.approve_extension(
        app,
        workdays=10,
        reason="需要调取档案",
        notified_on=D(2025, 11, 18),
        actor=world.qianqi,
        clock=clock_at(D(2025, 11, 18)),
    ),
    "consult_third_party": _consult_third_party,
    "consult_agency": lambda world, app: services.start_consultation(
        app,
        consultee_kind="agency",
        consultee="渝中区规划和自然资源局",
        sent_on=D(2025, 11, 5),
        **_on(world, D(2025, 11, 5)),
    ),
    "fee": lambda world, app: services.send_fee_notice(
        app, pages=40, sent_on=D(2025, 11, 17), **_on(world, D(2025, 11, 17))
    ),
    "consult_notice": _consult_third_party,
    "disclosure_decision": _disclose_over_objection,
    "reasons_request": lambda world, app: services.request_reasons(
        app,
        volume="申请人一个月内提出120件申请",
        reasons_due=D(2025, 11, 20),
        sent_on=D(2025, 11, 10),
        **_on(world, D(2025, 11, 10)),
    ),
    "reasonable_time": lambda world, app: services.notify_reasonable_time(
        app,
        until=D(2025, 12, 31),
        reason="同一申请人一个月内提出120件申请",
        notified_on=D(2025, 11, 20),
        **_on(world, D(2025, 11, 20)),
    ),
    "split": lambda world, app: services.split_application(
        app, items=["拆除决定书", "拆除公告"], **_on(world, D(2025, 11, 10))
    ),
    "correction_reply": lambda world, app: services.reply_correction(
        app,
        result="corrected",
        decided_on=D(2025, 11, 20),
        details=f"已将记录中的联系电话更正为{PHONE}",
        **_on(world, D(2025, 11, 20)),
    ),
    "determination_notice": lambda world, app: services.refer_for_determination(
        app,
        body_kind="secrecy",
        body="重庆市国家保密局",
        subject="拆除范围图",
        referred_on=D(2025, 11, 10),
        **_on(world, D(2025, 11, 10)),
    ),
    "reply": lambda world, app: services.reply_application(
        app, outcome="granted", decided_on=D(2025, 11, 20), **_on(world, D(2025, 11, 20))
    ),
}


def _steps(world, app, kind):
    STEPS[kind](world, app)
    return app.letters.get(kind=kind)


KINDS = tuple(STEPS)


def test_every_kind_of_letter_the_platform_issues_is_checked():
    from gongkai.letters import LetterKind

    assert set(KINDS) == {kind.value for kind in LetterKind}


TO_THIRD_PARTY = ("consult_third_party", "disclosure_decision")


@pytest.mark.parametrize("kind", KINDS)
def test_each_letter_is_issued_in_full_to_those_who_may_handle_it_and_masked_to_the_supervisor(
    client, world, people, kind
):
    app = her_application(
        world,
        people,
        **(
            {"kind": "correction", "description": f"记录中本人的联系电话{PHONE}有误"}
            if kind == "correction_reply"
            else {}
        ),
    )
    letter = _steps(world, app, kind)
    to_third_party = kind in TO_THIRD_PARTY
    for persona in PERSONAS:
        client.logout()
        as_persona(client, people, persona)
        for fmt in ("docx", "pdf"):
            response = client.get(f"/staff/applications/{app.pk}/letters/{letter.pk}.{fmt}")
            if persona in MAY_UNMASK:
                assert response.status_code == 200, persona
                text = _read(fmt, response.content)
                assert COPY_NOTE not in text
                if to_third_party:
                    assert (
                        THIRD_PARTY in text and NAME not in text
                    )  # the applicant is not named to the third party
                elif kind != "consult_agency":
                    assert NAME in text and ADDRESS in text, (persona, fmt)  # addressee, delivery address
            elif persona in MASKED_STAFF:
                assert response.status_code == 200
                text = _read(fmt, response.content)
                assert leaked(text, THIRD_PARTY) == [], (kind, fmt)
                assert COPY_NOTE in text and letter.number in text  # the same letter, marked as a masked copy
                assert (
                    "%E8%84%B1%E6%95%8F%E5%89%AF%E6%9C%AC" in response["Content-Disposition"]
                )  # 脱敏副本 in its name
                assert (
                    MASKED_THIRD_PARTY
                    if to_third_party
                    else MASKED_NAME
                    if kind != "consult_agency"
                    else "渝中区规划和自然资源局"
                ) in text
            else:
                assert response.status_code == (302 if persona == "anonymous" else 404)


@pytest.mark.parametrize("kind", ("receipt", "consult_notice", "reply"))
def test_the_applicant_downloads_her_own_letters_in_full_and_nobody_else_through_the_portal(
    client, world, people, kind
):
    app = her_application(world, people)
    letter = _steps(world, app, kind)
    for persona in PERSONAS:
        client.logout()
        as_persona(client, people, persona)
        for fmt in ("docx", "pdf"):
            response = client.get(f"/track/{app.query_code}/letters/{letter.pk}.{fmt}")
            if persona == "applicant":
                text = _read(fmt, response.content)
                assert NAME in text and ADDRESS in text and COPY_NOTE not in text
            else:
                assert response.status_code == 404


def test_a_masked_copy_leaves_the_stored_letter_as_issued_and_its_download_is_audited(client, world, people):
    app = her_application(world, people)
    receipt = app.letters.get(kind="receipt")
    client.force_login(people["supervisor"])
    client.get(f"/staff/applications/{app.pk}/letters/{receipt.pk}.pdf")
    receipt.refresh_from_db()
    assert (
        receipt.pdf is None and NAME in receipt.text and receipt.addressee == NAME
    )  # nothing cached, nothing changed
    entry = AuditEntry.objects.get(action="letters.downloaded")
    assert entry.actor == people["supervisor"] and entry.data["masked"] is True
    client.force_login(people["handler"])
    client.get(f"/staff/applications/{app.pk}/letters/{receipt.pk}.pdf")
    assert (
        AuditEntry.objects.filter(action="letters.downloaded", actor=people["handler"]).get().data["masked"]
        is False
    )
