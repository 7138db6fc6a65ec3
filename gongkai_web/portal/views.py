"""The public face: agency guides, the application form, the receipt, tracking."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.errors import GongkaiError
from gongkai.labels import AUDIT_APPLICANT, COLUMN_ROOT
from gongkai_web.accounts import throttle
from gongkai_web.agencies.directory import directory_groups
from gongkai_web.agencies.models import Agency
from gongkai_web.applications import (
    codes,
    correction_answers,
    deadline,
    identity,
    letters,
    services,
    tracking,
)
from gongkai_web.applications.access import get_application_for_applicant
from gongkai_web.applications.answer_forms import CorrectionAnswerForm
from gongkai_web.applications.forms import ApplicationForm, TrackForm
from gongkai_web.applications.models import Application, DisclosedItem
from gongkai_web.clocks import today

from . import column_queries
from . import guide as guide_facts


@require_GET
def home(request):
    query = request.GET.get("q", "").strip()[:50]
    agencies = Agency.objects.filter(accepts_applications=True)
    if query:
        agencies = agencies.filter(name__contains=query)
    return render(
        request,
        "portal/home.html",
        {
            "groups": directory_groups(list(agencies)),
            "query": query,
            "found": len(agencies) if query else None,
            # The same words over the published documents too (column_queries; the site search has the rest).
            "documents": column_queries.home_documents(query, today()) if query else None,
            "column_label": COLUMN_ROOT,
        },
    )


@require_GET
def guide(request, code: str):
    agency = get_object_or_404(Agency.objects.select_related("parent"), code=code)
    return render(
        request,
        "portal/guide.html",
        {
            "agency": agency,
            "receipt_rules": guide_facts.receipt_rules(agency),
            "remedies": guide_facts.remedies(agency),
        },
    )


#: The blank form is the same for every visitor but for the one-time token (and, on the whole page,
#: the CSRF token): rendered once per language and preselected agency and kept this long (a renamed or
#: added agency shows within it; validation always reads the live list). Rendering is most of the
#: page's cost (bench/intake_load.py).
BLANK_FORM_SECONDS = 60
_TOKEN_SLOT = "__gongkai_form_token__"
_CSRF_SLOT = "__gongkai_csrf_token__"


def _blank_form(agency: str, token: str) -> ApplicationForm:
    return ApplicationForm(initial={"token": token, **({"agency": agency} if agency else {})})


def _blank_form_html(request, agency: str) -> str:
    """The form's fields, with ``_TOKEN_SLOT`` where the one-time token goes: the same for every visitor,
    signed in or not, so rendered for none of them."""
    key = f"portal:apply-form:{get_language()}:{agency}"
    html = cache.get(key)
    if html is None:
        html = render_to_string(
            "_form.html", {"form": _blank_form(agency, _TOKEN_SLOT)}, request=_anonymous_request(request)
        )
        cache.set(key, html, BLANK_FORM_SECONDS)
    return html


def _anonymous_request(request) -> HttpRequest:
    """A request for the same page from a first-time visitor who sent nothing of their own: no cookies, no
    session, no messages, no query string, the anonymous user. The shared copy of the page is rendered for
    it, through the real context processors (``settings.TEMPLATES``), so nothing of the visitor whose
    request happened to fill the cache can reach it."""
    blank = HttpRequest()
    blank.method = "GET"
    blank.path, blank.path_info = request.path, request.path_info
    blank.META = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": request.path_info,
        **{k: request.META[k] for k in ("SCRIPT_NAME", "SERVER_NAME", "SERVER_PORT") if k in request.META},
    }
    blank.user = AnonymousUser()
    return blank


def _blank_page(request, agency: str) -> HttpResponse:
    if (
        not settings.GONGKAI_FAST_PATHS
    ):  # the fast paths off: the page rendered for this visitor, nothing cached
        return render(request, "portal/apply.html", {"form": _blank_form(agency, secrets.token_urlsafe(24))})
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        # A signed-in visitor's header names them; a pending message is theirs alone.
        html: str = render_to_string(
            "portal/apply.html", {"form_html": mark_safe(_blank_form_html(request, agency))}, request=request
        )
    else:
        # A first-time visitor without a session: the whole page is the same for all of them.
        key = f"portal:apply-page:{get_language()}:{agency}"
        html = cache.get(key)
        if html is None:
            # The CSRF token given here overrides the context processor's (never evaluated): the slot
            # takes each visitor's own token below.
            blank = _anonymous_request(request)
            html = render_to_string(
                "portal/apply.html",
                {"form_html": mark_safe(_blank_form_html(request, agency)), "csrf_token": _CSRF_SLOT},
                request=blank,
            )
            cache.set(key, html, BLANK_FORM_SECONDS)
        html = html.replace(_CSRF_SLOT, get_token(request))
    return HttpResponse(html.replace(_TOKEN_SLOT, secrets.token_urlsafe(24)))


@require_http_methods(["GET", "POST"])
def apply(request):
    agency = request.GET.get("agency", "")
    if request.method == "GET":
        # Only a real agency's id goes into the cache key: anything else would fill the cache.
        real = (
            agency.isascii()
            and agency.isdigit()
            and len(agency) < 10
            and Agency.objects.filter(pk=int(agency), accepts_applications=True).exists()
        )
        return _blank_page(request, agency if real else "")
    form = ApplicationForm(request.POST, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = {
            **form.cleaned_data,
            "applicant_user": request.user if request.user.is_authenticated else None,
        }
        try:
            app, secret = services.submit_application(
                data["agency"], data, token=data["token"], actor=request.user
            )
        except GongkaiError as exc:
            form.add_error(None, exc.message)
        else:
            return _receipt_redirect(request, app, secret, data)
    form.group_agencies()  # shown again with its errors
    response = render(request, "portal/apply.html", {"form": form})
    add_never_cache_headers(response)  # what was typed stays out of the browser's history
    return response


def _receipt_redirect(request, app: Application, secret: str | None, data: dict) -> HttpResponse:
    """To the receipt, which shows the password once (kept for this browser's receipt page only). A
    re-post of the same form soon after it was stored (``secret`` None: the first answer never reached
    this browser) gets a new password (``services.reissue_query_password`` says when not); the
    applicant's own account needs none."""
    own = request.user.is_authenticated and app.applicant_user_id == request.user.pk
    if secret is None and not own:
        try:
            secret = services.reissue_query_password(app, data)
        except GongkaiError as exc:
            return render(request, "portal/already_submitted.html", {"app": app, "message": exc.message})
        messages.info(
            request,
            _(
                "This application form was submitted before and was not registered again. A new query "
                "password is issued; the one shown before, if any, no longer works."
            ),
        )
    response = redirect("portal:receipt", query_code=app.query_code)
    return tracking.remember(request, response, app, secret=secret) if secret else response


@never_cache  # an applicant's data: not kept in the history of a shared computer
@require_GET
def receipt(request, query_code: str):
    app = get_application_for_applicant(request, query_code)
    secret = tracking.secret_for(request, query_code)
    response = render(
        request,
        "portal/receipt.html",
        {"app": app, "secret": secret, "deadline": deadline.evaluate(app, today=timezone.localdate())},
    )
    # The password is shown once, as the page says: the browser keeps only the right to open the application.
    return tracking.forget_secret(request, response, query_code) if secret else response


@require_http_methods(["GET", "POST"])
def track(request):
    form = TrackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = codes.normalise_code(form.cleaned_data["query_code"])
        if wait := _track_throttled(request, code, increment=False):
            throttle.record_refusal(
                request,
                "applications.tracking_throttled",
                subject=Application.objects.filter(query_code=code).first(),
                actor_label=_("anonymous"),
                data={"query_code": code[:20]},
            )
            return throttle.refusal(request, reason=throttle.TRACK_REASON, wait_minutes=wait)
        app = Application.objects.filter(query_code=code).first()
        if app and codes.secret_matches(form.cleaned_data["secret"], app.secret_digest):
            app = services.upgrade_secret_digest(app, form.cleaned_data["secret"])
            return tracking.remember(request, redirect("portal:track_detail", query_code=app.query_code), app)
        _track_throttled(request, code)  # a wrong guess counts against the address and the code
        form.add_error(
            None, _("The query code or the query password is wrong: check them and enter them again.")
        )
    return render(request, "portal/track.html", {"form": form})


def _track_throttled(request, code: str, *, increment: bool = True) -> int | None:
    """Wrong query code/password pairs are limited per client address and per query code, so that
    neither many codes from one address nor one code from many addresses can be guessed."""
    by_address = throttle.throttled(
        request, "portal.track", settings.GONGKAI_TRACK_TRIES_PER_ADDRESS, increment=increment
    )
    by_code = throttle.throttled(
        request,
        "portal.track.code",
        settings.GONGKAI_TRACK_TRIES_PER_CODE,
        key=lambda _group, _request: code,
        increment=increment,
    )
    return max(by_address or 0, by_code or 0) or None


@never_cache  # an applicant's data: not kept in the history of a shared computer
@require_GET
def track_detail(request, query_code: str):
    app = get_application_for_applicant(request, query_code)
    return _track_page(request, app)


def _track_page(
    request, app: Application, correction_form: CorrectionAnswerForm | None = None
) -> HttpResponse:
    notice = correction_answers.pending_notice(app, today())
    return render(
        request,
        "portal/track_detail.html",
        {
            "correction_notice": notice,
            "correction_form": correction_form
            or (CorrectionAnswerForm() if notice and not notice.over else None),
            "app": app,
            "applicant": identity.masked_applicant(app),
            "deadline": deadline.evaluate(app, today=timezone.localdate()),
            "events": app.events.exclude(kind="submitted"),
            # Letters to a consulted third party or agency stay with the agency.
            "letters": app.letters.filter(to_applicant=True),
        },
    )


@never_cache  # an applicant's data: not kept in the history of a shared computer
@require_POST
def answer_correction(request, query_code: str):
    """The applicant answers the 补正 notice on her tracking page (by account, or in a session that gave
    the query code and password): the corrected application restarts the reply period (条例第三十条)."""
    app = get_application_for_applicant(request, query_code)
    form = CorrectionAnswerForm(request.POST, request.FILES or None)
    if form.is_valid():
        try:
            services.receive_correction(
                app,
                text=form.cleaned_data["text"],
                attachments=form.cleaned_data["attachments"],
                online=True,
                actor=request.user,
            )
        except GongkaiError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, _("Your correction was received. The reply period now counts from today.")
            )
            return redirect("portal:track_detail", query_code=app.query_code)
    return _track_page(request, app, form)


