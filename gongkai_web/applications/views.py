"""Staff views: worklist, detail with deadline panel, staff entry, one POST view per transition."""

from __future__ import annotations

import csv
import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai import workdays
from gongkai.errors import GongkaiError
from gongkai_web.accounts.access import can_approve, can_handle, can_unmask, working_agencies
from gongkai_web.audit.services import entries_for, log

from . import deadline, forms, identity, letters, services
from .access import get_application_for_staff, get_application_to_handle, staff_applications, staff_required
from .models import OPEN_STATUSES, Application, Channel, EventKind, Status

WORKLIST_PAGE_SIZE = 50


def _filtered(request):
    form = forms.WorklistFilterForm(request.GET or None)
    apps = staff_applications(request.user).select_related("agency")
    data = form.cleaned_data if form.is_valid() else {}
    view = data.get("view") or "open"
    today = timezone.localdate()
    if view != "all":
        apps = apps.filter(status__in=OPEN_STATUSES) if view != "closed" else apps.exclude(status__in=OPEN_STATUSES)
    if view == "due_soon":
        soon = deadline.add_workdays(today, settings.GONGKAI_DUE_SOON_WORKDAYS)
        apps = apps.filter(due_on__gte=today, due_on__lte=soon)
    elif view == "overdue":
        apps = apps.filter(due_on__lt=today)
    elif view == "unconfirmed":
        apps = apps.filter(_late_confirmation(today))
    if q := (data.get("q") or "").strip():
        # By name only where the user may see names unmasked: a supervisor must not find out who
        # applied by guessing names against masked rows.
        by_name = Q(name__icontains=q, agency__in=working_agencies(request.user))
        apps = apps.filter(Q(query_code__iexact=q) | by_name | Q(description__icontains=q))
    # Unconfirmed applications (no deadline yet) first on every database: they need action now.
    return form, view, apps.order_by(F("due_on").asc(nulls_first=True), "id")


def _late_confirmation(today) -> Q:
    """Online applications whose receipt is still unconfirmed more than one working day after they
    arrived (legal-rules §4.1: alert after 1 working day): a working day has passed strictly between
    the arrival day and today, i.e. the arrival is before the last working day before today."""
    last_workday = today - dt.timedelta(days=1)
    while not workdays.is_working_day(last_workday):
        last_workday -= dt.timedelta(days=1)
    start = timezone.make_aware(dt.datetime.combine(last_workday, dt.time.min))
    return Q(status=Status.SUBMITTED, channel=Channel.online, arrived_at__lt=start)


@staff_required
@require_GET
def worklist(request):
    form, view, apps = _filtered(request)
    today = timezone.localdate()
    page = Paginator(apps, WORKLIST_PAGE_SIZE).get_page(request.GET.get("page"))
    late = set(Application.objects.filter(_late_confirmation(today), pk__in=[a.pk for a in page])
               .values_list("pk", flat=True))
    # Masked for everyone, as the record page is until an audited unmasking; identifiers the applicant
    # wrote into the request are masked in the description too.
    rows = [(a, identity.masked_applicant(a)["name"], deadline.time_left(a, today), a.pk in late,
             identity.scrubber(a)(a.description)) for a in page]
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "applications/worklist.html", {
        "form": form, "view": view, "rows": rows, "page": page, "query": query.urlencode(),
        "counts": _attention_counts(request.user, today), "can_register": working_agencies(request.user).exists(),
        "due_soon_days": settings.GONGKAI_DUE_SOON_WORKDAYS})


def _attention_counts(user, today) -> dict[str, int]:
    """How many of the user's open applications are due soon, overdue, or still unconfirmed, for the tabs."""
    open_apps = staff_applications(user).filter(status__in=OPEN_STATUSES)
    soon = deadline.add_workdays(today, settings.GONGKAI_DUE_SOON_WORKDAYS)
    return {"due_soon": open_apps.filter(due_on__gte=today, due_on__lte=soon).count(),
            "overdue": open_apps.filter(due_on__lt=today).count(),
            "unconfirmed": open_apps.filter(_late_confirmation(today)).count()}


