"""The steps of a document's life that staff take on its page, one registry: for each step key, the
form, the service that performs it, the stages it is allowed in (per kind of document), who may take
it (the agency's handlers and approvers, its approver only, or the supervising disclosure office), the
event it records, and its title.

The views offer exactly the steps ``offers`` allows and answer 404 to a user ``may_take`` refuses; the
services refuse (``require_stage``, ``require_role``, ``require_supervisor``) exactly where ``allows``
and ``may_take`` say no — ``tests/web/test_publications_workflow.py`` drives every service in every
stage against this table. A new step is one entry here, its form and its service."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gongkai_web.accounts.access import WORKING_ROLES, has_role
from gongkai_web.accounts.models import Role

from . import forms
from .models import Document, DocumentKind, Stage

#: Who may take a step: the agency's handlers and approvers, its approver, or the supervising office.
WORKING, APPROVER, SUPERVISOR = "working", "approver", "supervisor"
ALL_KINDS = tuple(DocumentKind.values)
REGISTERED = (DocumentKind.RULE.value, DocumentKind.NORMATIVE.value)
DRAFTING = frozenset({Stage.DRAFT.value})
BEFORE_SIGNATURE = frozenset({Stage.DRAFT.value, Stage.IN_COMMENT.value})
PUBLISHED = frozenset({Stage.PUBLISHED.value})


def _for(kinds: tuple[str, ...], stages: frozenset[str]) -> dict[str, frozenset[str]]:
    return dict.fromkeys(kinds, stages)


def supervises(user, agency) -> bool:
    """A supervisor of ``agency`` or of an agency above it (the 政府信息公开工作机构 that does 复审)."""
    if user.is_superuser:
        return True
    paths = user.memberships.filter(role=Role.SUPERVISOR).values_list("agency__path", flat=True)
    return any(agency.path.startswith(path) for path in paths)


def may_act(user, agency, who: str) -> bool:
    if who == SUPERVISOR:
        return supervises(user, agency)
    return has_role(user, agency, *((Role.APPROVER,) if who == APPROVER else WORKING_ROLES))


@dataclass(frozen=True)
class Step:
    key: str
    title: Promise
    form: type
    #: The function in ``publications.services`` (resolved when called: the services are imported late).
    service: str
    #: The stages the step is allowed in, by kind of document (a kind not named: never).
    stages: dict[str, frozenset[str]]
    who: str = WORKING
    #: The event it records (``labels.DOCUMENT_STEPS``); None: an audit entry only.
    event: str | None = None
    #: A further condition for offering the step (the service refuses with its own error).
    offered_if: Callable[[Document], bool] | None = None
    #: The service's keyword arguments from the cleaned data (None: the cleaned data as it is).
    arguments: Callable[[dict[str, Any]], dict[str, Any]] | None = None

    def allows(self, doc: Document) -> bool:
        return doc.stage in self.stages.get(doc.kind, frozenset())

    def may_take(self, user, doc: Document) -> bool:
        return may_act(user, doc.agency, self.who)

    def offers(self, doc: Document, user) -> bool:
        return (
            self.allows(doc)
            and self.may_take(user, doc)
            and (self.offered_if is None or self.offered_if(doc))
        )

    @property
    def function(self) -> Callable[..., Any]:
        from . import services

        return getattr(services, self.service)

    def perform(self, doc: Document, data: dict[str, Any], user):
        kwargs = data if self.arguments is None else self.arguments(data)
        return self.function(doc, actor=user, **kwargs)


# ── reads of the record that decide what is offered ─────────────────────────────────────────────


def next_review(doc: Document) -> str | None:
    """The review the current publicity proposal awaits (``secrecy_first_review`` or
    ``secrecy_second_review``), or None (no proposal, reviewed already, or sent back)."""
    events = list(doc.events.order_by("on", "id").values_list("pk", "kind", "data"))
    proposals = [pk for pk, kind, _data in events if kind == "publicity_proposed"]
    if not proposals:
        return None
    reviews = [
        data
        for _pk, kind, data in events
        if kind in ("secrecy_first_review", "secrecy_second_review") and data.get("proposal") == proposals[-1]
    ]
    if any(not r.get("agreed") for r in reviews) or len(reviews) >= 2:
        return None
    return ("secrecy_first_review", "secrecy_second_review")[len(reviews)]


def reviewed(doc: Document) -> bool:
    """Both reviews agreed to the current proposal: it may be signed."""
    proposal = doc.events.filter(kind="publicity_proposed").order_by("-on", "-id").first()
    if proposal is None:
        return False
    reviews = [
        e.data
        for e in doc.events.filter(kind__in=("secrecy_first_review", "secrecy_second_review"))
        if e.data.get("proposal") == proposal.pk
    ]
    return len(reviews) == 2 and all(r.get("agreed") for r in reviews)


def _awaits(review: str) -> Callable[[Document], bool]:
    return lambda doc: next_review(doc) == review


def _filed(doc: Document) -> bool:
    return doc.events.filter(kind="filed").exists()


def _text_arguments(data: dict[str, Any]) -> dict[str, Any]:
    return data["file"]


#: In the order of a document's life (the order the page lists them in).
STEPS: dict[str, Step] = {
    s.key: s
    for s in [
        Step(
            "text",
            _("Upload the text"),
            forms.TextForm,
            "attach_text",
            _for(ALL_KINDS, BEFORE_SIGNATURE),
            arguments=_text_arguments,
        ),
        Step(
            "attachment",
            _("Add an attachment"),
            forms.AttachmentForm,
            "add_attachment",
            _for(ALL_KINDS, frozenset({*BEFORE_SIGNATURE, Stage.SIGNED.value, Stage.REGISTERED.value})),
            arguments=lambda data: {"upload": data["file"]},
        ),
        Step(
            "open-comment",
            _("Open the call for comments"),
            forms.OpenCommentForm,
            "open_comment",
            _for(ALL_KINDS, DRAFTING),
            event="comment_opened",
        ),
        Step(
            "close-comment",
            _("Close the call for comments"),
            forms.CloseCommentForm,
            "close_comment",
            _for(ALL_KINDS, frozenset({Stage.IN_COMMENT.value})),
            event="comment_closed",
        ),
        Step(
            "propose-publicity",
            _("Propose the publicity"),
            forms.ProposePublicityForm,
            "propose_publicity",
            _for(ALL_KINDS, BEFORE_SIGNATURE),
            event="publicity_proposed",
        ),
        Step(
            "first-review",
            _("First confidentiality review"),
            forms.SecrecyReviewForm,
            "review_secrecy",
            _for(ALL_KINDS, BEFORE_SIGNATURE),
            APPROVER,
            "secrecy_first_review",
            offered_if=_awaits("secrecy_first_review"),
        ),
        Step(
            "second-review",
            _("Second confidentiality review"),
            forms.SecrecyReviewForm,
            "review_secrecy",
            _for(ALL_KINDS, BEFORE_SIGNATURE),
            SUPERVISOR,
            "secrecy_second_review",
            offered_if=_awaits("secrecy_second_review"),
        ),
        Step(
            "legality-review",
            _("Record the legality review"),
            forms.LegalityReviewForm,
            "record_legality_review",
            _for(ALL_KINDS, DRAFTING),
            event="legality_reviewed",
            offered_if=lambda doc: doc.kind in REGISTERED,
        ),
        Step(
            "deliberation",
            _("Record the deliberation"),
            forms.DeliberationForm,
            "record_deliberation",
            _for(ALL_KINDS, DRAFTING),
            event="deliberated",
            offered_if=lambda doc: doc.kind in REGISTERED,
        ),
        Step(
            "sign",
            _("Sign"),
            forms.SignForm,
            "sign_document",
            _for(ALL_KINDS, DRAFTING),
            APPROVER,
            "signed",
            offered_if=reviewed,
        ),
        Step(
            "register",
            _("Register and number"),
            forms.RegisterForm,
            "register_document",
            _for(ALL_KINDS, frozenset({Stage.SIGNED.value})),
            event="registered",
            offered_if=lambda doc: doc.kind in REGISTERED,
        ),
        Step(
            "redacted",
            _("Give the redacted version to publish"),
            forms.RedactedVersionForm,
            "set_redacted_version",
            {
                **_for(REGISTERED, frozenset({Stage.SIGNED.value, Stage.REGISTERED.value})),
                DocumentKind.OTHER.value: frozenset({Stage.SIGNED.value}),
            },
            offered_if=lambda doc: doc.publicity == "partial",
        ),
        Step(
            "publish",
            _("Publish"),
            forms.PublishForm,
            "publish_document",
            {
                **_for(REGISTERED, frozenset({Stage.REGISTERED.value})),
                DocumentKind.OTHER.value: frozenset({Stage.SIGNED.value}),
            },
            event="published",
        ),
        Step(
            "filing",
            _("Record the filing"),
            forms.FilingForm,
            "record_filing",
            _for(ALL_KINDS, PUBLISHED),
            event="filed",
            offered_if=lambda doc: doc.kind in REGISTERED,
        ),
        Step(
            "filing-result",
            _("Record the filing result"),
            forms.FilingResultForm,
            "record_filing_result",
            _for(ALL_KINDS, PUBLISHED),
            event="filing_result",
            offered_if=_filed,
        ),
        Step(
            "evaluation",
            _("Record the evaluation before validity ends"),
            forms.EvaluationForm,
            "record_evaluation",
            _for(ALL_KINDS, PUBLISHED),
            event="evaluated",
            offered_if=lambda doc: doc.valid_until is not None,
        ),
        Step(
            "effect",
            _("Amend, repeal, declare expired or renew another document"),
            forms.EffectForm,
            "record_effect",
            _for(ALL_KINDS, PUBLISHED),
        ),
        Step(
            "withdraw",
            _("Withdraw from the public"),
            forms.WithdrawForm,
            "withdraw_document",
            _for(ALL_KINDS, PUBLISHED),
            APPROVER,
            "withdrawn",
            offered_if=lambda doc: doc.withdrawn_on is None,
        ),
    ]
}


def offered(doc: Document, user) -> list[Step]:
    """The steps the document page offers ``user`` now (the services still decide)."""
    return [s for s in STEPS.values() if s.offers(doc, user)]
