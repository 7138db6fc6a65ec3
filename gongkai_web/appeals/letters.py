"""The agency's filings as DOCX and PDF: the 行政复议答复书 or 答辩状 skeleton of a case (the core's
``gongkai.appeals.letters``), for the agency's own staff."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from gongkai.appeals import clocks
from gongkai.appeals.letters import AppealFacts, appeal_letter
from gongkai.letters import Letter
from gongkai.letters.model import zh_date
from gongkai.letters.render import render_docx, render_pdf
from gongkai_web.applications.access import staff_required

from .access import case_to_handle
from .models import AppealCase, Role

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def case_letter(case: AppealCase) -> Letter:
    facts = AppealFacts(
        kind=case.kind,
        agency=case.agency.name,
        body=case.body,
        appellant=case.appellant,
        act=case.act,
        case_number=case.case_number,
        copy_received_on=case.received_on,
        due=clocks.response_due(case.kind, case.received_on, simplified=case.simplified),
        applications=tuple(
            f"{a.query_code}（{zh_date(a.received_on or a.arrived_at.date())}）"
            for a in case.applications.all()
        ),
        issued_on=timezone.localdate(),
        co_defendant=case.role == Role.CO_DEFENDANT,
        simplified=case.simplified,
    )
    return appeal_letter(facts)


@staff_required
@require_GET
def letter(request, pk: int, fmt: str):
    if fmt not in CONTENT_TYPES:
        raise Http404
    case = case_to_handle(request, pk)
    composed = case_letter(case)
    body = render_docx(composed) if fmt == "docx" else render_pdf(composed)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="appeal-{case.pk}-{case.kind}.{fmt}"'
    return response
