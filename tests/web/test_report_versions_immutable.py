"""A published version of a report cannot be altered: not through the model (services never try), not
in the admin (read-only), and not by raw SQL (a trigger, on SQLite and PostgreSQL alike)."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from gongkai_web.reports.errors import ReportError
from gongkai_web.reports.models import ReportVersion

from .fixtures import PASSWORD, log_in
from .report_world import published


def test_saving_or_deleting_a_published_version_is_refused(world):
    _, version = published(world)
    version.approver_name = "别人"
    with pytest.raises(ReportError) as refused:
        version.save()
    assert refused.value.code == "reports.version_immutable"
    with pytest.raises(ReportError):
        version.delete()
    assert ReportVersion.objects.get().approver_name == "qianqi"


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE reports_reportversion SET approver_name = 'x'",
        "UPDATE reports_reportversion SET data = '{}'",
        "DELETE FROM reports_reportversion",
    ],
)
def test_raw_sql_cannot_change_or_delete_a_published_version(world, sql):
    _, version = published(world)
    with pytest.raises(DatabaseError) as refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    assert "immutable" in str(refused.value)
    kept = ReportVersion.objects.get()
    assert (kept.approver_name, kept.data["requests"]["new"][-1]) == ("qianqi", 1)


def test_the_admin_shows_versions_read_only_even_to_a_superuser(world, client):
    from django.contrib.auth.models import User

    _, version = published(world)
    User.objects.create_superuser("root", password=PASSWORD)
    assert log_in(client, "root")
    page = client.get(f"/admin/reports/reportversion/{version.pk}/change/")
    assert page.status_code == 200 and b'name="approver_name"' not in page.content
    posted = client.post(f"/admin/reports/reportversion/{version.pk}/change/", {"approver_name": "x"})
    assert posted.status_code == 403
    assert (
        client.post(f"/admin/reports/reportversion/{version.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    assert ReportVersion.objects.get().approver_name == "qianqi"
