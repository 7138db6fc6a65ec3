from django import forms
from django.contrib import admin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Agency, Channel


class AgencyAdminForm(forms.ModelForm):
    """The channels as boxes to tick, named in Chinese, not a JSON list of codes (the admin supplies
    the model and fields)."""

    channels = forms.MultipleChoiceField(
        choices=Channel.choices, widget=forms.CheckboxSelectMultiple, required=False, label=_("channels")
    )


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    """Every addition, edit and deletion goes through the services, with an audit entry naming who did
    it and what changed."""

    form = AgencyAdminForm

    list_display = (
        "name",
        "code",
        "short_name",
        "level",
        "kind",
        "division_code",
        "parent",
        "accepts_applications",
    )
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
