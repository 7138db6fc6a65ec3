from django import forms
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from . import second_factor


class SignupForm(UserCreationForm):
    class Meta:
        model = User
        fields = ("username", "email")
        labels = {"username": _("username"), "email": _("e-mail")}


class LoginForm(AuthenticationForm):
    """The one login page for applicants, staff and the admin: the password, and for an account with
    the second factor on, the authenticator app's current code (``second_factor``)."""

    otp_code = forms.CharField(
        label=_("dynamic code"), required=False, max_length=12,
        help_text=_("Only for accounts with two-step verification: the 6 digits your authenticator app shows."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}))

    device = None

    def clean(self):
        cleaned = super().clean()  # the password (django-axes counts a wrong one)
        user = self.get_user()
        device = second_factor.active_device(user)
        if device is not None:
            if not second_factor.clean_code(cleaned.get("otp_code", "")):
                raise forms.ValidationError("该账户已开启双重验证：请同时输入验证器应用中显示的6位动态验证码。",
                                            code="otp_required")
            if problem := second_factor.check_code(device, cleaned["otp_code"]):
                raise forms.ValidationError(problem, code="otp_invalid")
            self.device = device
        return cleaned


class SecondFactorCodeForm(forms.Form):
    code = forms.CharField(label=_("dynamic code"), max_length=12,
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}))


class SecondFactorOffForm(SecondFactorCodeForm):
    password = forms.CharField(label=_("login password"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))
