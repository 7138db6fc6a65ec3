"""Access over every view, for every persona. The URL list is read from the resolver: a new view
without a row in ``EXPECTED`` makes ``test_every_view_has_an_access_rule`` fail."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.web import access_rows

#: (url name) → {persona: expected status}; "anon" is a visitor without an account.
#: 302 = redirected to log in; 404 = hidden. Object views are exercised on agency A's application.
STAFF_ONLY_A = {"anon": 302, "zhangsan": 404, "lisi": 200, "wangwu": 404, "zhaoliu": 200, "qianqi": 200}
STAFF_LIST = {"anon": 302, "zhangsan": 404, "lisi": 200, "wangwu": 200, "zhaoliu": 200, "qianqi": 200}
DRAFTS_A = {**STAFF_ONLY_A, "zhaoliu": 404}
PUBLIC = dict.fromkeys(("anon", "zhangsan", "lisi", "wangwu", "zhaoliu", "qianqi"), 200)
#: Pages of staff who work for an agency (handlers, approvers); the supervising office only reads.
WORKING_STAFF = {**STAFF_LIST, "zhaoliu": 404}
EXPECTED = {
    "portal:home": ("/", PUBLIC),
    "portal:guide": ("/guide/{agency_a}/", PUBLIC),
    "portal:apply": ("/apply/", PUBLIC),
    "portal:track": ("/track/", PUBLIC),
    # Only the applicant's account (or a session that gave the secret) sees the receipt and tracking page.
    "portal:receipt": ("/receipt/{code_a}/", {**dict.fromkeys(PUBLIC, 404), "zhangsan": 200}),
    "portal:track_detail": ("/track/{code_a}/", {**dict.fromkeys(PUBLIC, 404), "zhangsan": 200}),
    # Letters: the applicant's own (account or code + secret session); staff of the agency and its supervisor.
    "portal:letter": (
        "/track/{code_a}/letters/{letter_a}.docx",
        {**dict.fromkeys(PUBLIC, 404), "zhangsan": 200},
    ),
    "portal:my_applications": ("/me/", {**PUBLIC, "anon": 302}),
    "accounts:login": ("/accounts/login/", PUBLIC),
    "accounts:signup": ("/accounts/signup/", PUBLIC),
    # The second factor is for staff: an applicant's account has no such page.
    "accounts:second_factor": ("/accounts/second-factor/", {**STAFF_LIST, "anon": 302, "zhangsan": 404}),
    "applications:worklist": ("/staff/applications/", STAFF_LIST),
    "applications:export": ("/staff/applications/export.csv", STAFF_LIST),
    # Registering is an action: the supervising office, which reads but does not handle, gets 404.
    "applications:register": ("/staff/applications/new/", {**STAFF_LIST, "zhaoliu": 404}),
    "applications:detail": ("/staff/applications/{pk_a}/", STAFF_ONLY_A),
    "applications:letter": ("/staff/applications/{pk_a}/letters/{letter_a}.docx", STAFF_ONLY_A),
    # Attachments (an identity proof shows the whole ID number): only staff who may unmask.
    "applications:attachment": (
        "/staff/applications/{pk_a}/attachments/{attachment_a}/",
        {**STAFF_ONLY_A, "zhaoliu": 404},
    ),
    # A disclosed file: the agency's staff and its supervisor; the applicant only once the reply is issued
    # (the application here is open: nobody), see test_disclosed_material.py.
    "applications:disclosed_file": ("/staff/applications/{pk_a}/disclosed/{item_a}/", STAFF_ONLY_A),
    "portal:disclosed_file": ("/track/{code_a}/disclosed/{item_a}/", dict.fromkeys(PUBLIC, 404)),
    # The proof of service (a signed receipt): like an attachment, only staff who may unmask.
    "applications:delivery_proof": (
        "/staff/applications/{pk_a}/letters/{served_a}/proof/",
        {**STAFF_ONLY_A, "zhaoliu": 404},
    ),
    # Table 3 from records: every staff member has a page (own agency); A's figures only for A and its supervisor.
    "reports:table3": ("/staff/reports/table3/", STAFF_LIST),
    "reports:table3_download": ("/staff/reports/table3/{agency_a}/agency/2023.json", STAFF_ONLY_A),
    # A reply draft is the working office's own: its handlers and approvers; not the supervisor, nor anyone else.
    "applications:reply_preview": ("/staff/applications/{pk_a}/reply/{draft_a}/", DRAFTS_A),
    "applications:reply_preview_pdf": ("/staff/applications/{pk_a}/reply/{draft_a}/preview.pdf", DRAFTS_A),
    # The 主动公开事项目录: every staff member has the index (own agencies) and the 待公开 worklist; A's
    # catalogue and items for A's staff and its supervisor; adding and changing for A's staff only.
    "catalogue:index": ("/staff/library/catalogue/", STAFF_LIST),
    "catalogue:due": ("/staff/library/due/", STAFF_LIST),
    "catalogue:agency": ("/staff/library/catalogue/{agency_a}/", STAFF_ONLY_A),
    "catalogue:add": ("/staff/library/catalogue/{agency_a}/new/", {**STAFF_ONLY_A, "zhaoliu": 404}),
    "catalogue:item": ("/staff/library/catalogue/items/{catitem_a}/", STAFF_ONLY_A),
    "catalogue:edit": ("/staff/library/catalogue/items/{catitem_a}/edit/", {**STAFF_ONLY_A, "zhaoliu": 404}),
    # The document library (主动公开): staff of the agency; the supervising office reads its subtree.
    "publications:library": ("/staff/library/", STAFF_LIST),
    # Table 2's entered figures: every staff member sees their own agencies' (the supervisor its subtree).
    "publications:statistics": ("/staff/library/statistics/", STAFF_LIST),
    # Drafting is an action: the supervising office gets 404 (it has no agency of its own to draft for).
    "publications:new": ("/staff/library/new/", {**STAFF_LIST, "zhaoliu": 404}),
    "publications:detail": ("/staff/library/{doc_a}/", STAFF_ONLY_A),
    "publications:file": ("/staff/library/{doc_a}/file/", STAFF_ONLY_A),
    "publications:attachment": ("/staff/library/{doc_a}/attachments/{annex_a}/", STAFF_ONLY_A),
    # A step of the agency's handlers: the supervising office reads but does not act.
    "publications:step": ("/staff/library/{doc_a}/open-comment/", {**STAFF_ONLY_A, "zhaoliu": 404}),
    # 入库 of existing documents: staff who work for an agency (each imports only its own agencies' rows).
    "publications_import:import": ("/staff/library/import/", WORKING_STAFF),
    "publications_import:template": ("/staff/library/import/template.xlsx", WORKING_STAFF),
    # 规范性文件清理: staff who work for the clean-up's agency (A's clean-up); the lists once it is closed.
    "publications_cleanup:list": ("/staff/library/cleanups/", WORKING_STAFF),
    "publications_cleanup:detail": ("/staff/library/cleanups/{cleanup_a}/", {**WORKING_STAFF, "wangwu": 404}),
    "publications_cleanup:download": (
        "/staff/library/cleanups/{cleanup_a}/continue.xlsx",
        {**WORKING_STAFF, "wangwu": 404},
    ),
    # 政策解读 of A's document: drafting is for A's handlers and approvers (the supervisor reads the
    # document page but does not act); the file for whoever may see the document.
    "publications:interpretation_new": (
        "/staff/library/{doc_a}/interpretations/new/",
        {**STAFF_ONLY_A, "zhaoliu": 404},
    ),
    "publications:interpretation_edit": (
        "/staff/library/{doc_a}/interpretations/{interp_a}/edit/",
        {**STAFF_ONLY_A, "zhaoliu": 404},
    ),
    "publications:interpretation_file": (
        "/staff/library/{doc_a}/interpretations/{interp_a}/file/",
        STAFF_ONLY_A,
    ),
    # The public 政府信息公开 column and the site search: everyone, signed in or not (a published 主动公开
    # document of A; drafts and records not published proactively are 404 for all, test_portal_column.py).
    "portal:search": ("/search/", PUBLIC),
    "portal:care": ("/care/?on=1", dict.fromkeys(PUBLIC, 302)),
    "portal:column": ("/gk/{agency_a}/", PUBLIC),
    "portal:column_guide": ("/gk/{agency_a}/guide/", PUBLIC),
    "portal:column_rules": ("/gk/{agency_a}/rules/", PUBLIC),
    "portal:column_catalogue": ("/gk/{agency_a}/catalogue/", PUBLIC),
    "portal:column_reports": ("/gk/{agency_a}/reports/", PUBLIC),
    "portal:column_apply": ("/gk/{agency_a}/apply/", PUBLIC),
    "portal:column_documents": ("/gk/{agency_a}/documents/", PUBLIC),
    "portal:column_document": ("/gk/{agency_a}/documents/{public_ref_a}/", PUBLIC),
    "portal:column_text": ("/gk/{agency_a}/documents/{public_ref_a}/text/", PUBLIC),
    "portal:column_attachment": (
        "/gk/{agency_a}/documents/{public_ref_a}/attachments/{public_annex_a}/",
        PUBLIC,
    ),
    # A published 解读's file on the public page: everyone (a draft's is 404, test_public_interpretations.py).
    "portal:column_interpretation_file": (
        "/gk/{agency_a}/documents/{public_ref_a}/interpretations/{public_interp_a}/",
        PUBLIC,
    ),
    # The policy Q&A library (qa): staff of the agency and its supervisor read A's entries and questions;
    # writing is for A's own staff (the supervising office 404); the public pages are everyone's.
    "qa:library": ("/staff/qa/", STAFF_LIST),
    "qa:new": ("/staff/qa/new/", WORKING_STAFF),
    "qa:topics": ("/staff/qa/topics/", STAFF_LIST),
    "qa:entry": ("/staff/qa/{qa_a}/", STAFF_ONLY_A),
    "qa:versions": ("/staff/qa/{qa_a}/versions/", STAFF_ONLY_A),
    "qa:revise": ("/staff/qa/{qa_a}/revise/", {**STAFF_ONLY_A, "zhaoliu": 404}),
    "qa:questions": ("/staff/qa/questions/", STAFF_LIST),
    "qa:question": ("/staff/qa/questions/{question_a}/", STAFF_ONLY_A),
    "qa_public:library": ("/qa/", PUBLIC),
    "qa_public:ask": ("/qa/ask/", PUBLIC),
    "qa_public:receipt": ("/qa/ask/{question_code_a}/", PUBLIC),
    "qa_public:entry": ("/qa/{qa_published_a}/", PUBLIC),
    # System status (working-day calendar coverage): administrators and the supervising office only.
    "workcalendar:calendar_status": (
        "/staff/status/calendar/",
        {**dict.fromkeys(PUBLIC, 404), "anon": 302, "zhaoliu": 200},
    ),
}
#: POST-only views: who gets through the access check (the outcome of the action is tested elsewhere).
POSTS = {
    # Handlers see the unmasked page (200); the supervisor is sent back with a refusal (302).
    "applications:unmask": ("/staff/applications/{pk_a}/unmask/", {**STAFF_ONLY_A, "zhaoliu": 302}),
    # Supervisors read but do not handle: 404 on actions.
    "applications:act": (
        "/staff/applications/{pk_a}/withdraw/",
        {**STAFF_ONLY_A, "lisi": 302, "qianqi": 302, "zhaoliu": 404},
    ),
    "portal:logout": ("/accounts/logout/", dict.fromkeys(PUBLIC, 302)),
    # A's catalogue items are changed by A's staff only (an empty form: 400 with the errors, or back to
    # the item with the refusal); the supervisor reads but gets 404 here.
    "catalogue:link": (
        "/staff/library/catalogue/items/{catitem_a}/link/",
        {**STAFF_ONLY_A, "lisi": 400, "qianqi": 400, "zhaoliu": 404},
    ),
    "catalogue:retire": (
        "/staff/library/catalogue/items/{catitem_a}/retire/",
        {**STAFF_ONLY_A, "lisi": 400, "qianqi": 400, "zhaoliu": 404},
    ),
    "catalogue:unlink": (
        "/staff/library/catalogue/items/{catitem_a}/unlink/",
        {**STAFF_ONLY_A, "lisi": 302, "qianqi": 302, "zhaoliu": 404},
    ),
    # An empty step form comes back with its errors (400) to those who may take the step.
    "publications:step": (
        "/staff/library/{doc_a}/open-comment/",
        {**STAFF_ONLY_A, "lisi": 400, "qianqi": 400, "zhaoliu": 404},
    ),
    # A clean-up's decisions and closing: staff of its agency (sent back to the page: 302).
    "publications_cleanup:decide": (
        "/staff/library/cleanups/{cleanup_a}/items/{cleanup_item_a}/",
        {**WORKING_STAFF, "wangwu": 404, "lisi": 302, "qianqi": 302},
    ),
    "publications_cleanup:close": (
        "/staff/library/cleanups/{cleanup_a}/close/",
        {**WORKING_STAFF, "wangwu": 404, "lisi": 302, "qianqi": 302},
    ),
    # 政策解读: an empty draft comes back with its errors (400) to A's working staff; signing off is the
    # approver's (钱七; back to the document: 302); publishing A's working staff's (refused, back: 302).
    "publications:interpretation_new": (
        "/staff/library/{doc_a}/interpretations/new/",
        {**STAFF_ONLY_A, "lisi": 400, "qianqi": 400, "zhaoliu": 404},
    ),
    "publications:interpretation_sign": (
        "/staff/library/{doc_a}/interpretations/{interp_a}/sign/",
        {**STAFF_ONLY_A, "lisi": 404, "qianqi": 302, "zhaoliu": 404},
    ),
    "publications:interpretation_publish": (
        "/staff/library/{doc_a}/interpretations/{interp_a}/publish/",
        {**STAFF_ONLY_A, "lisi": 302, "qianqi": 302, "zhaoliu": 404},
    ),
    # The answer to a 补正 notice: the applicant's own (account or code + secret session); staff too get
    # 404. (An empty answer: the page comes back with the refusal.)
    "portal:answer_correction": (
        "/track/{code_a}/correction/",
        {**dict.fromkeys(PUBLIC, 404), "zhangsan": 200},
    ),
    # The disclosed items and the 送达 of letters: handlers only (the supervisor reads).
    "applications:add_disclosed": (
        "/staff/applications/{pk_a}/disclosed/",
        {**STAFF_ONLY_A, "lisi": 302, "qianqi": 302, "zhaoliu": 404},
    ),
    "applications:remove_disclosed": (
        "/staff/applications/{pk_a}/disclosed/{item_a}/remove/",
        {**STAFF_ONLY_A, "lisi": 302, "qianqi": 302, "zhaoliu": 404},
    ),
    "applications:record_delivery": (
        "/staff/applications/{pk_a}/letters/{letter_a}/delivery/",
        {**STAFF_ONLY_A, "lisi": 302, "qianqi": 302, "zhaoliu": 404},
    ),
    # Saving an empty reply draft: the page comes back with the errors (400) for A's working staff.
    "applications:reply_draft": (
        "/staff/applications/{pk_a}/reply/",
        {**DRAFTS_A, "lisi": 400, "qianqi": 400},
    ),
    "applications:reply_step": (
        "/staff/applications/{pk_a}/reply/{draft_a}/submit/",
        {**DRAFTS_A, "lisi": 302, "qianqi": 302},
    ),
    # The Q&A library's actions (an empty form: 400 with its errors, or back to the page: 302); A's own staff.
    "qa:publish": ("/staff/qa/{qa_a}/publish/", {**STAFF_ONLY_A, "lisi": 302, "qianqi": 302, "zhaoliu": 404}),
    "qa:withdraw": (
        "/staff/qa/{qa_a}/withdraw/",
        {**STAFF_ONLY_A, "lisi": 400, "qianqi": 400, "zhaoliu": 404},
    ),
    "qa:link": ("/staff/qa/{qa_a}/link/", {**STAFF_ONLY_A, "lisi": 400, "qianqi": 400, "zhaoliu": 404}),
    "qa:unlink": ("/staff/qa/{qa_a}/unlink/", {**STAFF_ONLY_A, "lisi": 302, "qianqi": 302, "zhaoliu": 404}),
    "qa:answer": (
        "/staff/qa/questions/{question_a}/answer/",
        {**STAFF_ONLY_A, "lisi": 400, "qianqi": 400, "zhaoliu": 404},
    ),
    "qa:close": (
        "/staff/qa/questions/{question_a}/close/",
        {**STAFF_ONLY_A, "lisi": 400, "qianqi": 400, "zhaoliu": 404},
    ),
    # The asker's full contact: A's handlers and approver (200, recorded); the supervisor is refused (302).
    "qa:unmask": ("/staff/qa/questions/{question_a}/unmask/", {**STAFF_ONLY_A, "zhaoliu": 302}),
}
NOT_OURS = {"admin"}  # Django's admin has its own staff check

# The later domain apps keep their rows in tests/web/access_rows/<app>.py.
for _name, _row in access_rows.merged("EXPECTED").items():
    assert _name not in EXPECTED, f"{_name} has two access rows"
    EXPECTED[_name] = _row
for _name, _row in access_rows.merged("POSTS").items():
    assert _name not in POSTS, f"{_name} has two access rows"
    POSTS[_name] = _row


def _names(resolver=None, prefix=""):
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            if p.namespace not in NOT_OURS:
                yield from _names(p, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield prefix + p.name


def test_every_view_has_an_access_rule():
    assert set(_names()) == set(EXPECTED) | set(POSTS)


def _url(template, world):
    letter_a = world.app_a.letters.get(kind="receipt").pk  # issued when the application was registered
    return template.format(
        agency_a=world.a.code,
        code_a=world.app_a.query_code,
        pk_a=world.app_a.pk,
        letter_a=letter_a,
        attachment_a=_identity_proof(world.app_a).pk,
        item_a=_disclosed_item(world.app_a).pk,
        served_a=_served_letter(world.app_a).pk,
        draft_a=_reply_draft(world) if "{draft_a}" in template else "",
        catitem_a=_catalogue_item(world).pk,
        doc_a=_document_a(world).pk,
        annex_a=_annex_a(world).pk if "{annex_a}" in template else "",
        cleanup_a=_cleanup(world).pk,
        cleanup_item_a=_cleanup(world).items.get().pk,
        public_ref_a=_public_document_a(world)[0] if "{public_ref_a}" in template else "",
        public_annex_a=_public_document_a(world)[1] if "{public_annex_a}" in template else "",
        public_interp_a=_public_interpretation_a(world) if "{public_interp_a}" in template else "",
        interp_a=_interpretation_a(_document_a(world)).pk if "{interp_a}" in template else "",
        **_qa_keys(world, template),
        **access_rows.keys(world, template),
    )


def _interpretation_a(doc):
    """A drafted 图解 interpretation of agency A's document, with its image."""
    import datetime as dt

    from django.core.files.base import ContentFile

    return doc.interpretations.first() or doc.interpretations.create(
        title="一图读懂财政票据管理",
        form="graphic",
        body="一图读懂",
        file=ContentFile(b"%PDF-1.4 graphic", "graphic.pdf"),
        file_name="图解.pdf",
        file_type="application/pdf",
        drafted_at=dt.datetime(2025, 11, 3, 2, tzinfo=dt.UTC),
    )


