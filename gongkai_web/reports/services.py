"""Every step of the annual report (条例第四十九条、第五十条), one function each — atomic, audited, a
``ReportError`` with a code and a Chinese message when refused (nothing changed then):

``draft_report`` (草稿: build or rebuild the figures from the records), ``revise_narrative`` (staff's
text of sections 一, 五, 六), ``validate_report`` (校验: the core's identities), ``submit_for_review``
(审核), ``approve_and_publish`` (发布: the approver; refused while the identities fail unless a bypass
with its reason is recorded, and then shown on the report) and ``correct_report`` (更正: version N+1,
with its reason and its diff against version N). A published version is never changed."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai_web import casework
from gongkai_web.audit.services import log
from gongkai_web.clocks import Clock, now, today

from . import drafting
from .errors import refuse
from .models import ReportRecord, ReportState, ReportVersion
from .record_access import may_approve, may_draft

FIRST_YEAR = 2008  # the first 条例 took effect on 1 May 2008
PUBLISHED = (ReportState.PUBLISHED, ReportState.CORRECTED)
#: Narrative sections' length limit (characters): a long report's 一、总体情况 runs to a few thousand.
MAX_SECTION = 20_000


def _require(record: ReportRecord, *states: str, action: str) -> None:
    if record.state not in states:
        raise refuse(
            "wrong_state",
            _("The report is %(state)s: cannot %(action)s.")
            % {"state": record.get_state_display(), "action": action},
            state=record.state,
        )


def _require_drafter(actor, agency) -> None:
    if not may_draft(actor, agency):
        raise refuse("not_allowed", _("Only the agency's own staff may write its annual report."))


def _require_approver(actor, agency) -> None:
    if not may_approve(actor, agency):
        raise refuse(
            "not_approver", _("Only the agency's approver may publish or correct its annual report.")
        )


def draft_report(agency, year: int, *, actor, clock: Clock | None = None) -> ReportRecord:
    """The year's report built from the records: a new draft, or the figures of an existing one rebuilt
    (staff's narrative kept). On a published report this refreshes the working copy for a correction;
    the published versions do not change."""
    _require_drafter(actor, agency)
    if not FIRST_YEAR <= year < today(clock).year:
        raise refuse(
            "bad_year",
            _("An annual report is for a finished year between %(first)s and %(last)s.")
            % {"first": FIRST_YEAR, "last": today(clock).year - 1},
            year=year,
        )
    with transaction.atomic():
        record = ReportRecord.objects.select_for_update().filter(agency=agency, year=year).first()
        report, figures = drafting.built_from_records(agency, year)
        if record is None:
            report = drafting.with_narrative(
                report, **_texts(drafting.drafted_narrative(agency, year, figures))
            )
            record = ReportRecord(agency=agency, year=year, created_at=now(clock))
            action = "reports.drafted"
        else:
            kept = drafting.working_report(record.data).narrative
            report = drafting.with_narrative(report, **_texts(kept))
            action = "reports.redrafted"
            if record.state not in PUBLISHED:
                record.state = ReportState.DRAFT
        record.data, record.figures = drafting.as_data(report), figures.as_dict()
        record.findings, record.validated_at, record.updated_at = [], None, now(clock)
        record.save()
        log(record, action, actor=actor, data={"year": year}, clock=clock)
    return record


def _texts(narrative) -> dict[str, str | None]:
    return {k: getattr(narrative, k) for k in drafting.SECTIONS}


def revise_narrative(
    record: ReportRecord, *, general: str, problems: str, other: str, actor, clock: Clock | None = None
) -> ReportRecord:
    """Staff's text of 一、总体情况, 五、存在的主要问题及改进情况 and 六、其他需要报告的事项. Before
    publication the report goes back to 草稿 (to be validated again); after it, the text waits for a
    correction."""
    texts = {"general": general, "problems": problems, "other": other}
    _require_drafter(actor, record.agency)
    if any(len(t or "") > MAX_SECTION for t in texts.values()):
        raise refuse("too_long", _("A section may not be longer than %(n)s characters.") % {"n": MAX_SECTION})
    with transaction.atomic():
        record = casework.lock(record)
        _require(record, *ReportState.values, action=_("revise the narrative"))
        report = drafting.with_narrative(drafting.working_report(record.data), **texts)
        record.data = drafting.as_data(report)
        if record.state not in PUBLISHED:
            record.state = ReportState.DRAFT
        record.findings, record.validated_at, record.updated_at = [], None, now(clock)
        record.save()
        log(record, "reports.narrative_revised", actor=actor, clock=clock)
    return record


def validate_report(record: ReportRecord, *, actor, clock: Clock | None = None) -> ReportRecord:
    """校验: every identity of the format over the working copy (and against last year's published
    report); the findings are stored and shown. Failing checks do not stop review: they stop publication."""
    _require_drafter(actor, record.agency)
    with transaction.atomic():
        record = casework.lock(record)
        _require(
            record, ReportState.DRAFT, ReportState.VALIDATED, *PUBLISHED, action=_("validate the report")
        )
        findings = drafting.findings_of(drafting.working_report(record.data), record.agency, record.year)
        record.findings = [f.as_dict() for f in findings]
        record.validated_at = now(clock)
        if record.state not in PUBLISHED:
            record.state = ReportState.VALIDATED
        record.save()
        blocking = len(drafting.blocking(findings))
        log(
            record,
            "reports.validated",
            actor=actor,
            data={"findings": len(findings), "blocking": blocking},
            clock=clock,
        )
    return record


def submit_for_review(record: ReportRecord, *, actor, clock: Clock | None = None) -> ReportRecord:
    _require_drafter(actor, record.agency)
    with transaction.atomic():
        record = casework.lock(record)
        _require(record, ReportState.VALIDATED, action=_("submit the report for review"))
        record.state = ReportState.IN_REVIEW
        record.save(update_fields=["state"])
        log(record, "reports.submitted", actor=actor, clock=clock)
    return record


def return_for_revision(record: ReportRecord, *, actor, clock: Clock | None = None) -> ReportRecord:
    """The approver sends the report back to 草稿 instead of publishing it."""
    _require_approver(actor, record.agency)
    with transaction.atomic():
        record = casework.lock(record)
        _require(record, ReportState.IN_REVIEW, action=_("return the report"))
        record.state = ReportState.DRAFT
        record.save(update_fields=["state"])
        log(record, "reports.returned", actor=actor, clock=clock)
    return record


def _gate(record: ReportRecord, bypass_reason: str):
    """The identities gate publication: fresh findings; refused while any blocks, unless a bypass reason
    is given (it is then recorded with the approver and shown on the published report)."""
    report = drafting.working_report(record.data)
    findings = drafting.findings_of(report, record.agency, record.year)
    blocking = drafting.blocking(findings)
    reason = (bypass_reason or "").strip()
    if blocking and not reason:
        raise refuse(
            "checks_failed",
            _(
                "The report fails %(n)s check(s) (%(codes)s): fix them, or give the reason for publishing "
                "nevertheless."
            )
            % {"n": len(blocking), "codes": ", ".join(sorted({f.code for f in blocking}))},
            codes=sorted({f.code for f in blocking}),
        )
    return report, findings, (reason if blocking else "")


def _approver_name(actor) -> str:
    return actor.get_full_name() or actor.get_username()


def approve_and_publish(
    record: ReportRecord, *, actor, bypass_reason: str = "", clock: Clock | None = None
) -> ReportVersion:
    """发布: version 1 of the report, by the agency's approver."""
    _require_approver(actor, record.agency)
    with transaction.atomic():
        record = casework.lock(record)
        _require(record, ReportState.IN_REVIEW, action=_("publish the report"))
        report, findings, bypass = _gate(record, bypass_reason)
        version = _publish(record, report, findings, actor=actor, bypass=bypass, clock=clock)
        record.state = ReportState.PUBLISHED
        record.findings = [f.as_dict() for f in findings]
        record.save(update_fields=["state", "findings"])
        log(record, "reports.published", actor=actor, data={"version": 1, "bypass": bypass}, clock=clock)
    return version


def correct_report(
    record: ReportRecord, *, actor, reason: str, bypass_reason: str = "", clock: Clock | None = None
) -> ReportVersion:
    """更正: the working copy published as version N+1, with the reason and its diff against version N;
    version N stays as it was, and both are shown."""
    _require_approver(actor, record.agency)
    reason = (reason or "").strip()
    if not reason:
        raise refuse("no_reason", _("Give the reason for the correction."))
    with transaction.atomic():
        record = casework.lock(record)
        _require(record, *PUBLISHED, action=_("correct the report"))
        latest = record.versions.order_by("-number").first()
        assert latest is not None  # a published record has version 1
        report, findings, bypass = _gate(record, bypass_reason)
        changes = drafting.diff(drafting.working_report(latest.data), report)
        if not changes["cells"] and not changes["text"] and not changes["title"]:
            raise refuse(
                "nothing_changed", _("The report is the same as the published version: nothing to correct.")
            )
        version = _publish(
            record, report, findings, actor=actor, bypass=bypass, clock=clock, reason=reason, changes=changes
        )
        record.state = ReportState.CORRECTED
        record.findings = [f.as_dict() for f in findings]
        record.save(update_fields=["state", "findings"])
        log(
            record,
            "reports.corrected",
            actor=actor,
            data={"version": version.number, "reason": reason},
            clock=clock,
        )
    return version


def _publish(record, report, findings, *, actor, bypass, clock, reason="", changes=None) -> ReportVersion:
    number = (record.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    return ReportVersion.objects.create(
        record=record,
        number=number,
        data=drafting.as_data(report),
        figures=record.figures,
        findings=[f.as_dict() for f in findings],
        published_at=now(clock),
        published_by=actor,
        approver_name=_approver_name(actor),
        bypass_reason=bypass,
        correction_reason=reason,
        diff=changes or {},
    )