@staff_required
@require_GET
def export_csv(request):
    """The worklist as CSV; personal identifiers are always masked in exports."""
    _, _, apps = _filtered(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="worklist.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(["查询码", "机关", "申请人", "联系电话", "收到日期", "答复期限", "状态"])
    for a in apps:
        m = identity.masked_applicant(a)
        writer.writerow([a.query_code, a.agency.name, m["name"], m["phone"], a.received_on or "", a.due_on or "",
                         a.get_status_display()])
    log(request.user, "applications.worklist_exported", actor=request.user, data={"rows": apps.count()})
    return response


def _detail_context(request, app: Application, *, unmasked: bool = False) -> dict:
    """The record page. Personal data is masked (``identity``) until an authorised handler's audited
    unmasking: the applicant's fields, the identifiers she wrote into the request or a file name, the
    names of consulted third parties. The audit trail names the applicant's own account as the
    applicant, not by its user name (often her e-mail address or phone number)."""
    handle = can_handle(request.user, app.agency)
    rows = _withheld_rows(request)
    letter_list = list(app.letters.all())
    if unmasked:
        shown, addressees = str, [lt.addressee for lt in letter_list]
    else:
        shown = identity.scrubber(app, third_party_names=identity.third_parties(app))
        addressees = [identity.shown_addressee(lt, app) for lt in letter_list]
    audit = list(entries_for(app)[:50])
    applicant_label = f"申请人（查询码 {app.query_code}）"
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
        "audit": audit,
        "audit_rows": [(a, applicant_label if app.applicant_user_id and a.actor_id == app.applicant_user_id
                        else a.actor_label) for a in audit],
        "can_handle": handle,
        "can_approve": can_approve(request.user, app.agency),
        "can_unmask": can_unmask(request.user, app.agency),
        "actions": _action_forms(app, withheld_rows=rows) if handle else [],
        "open_action": "reply" if "parts" in request.GET else "",
        "max_withheld_parts": forms.MAX_WITHHELD_PARTS,
    }


def _withheld_rows(request) -> int:
    """Blank withheld-part rows to show: ``?parts=N`` is the no-JavaScript "add another part" link."""
    try:
        return max(2, min(int(request.GET.get("parts", 2)), forms.MAX_WITHHELD_PARTS))
    except ValueError:
        return 2


def _action_forms(app: Application, *, withheld_rows: int = 2) -> dict:
    """The action forms that make sense in the current state (services still decide)."""
    by_status = {
        Status.SUBMITTED: ["confirm", "withdraw"],
        Status.IN_PROGRESS: ["correction", "extension", "reasons", "reasons_answer", "reasonable_time", "consult", "fee",
                             "reply", "split", "withdraw"],
        Status.CORRECTION: ["correction_received", "reply", "withdraw"],
        Status.CONSULTING: ["answer", "extension", "withdraw"],
        Status.FEE_PENDING: ["payment", "extension", "reply", "withdraw"],
    }
    if app.is_correction:  # 条例第四十一条: answered with the 更正答复书, none of the disclosure steps
        by_status = {Status.SUBMITTED: ["confirm", "withdraw"], Status.IN_PROGRESS: ["correction_reply", "withdraw"]}

    def blank(key: str):
        form_class = ACTIONS[key][0]
        if form_class is forms.ReplyForm:
            return form_class(withheld_rows=withheld_rows)
        return _bound(form_class, app)

    keys = by_status.get(app.status, [])
    if "reasons_answer" in keys and not _awaits_reasons(app):
        keys = [k for k in keys if k != "reasons_answer"]
    return [(key, ACTION_TITLES[key], blank(key)) for key in keys]


def _awaits_reasons(app: Application) -> bool:
    """Asked for reasons under 条例第三十五条 and the answer not yet recorded."""
    kinds = set(app.events.values_list("kind", flat=True))
    return EventKind.REASONS_REQUESTED in kinds and EventKind.REASONS_ANSWERED not in kinds


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
    return render(request, "applications/_withheld_added.html",
                  {"app": app, "part": formset.forms[index], "index": index, "total": index + 1,
                   "max_withheld_parts": forms.MAX_WITHHELD_PARTS})


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
    if not can_unmask(request.user, app.agency):
        raise Http404
    found = get_object_or_404(app.attachments, pk=attachment_pk)
    log(app, "applications.attachment_opened", actor=request.user,
        data={"attachment": found.pk, "name": found.original_name, "purpose": found.purpose})
    return FileResponse(found.file.open("rb"), as_attachment=True, filename=found.original_name,
                        content_type=found.content_type)


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
                data["agency"], data, channel=data["channel"], arrived_at=data["arrived_at"],
                received_on=data.get("received_on"), token=data["token"], actor=request.user)
        except GongkaiError as exc:
            form.add_error(None, exc.message)
        else:
            if secret:
                messages.success(request, f"已登记，查询码 {app.query_code}，查询密码 {secret}（请告知申请人）。")
            else:
                messages.info(request, f"该申请已经登记过（查询码 {app.query_code}），未重复登记。")
            return redirect("applications:detail", pk=app.pk)
    return render(request, "applications/register.html", {"form": form})


