from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from gongkai_web.applications import tracking
from gongkai_web.audit.services import log

from .forms import SignupForm


@require_http_methods(["GET", "POST"])
def signup(request):
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        log(user, "accounts.applicant_registered", actor=user)
        login(request, user)
        return redirect("portal:my_applications")
    return render(request, "accounts/signup.html", {"form": form})


class LogoutView(auth_views.LogoutView):
    """Logging out also forgets the applications this browser opened with a query code and password
    (``applications.tracking``), as it forgets the session."""

    def post(self, request, *args, **kwargs):
        return tracking.forget(super().post(request, *args, **kwargs))