def _public_document_a(world) -> tuple[str, int]:
    """A's published 主动公开 document with its text file and an attachment: (its address, the attachment)."""
    import datetime as dt

    from django.core.files.base import ContentFile

    from gongkai_web.publications.models import Document

    index_number = f"{world.a.code}/2023-00001"
    doc = Document.objects.filter(index_number=index_number).first()
    if doc is None:
        doc = Document.objects.create(
            agency=world.a,
            kind="normative",
            title="渝中区财政局关于公开部门预算的通知",
            stage="published",
            publicity="proactive",
            published_on=dt.date(2023, 3, 20),
            index_number=index_number,
            text_file=ContentFile("<html><p>正文</p></html>".encode(), "text.html"),
            text_file_name="正文.html",
            text_file_type="text/html",
        )
        doc.files.create(
            file=ContentFile(b"%PDF-1.4 annex", "annex.pdf"),
            original_name="附件1.pdf",
            content_type="application/pdf",
            size=14,
            sha256="0" * 64,
        )
    return "2023-00001", doc.files.get().pk


def _qa_keys(world, template) -> dict:
    """Agency A's draft Q&A entry, a published one, and a question the public asked A."""
    if "qa" not in template:
        return {}
    from gongkai_web.qa.models import PublicQuestion, QAEntry

    from .qa_world import make_entry, make_question

    draft = QAEntry.objects.filter(agency=world.a, state="draft").first() or make_entry(world)
    published = QAEntry.objects.filter(state="published").first() or make_entry(world, published=True)
    asked = PublicQuestion.objects.filter(agency=world.a).first() or make_question(world)
    return {
        "qa_a": draft.pk,
        "qa_published_a": published.pk,
        "question_a": asked.pk,
        "question_code_a": asked.query_code,
    }


