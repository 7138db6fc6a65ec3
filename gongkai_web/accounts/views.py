from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render, resolve_url
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from gongkai.errors import GongkaiError

from . import second_factor, services, throttle
from .access import is_evaluator, is_staff_member
from .forms import LoginForm, SecondFactorCodeForm, SecondFactorOffForm, SignupForm


@require_http_methods(["GET", "POST"])
def signup(request):
    """Every signup attempt counts against the address, not only the accounts created: a form answered
    "this username exists" would otherwise tell anyone, without limit, which accounts exist."""
    form = SignupForm(request.POST or None)
    if request.method == "POST":
        if wait := throttle.throttled(
            request, "accounts.signup", settings.GONGKAI_SIGNUPS_PER_ADDRESS, increment=False
        ):
            throttle.record_refusal(request, "accounts.signup_throttled", wait_minutes=wait)
            return throttle.refusal(request, reason=throttle.SIGNUP_REASON, wait_minutes=wait)
        throttle.throttled(
            request, "accounts.signup", settings.GONGKAI_SIGNUPS_PER_ADDRESS
        )  # one more attempt
    if request.method == "POST" and form.is_valid():
        user = services.register_applicant(form)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("portal:my_applications")
    return render(request, "accounts/signup.html", {"form": form})


def _account_key(_group, request) -> str:
    return throttle.normalised_username(request.POST.get("username", ""))


class LoginView(auth_views.LoginView):
    """Password, then for an account with the second factor on its code; the session is marked
    verified by django-otp. Besides django-axes (per account and address), failures are counted per
    account from every address and per address for every account, each checked before authenticating."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm

    def _failure_limits(self):
        yield "accounts.login", settings.GONGKAI_LOGIN_FAILURES_PER_ADDRESS, "ip"
        if _account_key(None, self.request):
            yield "accounts.login.account", settings.GONGKAI_LOGIN_FAILURES_PER_ACCOUNT, _account_key

    def post(self, request, *args, **kwargs):
        for group, rate, key in self._failure_limits():
            if wait := throttle.throttled(request, group, rate, key=key, increment=False):
                username = request.POST.get("username", "")[:150]
                subject = (
                    get_user_model().objects.filter(username=username).first()
                    if group == "accounts.login.account"
                    else None
                )  # the address: no one account
                throttle.record_refusal(
                    request,
                    "accounts.login_locked_out",
                    subject=subject,
                    actor_label=throttle.throttle_actor(),
                    data={"username": username},
                    wait_minutes=wait,
                )
                return throttle.refusal(request, reason=throttle.LOGIN_REASON, wait_minutes=wait)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        if self.request.method == "POST":
            for group, rate, key in self._failure_limits():
                throttle.throttled(self.request, group, rate, key=key)  # one more failure
        return super().form_invalid(form)

    def get_default_redirect_url(self):
        """Without a ``next``: staff land on their worklist, evaluators on their evaluations,
        administrators on the admin, applicants on their applications."""
        user = self.request.user
        if is_staff_member(user):
            return resolve_url("applications:worklist")
        if is_evaluator(user):
            return resolve_url("supervision:evaluations")
        if user.is_staff:
            return resolve_url("admin:index")
        return resolve_url("portal:my_applications")

    def form_valid(self, form):
        response = super().form_valid(form)
        if form.device is not None:
            otp_login(self.request, form.device)
        return response


@login_required
@require_http_methods(["GET", "POST"])
def second_factor_settings(request):
    """Staff turn the authenticator-app second factor on (scan, confirm with a code) or off (password
    and a code)."""
    if not (is_staff_member(request.user) or is_evaluator(request.user) or request.user.is_staff):
        raise Http404
    user = request.user
    active = second_factor.active_device(user)
    form = (SecondFactorOffForm if active else SecondFactorCodeForm)(request.POST or None)
    limit = (
        "accounts.second_factor",
        settings.GONGKAI_SECOND_FACTOR_FAILURES_PER_USER,
        lambda _group, req: str(req.user.pk),
    )
    if request.method == "POST" and (wait := throttle.throttled(request, *limit, increment=False)):
        throttle.record_refusal(
            request,
            "accounts.second_factor_throttled",
            subject=user,
            actor_label=throttle.throttle_actor(),
            wait_minutes=wait,
        )
        return throttle.refusal(request, reason=throttle.SECOND_FACTOR_REASON, wait_minutes=wait)
    if request.method == "POST" and form.is_valid():
        try:
            if active:
                services.disable_second_factor(
                    user, password=form.cleaned_data["password"], code=form.cleaned_data["code"]
                )
                messages.success(
                    request, _("Two-step verification is off: logging in asks only for your password.")
                )
            else:
                # The enrolling session is marked verified: the middleware does not log it out.
                otp_login(
                    request,
                    services.enable_second_factor(
                        user, form.cleaned_data["code"], password=form.cleaned_data["password"]
                    ),
                )
                messages.success(
                    request,
                    _(
                        "Two-step verification is on: from now on logging in also asks for the code of "
                        "your authenticator app."
                    ),
                )
            return redirect("accounts:second_factor")
        except GongkaiError as exc:
            throttle.throttled(request, *limit)  # one more wrong password or code
            form.add_error(None, exc.message)
    pending = None if active else second_factor.pending_device(user)
    return render(
        request,
        "accounts/second_factor.html",
        {
            "form": form,
            "active": active,
            "qr_svg": second_factor.qr_svg(pending) if pending else "",
            "key": second_factor.base32_key(pending) if pending else "",
        },
    )
