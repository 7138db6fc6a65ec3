from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("gongkai_web.portal.urls")),
    path("accounts/", include("gongkai_web.accounts.urls")),
    path("staff/applications/", include("gongkai_web.applications.urls")),
    path("staff/reports/", include("gongkai_web.reports.urls")),
    path("staff/status/", include("gongkai_web.agencies.urls")),
    path("admin/", admin.site.urls),
]
