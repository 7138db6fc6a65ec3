"""The information a 予以公开/部分公开 reply provides (legal-rules §7.4): handlers add and remove disclosed
items while the application is open; the reply lists them (``letters.issue_reply``); once the reply is
issued the applicant downloads them (``open_disclosed_item``)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai_web.audit.services import log
from gongkai_web.clocks import Clock

from ..errors import refuse
from ..models import Application, DisclosedItem, Status
from ..uploads import check_upload
from .common import lock, require_disclosure
from .reply import DISCLOSING_OUTCOMES

#: The schemes a link to disclosed information may use.
LINK_SCHEMES = ("http", "https")
MAX_DESCRIPTION = 500


def _require_handler(app: Application, actor) -> None:
    from gongkai_web.accounts.access import can_handle

    if not can_handle(actor, app.agency):
        raise refuse("not_handler", _("Only those who handle this agency's applications may do this."))


def _require_open(app: Application) -> None:
    if not app.is_open:
        raise refuse(
            "disclosed_items_concluded",
            _(
                "This application is concluded and its reply issued: the information it disclosed can no "
                "longer be changed."
            ),
        )


def add_disclosed_item(
    app: Application,
    *,
    description: str,
    upload: UploadedFile | None = None,
    url: str = "",
    actor,
    clock: Clock | None = None,
) -> DisclosedItem:
    """Add one item: a description and either a file (type and size checked as the applicant's uploads
    are: ``uploads.check_upload``) or an http/https link. Refused, with nothing stored, for a concluded
    application, a request to correct a record, or a bad file or link."""
    description, url = description.strip(), url.strip()
    if not description:
        raise refuse("disclosed_item_description", _("Describe the information disclosed."))
    if len(description) > MAX_DESCRIPTION:
        raise refuse(
            "disclosed_item_description",
            _("The description is too long (at most %(limit)s characters).") % {"limit": MAX_DESCRIPTION},
        )
    if bool(upload) == bool(url):
        raise refuse(
            "disclosed_item_file_or_link",
            _("Give either a file or a link for each item disclosed, not both."),
        )
    checked = None
    if upload:
        try:
            checked = check_upload(upload, "disclosed")
        except ValidationError as exc:
            raise refuse("disclosed_file_refused", " ".join(exc.messages)) from None
    else:
        try:
            URLValidator(schemes=list(LINK_SCHEMES))(url)
        except ValidationError:
            raise refuse(
                "disclosed_link_invalid",
                _("“%(url)s” is not a web address: give a link starting with http:// or https://.")
                % {"url": url},
            ) from None
    with transaction.atomic():
        app = lock(app)
        _require_handler(app, actor)
        require_disclosure(app, action=_("add disclosed information"))
        _require_open(app)
        item = DisclosedItem(application=app, description=description, url=url, added_by=actor)
        if checked is not None:
            checked.upload.seek(0)
            assert checked.upload.name is not None and checked.upload.size is not None
            item.file = checked.upload
            item.original_name = checked.upload.name[:200]
            item.content_type, item.size, item.sha256 = (
                checked.content_type,
                checked.upload.size,
                checked.sha256,
            )
        item.save()
        log(
            app,
            "applications.disclosed_item_added",
            actor=actor,
            clock=clock,
            data={"item": item.pk, "description": description, "file": item.original_name, "url": url},
        )
        return item


def remove_disclosed_item(app: Application, item_pk: int, *, actor, clock: Clock | None = None) -> None:
    """Remove an item of an open application (its file is deleted once the removal is committed);
    refused once the reply is issued: the letter lists it."""
    with transaction.atomic():
        app = lock(app)
        _require_handler(app, actor)
        _require_open(app)
        item = app.disclosed_items.filter(pk=item_pk).first()
        if item is None:
            raise refuse(
                "disclosed_item_unknown", _("This item is not among the application's disclosed information.")
            )
        name, storage = item.file.name, item.file.storage
        item.delete()
        if name:
            transaction.on_commit(lambda: storage.delete(name))
        log(
            app,
            "applications.disclosed_item_removed",
            actor=actor,
            clock=clock,
            data={"item": item_pk, "description": item.description},
        )


def released_items(app: Application):
    """The items the applicant may see: none until a disclosing reply is issued."""
    if app.status != Status.CLOSED or app.outcome not in DISCLOSING_OUTCOMES:
        return DisclosedItem.objects.none()
    if not app.letters.filter(kind="reply", to_applicant=True).exists():
        return DisclosedItem.objects.none()
    return app.disclosed_items.all()


def open_disclosed_item(
    app: Application, item_pk: int, *, actor, actor_label: str = "", clock: Clock | None = None
) -> DisclosedItem:
    """A disclosed file for the applicant (the caller has checked the applicant's access), audited like
    a letter download. Raises ``DisclosedItem.DoesNotExist`` before the reply is issued, for a link, or
    for another application's item."""
    item = released_items(app).exclude(file="").get(pk=item_pk)
    log(
        app,
        "applications.disclosed_item_downloaded",
        actor=actor,
        actor_label=actor_label,
        clock=clock,
        data={"item": item.pk, "name": item.original_name},
    )
    return item
