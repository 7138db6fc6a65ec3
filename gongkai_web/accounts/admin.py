from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import services
from .models import Membership


class SuperuserOnlyAdminMixin:
    """Only active superusers see or change these in the admin, whatever model permissions a staff
    admin user was given (docs/security.md): accounts carry applicants' e-mail addresses, a membership
    decides who may unmask applicants' personal data, a TOTP device is someone's second factor."""

    @staticmethod
    def _superuser(request) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_module_permission(self, request):
        return self._superuser(request)

    def has_view_permission(self, request, obj=None):
        return self._superuser(request)

    def has_change_permission(self, request, obj=None):
        return self._superuser(request)

    def has_add_permission(self, request, *args):
        return self._superuser(request)

    def has_delete_permission(self, request, obj=None):
        return self._superuser(request)


@admin.register(Membership)
class MembershipAdmin(SuperuserOnlyAdminMixin, admin.ModelAdmin):
    """Who works for which agency in which role: every addition, edit and deletion goes through the
    services, with an audit entry naming who did it and what changed. Superusers only: a staff admin
    with the add permission could otherwise make itself handler of an agency and unmask its applicants."""

    list_display = ("user", "agency", "role")
    list_filter = ("role",)
    search_fields = ("user__username", "agency__name")
    raw_id_fields = ("user", "agency")

    def save_model(self, request, obj, form, change):
        services.save_membership(obj, actor=request.user, changed=form.changed_data, created=not change)

    def delete_model(self, request, obj):
        services.delete_membership(obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():  # the whole selection or nothing, as Django's own bulk delete
            for membership in queryset:
                services.delete_membership(membership, actor=request.user)


class SuperuserOnlyUserAdmin(SuperuserOnlyAdminMixin, UserAdmin):
    """Accounts carry applicants' e-mail addresses (often their names): superusers only."""


class SuperuserOnlyTOTPDeviceAdmin(SuperuserOnlyAdminMixin, TOTPDeviceAdmin):
    """Second-factor devices (their keys hidden: settings.OTP_ADMIN_HIDE_SENSITIVE_DATA): superusers only."""


admin.site.unregister(User)
admin.site.register(User, SuperuserOnlyUserAdmin)
admin.site.unregister(TOTPDevice)
admin.site.register(TOTPDevice, SuperuserOnlyTOTPDeviceAdmin)

# The admin's titles: the platform's, not “Django 管理”.
admin.site.site_header = _("Government information disclosure: administration")
admin.site.site_title = _("Government information disclosure: administration")
admin.site.index_title = _("Administration")

#: Wording of Django's admin that its own Chinese catalogue does not translate yet (the headings of the
#: model tables read by screen readers); marked here so the project's catalogue carries them.
DJANGO_ADMIN_WORDING = (
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
)