def _public_interpretation_a(world) -> int:
    """A published 图解 of A's public document, with its image."""
    import datetime as dt

    from django.core.files.base import ContentFile

    from gongkai_web.publications.models import Document

    doc = Document.objects.get(index_number=f"{world.a.code}/2023-00001")
    found = doc.interpretations.first() or doc.interpretations.create(
        title="一图读懂部门预算公开",
        form="graphic",
        body="一图读懂",
        file=ContentFile(b"%PDF-1.4 graphic", "graphic.pdf"),
        file_name="图解.pdf",
        file_type="application/pdf",
        drafted_at=dt.datetime(2023, 3, 1, 2, tzinfo=dt.UTC),
        signed_at=dt.datetime(2023, 3, 17, 2, tzinfo=dt.UTC),
        published_on=dt.date(2023, 3, 20),
    )
    return found.pk


def _catalogue_item(world):
    from gongkai_web.publications.catalogue_models import CatalogueItem
    from gongkai_web.publications.services.catalogue import add_catalogue_item

    return CatalogueItem.objects.filter(agency=world.a).first() or add_catalogue_item(
        world.a,
        category="机构职能",
        elements="机构设置、职能",
        basis="《政府信息公开条例》第二十条第（一）项",
        responsible_unit="办公室",
        owner=world.lisi,
        channels=["website"],
        actor=world.lisi,
    )


