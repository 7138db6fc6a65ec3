"""政策解读: draft (and revise) an interpretation of a document, sign it off (the document's 签发人: the
agency's approver, as for 签发), publish it — never before its document; publishing the document publishes
its signed interpretations the same day (``publish_document`` calls ``publish_signed_interpretations``).
Each step is atomic and audited on the document; a published interpretation goes into the search index
in the same transaction."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai import labels
from gongkai.publications import interpretation as core
from gongkai.search.entry import INTERPRETATION, Entry
from gongkai_web import casework
from gongkai_web.accounts.access import WORKING_ROLES, has_role
from gongkai_web.accounts.models import Role
from gongkai_web.audit.services import log
from gongkai_web.clocks import Clock, now
from gongkai_web.search.services import index_entries

from ..errors import refuse
from ..interpretation_models import Interpretation, InterpretationForm
from ..interpretation_queries import interpretation_facts
from ..models import Document, Stage
from ..search_entries import move_public_generation
from .common import require_not_before, require_not_future


def _require(user, doc: Document, roles: tuple[str, ...], action: str) -> None:
    if not has_role(user, doc.agency, *roles):
        raise refuse(
            "not_allowed",
            _("Only %(roles)s of %(agency)s may %(action)s this policy interpretation.")
            % {
                "roles": labels.ENUMERATION_COMMA.join(str(Role(r).label) for r in roles),
                "agency": doc.agency.name,
                "action": action,
            },
        )


def _checked(title: str, form: str, body: str) -> tuple[str, str, str]:
    title, body = title.strip(), body.strip()
    if not title:
        raise refuse("interpretation_title_missing", _("Give the interpretation a title."))
    if form not in InterpretationForm.values:
        raise refuse(
            "interpretation_form_unknown",
            _("Choose the form of the interpretation: %(forms)s.")
            % {"forms": labels.ENUMERATION_COMMA.join(labels.INTERPRETATION_FORMS.values())},
        )
    if not body:
        raise refuse(
            "interpretation_body_missing",
            _(
                "The interpretation's text is empty: write it in the text box (for a graphic, audio or video "
                "interpretation, its words)."
            ),
        )
    return title, form, body


def _store_file(interp: Interpretation, upload) -> None:
    from django.core.exceptions import ValidationError

    from gongkai_web.applications.uploads import check_upload

    try:
        checked = check_upload(upload, "attachment")
    except ValidationError as exc:
        raise refuse("interpretation_file_refused", " ".join(exc.messages)) from None
    upload.seek(0)
    interp.file.save(upload.name[:100], upload, save=False)
    interp.file_name, interp.file_type = upload.name[:200], checked.content_type
    interp.file_size, interp.file_sha256 = upload.size, checked.sha256


def _log(doc: Document, interp: Interpretation, what: str, actor, clock: Clock | None, **data) -> None:
    log(
        doc,
        f"publications.interpretation_{what}",
        actor=actor,
        clock=clock,
        data={"interpretation": interp.pk, "title": interp.title, **data},
    )


def draft_interpretation(
    document: Document, *, title: str, form: str, body: str, upload=None, actor, clock: Clock | None = None
) -> Interpretation:
    """A new interpretation of ``document`` (同步起草: before the document is signed, to be on time)."""
    title, form, body = _checked(title, form, body)
    with transaction.atomic():
        doc = casework.lock(document)
        _require(actor, doc, WORKING_ROLES, _("draft or change"))
        interp = Interpretation(
            document=doc,
            title=title,
            form=form,
            body=body,
            drafted_by=actor if actor.is_authenticated else None,
            drafted_at=now(clock),
        )
        if upload is not None:
            _store_file(interp, upload)
        interp.save()
        _log(doc, interp, "drafted", actor, clock, form=form)
        return interp


def revise_interpretation(
    interpretation: Interpretation,
    *,
    title: str,
    form: str,
    body: str,
    upload=None,
    actor,
    clock: Clock | None = None,
) -> Interpretation:
    """Change a draft; once signed off, the interpretation is the one published and is not changed."""
    title, form, body = _checked(title, form, body)
    with transaction.atomic():
        interp = casework.lock(interpretation)
        doc = interp.document
        _require(actor, doc, WORKING_ROLES, _("draft or change"))
        if interp.signed_at is not None:
            raise refuse(
                "interpretation_signed",
                _("The interpretation was signed off on %(day)s: it can no longer be changed.")
                % {"day": f"{timezone.localdate(interp.signed_at):%Y-%m-%d}"},
            )
        interp.title, interp.form, interp.body = title, form, body
        if upload is not None:
            _store_file(interp, upload)
        interp.save()
        _log(doc, interp, "revised", actor, clock, form=form)
        return interp


def sign_interpretation(
    interpretation: Interpretation, *, actor, clock: Clock | None = None
) -> Interpretation:
    """同步审签: the document's 签发人 (the agency's approver, who signs the document) signs it off."""
    with transaction.atomic():
        interp = casework.lock(interpretation)
        doc = interp.document
        _require(actor, doc, (Role.APPROVER,), _("sign off"))
        if interp.signed_at is not None:
            raise refuse("interpretation_already_signed", _("The interpretation is signed off already."))
        _checked(interp.title, interp.form, interp.body)
        interp.signed_by, interp.signed_at = actor, now(clock)
        interp.save(update_fields=["signed_by", "signed_at"])
        _log(doc, interp, "signed", actor, clock)
        return interp


def publish_interpretation(
    interpretation: Interpretation, *, on: dt.date, actor, clock: Clock | None = None
) -> Interpretation:
    """Publish a signed interpretation, on or after its document's publication (never before it)."""
    with transaction.atomic():
        interp = casework.lock(interpretation)
        doc = interp.document
        _require(actor, doc, WORKING_ROLES, _("publish"))
        _publish(doc, interp, on, actor, clock)
        return interp


