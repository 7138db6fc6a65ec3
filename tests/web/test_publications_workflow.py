"""The registry of a document's steps (``workflow.STEPS``) agrees with the services: in every stage a
document of each kind can be in, a step the registry does not allow there is refused by its service
(wrong stage, or not published for an effect), and one it allows is not refused for its stage; a user
the registry does not let take a step is refused by the service as not allowed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from gongkai_web.publications import services, workflow
from gongkai_web.publications.errors import PublicationError
from gongkai_web.publications.models import Document, Stage

from .fixtures import clock_at
from .test_publications_lifecycle import with_interpretation

D = dt.date
CLOCK = clock_at(D(2024, 6, 28))
STAGE_REFUSALS = {"publications.wrong_stage", "publications.effect_unpublished"}
#: Valid input for each step's service (the document's own state decides the rest).
DATA = {
    "text": {"data": b"<html><body><p>x</p></body></html>", "name": "t.html", "content_type": "text/html"},
    "open-comment": {"opened_on": D(2023, 3, 2), "closes_on": D(2023, 4, 10)},
    "close-comment": {"on": D(2023, 4, 10), "comments": 0, "response": ""},
    "propose-publicity": {"publicity": "proactive", "on": D(2023, 4, 11)},
    "first-review": {"on": D(2023, 4, 11), "agreed": True},
    "second-review": {"on": D(2023, 4, 11), "agreed": True},
    "legality-review": {"on": D(2023, 4, 12), "passed": True},
    "deliberation": {"on": D(2023, 4, 12), "body": "局长办公会"},
    "sign": {"on": D(2023, 4, 13)},
    "register": {"on": D(2023, 4, 13)},
    "publish": {"on": D(2023, 4, 14)},
    "filing": {"on": D(2023, 4, 17), "filed_with": "渝中区人民政府"},
    "filing-result": {"on": D(2023, 4, 18), "outcome": "予以备案"},
    "attachment": {},  # the file is made in _perform: each call reads its own
    "redacted": {"text": "（已删去第三方商业信息）其余内容照录。"},
    "evaluation": {"on": D(2023, 4, 20), "conclusion": "执行良好，建议延续", "keep": True},
    "withdraw": {"reason": "保密审查遗漏，附件含个人信息"},
}


class _Rollback(Exception):
    pass


def _at(world, kind: str, stage: str, title: str = "通知") -> Document:
    a = world.a
    doc = services.draft_document(
        a,
        kind=kind,
        title=title,
        issuer_code="渝中财规",
        formed_on=D(2023, 3, 1),
        actor=world.lisi,
        clock=CLOCK,
    )
    if stage == Stage.IN_COMMENT:
        services.open_comment(
            doc, opened_on=D(2023, 3, 2), closes_on=D(2023, 4, 10), actor=world.lisi, clock=CLOCK
        )
        return doc
    if stage == Stage.DRAFT:
        return doc
    services.propose_publicity(doc, publicity="proactive", on=D(2023, 3, 3), actor=world.lisi, clock=CLOCK)
    services.review_secrecy(doc, on=D(2023, 3, 3), agreed=True, actor=world.qianqi, clock=CLOCK)
    services.review_secrecy(doc, on=D(2023, 3, 3), agreed=True, actor=world.zhaoliu, clock=CLOCK)
    services.record_legality_review(doc, on=D(2023, 3, 4), passed=True, actor=world.lisi, clock=CLOCK)
    services.record_deliberation(doc, on=D(2023, 3, 4), body="会", actor=world.lisi, clock=CLOCK)
    with_interpretation(world, doc, on=D(2023, 3, 4))  # the other kind owes none, and may have one
    services.sign_document(doc, on=D(2023, 3, 5), actor=world.qianqi, clock=CLOCK)
    if stage == Stage.SIGNED:
        return doc
    if kind != "other":
        services.register_document(doc, on=D(2023, 3, 5), actor=world.lisi, clock=CLOCK)
    if stage == Stage.REGISTERED:
        return doc
    services.publish_document(doc, on=D(2023, 3, 6), actor=world.lisi, clock=CLOCK)
    return doc


def _actor(world, step):
    return {workflow.APPROVER: world.qianqi, workflow.SUPERVISOR: world.zhaoliu}.get(step.who, world.lisi)


def _perform(world, step, doc, actor):
    if step.key == "filing-result":  # a result is of a filing (refused for its stage when unpublished)
        services.record_filing(doc, actor=world.lisi, clock=CLOCK, **DATA["filing"])
    if step.key == "attachment":
        from django.core.files.uploadedfile import SimpleUploadedFile

        upload = SimpleUploadedFile("附件1.pdf", b"%PDF-1.4 annex", content_type="application/pdf")
        return step.function(doc, actor=actor, clock=CLOCK, upload=upload)
    if step.key == "redacted":  # a redacted version is of a document published in part
        Document.objects.filter(pk=doc.pk).update(publicity="partial")
        doc.refresh_from_db()
    if step.key == "evaluation":  # its validity ends on 31 August: the window opened on 28 February
        Document.objects.filter(pk=doc.pk).update(valid_until=D(2023, 8, 31))
        doc.refresh_from_db()
    if step.key == "effect":
        other = Document.objects.exclude(pk=doc.pk).get(title="另一通知")
        return services.record_effect(doc, other, kind="amends", on=D(2023, 4, 20), actor=actor, clock=CLOCK)
    return step.function(doc, actor=actor, clock=CLOCK, **DATA[step.key])


STAGES = [Stage.DRAFT, Stage.IN_COMMENT, Stage.SIGNED, Stage.REGISTERED, Stage.PUBLISHED]
#: Every stage of a 规范性文件, and of another item (which is published after signature, unregistered).
KIND_STAGES = [("normative", s) for s in STAGES] + [("other", s) for s in STAGES if s != Stage.REGISTERED]


@pytest.mark.parametrize(("kind", "stage"), KIND_STAGES)
def test_every_step_is_refused_for_its_stage_exactly_where_the_registry_says_no(world, kind, stage):
    _at(world, "normative", Stage.PUBLISHED, "另一通知")  # what an effect acts on
    doc = Document.objects.get(pk=_at(world, kind, stage).pk)
    assert doc.stage == stage
    for step in workflow.STEPS.values():
        try:
            with transaction.atomic():
                _perform(world, step, Document.objects.get(pk=doc.pk), _actor(world, step))
                raise _Rollback
        except _Rollback:
            refused = None
        except PublicationError as exc:
            refused = exc.code
        if step.allows(doc):
            assert refused not in STAGE_REFUSALS, (step.key, stage, refused)
        else:
            assert refused in STAGE_REFUSALS, (step.key, stage, refused)


@pytest.mark.parametrize("key", sorted(workflow.STEPS))
def test_a_user_the_registry_keeps_from_a_step_is_refused_by_its_service(world, key):
    step = workflow.STEPS[key]
    stage = next(s for s in STAGES if step.stages["normative"] and s in step.stages["normative"])
    _at(world, "normative", Stage.PUBLISHED, "另一通知")
    doc = Document.objects.get(pk=_at(world, "normative", stage).pk)
    for user in (world.lisi, world.qianqi, world.zhaoliu, world.wangwu):
        if step.may_take(user, doc):
            continue
        with pytest.raises(PublicationError) as caught, transaction.atomic():
            _perform(world, step, doc, user)
        assert caught.value.code in {"publications.not_allowed", "publications.no_publicity_proposal"}, (
            key,
            user,
        )
