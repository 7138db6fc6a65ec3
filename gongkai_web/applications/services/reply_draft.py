"""A reply as an office makes it: the handler drafts it (outcome chosen explicitly, its reasons, the
withheld parts, the public interest), previews the letter, submits it for sign-off where the agency
requires it (``Agency.reply_needs_approval``), an approver signs it off or returns it with a comment, and
it is issued once: ``issue_reply_draft`` is the one irreversible step, and the only caller of
``reply_application`` from the record page. A change after sign-off needs a new sign-off. Every step is
audited (``applications.reply_draft_*``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai_web.audit.services import log
from gongkai_web.clocks import Clock, now

from ..errors import refuse
from ..models import OPEN_DRAFT_STATES, Application, DraftState, ReplyDraft
from .common import lock, lock_step
from .reply import reply_application, reply_parts


def open_draft(app: Application) -> ReplyDraft | None:
    """The application's draft not yet issued or dropped (at most one)."""
    return app.reply_drafts.filter(state__in=OPEN_DRAFT_STATES).first()


def _audit(draft: ReplyDraft, what: str, actor, clock: Clock | None, **data) -> None:
    log(
        draft.application,
        f"applications.reply_draft_{what}",
        actor=actor,
        clock=clock,
        data={"draft": draft.pk, "version": draft.version, "outcome": draft.outcome, **data},
    )


def _locked_draft(draft: ReplyDraft) -> ReplyDraft:
    """The draft re-read under a lock, after its application (so a step on the draft and a step on the
    application never cross). A draft already issued or dropped is refused with its own message."""
    lock(draft.application)
    draft = (
        ReplyDraft.objects.select_for_update(of=("self",))
        .select_related("application__agency")
        .get(pk=draft.pk)
    )
    if draft.state == DraftState.ISSUED:
        raise refuse(
            "reply_already_issued",
            _("This reply has already been issued; it cannot be changed or issued again."),
        )
    if draft.state == DraftState.DROPPED:
        raise refuse("reply_draft_dropped", _("This draft was dropped; start a new one."))
    return draft


def save_reply_draft(
    app: Application,
    *,
    outcome: str,
    reasons: str = "",
    withheld: Iterable[Mapping[str, str]] = (),
    public_interest: str = "",
    actor,
    clock: Clock | None = None,
) -> ReplyDraft:
    """Start the application's reply draft, or change its open draft. A change of a draft awaiting or
    having sign-off takes the sign-off back: the approver sees the new version."""
    parts = reply_parts(outcome, withheld)
    fields = {
        "outcome": outcome,
        "reasons": reasons.strip(),
        "withheld": parts,
        "public_interest": public_interest.strip(),
    }
    with transaction.atomic():
        app = lock_step(app, "reply")
        draft = (
            ReplyDraft.objects.select_for_update()
            .filter(application=app, state__in=OPEN_DRAFT_STATES)
            .first()
        )
        moment = now(clock)
        if draft is None:
            draft = ReplyDraft.objects.create(
                application=app, created_by=actor, created_at=moment, updated_at=moment, **fields
            )
            _audit(draft, "saved", actor, clock)
            return draft
        if all(getattr(draft, name) == value for name, value in fields.items()):
            return draft  # nothing changed: no new version, the sign-off stands
        withdrawn = draft.state in (DraftState.SUBMITTED, DraftState.APPROVED)
        for name, value in fields.items():
            setattr(draft, name, value)
        draft.version += 1
        draft.updated_at = moment
        draft.state = DraftState.DRAFT
        draft.approved_by, draft.approved_version, draft.approved_at = None, None, None
        draft.save()
        _audit(draft, "changed", actor, clock, signoff_withdrawn=withdrawn)
        return draft


def drop_reply_draft(draft: ReplyDraft, *, actor, clock: Clock | None = None) -> ReplyDraft:
    """Drop a draft not yet issued (audited); nothing is sent."""
    with transaction.atomic():
        draft = _locked_draft(draft)
        draft.state = DraftState.DROPPED
        draft.updated_at = now(clock)
        draft.save(update_fields=["state", "updated_at"])
        _audit(draft, "dropped", actor, clock)
        return draft


def _require_approval_step(draft: ReplyDraft) -> None:
    if not draft.application.agency.reply_needs_approval:
        raise refuse(
            "reply_signoff_not_required",
            _("This agency's replies are issued without sign-off."),
        )