# Each action: (form class, service call). The service raises a domain error when the law or the
# state does not allow the step; the message is shown and nothing changes.
ACTIONS = {
    "confirm": (forms.ConfirmReceiptForm, lambda app, d, u: services.confirm_receipt(app, actor=u, **d)),
    "correction": (forms.CorrectionForm, lambda app, d, u: services.request_correction(app, actor=u, **d)),
    "correction_received": (forms.CorrectionReceivedForm,
                            lambda app, d, u: services.receive_correction(app, actor=u, **d)),
    "extension": (forms.ExtensionForm, lambda app, d, u: services.approve_extension(app, actor=u, **d)),
    "reasons": (forms.ReasonsRequestForm, lambda app, d, u: services.request_reasons(app, actor=u, **d)),
    "reasons_answer": (forms.ReasonsAnswerForm, lambda app, d, u: services.record_reasons(app, actor=u, **d)),
    "reasonable_time": (forms.ReasonableTimeForm,
                        lambda app, d, u: services.notify_reasonable_time(app, actor=u, **d)),
    "consult": (forms.ConsultationStartForm, lambda app, d, u: services.start_consultation(app, actor=u, **d)),
    "answer": (forms.ConsultationAnswerForm, lambda app, d, u: services.answer_consultation(app, actor=u, **d)),
    "fee": (forms.FeeNoticeForm, lambda app, d, u: services.send_fee_notice(
        app, actor=u, sent_on=d["sent_on"], applicant_received_on=d.get("applicant_received_on"),
        pages=d.get("pages"))),
    "payment": (forms.FeePaymentForm, lambda app, d, u: services.record_fee_payment(app, actor=u, **d)),
    "reply": (forms.ReplyForm, lambda app, d, u: services.reply_application(app, actor=u, **d)),
    "correction_reply": (forms.CorrectionReplyForm, lambda app, d, u: services.reply_correction(app, actor=u, **d)),
    "split": (forms.SplitForm, lambda app, d, u: services.split_application(app, actor=u, **d)),
    "withdraw": (forms.WithdrawForm, lambda app, d, u: services.withdraw_application(app, actor=u, **d)),
}


def _bound(form_class, app: Application, data=None):
    """An action form; one that shows figures computed from the records gets the application."""
    if getattr(form_class, "takes_application", False):
        return form_class(data, application=app)
    return form_class(data)


ACTION_TITLES = {
    "confirm": _("Confirm receipt"), "correction": _("Request correction"),
    "correction_received": _("Record corrected application"), "extension": _("Approve extension"),
    "reasons": _("Ask the applicant for reasons (art. 35)"),
    "reasons_answer": _("Record the applicant's reasons (art. 35)"),
    "reasonable_time": _("Set a reasonable reply deadline (art. 35)"),
    "consult": _("Start consultation"), "answer": _("Record consultation answer"),
    "fee": _("Send fee notice"), "payment": _("Record payment"), "reply": _("Reply"),
    "correction_reply": _("Reply to the correction request (art. 41)"),
    "split": _("Split into one application per item"), "withdraw": _("Withdraw"),
}


@staff_required
@require_POST
def act(request, pk: int, action: str):
    app = get_application_to_handle(request, pk)
    if action not in ACTIONS:
        raise Http404
    form_class, call = ACTIONS[action]
    form = _bound(form_class, app, request.POST)
    if not form.is_valid():
        errors = "；".join(f"{form.fields[f].label if f in form.fields else ''}{'：' if f in form.fields else ''}{' '.join(e)}"
                          for f, e in form.errors.items())
        messages.error(request, f"未保存：{errors}")
    else:
        try:
            call(app, form.cleaned_data, request.user)
        except GongkaiError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "已保存。")
    return redirect("applications:detail", pk=app.pk)

