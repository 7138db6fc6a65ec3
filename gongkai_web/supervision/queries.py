"""Reads of the task lists: each task's state on a day (the core decides: ``gongkai.supervision``), the
overdue and at-risk lists, and the counts up the tree (each agency below an office with its subtree's
tasks). "At risk" is due within ``GONGKAI_DUE_SOON_WORKDAYS`` working days with no evidence in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import QuerySet

from gongkai import supervision as core
from gongkai import workdays
from gongkai_web.agencies.models import Agency

from .models import Task, TaskStatus

STATES = (core.OVERDUE, core.AT_RISK, core.ON_TRACK, core.CLOSED)


def horizon(today: dt.date) -> dt.date:
    return workdays.add_working_days(today, settings.GONGKAI_DUE_SOON_WORKDAYS)


def state_of(task: Task, today: dt.date) -> str:
    return core.task_state(
        due=task.due_on,
        closed=task.status == TaskStatus.CLOSED,
        evidence_submitted=task.status == TaskStatus.SUBMITTED,
        today=today,
        horizon=horizon(today),
    )


@dataclass(frozen=True)
class TaskRow:
    task: Task
    state: str


def task_rows(tasks: Iterable[Task], today: dt.date, *, only: str = "") -> list[TaskRow]:
    """Each task with its state; with ``only``, just the tasks in that state."""
    rows = [TaskRow(t, state_of(t, today)) for t in tasks]
    return [r for r in rows if r.state == only] if only else rows


def open_tasks(tasks: QuerySet[Task]) -> QuerySet[Task]:
    return tasks.exclude(status=TaskStatus.CLOSED)


@dataclass
class Tally:
    agency: Agency
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATES, 0))

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def tree_tallies(office: Agency, tasks: QuerySet[Task], today: dt.date) -> list[Tally]:
    """The office's own agency and each agency directly below it, each with the states of the tasks in
    its subtree: where in the tree the overdue and at-risk work sits."""
    heads = [office, *office.children.order_by("path")]
    tallies = [Tally(a) for a in heads]
    for row in task_rows(tasks.filter(agency__path__startswith=office.path).select_related("agency"), today):
        path = row.task.agency.path
        for tally in tallies[1:]:
            if path.startswith(tally.agency.path):
                tally.counts[row.state] += 1
                break
        else:
            tallies[0].counts[row.state] += 1
    return [t for t in tallies if t.total]


def plan_tallies(tasks: Iterable[Task], today: dt.date) -> dict[str, int]:
    counts = dict.fromkeys(STATES, 0)
    for row in task_rows(tasks, today):
        counts[row.state] += 1
    return counts


def tasks_for_reminder(tasks: QuerySet[Task], today: dt.date) -> list[TaskRow]:
    """Open tasks overdue or at risk, the earliest due first (what the daily reminder lists)."""
    rows = [r for r in task_rows(open_tasks(tasks).select_related("agency"), today) if r.state in STATES[:2]]
    return sorted(rows, key=lambda r: (r.task.due_on, r.task.pk))
