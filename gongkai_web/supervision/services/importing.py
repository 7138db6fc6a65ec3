"""A plan's tasks from a file (XLSX, or CSV): every row checked first, then all stored or none; each
problem names its row and column (the agency import's reader, ``agencies.import_reading``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from gongkai import supervision as core
from gongkai.errors import GongkaiError
from gongkai_web.agencies.import_columns import Row, RowError
from gongkai_web.agencies.import_reading import TableColumns, read_table
from gongkai_web.agencies.models import Agency
from gongkai_web.audit.services import log
from gongkai_web.clocks import Clock

from ..errors import SupervisionError
from ..models import Plan, Task
from .tasks import check_task, issue_task

HEADERS = core.TASK_FILE_COLUMNS
LABEL = {field: header for header, field in HEADERS.items()}
REQUIRED = ("agency", "title", "owner", "due_on", "evidence_required")


class TaskImportError(SupervisionError):
    """The file was not imported: ``errors`` lists every problem (row, column, message)."""

    code = "supervision.import_failed"

    def __init__(self, message: str, *, errors: list[RowError] | None = None, **params) -> None:
        super().__init__(message, **params)
        self.errors = errors or []


def _fail(code: str, message: str, **params) -> TaskImportError:
    return TaskImportError(message, code=f"supervision.{code}", **params)


def _agency(value: str, office: Agency) -> Agency | None:
    under = Agency.objects.filter(path__startswith=office.path)
    return under.filter(Q(code=value) | Q(name=value)).first()


def _checked(plan: Plan, row: Row) -> tuple[dict | None, list[RowError]]:
    errors: list[RowError] = []
    for field in REQUIRED:
        if not row.get(field):
            errors.append(RowError(row.number, LABEL[field], _("this column must be filled in.")))
    if errors:
        return None, errors
    agency = _agency(row.get("agency"), plan.office)
    if agency is None:
        errors.append(
            RowError(
                row.number,
                LABEL["agency"],
                _("no agency under %(office)s has the code or name “%(value)s”.")
                % {"office": plan.office.name, "value": row.get("agency")},
            )
        )
    try:
        due_on = dt.date.fromisoformat(row.get("due_on"))
    except ValueError:
        errors.append(
            RowError(
                row.number,
                LABEL["due_on"],
                _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": row.get("due_on")},
            )
        )
        return None, errors
    if agency is None:
        return None, errors
    values = {k: row.get(k) for k in ("title", "owner", "measure", "evidence_required")}
    try:
        check_task(
            plan,
            agency,
            title=values["title"],
            owner=values["owner"],
            due_on=due_on,
            evidence_required=values["evidence_required"],
        )
    except GongkaiError as exc:
        column = LABEL["due_on"] if exc.code == "supervision.due_outside_year" else LABEL["agency"]
        return None, [RowError(row.number, column, exc.message)]
    return {"agency": agency, "due_on": due_on, **values}, []


def import_tasks(plan: Plan, path: Path, *, actor, clock: Clock | None = None) -> list[Task]:
    """All the file's tasks into ``plan``, or none (``TaskImportError`` lists every problem)."""
    columns = TableColumns(HEADERS, LABEL, REQUIRED, _("The columns are those of the exported task list."))
    _fields, rows = read_table(path, columns, row=Row, fail=_fail)
    if not rows:
        raise _fail("import_empty", _("The file has a header but no task."))
    checked, errors = [], []
    for row in rows:
        values, row_errors = _checked(plan, row)
        errors.extend(row_errors)
        if values is not None:
            checked.append(values)
    if errors:
        raise TaskImportError(
            _("Nothing was imported: %(count)s problems in the file.") % {"count": len(errors)},
            code="supervision.import_failed",
            errors=errors,
        )
    with transaction.atomic():
        tasks = [issue_task(plan, actor=actor, clock=clock, **values) for values in checked]
        log(plan, "supervision.tasks_imported", actor=actor, data={"tasks": len(tasks)}, clock=clock)
    return tasks
