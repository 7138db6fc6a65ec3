from django import forms
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.contrib.auth.models import User
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongkai_web.form_messages import Form, PlainMessages

from . import second_factor


class SignupForm(PlainMessages, UserCreationForm):
    class Meta:
        model = User
        fields = ("username", "email")
        labels = {"username": _("username"), "email": _("e-mail")}


#: The one answer to a wrong password and to a right password with a missing or wrong code: the page
#: must not tell a guesser that the password was right. Translated once, on import: a plain ``str``
#: (callers test ``LOGIN_FAILED in page``), and this module is only importable once the apps, and so the
#: catalogue, are ready; the platform has the one language (settings.LANGUAGE_CODE).
LOGIN_FAILED = gettext(
    "Login failed: check the username and password; an account with two-step verification also needs "
    "the 6-digit code its authenticator app now shows."
)


class LoginForm(PlainMessages, AuthenticationForm):
    """The one login page for applicants, staff and the admin: the password, and for an account with
    the second factor on, the authenticator app's current code (``second_factor``). A missing or wrong
    code is a failed login like a wrong password: the same message, and counted by every limit."""

    error_messages = {**AuthenticationForm.error_messages, "invalid_login": LOGIN_FAILED}

    otp_code = forms.CharField(
        label=_("dynamic code"),
        required=False,
        max_length=12,
        help_text=_(
            "Only for accounts with two-step verification: the 6 digits your authenticator app shows."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    device = None

    def clean(self):
        cleaned = super().clean()  # the password (django-axes counts a wrong one)
        user = self.get_user()
        device = second_factor.active_device(user)
        if device is not None:
            code = cleaned.get("otp_code", "")
            if not second_factor.clean_code(code) or second_factor.check_code(device, code):
                # django-axes counts it (per account and address); the view's own counters count the
                # invalid form.
                user_login_failed.send(
                    sender=__name__, credentials={"username": cleaned.get("username")}, request=self.request
                )
                raise forms.ValidationError(LOGIN_FAILED, code="invalid_login")
            self.device = device
        return cleaned


class SecondFactorCodeForm(Form):
    """Turning the second factor on: the login password (a session left open is not enough) and the
    app's first code."""

    password = forms.CharField(
        label=_("login password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = forms.CharField(
        label=_("dynamic code"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class SecondFactorOffForm(SecondFactorCodeForm):
    """Turning it off: the same two, the password and a current code."""
