"""The standing rules (常态化监督提醒): each reads a domain through its queries and says, for a record,
whether it is due soon (a reminder to the agency) or past due (a task, linked to the record, which the
office closes on evidence). ``run_rules`` runs them all over a set of agencies; the rule list is shown
to the office (``/staff/supervision/rules/``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai import outcomes
from gongkai import supervision as core
from gongkai_web.agencies.models import Agency
from gongkai_web.applications import queries as application_queries
from gongkai_web.clocks import Clock
from gongkai_web.publications import catalogue_queries, interpretation_queries

from .services.findings import REMINDER, TASK, raise_finding, resolve_findings


@dataclass(frozen=True)
class Hit:
    target: Any
    agency: Agency
    summary: str
    link: str
    due_on: dt.date | None
    severity: str


@dataclass(frozen=True)
class Rule:
    code: str
    name: Promise
    basis: Promise
    measure: Promise
    evidence: Promise
    find: Callable[[Iterable, dt.date], list[Hit]]


def _severity(state: str) -> str:
    return TASK if state == "overdue" else REMINDER


def _catalogue(agencies, today: dt.date) -> list[Hit]:
    return [
        Hit(
            row.item,
            row.item.agency,
            _("Catalogue item %(item)s of %(agency)s: due for publication by %(day)s")
            % {"item": row.item, "agency": row.item.agency.name, "day": f"{row.status.due:%Y-%m-%d}"},
            f"/staff/library/catalogue/items/{row.item.pk}/",
            row.status.due,
            _severity(row.state),
        )
        for row in catalogue_queries.due_items(agencies, today)
    ]


def _interpretations(agencies, today: dt.date) -> list[Hit]:
    return [
        Hit(
            row.document,
            row.document.agency,
            _("Policy interpretation of %(title)s (%(agency)s): due by %(day)s, none published")
            % {"title": row.document.title, "agency": row.document.agency.name, "day": f"{row.due:%Y-%m-%d}"},
            f"/staff/library/{row.document.pk}/",
            row.due,
            _severity(row.state),
        )
        for row in interpretation_queries.due_interpretations(agencies, today)
    ]


def _applications(agencies, today: dt.date) -> list[Hit]:
    apps = application_queries.of_agencies(agencies)
    hits = []
    for app in application_queries.due_soon_or_overdue(apps, today):
        assert app.due_on is not None  # due_soon_or_overdue selects by it
        overdue = app.due_on < today
        hits.append(
            Hit(
                app,
                app.agency,
                _("Application %(code)s to %(agency)s: reply due by %(day)s")
                % {"code": app.query_code, "agency": app.agency.name, "day": f"{app.due_on:%Y-%m-%d}"},
                f"/staff/applications/{app.pk}/",
                app.due_on,
                TASK if overdue else REMINDER,
            )
        )
    return hits


#: Replies of the last year are read for a missing basis (older ones are past any review period).
REPLY_LOOKBACK = dt.timedelta(days=365)


def _reply_basis(agencies, today: dt.date) -> list[Hit]:
    hits = []
    for app, data in application_queries.replies_since(agencies, today - REPLY_LOOKBACK):
        if app.is_correction:  # a 更正答复 (条例第四十一条) has no disclosure outcome to found
            continue
        code = data.get("outcome", "")
        if core.reply_basis_missing(code, data.get("reasons", ""), data.get("withheld", ())):
            try:
                shown = outcomes.label(code)
            except outcomes.OutcomeError:
                shown = code
            hits.append(
                Hit(
                    app,
                    app.agency,
                    _("Reply to application %(code)s (%(outcome)s) states no legal basis or reasons")
                    % {"code": app.query_code, "outcome": shown},
                    f"/staff/applications/{app.pk}/",
                    None,
                    TASK,
                )
            )
    return hits


RULES: tuple[Rule, ...] = (
    Rule(
        "catalogue_overdue",
        gettext_lazy("Catalogue items past their time limit"),
        gettext_lazy("Art. 20 and 26 of the Regulations: publish within 20 working days of forming"),
        gettext_lazy("Publish the information of the item and link it to the item."),
        gettext_lazy("The link of the published document."),
        _catalogue,
    ),
    Rule(
        "interpretation_due",
        gettext_lazy("Policy interpretations missing or late"),
        gettext_lazy("Interpretation published with the document, at the latest 3 working days after"),
        gettext_lazy("Publish the interpretation of the document."),
        gettext_lazy("The link of the published interpretation."),
        _interpretations,
    ),
    Rule(
        "application_deadline",
        gettext_lazy("Applications near or past their deadline"),
        gettext_lazy("Art. 33 of the Regulations: reply within 20 working days, 40 when extended"),
        gettext_lazy("Reply to the application, or record the extension."),
        gettext_lazy("The reply letter issued."),
        _applications,
    ),
    Rule(
        "reply_basis_missing",
        gettext_lazy("Replies whose outcome needs a legal basis that is missing"),
        gettext_lazy("Art. 36 (3) and 37 of the Regulations: a refusal states its reasons"),
        gettext_lazy("Explain the basis to the applicant in a corrected letter, and train the handler."),
        gettext_lazy("The letter with the basis, and the record of the training."),
        _reply_basis,
    ),
)
BY_CODE = {rule.code: rule for rule in RULES}


@dataclass
class RunResult:
    raised: dict[str, int]
    resolved: dict[str, int]

    @property
    def total_raised(self) -> int:
        return sum(self.raised.values())


def run_rules(agencies, today: dt.date, *, clock: Clock | None = None) -> RunResult:
    """Every rule over ``agencies`` on ``today``: new findings raised, those no longer seen resolved."""
    result = RunResult({}, {})
    for rule in RULES:
        hits = rule.find(agencies, today)
        raised = 0
        for hit in hits:
            found = raise_finding(
                rule,
                hit.target,
                agency=hit.agency,
                summary=hit.summary,
                link=hit.link,
                due_on=hit.due_on,
                severity=hit.severity,
                clock=clock,
            )
            raised += found is not None
        keys = {(h.target._meta.label_lower, str(h.target.pk), h.severity) for h in hits}
        result.raised[rule.code] = raised
        result.resolved[rule.code] = resolve_findings(rule, keys, agencies=agencies, clock=clock)
    return result
