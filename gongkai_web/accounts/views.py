from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from gongkai.errors import GongkaiError
from gongkai_web.applications import tracking
from gongkai_web.audit.services import log

from . import second_factor, services, throttle
from .access import is_staff_member
from .forms import LoginForm, SecondFactorCodeForm, SecondFactorOffForm, SignupForm


@require_http_methods(["GET", "POST"])
def signup(request):
    form = SignupForm(request.POST or None)
    if request.method == "POST" and (wait := throttle.throttled(request, "accounts.signup",
                                                                settings.GONGKAI_SIGNUPS_PER_ADDRESS, increment=False)):
        log(None, "accounts.signup_throttled", data={"address": throttle.client_address(request)})
        return throttle.refusal(request, reason=throttle.SIGNUP_REASON, wait_minutes=wait)
    if request.method == "POST" and form.is_valid():
        throttle.throttled(request, "accounts.signup", settings.GONGKAI_SIGNUPS_PER_ADDRESS)  # one more created
        user = form.save()
        log(user, "accounts.applicant_registered", actor=user)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("portal:my_applications")
    return render(request, "accounts/signup.html", {"form": form})


class LogoutView(auth_views.LogoutView):
    """Logging out also forgets the applications this browser opened with a query code and password
    (``applications.tracking``), as it forgets the session."""

    def post(self, request, *args, **kwargs):
        return tracking.forget(super().post(request, *args, **kwargs))


class LoginView(auth_views.LoginView):
    """Password, then for an account with the second factor on its code; the session is marked
    verified by django-otp."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm

    def post(self, request, *args, **kwargs):
        if wait := throttle.throttled(request, "accounts.login", settings.GONGKAI_LOGIN_FAILURES_PER_ADDRESS,
                                      increment=False):
            log(None, "accounts.login_locked_out", actor_label="系统（登录限制）",
                data={"address": throttle.client_address(request), "username": request.POST.get("username", "")[:150]})
            return throttle.refusal(request, reason=throttle.LOGIN_REASON, wait_minutes=wait)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        throttle.throttled(self.request, "accounts.login", settings.GONGKAI_LOGIN_FAILURES_PER_ADDRESS)  # one more
        return super().form_invalid(form)

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
    if not (is_staff_member(request.user) or request.user.is_staff):
        raise Http404
    user = request.user
    active = second_factor.active_device(user)
    form = (SecondFactorOffForm if active else SecondFactorCodeForm)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if active:
                services.disable_second_factor(user, password=form.cleaned_data["password"],
                                               code=form.cleaned_data["code"])
                messages.success(request, "双重验证已关闭：登录时只需输入密码。")
            else:
                otp_login(request, services.enable_second_factor(user, form.cleaned_data["code"]))
                messages.success(request, "双重验证已开启：今后登录时还需输入验证器应用中的动态验证码。")
            return redirect("accounts:second_factor")
        except GongkaiError as exc:
            form.add_error(None, exc.message)
    pending = None if active else second_factor.pending_device(user)
    return render(request, "accounts/second_factor.html", {
        "form": form, "active": active, "qr_svg": second_factor.qr_svg(pending) if pending else "",
        "key": second_factor.base32_key(pending) if pending else ""})