def require_interpretation_for_signing(doc: Document, publicity: str) -> None:
    """同步起草、同步审签 (国办发〔2016〕80号): a document that will owe an interpretation is signed only once
    one is drafted and signed off (the core's ``missing_at_signing``); one that will owe none passes."""
    facts = [interpretation_facts(i) for i in doc.interpretations.all()]
    missing = core.missing_at_signing(doc.kind, publicity, facts)
    if not missing:
        return
    params = {
        "kind": doc.get_kind_display(),
        "missing": labels.ENUMERATION_COMMA.join(labels.INTERPRETATION_SYNC[m] for m in missing),
    }
    if "drafted" in missing:
        message = _(
            "A “%(kind)s” published proactively owes a policy interpretation drafted and signed off with it "
            "(missing: %(missing)s). Draft the interpretation under “Policy interpretations” on the document's "
            "page and have the approver sign it off, then sign the document."
        )
    else:
        message = _(
            "A “%(kind)s” published proactively owes a policy interpretation drafted and signed off with it "
            "(missing: %(missing)s). The approver signs off the drafted interpretation under “Policy "
            "interpretations” on the document's page first, then signs the document."
        )
    raise refuse("interpretation_not_ready", message % params, missing=missing)


def publish_signed_interpretations(
    doc: Document, *, on: dt.date, actor, clock: Clock | None = None
) -> list[Interpretation]:
    """同步发布: the document was just published on ``on``: its signed interpretations are published with it."""
    found = list(
        Interpretation.objects.select_for_update().filter(
            document=doc, signed_at__isnull=False, published_on__isnull=True
        )
    )
    for interp in found:
        _publish(doc, interp, on, actor, clock)
    return found


def _publish(doc: Document, interp: Interpretation, on: dt.date, actor, clock: Clock | None) -> None:
    if interp.published_on is not None:
        raise refuse(
            "interpretation_already_published",
            _("The interpretation was published on %(day)s already.")
            % {"day": f"{interp.published_on:%Y-%m-%d}"},
        )
    if interp.signed_at is None:
        raise refuse(
            "interpretation_not_signed",
            _("The interpretation is not signed off yet: the approver signs it off first."),
        )
    if doc.stage != Stage.PUBLISHED or doc.published_on is None:
        raise refuse(
            "interpretation_document_unpublished",
            _(
                "The document is not published yet: an interpretation is published with its document or after "
                "it. Publishing the document publishes its signed-off interpretations the same day."
            ),
        )
    require_not_future(on, _("date the interpretation is published"), clock)
    require_not_before(on, doc.published_on, _("date the interpretation is published"), _("date published"))
    interp.published_on = on
    interp.save(update_fields=["published_on"])
    _log(doc, interp, "published", actor, clock, on=on)
    index_entries([search_entry(doc, interp)])
    move_public_generation()  # the document's cached public page shows it from now


def search_entry(doc: Document, interp: Interpretation) -> Entry:
    """What the public index holds of a published interpretation (its document's 文号 and topic with it)."""
    return Entry(
        kind=INTERPRETATION,
        key=interp.pk,
        agency_id=doc.agency_id,
        agency_path=doc.agency.path,
        title=interp.title,
        body=interp.body,
        number=doc.number,
        published_on=interp.published_on,
        topic=doc.topic,
        doc_kind=doc.kind,
    )
