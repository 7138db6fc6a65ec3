"""Bad input on the public form is refused with a message in Chinese and stores nothing: an identity
number with a wrong check digit, an organisation without its kind or with a wrong credit code, an agency
that does not accept applications or does not exist."""

from __future__ import annotations

from gongkai_web.applications.models import Application

from .fixtures import VALID_ID, VALID_USCC, form_data, make_agency


def test_an_identity_number_with_a_wrong_check_digit_is_refused_with_a_message(client, world):
    bad = VALID_ID[:17] + ("0" if VALID_ID[17] != "0" else "1")
    response = client.post("/apply/", form_data(world, id_number=bad))
    assert response.status_code == 200
    assert "校验" in response.content.decode()
    assert not Application.objects.filter(submission_token="tok-123").exists()


def test_an_organisation_needs_its_kind_and_a_valid_credit_code(client, world):
    data = form_data(
        world,
        applicant_type="organisation",
        name="重庆某律师事务所",
        org_kind="legal_services",
        credit_code=VALID_USCC,
        legal_representative="孙八",
        contact_name="周九",
    )
    client.post("/apply/", data)
    app = Application.objects.get(submission_token="tok-123")
    assert app.report_column == "legal_services" and app.id_number == ""
    response = client.post("/apply/", {**data, "token": "tok-2", "credit_code": VALID_USCC[:-1] + "0"})
    assert "校验" in response.content.decode()


def test_an_agency_that_does_not_accept_applications_or_does_not_exist_is_refused(client, world):
    archive = make_agency("渝中区档案馆", parent=world.district, accepts_applications=False)
    for value in (archive.pk, 999_999, "abc", "١٢", "9" * 30, "-1"):
        response = client.post("/apply/", form_data(world, agency=value, token=f"tok-{value}"))
        assert response.status_code == 200 and "有效" in response.content.decode()
    assert not Application.objects.filter(submission_token__startswith="tok-").exists()
