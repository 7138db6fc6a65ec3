from django.contrib import admin
from django.db import transaction

from . import services
from .models import Agency


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    """Every addition, edit and deletion goes through the services, with an audit entry naming who did
    it and what changed."""

    list_display = ("name", "code", "short_name", "level", "kind", "parent", "accepts_applications")
    list_filter = ("level", "kind", "accepts_applications")
    search_fields = ("name", "code", "short_name")
    raw_id_fields = ("parent",)

    def save_model(self, request, obj, form, change):
        services.save_agency(obj, actor=request.user, changed=form.changed_data, created=not change)

    def delete_model(self, request, obj):
        services.delete_agency(obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():  # the whole selection or nothing, as Django's own bulk delete
            for agency in queryset:
                services.delete_agency(agency, actor=request.user)
