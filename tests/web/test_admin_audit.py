"""Every state change goes through a service with an audit entry, the admin's included: an edit of a
membership or of an agency writes who and what; evidence (attachments) is never changed or deleted in
the admin; an applicant's signup is the ``register_applicant`` service's, audited."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib.auth.models import User
from django.core.files.base import ContentFile

from gongkai_web.accounts import services as account_services
from gongkai_web.accounts.forms import SignupForm
from gongkai_web.accounts.models import Membership, Role
from gongkai_web.applications.models import Attachment
from gongkai_web.audit.labels import action_label
from gongkai_web.audit.models import AuditEntry


@pytest.fixture
def root(world, client):
    user = User.objects.create_superuser("root", "root@example.com", "x-admin-42")
    client.force_login(user)
    return user


def _form_data(client, url: str) -> dict:
    """The admin's change form as the page shows it, ready to post back."""
    form = client.get(url).context["adminform"].form
    data = {}
    for name, bound in form.fields.items():
        value = form[name].value()
        if isinstance(bound.widget, forms.CheckboxInput):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    return data


def test_an_admin_edit_of_a_membership_writes_who_changed_what(client, world, root):
    membership = Membership.objects.get(user=world.lisi)
    url = f"/admin/accounts/membership/{membership.pk}/change/"
    response = client.post(url, {**_form_data(client, url), "role": Role.APPROVER})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.APPROVER
    entry = AuditEntry.objects.get(action="accounts.membership_changed")
    assert entry.actor == root and entry.object_id == str(membership.pk)
    assert entry.data["changed"] == {"role": Role.APPROVER}
    assert entry.data["user"] == world.lisi.pk and entry.data["agency"] == world.a.pk


def test_an_admin_addition_and_deletion_of_a_membership_are_audited_too(client, world, root):
    response = client.post(
        "/admin/accounts/membership/add/",
        {"user": world.zhangsan.pk, "agency": world.b.pk, "role": Role.HANDLER},
    )
    assert response.status_code == 302
    added = Membership.objects.get(user=world.zhangsan)
    assert AuditEntry.objects.get(action="accounts.membership_added", object_id=str(added.pk)).actor == root
    response = client.post(f"/admin/accounts/membership/{added.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302 and not Membership.objects.filter(pk=added.pk).exists()
    gone = AuditEntry.objects.get(action="accounts.membership_deleted", object_id=str(added.pk))
    assert gone.actor == root and gone.data["role"] == Role.HANDLER and gone.data["user"] == world.zhangsan.pk


def test_a_bulk_deletion_of_memberships_in_the_admin_writes_an_entry_for_each(client, world, root):
    chosen = list(Membership.objects.filter(agency=world.a).values_list("pk", flat=True))
    response = client.post(
        "/admin/accounts/membership/",
        {"action": "delete_selected", "post": "yes", "_selected_action": chosen},
    )
    assert response.status_code == 302 and not Membership.objects.filter(pk__in=chosen).exists()
    entries = AuditEntry.objects.filter(action="accounts.membership_deleted")
    assert sorted(int(e.object_id) for e in entries) == sorted(chosen)
    assert {e.actor for e in entries} == {root}


def test_an_admin_edit_of_an_agency_writes_who_changed_what(client, world, root):
    url = f"/admin/agencies/agency/{world.a.pk}/change/"
    response = client.post(url, {**_form_data(client, url), "phone": "023-63999999"})
    assert response.status_code == 302
    world.a.refresh_from_db()
    assert world.a.phone == "023-63999999"
    entry = AuditEntry.objects.get(action="agencies.changed")
    assert entry.actor == root and entry.object_id == str(world.a.pk)
    assert entry.data["changed"]["phone"] == "023-63999999" and entry.data["code"] == world.a.code
    assert "name" not in entry.data["changed"] and "code" not in entry.data["changed"]  # only what changed


def test_an_agency_deleted_in_the_admin_is_audited_and_one_that_cannot_be_leaves_no_entry(
    client, world, root
):
    spare = type(world.a).objects.create(
        code="spare", name="备用机关", level="county", kind="county_government"
    )
    response = client.post(f"/admin/agencies/agency/{spare.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302 and not type(world.a).objects.filter(pk=spare.pk).exists()
    entry = AuditEntry.objects.get(action="agencies.deleted")
    assert entry.actor == root and entry.data["code"] == "spare"
    # Agency A has applications: the admin refuses to delete it, and nothing is logged.
    client.post(f"/admin/agencies/agency/{world.a.pk}/delete/", {"post": "yes"})
    assert type(world.a).objects.filter(pk=world.a.pk).exists()
    assert AuditEntry.objects.filter(action="agencies.deleted").count() == 1


def _attachment(app) -> Attachment:
    return Attachment.objects.create(
        application=app,
        purpose="identity",
        file=ContentFile(b"%PDF-1.4 id", "id.pdf"),
        original_name="身份证.pdf",
        content_type="application/pdf",
        size=11,
        sha256="0" * 64,
    )


def test_attachments_can_be_neither_deleted_nor_changed_in_the_admin(client, world, root):
    attachment = _attachment(world.app_a)
    assert client.get(f"/admin/applications/attachment/{attachment.pk}/delete/").status_code == 403
    assert (
        client.post(f"/admin/applications/attachment/{attachment.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    page = client.get("/admin/applications/attachment/")
    actions = page.context["action_form"]  # None when the list offers no action at all
    assert actions is None or "delete_selected" not in dict(actions.fields["action"].choices)
    response = client.post(
        "/admin/applications/attachment/",
        {"action": "delete_selected", "post": "yes", "_selected_action": [attachment.pk]},
    )
    assert response.status_code in (200, 302)
    change = client.post(
        f"/admin/applications/attachment/{attachment.pk}/change/", {"original_name": "x.pdf"}
    )
    assert change.status_code == 403
    attachment.refresh_from_db()
    assert attachment.original_name == "身份证.pdf"


def test_the_audit_trail_cannot_be_added_to_changed_or_deleted_in_the_admin(client, world, root):
    entry = AuditEntry.objects.first()
    assert client.get("/admin/audit/auditentry/add/").status_code == 403
    assert client.post(f"/admin/audit/auditentry/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_signup_through_the_service_writes_accounts_applicant_registered(db):
    form = SignupForm(
        {
            "username": "wang",
            "email": "wang@example.com",
            "password1": "a-long-pass-42",
            "password2": "a-long-pass-42",
        }
    )
    assert form.is_valid(), form.errors
    user = account_services.register_applicant(form)
    entry = AuditEntry.objects.get(action="accounts.applicant_registered")
    assert entry.actor == user and entry.object_id == str(user.pk)
    assert action_label(entry.action) != entry.action  # labelled (by accounts, through the registry)


def test_the_labels_are_registered_by_the_apps_that_own_the_actions():
    from gongkai_web.audit import labels

    assert "accounts.applicant_registered" in labels.ACTION_LABELS
    assert "agencies.imported" in labels.ACTION_LABELS
    assert "letters.downloaded" in labels.ACTION_LABELS
    assert action_label("applications.submitted") != "applications.submitted"  # an event's label
    assert action_label("nobody.labelled_this") == "nobody.labelled_this"
