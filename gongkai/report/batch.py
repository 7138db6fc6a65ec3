"""Read many reports at once: in parallel across cores, every failure kept to its own file.

``parse_batch(paths, workers=…, timeout=…)`` yields one :class:`BatchResult` per file, in input order:
``ok`` (read, identities hold), ``errors`` (read, but some identity is broken) or ``unreadable``
(could not be opened, is not an annual report, took longer than ``timeout`` seconds, or crashed the
reader), always with a Chinese ``reason`` for the last. One bad file never stops the batch: the
reader runs under a per-file time limit inside worker processes, and a worker that dies takes only
its own files down (they are retried one by one to find the culprit).

``run_batch`` adds the rich progress bar, writes JSONL (one object per file) and returns a
:class:`Summary`; ``write_findings_table`` writes the sortable CSV/XLSX an evaluator works from.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any, Literal, NoReturn

from gongkai.errors import GongkaiError

Status = Literal["ok", "errors", "unreadable"]
STATUS_LABELS = {"ok": "读取成功且无错误", "errors": "读取成功但有错误", "unreadable": "无法读取"}
#: Suffixes a folder walk picks up; anything else in a folder is not a report.
REPORT_SUFFIXES = frozenset(
    {".txt", ".text", ".md", ".html", ".htm", ".shtml", ".docx", ".xlsx", ".pdf", ".json"}
)
DEFAULT_TIMEOUT = 60.0


@dataclass(frozen=True, slots=True)
class BatchResult:
    path: str
    status: Status
    reason: str | None = None
    code: str | None = None
    report: dict[str, Any] | None = None
    findings: tuple[dict[str, Any], ...] = ()
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "status": self.status,
            "reason": self.reason,
            "code": self.code,
            "report": self.report,
            "findings": list(self.findings),
            "seconds": round(self.seconds, 4),
        }


# ── which files ───────────────────────────────────────────────────────────────────────────────


def collect_paths(inputs: Iterable[str | Path], *, recursive: bool = False) -> list[Path]:
    """Files as given, and the report files inside given folders (their subfolders too if ``recursive``)."""
    paths: list[Path] = []
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            found = path.rglob("*") if recursive else path.iterdir()
            paths += sorted(
                p
                for p in found
                if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES and not p.name.endswith(".truth.json")
            )
        else:
            paths.append(path)
    return paths


# ── one file ──────────────────────────────────────────────────────────────────────────────────


class _TimeUp(BaseException):
    """Not an ``Exception``: readers that catch every exception of a damaged file must not swallow it."""


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """SIGALRM-based limit; only possible in a process's main thread (workers run tasks there)."""
    if not (
        seconds and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    ):
        yield
        return

    def alarm(signum: int, frame: FrameType | None) -> NoReturn:
        raise _TimeUp

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def process_file(path: str | Path, timeout: float | None = DEFAULT_TIMEOUT) -> BatchResult:
    """Read, restore and validate one file; never raises."""
    started = time.perf_counter()
    name = str(path)
    try:
        with _time_limit(timeout):
            return _checked(name, started)
    except _TimeUp:
        return _unreadable(
            name, f"读取「{name}」超时（超过{timeout:g}秒），已跳过。", "batch.timeout", started
        )
    except GongkaiError as exc:
        reason = exc.message if name in exc.message else f"「{name}」：{exc.message}"
        return _unreadable(name, reason, exc.code, started)
    except Exception as exc:  # noqa: BLE001 - a reader bug must not stop the batch; it is reported
        return _unreadable(
            name,
            f"读取「{name}」时发生内部错误（{type(exc).__name__}：{exc}），已跳过。",
            "batch.internal_error",
            started,
        )


def _checked(name: str, started: float) -> BatchResult:
    from gongkai.report import read
    from gongkai.report.completeness import check_reading, reading_extra
    from gongkai.report.render.json import report_to_dict
    from gongkai.report.validate import has_errors

    checked = check_reading(read.read_reading(name, name=name))  # the same check as ``report check``
    findings = checked.findings
    status: Status = "errors" if has_errors(findings) else "ok"
    return BatchResult(
        name,
        status,
        None,
        None,
        {**report_to_dict(checked.report, findings), **reading_extra(checked)},
        tuple(f.as_dict() for f in findings),
        time.perf_counter() - started,
    )