def submit_reply_draft(draft: ReplyDraft, *, actor, clock: Clock | None = None) -> ReplyDraft:
    """Ask for sign-off of the draft as it stands."""
    with transaction.atomic():
        draft = _locked_draft(draft)
        _require_approval_step(draft)
        if draft.state not in (DraftState.DRAFT, DraftState.RETURNED):
            raise refuse(
                "reply_draft_already_submitted",
                _("This draft is already %(state)s.") % {"state": draft.get_state_display()},
            )
        draft.state, draft.submitted_by, draft.updated_at = DraftState.SUBMITTED, actor, now(clock)
        draft.save(update_fields=["state", "submitted_by", "updated_at"])
        _audit(draft, "submitted", actor, clock)
        return draft


def _require_approver(draft: ReplyDraft, actor) -> None:
    from gongkai_web.accounts.access import can_approve

    if not can_approve(actor, draft.application.agency):
        raise refuse(
            "reply_signoff_needs_approver",
            _("Only this agency's approvers can sign off a reply or return it."),
        )


def _require_awaiting(draft: ReplyDraft, version: int) -> None:
    if draft.state != DraftState.SUBMITTED:
        raise refuse(
            "reply_draft_not_submitted",
            _("This draft is not awaiting sign-off (it is %(state)s).")
            % {"state": draft.get_state_display()},
        )
    if draft.version != version:
        raise refuse(
            "reply_draft_changed",
            _("The draft was changed after you opened it; look at the new version first."),
            version=draft.version,
        )


def approve_reply_draft(draft: ReplyDraft, *, version: int, actor, clock: Clock | None = None) -> ReplyDraft:
    """The approver signs off ``version`` of the draft (the one she read)."""
    with transaction.atomic():
        draft = _locked_draft(draft)
        _require_approver(draft, actor)
        _require_awaiting(draft, version)
        if draft.submitted_by_id == actor.pk and not actor.is_superuser:  # 审签 is a second pair of eyes
            raise refuse(
                "reply_signoff_own_draft",
                _("You submitted this draft yourself: another approver of the agency signs it off."),
            )
        moment = now(clock)
        draft.state, draft.approved_by, draft.approved_version = DraftState.APPROVED, actor, draft.version
        draft.approved_at = draft.updated_at = moment
        draft.comment = ""
        draft.save()
        _audit(draft, "approved", actor, clock)
        return draft


def return_reply_draft(
    draft: ReplyDraft, *, version: int, comment: str, actor, clock: Clock | None = None
) -> ReplyDraft:
    """The approver sends the draft back to the handler, saying what to change."""
    comment = comment.strip()
    if not comment:
        raise refuse("reply_return_without_comment", _("Please say what should be changed."))
    with transaction.atomic():
        draft = _locked_draft(draft)
        _require_approver(draft, actor)
        _require_awaiting(draft, version)
        draft.state, draft.comment, draft.updated_at = DraftState.RETURNED, comment, now(clock)
        draft.save(update_fields=["state", "comment", "updated_at"])
        _audit(draft, "returned", actor, clock, comment=comment)
        return draft


def issue_reply_draft(
    draft: ReplyDraft, *, decided_on: dt.date, version: int, actor, clock: Clock | None = None
) -> Application:
    """Issue the reply: ``reply_application`` with the draft's fields (all its checks), the 文号 taken
    now. Refused when the draft changed since it was previewed (``version``), when the agency requires
    sign-off and this version has none, and when it was already issued (a second click)."""
    with transaction.atomic():
        draft = _locked_draft(draft)
        if draft.version != version:
            raise refuse(
                "reply_draft_changed",
                _("The draft was changed after you opened it; look at the new version first."),
                version=draft.version,
            )
        if draft.application.agency.reply_needs_approval and not draft.signed_off:
            raise refuse(
                "reply_not_signed_off",
                _("This agency's replies are issued only after an approver has signed off the draft."),
            )
        app = reply_application(
            draft.application,
            outcome=draft.outcome,
            decided_on=decided_on,
            reasons=draft.reasons,
            withheld=draft.withheld,
            public_interest=draft.public_interest,
            actor=actor,
            clock=clock,
        )
        draft.state, draft.updated_at = DraftState.ISSUED, now(clock)
        draft.letter = app.letters.filter(kind="reply").order_by("-id").first()
        draft.save(update_fields=["state", "updated_at", "letter"])
        _audit(draft, "issued", actor, clock, number=draft.letter.number if draft.letter else "")
        return app
