"""Staff views: worklist, detail with deadline panel, staff entry, one POST view per transition."""

from __future__ import annotations

import csv
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.errors import GongkaiError
from gongkai.labels import AUDIT_APPLICANT
from gongkai_web.accounts.access import can_approve, can_handle, can_unmask, working_agencies
from gongkai_web.audit.services import entries_for
from gongkai_web.notifications.queries import messages_for
from gongkai_web.notifications.services import masked_recipient, shown_error

from . import correction_answers, deadline, forms, identity, letters, queries, services, workflow
from .access import get_application_for_staff, get_application_to_handle, staff_applications, staff_required
from .errors import ApplicationError
from .models import Application, Attachment

WORKLIST_PAGE_SIZE = 50


def _filtered(request):
    form = forms.WorklistFilterForm(request.GET or None)
    apps = staff_applications(request.user).select_related("agency")
    data = form.cleaned_data if form.is_valid() else {}
    view = data.get("view") or "open"
    apps = queries.worklist_view(apps, view, timezone.localdate())
    if q := (data.get("q") or "").strip():
        # By name only where the user may see names unmasked: a supervisor must not find out who
        # applied by guessing names against masked rows.
        by_name = Q(name__icontains=q, agency__in=working_agencies(request.user))
        apps = apps.filter(Q(query_code__iexact=q) | by_name | Q(description__icontains=q))
    # Unconfirmed applications (no deadline yet) first on every database: they need action now.
    return form, view, apps.order_by(F("due_on").asc(nulls_first=True), "id")


@staff_required
@require_GET
def worklist(request):
    form, view, apps = _filtered(request)
    today = timezone.localdate()
    page = Paginator(apps, WORKLIST_PAGE_SIZE).get_page(request.GET.get("page"))
    late = set(
        queries.late_confirmation(Application.objects.filter(pk__in=[a.pk for a in page]), today).values_list(
            "pk", flat=True
        )
    )
    starts = deadline.clock_starts([a.pk for a in page])
    # Masked for everyone, as the record page is until an audited unmasking; identifiers the applicant
    # wrote into the request are masked in the description too.
    rows = [
        (
            a,
            identity.masked_applicant(a)["name"],
            deadline.time_left(a, today, clock_start=starts.get(a.pk)),
            a.pk in late,
            identity.scrubber(a)(a.description),
        )
        for a in page
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "applications/worklist.html",
        {
            "form": form,
            "view": view,
            "rows": rows,
            "page": page,
            "query": query.urlencode(),
            "counts": queries.attention_counts(staff_applications(request.user), today),
            "can_register": working_agencies(request.user).exists(),
            "due_soon_days": settings.GONGKAI_DUE_SOON_WORKDAYS,
        },
    )


@staff_required
@require_GET
def export_csv(request):
    """The worklist as CSV; personal identifiers are always masked in exports."""
    _form, _view, apps = _filtered(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="worklist.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Query code"),
            _("Agency"),
            _("Applicant"),
            _("phone"),
            _("Received on"),
            _("reply deadline"),
            _("Status"),
        ]
    )
    for a in apps:
        m = identity.masked_applicant(a)
        writer.writerow(
            [
                a.query_code,
                a.agency.name,
                m["name"],
                m["phone"],
                a.received_on or "",
                a.due_on or "",
                a.get_status_display(),
            ]
        )
    services.record_worklist_export(request.user, rows=apps.count())
    return response