def _unreadable(name: str, reason: str, code: str, started: float) -> BatchResult:
    return BatchResult(name, "unreadable", reason, code, None, (), time.perf_counter() - started)


def _process_chunk(paths: Sequence[str], timeout: float | None) -> list[BatchResult]:
    return [process_file(p, timeout) for p in paths]


# ── many files ────────────────────────────────────────────────────────────────────────────────


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def parse_batch(
    paths: Iterable[str | Path],
    *,
    workers: int | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    chunk_size: int = 8,
    on_result: Callable[[BatchResult], None] | None = None,
) -> Iterator[BatchResult]:
    """One result per path, in input order; ``workers=1`` reads in this process (no pool)."""
    names = [str(p) for p in paths]
    workers = workers or default_workers()
    if workers == 1 or len(names) <= 1:
        for name in names:
            result = process_file(name, timeout)
            if on_result:
                on_result(result)
            yield result
        return
    chunks = [names[i : i + chunk_size] for i in range(0, len(names), chunk_size)]
    done: dict[int, list[BatchResult]] = {}
    next_chunk = 0
    for index, results in _run_chunks(chunks, workers, timeout):
        for result in results:
            if on_result:
                on_result(result)
        done[index] = results
        while next_chunk in done:
            yield from done.pop(next_chunk)
            next_chunk += 1


def _run_chunks(
    chunks: list[list[str]], workers: int, timeout: float | None
) -> Iterator[tuple[int, list[BatchResult]]]:
    broken: list[int] = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures: dict[Future[list[BatchResult]], int] = {
            pool.submit(_process_chunk, chunk, timeout): n for n, chunk in enumerate(chunks)
        }
        for future in as_completed(futures):
            try:
                yield futures[future], future.result()
            except BrokenProcessPool:
                broken.append(futures[future])
    for index in sorted(broken):  # a worker died: retry alone, each file in its own process
        yield index, [_isolated(name, timeout) for name in chunks[index]]


def _isolated(name: str, timeout: float | None) -> BatchResult:
    started = time.perf_counter()
    try:
        with ProcessPoolExecutor(max_workers=1) as pool:
            return pool.submit(process_file, name, timeout).result()
    except BrokenProcessPool:
        return _unreadable(
            name,
            f"读取「{name}」时读取进程异常终止（文件可能损坏或过大），已跳过。",
            "batch.worker_crashed",
            started,
        )


# ── output ────────────────────────────────────────────────────────────────────────────────────


@dataclass
class Summary:
    counts: Counter[str] = field(default_factory=Counter)
    #: Why files were unreadable: reason code → number of files.
    reasons: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def add(self, result: BatchResult) -> None:
        self.counts[result.status] += 1
        if result.status == "unreadable":
            self.reasons[result.code or "unknown"] += 1

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def lines(self) -> list[str]:
        """The summary in Chinese, one line each."""
        out = [
            f"共{self.total}份："
            + "，".join(
                f"{STATUS_LABELS[s]}{self.counts.get(s, 0)}份" for s in ("ok", "errors", "unreadable")
            )
            + (f"；用时{self.seconds:.1f}秒" if self.seconds else "")
        ]
        out += [f"  无法读取的原因「{reason_label(code)}」：{n}份" for code, n in self.reasons.most_common()]
        return out


def reason_label(code: str) -> str:
    """The Chinese name of a reason code; a code without one is never shown raw."""
    if code in REASON_LABELS:
        return REASON_LABELS[code]
    family = code.rsplit(".", 1)[0]
    return REASON_LABELS.get(family, "其他原因（详见逐文件说明）")


