"""Progress of a backup or a restore for the management commands: a rich progress line on a
terminal; otherwise (cron, logs, tests) one line per stage."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from .archive import Progress


@contextmanager
def console_progress(stdout) -> Iterator[Progress]:
    if not stdout.isatty():
        yield _lines(stdout)
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, SpinnerColumn, TextColumn
    from rich.progress import Progress as Bar

    console = Console(file=stdout._out)
    with Bar(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("", total=None)

        def update(stage: str, done: int = 0, total: int | None = None) -> None:
            bar.update(task, description=stage, completed=done, total=total)

        yield update


def _lines(stdout) -> Progress:
    seen: set[str] = set()

    def update(stage: str, done: int = 0, total: int | None = None) -> None:
        if stage not in seen:
            seen.add(stage)
            stdout.write(f"{stage}……")

    return update