@never_cache  # an applicant's data: not kept in the history of a shared computer
@require_GET
def letter(request, query_code: str, letter_pk: int, fmt: str):
    """The applicant's letters: by account, or in a session that gave the query code and secret."""
    app = get_application_for_applicant(request, query_code)
    found = get_object_or_404(
        app.letters.filter(to_applicant=True).select_related("application"), pk=letter_pk
    )
    return letters.download(
        found,
        fmt,
        actor=request.user,
        actor_label=""
        if request.user.is_authenticated
        else AUDIT_APPLICANT.format(query_code=app.query_code),
    )


@never_cache  # an applicant's data: not kept in the history of a shared computer
@require_GET
def disclosed_file(request, query_code: str, item_pk: int):
    """A file the reply disclosed: the same access as the applicant's letters, only once the reply is
    issued (404 before, and for anyone else), every download audited."""
    app = get_application_for_applicant(request, query_code)
    try:
        item = services.open_disclosed_item(
            app,
            item_pk,
            actor=request.user,
            actor_label=""
            if request.user.is_authenticated
            else AUDIT_APPLICANT.format(query_code=app.query_code),
        )
    except DisclosedItem.DoesNotExist:
        raise Http404 from None
    return FileResponse(
        item.file.open("rb"), as_attachment=True, filename=item.original_name, content_type=item.content_type
    )


@never_cache
@login_required
@require_GET
def my_applications(request):
    apps = (
        Application.objects.filter(applicant_user=request.user)
        .select_related("agency")
        .order_by("-arrived_at")
    )
    return render(request, "portal/my_applications.html", {"apps": apps})


class LogoutView(auth_views.LogoutView):
    """Logging out (``/accounts/logout/``, owned here because it knows the applicant's tracking cookie)
    also forgets the applications this browser opened with a query code and password
    (``applications.tracking``), as it forgets the session."""

    def post(self, request, *args, **kwargs):
        return tracking.forget(super().post(request, *args, **kwargs))
