from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from gongkai_web.applications import tracking
from gongkai_web.audit.services import log

from . import throttle
from .forms import SignupForm


@require_http_methods(["GET", "POST"])
def signup(request):
    form = SignupForm(request.POST or None)
    if request.method == "POST" and (wait := throttle.throttled(request, "accounts.signup",
                                                                settings.GONGKAI_SIGNUPS_PER_ADDRESS, increment=False)):
        log(None, "accounts.signup_throttled", data={"address": throttle.client_address(request)})
        return throttle.refusal(request, what="注册账户", wait_minutes=wait)
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