def _disclosed_item(app):
    from django.core.files.base import ContentFile

    from gongkai_web.applications.models import DisclosedItem

    return app.disclosed_items.first() or DisclosedItem.objects.create(
        application=app,
        description="2024年度预算执行情况报告",
        file=ContentFile(b"%PDF-1.4 report", "report.pdf"),
        original_name="report.pdf",
        content_type="application/pdf",
        size=15,
    )


def _served_letter(app):
    """The receipt, served with a signed receipt as proof."""
    from django.core.files.base import ContentFile

    from gongkai_web.applications.models import Delivery

    letter = app.letters.get(kind="receipt")
    Delivery.objects.get_or_create(
        letter=letter,
        defaults={
            "method": "direct",
            "delivered_on": letter.issued_on,
            "proof_file": ContentFile(b"%PDF-1.4 signed", "signed.pdf"),
            "proof_name": "signed.pdf",
            "proof_content_type": "application/pdf",
        },
    )
    return letter


def _reply_draft(world) -> int:
    from gongkai_web.applications import services

    draft = services.open_draft(world.app_a) or services.save_reply_draft(
        world.app_a, outcome="granted", actor=world.lisi
    )
    return draft.pk


def _document_a(world):
    """A draft of agency A with its text file."""
    from django.core.files.base import ContentFile

    from gongkai_web.publications.models import Document

    found = Document.objects.filter(agency=world.a).order_by("pk").first()  # _cleanup adds a later one
    if found is None:
        found = Document.objects.create(
            agency=world.a,
            kind="normative",
            title="渝中区财政局关于规范财政票据管理的通知",
            issuer_code="渝中财规",
            text_file=ContentFile("<html><p>正文</p></html>".encode(), "text.html"),
            text_file_name="正文.html",
            text_file_type="text/html",
        )
    return found


