from django.urls import path

from . import views

app_name = "accounts"
# Logging out is the portal's (``portal.views.LogoutView``, still at /accounts/logout/): it forgets the
# applicant's tracking cookie too.
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("signup/", views.signup, name="signup"),
    path("second-factor/", views.second_factor_settings, name="second_factor"),
]
