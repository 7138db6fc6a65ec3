"""Benchmark: read the real published reports and a generated corpus; accuracy and speed per format.

    .venv/bin/python bench/read_reports.py [--corpus DIR] [--count 2000] [--max-pdf 200] [--seed 0] [--real DIR]

First the real reports of ``../shared/corpus/real/`` as found: refusals and crashes over all, cells exact
on the hand-checked figures (``tests/fixtures/real``), reports/s per format. Then it generates the corpus (``gongkai.report.corpus``, reused when already there), then in one run, single
process, per format family (text, html, docx, pdf):

* cell-level accuracy: cells read exactly as printed (a lost cell must read as missing), over every
  cell of every report;
* wrong numbers after restoration and validation, and how many of them no error finding flags
  (target: none); restored cells checked against the true values of the lost cells;
* reports per second (``read_report`` on bytes already in memory), and for PDF the ratio to
  pdfplumber's bare text extraction (``page.extract_text()`` of every page) of the same files.
"""

from __future__ import annotations

import argparse
import io
import json
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from gongkai.errors import ReportError
from gongkai.report.corpus import STYLES, iter_corpus, plan_styles, truth_path, write_item
from gongkai.report.read import read_report
from gongkai.report.render.json import report_from_dict
from gongkai.report.restore import restore
from gongkai.report.validate import has_errors, validate

console = Console(width=170)
KINDS = ("text", "html", "docx", "pdf")


@dataclass
class Tally:
    files: int = 0
    refused: int = 0
    cells: int = 0
    exact: int = 0
    seconds: float = 0.0
    wrong_after_restore: int = 0
    wrong_unflagged: int = 0
    restored: int = 0
    restored_right: int = 0
    misread: list[str] = field(default_factory=list)


def ensure_corpus(directory: Path, count: int, max_pdf: int, seed: int) -> list[Path]:
    plan = plan_styles(seed, count, max_pdf=max_pdf)
    directory.mkdir(parents=True, exist_ok=True)
    with Progress(console=console) as progress, ProcessPoolExecutor() as pool:
        task = progress.add_task("生成/复用语料", total=count)
        futures = [pool.submit(write_item, directory, seed, i, style.name) for i, style in enumerate(plan)]
        for future in futures:
            future.result()
            progress.advance(task)
    wanted = {f"{i:05d}_{s.name}{s.suffix}" for i, s in enumerate(plan)}
    return [p for p in iter_corpus(directory) if p.name in wanted]


def kind_of(path: Path) -> str:
    return STYLES[path.stem.split("_", 1)[1]].kind


