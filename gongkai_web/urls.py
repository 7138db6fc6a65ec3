from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", include("gongkai_web.portal.urls")),
    path("accounts/", include("gongkai_web.accounts.urls")),
    path("staff/applications/", include("gongkai_web.applications.urls")),
    path("staff/library/", include("gongkai_web.publications.urls")),
    path("staff/reports/rollup/", include("gongkai_web.reports.rollup_urls")),
    path("staff/reports/compare/", include("gongkai_web.reports.compare_urls")),
    path("staff/reports/", include("gongkai_web.reports.urls")),
    path("staff/reports/", include("gongkai_web.reports.record_urls")),
    path("staff/library/", include("gongkai_web.publications.catalogue_urls")),
    path("staff/status/", include("gongkai_web.workcalendar.urls")),
    path("staff/library/import/", include("gongkai_web.publications.import_urls")),
    path("staff/library/cleanups/", include("gongkai_web.publications.cleanup_urls")),
    path("staff/qa/", include("gongkai_web.qa.urls")),
    path("staff/appeals/", include("gongkai_web.appeals.urls")),
    path("qa/", include("gongkai_web.qa.public_urls")),
    path("staff/supervision/", include("gongkai_web.supervision.urls")),
    path("supervision/", include("gongkai_web.supervision.public_urls")),
    # One login page for everyone, the admin included: one lockout count and the second factor apply to all.
    path("admin/login/", RedirectView.as_view(pattern_name="accounts:login", query_string=True)),
    path("admin/", admin.site.urls),
]
