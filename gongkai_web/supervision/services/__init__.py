"""Every state change of supervision, one function each (``transaction.atomic``, an audit entry, a
domain error with a code): plans and tasks (``tasks``), their XLSX import (``importing``), the standing
rules' findings (``findings``), complaints (``complaints``)."""

from .complaints import (
    enter_complaint,
    reply_complaint,
    route_complaint,
    set_complaint_term,
    submit_complaint,
)
from .findings import raise_finding, resolve_findings
from .guidance import file_applications, give_opinion, request_guidance, set_filing_rule
from .importing import import_tasks
from .tasks import accept_task, create_plan, issue_task, return_task, submit_evidence

__all__ = [
    "accept_task",
    "create_plan",
    "enter_complaint",
    "file_applications",
    "give_opinion",
    "import_tasks",
    "issue_task",
    "raise_finding",
    "reply_complaint",
    "request_guidance",
    "resolve_findings",
    "return_task",
    "route_complaint",
    "set_complaint_term",
    "set_filing_rule",
    "submit_complaint",
    "submit_evidence",
]