def _annex_a(world):
    """An attachment of agency A's document."""
    from django.core.files.base import ContentFile

    doc = _document_a(world)
    return doc.files.first() or doc.files.create(
        file=ContentFile(b"%PDF-1.4 annex", "annex.pdf"),
        original_name="附件1.pdf",
        content_type="application/pdf",
        size=14,
        sha256="0" * 64,
    )


def _cleanup(world):
    """Agency A's closed clean-up of one document (its lists can be downloaded)."""
    import datetime as dt

    from gongkai_web.publications.cleanup_models import Cleanup, CleanupItem
    from gongkai_web.publications.models import Document

    found = Cleanup.objects.filter(agency=world.a).first()
    if found is None:
        doc = Document.objects.create(
            agency=world.a,
            kind="normative",
            title="关于规范财政票据管理的通知",
            stage="published",
            publicity="proactive",
            published_on=dt.date(2020, 3, 1),
        )
        found = Cleanup.objects.create(
            agency=world.a,
            title="2023年规范性文件清理",
            as_of=dt.date(2023, 12, 31),
            closed_on=dt.date(2024, 3, 1),
        )
        CleanupItem.objects.create(
            cleanup=found, document=doc, decision="continue", decided_on=dt.date(2024, 1, 5)
        )
    return found