def _detail_context(
    request, app: Application, *, unmasked: bool = False, bound: tuple | None = None, reply_form=None
) -> dict:
    """The record page. Personal data is masked (``identity``) until an authorised handler's audited
    unmasking: the applicant's fields, the identifiers she wrote into the request or a file name, the
    names of consulted third parties. The audit trail names the applicant's own account as the
    applicant, not by its user name (often her e-mail address or phone number)."""
    handle = can_handle(request.user, app.agency)
    rows = _withheld_rows(request)
    draft = services.open_draft(app) if handle else None  # drafts are the working office's own
    letter_list = list(app.letters.all())
    shown: Callable[[str], str]
    if unmasked:
        shown, addressees = str, [lt.addressee for lt in letter_list]
    else:
        shown = identity.scrubber(app, third_party_names=identity.third_parties(app))
        addressees = [identity.shown_addressee(lt, app) for lt in letter_list]
    audit = list(entries_for(app)[:50])
    applicant_label = AUDIT_APPLICANT.format(query_code=app.query_code)
    return {
        "app": app,
        "applicant": identity.full_applicant(app) if unmasked else identity.masked_applicant(app),
        "unmasked": unmasked,
        "description": shown(app.description),
        "deadline": deadline.evaluate(app, today=timezone.localdate()),
        "events": app.events.select_related("actor"),
        "letters": letter_list,
        "letter_rows": list(zip(letter_list, addressees, strict=True)),
        "attachment_rows": [(f, shown(f.original_name)) for f in app.attachments.all()],
        "correction_answers": correction_answers.online_answers(app, shown),
        # Every message sent to the applicant; the recipient masked but after an audited unmasking.
        "message_rows": [
            (m, m.recipient if unmasked else masked_recipient(m), shown_error(m, masked=not unmasked))
            for m in messages_for(app)
        ],
        "audit": audit,
        "audit_rows": [
            (
                a,
                applicant_label
                if app.applicant_user_id and a.actor_id == app.applicant_user_id
                else a.actor_label,
            )
            for a in audit
        ],
        "can_handle": handle,
        "can_approve": can_approve(request.user, app.agency),
        "can_unmask": can_unmask(request.user, app.agency),
        "actions": _action_forms(
            app, request.user, withheld_rows=rows, bound=bound, reply_form=reply_form, draft=draft
        )
        if handle
        else [],
        "unavailable_actions": [
            (a.key, a.title, a.not_permitted)
            for a in workflow.offered(app)
            if handle and not a.permits(request.user, app)
        ],
        "open_action": bound[0]
        if bound
        else "reply"
        if "parts" in request.GET or reply_form is not None
        else "",
        "draft": draft,
        "max_withheld_parts": forms.MAX_WITHHELD_PARTS,
    }


def _withheld_rows(request) -> int:
    """Blank withheld-part rows to show: ``?parts=N`` is the no-JavaScript "add another part" link."""
    try:
        return max(2, min(int(request.GET.get("parts", 2)), forms.MAX_WITHHELD_PARTS))
    except ValueError:
        return 2


def _action_forms(
    app: Application, user, *, withheld_rows: int = 2, bound: tuple | None = None, reply_form=None, draft=None
) -> list:
    """The action forms the registry (``workflow.ACTIONS``) offers in the current state (services still
    decide); ``bound`` is (key, form) of a step sent back with errors, shown with what was typed. The
    reply form holds the open draft's values, or what was just typed when it was refused."""

    def blank(action: workflow.Action):
        if bound and bound[0] == action.key:
            return bound[1]
        if action.form is forms.ReplyForm:
            if reply_form is not None:
                return reply_form
            if draft is not None:
                return forms.ReplyForm.for_draft(draft, withheld_rows=withheld_rows)
            return action.form(withheld_rows=withheld_rows)
        return _bound(action.form, app, key=action.key)

    return [
        (action.key, action.title, blank(action))
        for action in workflow.offered(app)
        if action.permits(user, app)
    ]


def _withheld_row(request, app: Application):
    """htmx (``?withheld_row=N`` on the detail page): one more blank withheld-part row for the reply
    form, with the formset's TOTAL_FORMS and the "add" link swapped out of band (legal-rules §7.4:
    each withheld part). Only for those who may handle the application."""
    if not can_handle(request.user, app.agency):
        raise Http404
    try:
        index = int(request.GET["withheld_row"])
    except ValueError:
        raise Http404 from None
    if not 0 <= index < forms.MAX_WITHHELD_PARTS:
        raise Http404
    formset = forms.withheld_formset(rows=index + 1)
    return render(
        request,
        "applications/_withheld_added.html",
        {
            "app": app,
            "part": formset.forms[index],
            "index": index,
            "total": index + 1,
            "max_withheld_parts": forms.MAX_WITHHELD_PARTS,
        },
    )


