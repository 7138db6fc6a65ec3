from django.contrib import admin

from .models import Agency


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "short_name", "level", "kind", "parent", "accepts_applications")
    list_filter = ("level", "kind", "accepts_applications")
    search_fields = ("name", "code", "short_name")
    raw_id_fields = ("parent",)
