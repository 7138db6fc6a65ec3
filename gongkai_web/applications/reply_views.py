"""The reply panel of the record page: save a draft, preview the letter (page and PDF), submit it for
sign-off, sign it off or return it, drop it, issue it. Only the agency's working staff see drafts (others
404); the services decide every step (``services.reply_draft``)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from gongkai.errors import GongkaiError
from gongkai_web.accounts.access import can_approve

from . import services
from .access import get_application_to_handle, staff_required
from .handling_forms import IssueReplyForm, ReplyForm, ReturnDraftForm, SignOffForm
from .letters.preview import preview_letter, preview_pdf
from .models import Application, DraftState, ReplyDraft
from .reply_notes import notes_for
from .views import _detail_context, _withheld_rows


def _draft(request, pk: int, draft_pk: int) -> tuple[Application, ReplyDraft]:
    app = get_application_to_handle(request, pk)
    return app, get_object_or_404(app.reply_drafts, pk=draft_pk)


@staff_required
@require_POST
def save_draft(request, pk: int):
    """Save the reply draft; on an error the record page comes back with what was typed (400)."""
    app = get_application_to_handle(request, pk)
    form = ReplyForm(request.POST, withheld_rows=_withheld_rows(request))
    if form.is_valid():
        data = form.cleaned_data
        try:
            draft = services.save_reply_draft(
                app,
                outcome=data["outcome"],
                reasons=data.get("reasons") or "",
                withheld=data["withheld"],
                public_interest=data.get("public_interest") or "",
                actor=request.user,
            )
        except GongkaiError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Draft saved. Nothing has been sent: check the preview."))
            return redirect("applications:reply_preview", pk=app.pk, draft_pk=draft.pk)
    return render(
        request, "applications/detail.html", _detail_context(request, app, reply_form=form), status=400
    )


def _preview_context(request, app: Application, draft: ReplyDraft, **forms) -> dict:
    letter, problem = None, ""
    if draft.is_open:
        try:
            letter = preview_letter(app, draft, on=timezone.localdate())
        except GongkaiError as exc:  # the core cannot compose it: issuing would be refused the same way
            problem = exc.message
    needs_signoff = app.agency.reply_needs_approval
    approver = can_approve(request.user, app.agency)
    live = draft.is_open and app.is_open  # a withdrawn application is not replied to
    return {
        "app": app,
        "draft": draft,
        "letter": letter,
        "problem": problem,
        "needs_signoff": needs_signoff,
        "closed": draft.is_open and not app.is_open,
        "can_submit": live and needs_signoff and draft.state in (DraftState.DRAFT, DraftState.RETURNED),
        "can_sign": live and approver and draft.state == DraftState.SUBMITTED,
        "can_issue": live and (draft.signed_off or not needs_signoff),
        "issue_form": forms.get("issue_form") or IssueReplyForm(initial={"version": draft.version}),
        "signoff_form": SignOffForm(initial={"version": draft.version}),
        "return_form": forms.get("return_form") or ReturnDraftForm(initial={"version": draft.version}),
        "notes": notes_for(draft),
    }


@staff_required
@require_GET
def preview(request, pk: int, draft_pk: int):
    app, draft = _draft(request, pk, draft_pk)
    return render(request, "applications/reply_preview.html", _preview_context(request, app, draft))


@staff_required
@require_GET
def preview_file(request, pk: int, draft_pk: int):
    """The preview as PDF, every page marked as a preview (样稿) and without a 文号."""
    app, draft = _draft(request, pk, draft_pk)
    if not draft.is_open:
        raise Http404
    try:
        letter = preview_letter(app, draft, on=timezone.localdate())
    except GongkaiError as exc:
        messages.error(request, exc.message)
        return redirect("applications:reply_preview", pk=app.pk, draft_pk=draft.pk)
    response = HttpResponse(preview_pdf(letter), content_type="application/pdf")
    name = _("%(title)s (preview)") % {"title": letter.title}
    response["Content-Disposition"] = content_disposition_header(True, f"{app.query_code}-{name}.pdf") or ""
    return response


def _issue(request, app: Application, draft: ReplyDraft):
    form = IssueReplyForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "applications/reply_preview.html",
            _preview_context(request, app, draft, issue_form=form),
            status=400,
        )
    try:
        services.issue_reply_draft(
            draft,
            decided_on=form.cleaned_data["decided_on"],
            version=form.cleaned_data["version"],
            actor=request.user,
        )
    except GongkaiError as exc:
        if exc.code == "applications.reply_already_issued":  # a second click, or back and resubmit
            messages.info(request, _("This reply had already been issued; it was not issued again."))
            return redirect("applications:detail", pk=app.pk)
        form.add_error(None, exc.message)
        draft.refresh_from_db()
        return render(
            request,
            "applications/reply_preview.html",
            _preview_context(request, app, draft, issue_form=form),
            status=400,
        )
    draft.refresh_from_db()
    number = draft.letter.number if draft.letter else ""
    messages.success(request, _("Reply issued as %(number)s.") % {"number": number})
    return redirect("applications:detail", pk=app.pk)


def _return(request, app: Application, draft: ReplyDraft):
    form = ReturnDraftForm(request.POST)
    if form.is_valid():
        try:
            services.return_reply_draft(
                draft,
                version=form.cleaned_data["version"],
                comment=form.cleaned_data["comment"],
                actor=request.user,
            )
        except GongkaiError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Draft returned to the handler."))
            return redirect("applications:reply_preview", pk=app.pk, draft_pk=draft.pk)
    return render(
        request,
        "applications/reply_preview.html",
        _preview_context(request, app, draft, return_form=form),
        status=400,
    )


def _version(request) -> int:
    form = SignOffForm(request.POST)
    return form.cleaned_data["version"] if form.is_valid() else 0


@staff_required
@require_POST
def draft_step(request, pk: int, draft_pk: int, step: str):
    """submit, approve, return, drop or issue the draft."""
    app, draft = _draft(request, pk, draft_pk)
    if step == "issue":
        return _issue(request, app, draft)
    if step == "return":
        return _return(request, app, draft)
    steps = {
        "submit": (
            lambda: services.submit_reply_draft(draft, actor=request.user),
            _("Draft submitted for sign-off."),
        ),
        "approve": (
            lambda: services.approve_reply_draft(draft, version=_version(request), actor=request.user),
            _("Draft signed off: the handler can issue it."),
        ),
        "drop": (lambda: services.drop_reply_draft(draft, actor=request.user), _("Draft dropped.")),
    }
    if step not in steps:
        raise Http404
    perform, done = steps[step]
    try:
        perform()
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
        if step == "drop":
            return redirect(reverse("applications:detail", args=[app.pk]) + "#action-reply")
    return redirect("applications:reply_preview", pk=app.pk, draft_pk=draft.pk)