REASON_LABELS = {
    "report.scanned_pdf": "扫描件PDF（无文字层）",
    "report.unreadable.pdf_no_text": "PDF中没有文字",
    "report.unreadable.pdf": "PDF文件损坏",
    "report.unreadable.docx": "Word文件损坏",
    "report.unreadable.xlsx": "Excel文件损坏",
    "report.unreadable.damaged": "文件损坏或不完整",
    "report.unreadable.zip": "压缩包，不是Word或Excel文件",
    "report.unreadable.html": "网页无法解析",
    "report.unreadable.json": "JSON格式有误",
    "report.unreadable.io": "文件无法读取",
    "report.unreadable.empty": "空文件",
    "report.unreadable.missing": "文件不存在",
    "report.unreadable.encoding": "文字编码无法识别",
    "report.unreadable": "文件无法读取",
    "report.bad_number": "单元格不是可识别的数字",
    "report.too_many_values": "一行的数字多于表格的列数",
    "report.bad_json": "不是本平台JSON格式的年度报告",
    "report.json_unsupported": "暂不支持JSON格式",
    "report.not_annual_report": "不是年度报告",
    "report.pre_2019": "2019年以前的旧格式",
    "report": "无法作为年度报告读取",
    "batch.timeout": "读取超时",
    "batch.internal_error": "读取器内部错误",
    "batch.worker_crashed": "读取进程异常终止",
}


def write_jsonl(results: Iterable[BatchResult], path: Path) -> Iterator[BatchResult]:
    """Write each result as it comes and pass it on."""
    with path.open("w", encoding="utf-8") as out:
        for result in results:
            out.write(json.dumps(result.as_dict(), ensure_ascii=False) + "\n")
            yield result


def run_batch(
    paths: Sequence[str | Path],
    output: Path | None = None,
    *,
    workers: int | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    progress: bool = True,
    keep: list[BatchResult] | None = None,
) -> Summary:
    """Parse with a progress bar, write JSONL to ``output`` (if given), return the summary."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    summary = Summary()
    started = time.perf_counter()
    columns = (TextColumn("读取年度报告"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, disable=not progress, transient=False) as bar:
        task = bar.add_task("batch", total=len(paths))
        results: Iterable[BatchResult] = parse_batch(
            paths, workers=workers, timeout=timeout, on_result=lambda _: bar.advance(task)
        )
        if output is not None:
            results = write_jsonl(results, output)
        for result in results:
            summary.add(result)
            if keep is not None:
                keep.append(result)
    summary.seconds = time.perf_counter() - started
    return summary


FINDINGS_COLUMNS = ("file", "agency", "year", "code", "severity", "cell", "expected", "found", "message")


def findings_rows(results: Iterable[BatchResult]) -> Iterator[list[Any]]:
    """One row per finding (its suspect cell, else its cells); an unreadable file is one row too."""
    for result in results:
        report = result.report or {}
        agency, year = report.get("agency"), report.get("year")
        if result.status == "unreadable":
            yield [result.path, agency, year, result.code, "unreadable", None, None, None, result.reason]
            continue
        for finding in result.findings:
            cell = finding.get("suspect") or " ".join(finding.get("cells") or ())
            if finding["code"] == "M1":  # a whole table: its name, not its every cell
                cell = (finding.get("cells") or ["?"])[0].split(".")[0]
            yield [
                result.path,
                agency,
                year,
                finding["code"],
                finding["severity"],
                cell,
                finding.get("expected"),
                finding.get("found"),
                finding["message"],
            ]


def write_findings_table(results: Iterable[BatchResult], path: Path) -> int:
    """CSV (UTF-8 with BOM, opens in Excel) or XLSX by suffix; returns the number of rows written."""
    rows = list(findings_rows(results))
    if path.suffix.lower() == ".xlsx":
        import openpyxl
        from openpyxl.worksheet.worksheet import Worksheet

        workbook = openpyxl.Workbook()
        sheet = workbook.active
        assert isinstance(sheet, Worksheet)  # a new workbook's one sheet
        sheet.title = "核查发现"
        sheet.append(list(FINDINGS_COLUMNS))
        for row in rows:
            sheet.append(row)
        sheet.auto_filter.ref = sheet.dimensions
        sheet.freeze_panes = "A2"
        workbook.save(path)
    else:
        with path.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(FINDINGS_COLUMNS)
            writer.writerows(rows)
    return len(rows)