def same(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return Decimal(a) == Decimal(b)


def measure(paths: list[Path]) -> dict[str, Tally]:
    tallies: dict[str, Tally] = defaultdict(Tally)
    with Progress(console=console) as progress:
        task = progress.add_task("读取", total=len(paths))
        for path in paths:
            _measure_one(path, tallies[kind_of(path)])
            progress.advance(task)
    return tallies


def _measure_one(path: Path, tally: Tally) -> None:
    data = path.read_bytes()
    truth_doc = json.loads(truth_path(path).read_text(encoding="utf-8"))
    lost = truth_doc.pop("corpus")["lost"]
    printed = report_from_dict(truth_doc)
    tally.files += 1
    tally.cells += len(printed.addresses)
    started = time.perf_counter()
    try:
        report = read_report(data, name=path.name)
    except ReportError:
        tally.seconds += time.perf_counter() - started
        tally.refused += 1
        tally.misread.append(path.name)
        return
    tally.seconds += time.perf_counter() - started
    read_cells = report.cells if report.format == printed.format else {}
    exact = sum(same(read_cells.get(a), printed.get(a)) for a in printed.addresses)
    tally.exact += exact
    if exact < len(printed.addresses):
        tally.misread.append(path.name)
    restored = restore(report)
    findings = validate(restored.report) + list(restored.conflicts)
    wrong = 0
    for address in printed.addresses:
        value = restored.report.cells.get(address)
        truth = lost.get(address, printed.get(address))
        if address in restored.restored:
            tally.restored += 1
            tally.restored_right += same(value, truth)
        if value is not None and not same(value, truth):
            wrong += 1
    tally.wrong_after_restore += wrong
    if wrong and not has_errors(findings):
        tally.wrong_unflagged += wrong


@dataclass
class RealTally:
    files: int = 0
    refused: int = 0
    crashed: int = 0
    seconds: float = 0.0
    cells: int = 0
    exact: int = 0
    wrong_flagged: int = 0
    wrong_silent: int = 0
    problems: list[str] = field(default_factory=list)


def measure_real(directory: Path | None) -> dict[str, RealTally]:
    """The real published reports, read as found: refusals and crashes over all of them, and cells read
    exactly against the figures people wrote down by reading each document (``tests/fixtures/real``)."""
    import sys

    from gongkai.report.completeness import check_reading
    from gongkai.report.read import read_reading

    sys.path.insert(
        0, str(Path(__file__).resolve().parents[1])
    )  # the hand-checked figures live with the tests
    from tests.core import real_corpus

    files = sorted(
        p for p in (directory or real_corpus.corpus_dir()).iterdir() if p.suffix in (".txt", ".html")
    )
    truths = real_corpus.hand_checked()
    tallies: dict[str, RealTally] = defaultdict(RealTally)
    for path in files:
        tally = tallies[path.suffix.lstrip(".")]
        tally.files += 1
        data = path.read_bytes()
        started = time.perf_counter()
        try:
            reading = read_reading(data, name=path.name)
            checked = check_reading(reading)
        except ReportError as exc:
            tally.seconds += time.perf_counter() - started
            tally.refused += 1
            tally.problems.append(f"{path.name}: {exc.code}")
            continue
        except Exception as exc:  # noqa: BLE001 - a crash is what is being counted
            tally.crashed += 1
            tally.problems.append(f"{path.name}: {type(exc).__name__}")
            continue
        tally.seconds += time.perf_counter() - started
        truth = truths.get(path.name)
        if truth is None or truth["layout"] == "2008":
            continue
        flagged = (
            {c for f in checked.findings for c in f.cells} | set(reading.unreadable) | set(reading.inferred)
        )
        for address, expected in real_corpus.expected_cells(truth).items():
            got = reading.report.get(address) if address in reading.report.cells else None
            tally.cells += 1
            if (
                (got is None and address in flagged)
                if expected == real_corpus.UNKNOWN
                else same(got, expected)
            ):
                tally.exact += 1
            elif address in flagged:
                tally.wrong_flagged += 1
            else:
                tally.wrong_silent += 1
                tally.problems.append(f"{path.name} {address}: {got!r} ≠ {expected!r}")
    return tallies


def print_real(tallies: dict[str, RealTally]) -> None:
    table = Table(title="真实发布的年度报告（../shared/corpus/real，逐格由人工阅读核对）")
    for column in (
        "格式",
        "份数",
        "拒读",
        "崩溃",
        "核对单元格",
        "逐格准确",
        "错而有提示",
        "错而无提示",
        "份/秒",
    ):
        table.add_column(column, justify="right")
    for kind, t in sorted(tallies.items()):
        rate = f"{100 * t.exact / t.cells:.2f}%" if t.cells else "—"
        table.add_row(
            kind,
            str(t.files),
            str(t.refused),
            str(t.crashed),
            str(t.cells),
            rate,
            str(t.wrong_flagged),
            str(t.wrong_silent),
            f"{t.files / t.seconds:.1f}" if t.seconds else "",
        )
    console.print(table)
    for problem in [p for t in tallies.values() for p in t.problems][:20]:
        console.print(f"  {problem}")


def pdfplumber_seconds(paths: list[Path]) -> float:
    import pdfplumber

    started = time.perf_counter()
    for path in paths:
        with pdfplumber.open(io.BytesIO(path.read_bytes())) as pdf:
            for page in pdf.pages:
                page.extract_text()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("/tmp/gongkai-read-corpus"))
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--max-pdf", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--real", type=Path, default=None, help="real reports (default: ../shared/corpus/real)"
    )
    args = parser.parse_args()

    print_real(measure_real(args.real))  # never the synthetic figures without the real ones beside them

    paths = ensure_corpus(args.corpus, args.count, args.max_pdf, args.seed)
    tallies = measure(paths)
    pdfs = [p for p in paths if kind_of(p) == "pdf"]
    bare = pdfplumber_seconds(pdfs) if pdfs else 0.0

    table = Table(title=f"读取 {len(paths)} 份生成的年度报告（单进程）")
    for column in (
        "格式",
        "份数",
        "拒读",
        "单元格",
        "逐格准确率",
        "推算后错数",
        "其中未报错",
        "推算正确",
        "份/秒",
        "对比",
    ):
        table.add_column(column, justify="right")
    total = Tally()
    for kind in KINDS:
        t = tallies.get(kind)
        if t is None:
            continue
        ratio = f"pdfplumber纯文本 {t.seconds / bare:.2f}×耗时" if kind == "pdf" and bare else ""
        table.add_row(
            kind,
            str(t.files),
            str(t.refused),
            str(t.cells),
            f"{100 * t.exact / t.cells:.3f}%",
            str(t.wrong_after_restore),
            str(t.wrong_unflagged),
            f"{t.restored_right}/{t.restored}",
            f"{t.files / t.seconds:.1f}",
            ratio,
        )
        for name in (
            "files",
            "refused",
            "cells",
            "exact",
            "wrong_after_restore",
            "wrong_unflagged",
            "restored",
            "restored_right",
        ):
            setattr(total, name, getattr(total, name) + getattr(t, name))
    table.add_row(
        "全部",
        str(total.files),
        str(total.refused),
        str(total.cells),
        f"{100 * total.exact / total.cells:.3f}%",
        str(total.wrong_after_restore),
        str(total.wrong_unflagged),
        f"{total.restored_right}/{total.restored}",
        "",
        "",
    )
    console.print(table)
    if pdfs:
        console.print(
            f"pdfplumber bare text extraction of the same {len(pdfs)} PDFs: {len(pdfs) / bare:.1f} files/s"
        )
    misread = [name for kind in KINDS for name in tallies.get(kind, Tally()).misread]
    if misread:
        console.print(f"not read exactly ({len(misread)}): {', '.join(misread[:20])}")


if __name__ == "__main__":
    main()
