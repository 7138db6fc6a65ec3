"""Recompute provisional deadlines after next year's holiday schedule has been added.

    .venv/bin/python manage.py refresh_deadlines            # deadlines not yet reached
    .venv/bin/python manage.py refresh_deadlines --dry-run  # only say what would change

A provisional deadline was counted with weekends only because the State Council's schedule for its
year was not yet loaded (docs/statute.md §7). Each change is audited; deadlines already passed are
only listed unless ``--include-past`` is given.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rich.progress import track

from gongkai_web.applications import deadline, services
from gongkai_web.applications.models import OPEN_STATUSES, Application


class _DryRun(Exception):
    pass


class Command(BaseCommand):
    help = "Recompute open applications' provisional deadlines from the current working-day calendar."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="show what would change, change nothing")
        parser.add_argument(
            "--include-past",
            action="store_true",
            help="also recompute provisional deadlines that have already passed",
        )

    def handle(self, *args, dry_run=False, include_past=False, **options):
        today = timezone.localdate()
        apps = list(
            Application.objects.filter(status__in=OPEN_STATUSES, due_provisional=True).order_by(
                "due_on", "pk"
            )
        )
        changed, past = [], []
        try:
            with transaction.atomic():
                for app in track(
                    apps, description=_("Recomputing provisional deadlines"), disable=not self.stdout.isatty()
                ):
                    if app.due_on and app.due_on < today and not include_past:
                        past.append(app)
                        continue
                    change = services.refresh_provisional_deadline(app, include_past=include_past)
                    if change:
                        changed.append((app, *change))
                if dry_run:
                    raise _DryRun
        except _DryRun:
            pass
        prefix = _("(dry run, not saved)") if dry_run else ""
        for app, old, new in changed:
            self.stdout.write(
                _("%(prefix)s%(code)s: reply deadline %(old)s → %(new)s")
                % {"prefix": prefix, "code": app.query_code, "old": _day(old), "new": _day(new)}
            )
        for app in past:
            self.stdout.write(
                _(
                    "%(code)s: provisional deadline %(day)s has passed, not changed "
                    "(add --include-past to recompute it)"
                )
                % {"code": app.query_code, "day": _day(app.due_on)}
            )
        still = sum(1 for app in apps if deadline.evaluate(app, today=today).provisional)
        self.stdout.write(
            _(
                "%(prefix)s%(total)s provisional deadlines: %(changed)s changed on recomputation, "
                "%(past)s passed and not changed, %(still)s still provisional."
            )
            % {
                "prefix": prefix,
                "total": len(apps),
                "changed": len(changed),
                "past": len(past),
                "still": still,
            }
        )


def _day(value) -> str:
    return value.strftime("%Y-%m-%d") if value else "—"
