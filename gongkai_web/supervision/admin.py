from django.contrib import admin

from gongkai_web.accounts.admin import SuperuserOnlyAdminMixin

from . import services
from .models import ComplaintTerm


@admin.register(ComplaintTerm)
class ComplaintTermAdmin(SuperuserOnlyAdminMixin, admin.ModelAdmin):
    """An office's own term for replying to complaints (the 条例 sets none; without one the platform's
    default applies). Saved through the service, audited; not deleted (set the default's figure
    instead), so that the trail of terms stays whole."""

    list_display = ("office", "reply_workdays")
    raw_id_fields = ("office",)

    def save_model(self, request, obj, form, change):
        services.set_complaint_term(obj.office, workdays=obj.reply_workdays, actor=request.user)

    def has_delete_permission(self, request, obj=None):
        return False