@staff_required
@require_GET
def detail(request, pk: int):
    app = get_application_for_staff(request, pk)
    if "withheld_row" in request.GET:
        return _withheld_row(request, app)
    return render(request, "applications/detail.html", _detail_context(request, app))


@staff_required
@require_GET
def letter(request, pk: int, letter_pk: int, fmt: str):
    """A letter of an application the user may see (own agency, or a supervised subtree); others 404.
    Those who may handle the agency's applications get the letter as issued (the agency's own document);
    a supervising office, which sees the applicant masked on screen, gets the masked copy."""
    app = get_application_for_staff(request, pk)
    found = get_object_or_404(app.letters.select_related("application"), pk=letter_pk)
    return letters.download(found, fmt, actor=request.user, masked=not can_unmask(request.user, app.agency))


@staff_required
@require_GET
def attachment(request, pk: int, attachment_pk: int):
    """An applicant's attachment. Identity proofs show the whole ID number, so only staff who may
    unmask open attachments, and each opening is logged like an unmasking; others get 404."""
    app = get_application_for_staff(request, pk)
    try:
        found = services.open_attachment(app, attachment_pk, actor=request.user)
    except (ApplicationError, Attachment.DoesNotExist):
        raise Http404 from None
    return FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=found.original_name,
        content_type=found.content_type,
    )


@staff_required
@require_POST
def unmask(request, pk: int):
    app = get_application_for_staff(request, pk)
    try:
        services.unmask_applicant(app, actor=request.user)
    except GongkaiError as exc:
        messages.error(request, exc.message)
        return redirect("applications:detail", pk=app.pk)
    return render(request, "applications/detail.html", _detail_context(request, app, unmasked=True))


@staff_required
@require_http_methods(["GET", "POST"])
def register(request):
    agencies = working_agencies(request.user)
    if not agencies.exists():  # supervisors read, they do not register (404 like every action)
        raise Http404
    form = forms.StaffEntryForm(agencies, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            app, secret = services.register_application(
                data["agency"],
                data,
                channel=data["channel"],
                arrived_at=data["arrived_at"],
                received_on=data.get("received_on"),
                token=data["token"],
                actor=request.user,
            )
        except GongkaiError as exc:
            form.add_error(None, exc.message)
        else:
            if secret:
                messages.success(
                    request,
                    _("Registered: query code %(code)s, query password %(password)s (tell the applicant).")
                    % {"code": app.query_code, "password": secret},
                )
            else:
                messages.info(
                    request,
                    _(
                        "This application was already registered (query code %(code)s); it was not registered again."
                    )
                    % {"code": app.query_code},
                )
            return redirect("applications:detail", pk=app.pk)
    return render(request, "applications/register.html", {"form": form})


def _bound(form_class, app: Application, data=None, *, key: str = ""):
    """An action form; one that shows figures computed from the records gets the application. Its
    fields' ids carry the action (``id_withdraw-on``): the record page holds several forms, and a label
    or an error link must reach the field of its own form. The reply form keeps its own ids."""
    kwargs = {"auto_id": f"id_{key}-%s"} if key and form_class is not forms.ReplyForm else {}
    if getattr(form_class, "takes_application", False):
        return form_class(data, application=app, **kwargs)
    return form_class(data, **kwargs)


@staff_required
@require_POST
def act(request, pk: int, action: str):
    """One handling step. A form with errors, or a step the service refuses, comes back on the record
    page with what was typed, in its open panel, with status 400."""
    app = get_application_to_handle(request, pk)
    if action not in workflow.ACTIONS or workflow.ACTIONS[action].drafted:  # drafted steps: ``reply_views``
        raise Http404
    step = workflow.ACTIONS[action]
    form = _bound(step.form, app, request.POST, key=action)
    if form.is_valid():
        try:
            step.perform(app, form.cleaned_data, request.user)
        except GongkaiError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("applications:detail", pk=app.pk)
    app.refresh_from_db()
    if not (
        step.offers(app) and step.permits(request.user, app)
    ):  # a step the page does not show here: its refusal is all there is to say
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("applications:detail", pk=app.pk)
    context = _detail_context(request, app, bound=(action, form))
    return render(request, "applications/detail.html", context, status=400)