def _identity_proof(app):
    from django.core.files.base import ContentFile

    from gongkai_web.applications.models import Attachment

    found = app.attachments.first()
    if found is None:
        found = Attachment.objects.create(
            application=app,
            purpose="identity",
            file=ContentFile(b"%PDF-1.4 id", "id.pdf"),
            original_name="身份证.pdf",
            content_type="application/pdf",
            size=11,
            sha256="0" * 64,
        )
    return found


@pytest.fixture(scope="module")
def _shared_world(django_db_setup, django_db_blocker):
    """The personas' world and the objects every URL of the table needs (``_url`` with no placeholder),
    built once per module and worker instead of once for each of the ~950 tests, rolled back afterwards.
    Each test runs in its own savepoint inside it (pytest-django's ``db``), so what a test adds or
    changes (a draft, a POSTed step) is gone before the next one."""
    from django.db import transaction
    from django.test import override_settings

    from .fixtures import build_world

    with (
        django_db_blocker.unblock(),
        # As conftest.py's autouse fixtures set them for each test.
        override_settings(
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            GONGKAI_MESSAGE_DELIVERY="on_commit",
        ),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            built = build_world()
            _url("", built)  # the objects every test makes whatever its template
            yield built
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def world(db, _shared_world):
    """Fresh instances of the shared world's rows for each test (a test may change one in memory)."""
    from .fixtures import types_namespace

    fresh = {name: type(row).objects.get(pk=row.pk) for name, row in vars(_shared_world).items()}
    fresh["app_a"].secret, fresh["app_b"].secret = _shared_world.app_a.secret, _shared_world.app_b.secret
    return types_namespace(**fresh)


def _login(client, world, persona):
    if persona != "anon":
        client.force_login(getattr(world, persona))


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("persona", sorted(PUBLIC))
def test_each_persona_gets_the_expected_answer_on_each_page(client, world, name, persona):
    template, expected = EXPECTED[name]
    _login(client, world, persona)
    assert client.get(_url(template, world)).status_code == expected[persona]


@pytest.mark.parametrize("name", sorted(POSTS))
@pytest.mark.parametrize("persona", sorted(PUBLIC))
def test_each_persona_gets_the_expected_answer_on_each_action(client, world, name, persona):
    template, expected = POSTS[name]
    _login(client, world, persona)
    data = {"on": "2025-11-03"} if name == "applications:act" else {}
    response = client.post(_url(template, world), data)
    assert response.status_code == expected[persona]


def test_a_handler_of_agency_b_gets_404_on_every_url_of_agency_a(client, world):
    client.force_login(world.wangwu)
    for action in ("correction", "reply", "correction_reply", "extension", "unmask"):
        assert client.post(f"/staff/applications/{world.app_a.pk}/{action}/", {}).status_code == 404
    world.app_a.refresh_from_db()
    assert world.app_a.status == "in_progress"


def test_the_supervisor_sees_the_subtree_but_not_another_district(client, world):
    client.force_login(world.zhaoliu)
    assert client.get(f"/staff/applications/{world.app_a.pk}/").status_code == 200
    assert client.get(f"/staff/applications/{world.app_b.pk}/").status_code == 404


def test_a_post_without_csrf_token_is_refused_and_changes_nothing(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.lisi)
    response = client.post(f"/staff/applications/{world.app_a.pk}/withdraw/", {"on": "2025-11-03"})
    assert response.status_code == 403
    world.app_a.refresh_from_db()
    assert world.app_a.status == "in_progress"
