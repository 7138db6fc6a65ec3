"""``gongkai report parse|check|render|aggregate``: annual reports from the command line.

Exit codes (shared convention, see ``gongkai.cli``): 0 fine, 1 the report has errors, 2 the input
could not be used at all (unreadable, not an annual report). Problems with the input are printed in
Chinese on stderr, naming the file; never a traceback.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from gongkai import labels
from gongkai.errors import GongkaiError
from gongkai.report.completeness import cell_name, check_reading, reading_extra
from gongkai.report.findings import Finding
from gongkai.report.model import AnnualReport, Value, request_row_keys
from gongkai.report.read import read_reading
from gongkai.report.render import render as render_report
from gongkai.report.render.json import report_to_dict
from gongkai.report.validate import has_errors

app = typer.Typer(no_args_is_help=True)


class _Console(Console):
    """Rich exits with status 1 when the pipe it writes to closes; ours lets the command say how it went."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError  # caught by ``_reader_may_stop``, which silences the output and carries on


out = _Console(highlight=False, soft_wrap=True)
err = _Console(stderr=True, highlight=False, soft_wrap=True)

_UNWRAPPED = 1000  # wide enough for the longest label of table 3 with its seven figures

FORMATS = ("md", "html", "json", "xlsx", "docx", "pdf")
_SUFFIX_FORMATS = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".xlsx": "xlsx",
    ".docx": "docx",
    ".pdf": "pdf",
}

Files = Annotated[
    list[Path], typer.Argument(help="年度报告文件（文本、HTML、Word、Excel、JSON）", show_default=False)
]
AsJson = Annotated[bool, typer.Option("--json", help="以JSON输出")]


@dataclass
class Checked:
    """One file read, restored and validated."""

    path: Path
    report: AnnualReport
    restored: dict[str, int] = field(default_factory=dict)
    undetermined: tuple[str, ...] = ()
    findings: list[Finding] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


def check_file(path: Path) -> Checked:
    """Read, restore what the identities determine, validate, say what is missing (raises ``GongkaiError``)."""
    checked = check_reading(read_reading(path, name=str(path)))
    return Checked(
        path, checked.report, checked.restored, checked.undetermined, checked.findings, reading_extra(checked)
    )


def _read_all(paths: list[Path]) -> tuple[list[Checked], list[tuple[Path, GongkaiError]]]:
    done, failed = [], []
    for path in paths:
        try:
            done.append(check_file(path))
        except GongkaiError as exc:
            failed.append((path, exc))
    return done, failed


@contextmanager
def _reader_may_stop() -> Iterator[None]:
    """``gongkai report check x | head -1``: a reader that stops early is no fault of the report.

    The rest of the output goes nowhere and the exit status still says what the check found (a
    broken pipe must not read as "errors found"), without a traceback or Python's own complaint.
    """
    try:
        yield
    except BrokenPipeError:
        for stream in (sys.stdout, sys.stderr):
            try:
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, stream.fileno())  # what is still buffered is flushed into nothing
                os.close(devnull)
            except (OSError, ValueError, AttributeError):  # not a real file (a test runner's buffer)
                continue


def _report_failures(failed: list[tuple[Path, GongkaiError]]) -> None:
    for path, exc in failed:
        message = exc.message if str(path) in exc.message else f"{path}：{exc.message}"
        err.print(f"[bold red]无法使用[/] {message}", markup=True)


# ── parse ─────────────────────────────────────────────────────────────────────────────────────

Recursive = Annotated[bool, typer.Option("--recursive", "-r", help="读取文件夹时包括其子文件夹")]
Workers = Annotated[int | None, typer.Option("--workers", help="并行进程数（默认为CPU核数）")]
Timeout = Annotated[float, typer.Option("--timeout", help="每个文件的读取时限（秒）")]


@app.command()
def parse(
    files: Files,
    as_json: AsJson = False,
    recursive: Recursive = False,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="批量模式：逐文件写入JSONL")] = None,
    workers: Workers = None,
    timeout: Timeout = 60.0,
) -> None:
    """读取年度报告，推算缺失数字并校验，输出摘要或JSON；给出文件夹或 -o 时批量并行读取。"""
    if output is not None or any(f.is_dir() for f in files):
        _batch(files, recursive=recursive, jsonl=output, table=None, workers=workers, timeout=timeout)
        return
    done, failed = _read_all(files)
    with _reader_may_stop():
        _report_failures(failed)
        if as_json:
            documents = [report_json(c) for c in done]
            payload: Any = documents[0] if len(files) == 1 and documents else documents
            if documents:
                typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        else:
            for checked in done:
                _print_summary(checked)
    if failed:
        raise typer.Exit(2)


def report_json(checked: Checked) -> dict[str, Any]:
    """The documented JSON shape (``render.json.report_to_dict``), ``restored`` and ``findings`` included."""
    return {**report_to_dict(checked.report, findings=checked.findings), **checked.extra}


def _plain(value: Value) -> int | float | None:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _print_summary(checked: Checked) -> None:
    """Every figure of the report, table by table, then what was restored and what is wrong."""
    report = checked.report
    out.print(f"[bold]{checked.path}[/]：{report.title or '（无标题）'}", markup=True)
    out.print(
        f"  机关：{report.agency or '未识别'}　年度：{report.year or '未识别'}　格式：{report.format}年版"
    )
    # Piped into a file or another program, a table is never wrapped at an imagined 80 columns.
    console = out if out.is_terminal else _Console(highlight=False, soft_wrap=True, width=_UNWRAPPED)
    for table in (_active_table(report), _requests_table(report), _appeals_table(report)):
        console.print(table)
    if checked.restored:
        restored = "、".join(f"{_cell_name(a)}={v}" for a, v in checked.restored.items())
        out.print(f"  已推算补全：{restored}")
    _print_findings(checked.findings, indent="  ")


_ACTIVE_NAMES = {
    "rules": labels.ACTIVE_RULES,
    "normative_documents": labels.ACTIVE_NORMATIVE,
    "issued": labels.ACTIVE_ISSUED,
    "repealed": labels.ACTIVE_REPEALED,
    "in_force": labels.ACTIVE_IN_FORCE,
    "licensing": labels.ACTIVE_LICENSING,
    "penalty": labels.ACTIVE_PENALTY,
    "coercion": labels.ACTIVE_COERCION,
    "fees_10k_yuan": labels.ACTIVE_FEES + "（万元）",
}


def _active_name(address: str) -> str:
    parts = address.split(".")[1:]
    return " ".join(_ACTIVE_NAMES.get(part, part) for part in parts)


def _active_table(report: AnnualReport) -> Table:
    table = Table("表二", "数值", box=None, pad_edge=False)
    for address in report.addresses:
        if address.startswith("active."):
            table.add_row(_active_name(address), _show(report.get(address)))
    return table


def _requests_table(report: AnnualReport) -> Table:
    table = Table(box=None, pad_edge=False)
    table.add_column("表三", overflow="fold", min_width=16)
    for column in labels.REQUEST_COLUMNS.values():
        table.add_column(column, justify="right")
    for row in request_row_keys(report.format):
        group = labels.REQUEST_GROUPS.get(row.split(".")[0], "") if "." in row else ""
        name = group + (labels.REQUEST_ROWS.get(row) or labels.REQUEST_ROW_OTHER_2019[1])
        table.add_row(name, *(_show(v) for v in report.request_row(row)))
    return table


def _appeals_table(report: AnnualReport) -> Table:
    table = Table("表四", *labels.APPEAL_COLUMNS.values(), box=None, pad_edge=False)
    for group, name in labels.APPEAL_GROUPS.items():
        table.add_row(name, *(_show(v) for v in report.appeal_group(group)))
    return table


def _cell_name(address: str) -> str:
    return cell_name(address)


def _show(value: Value) -> str:
    return "—" if value is None else str(_plain(value))


# ── check ─────────────────────────────────────────────────────────────────────────────────────


@app.command()
def check(
    files: Files,
    as_json: AsJson = False,
    recursive: Recursive = False,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="批量模式：核查发现表（.csv 或 .xlsx）")
    ] = None,
    workers: Workers = None,
    timeout: Timeout = 60.0,
) -> None:
    """校验年度报告的勾稽关系：0 无错误，1 有错误，2 文件无法读取或不是年度报告。"""
    if output is not None or any(f.is_dir() for f in files):
        _batch(files, recursive=recursive, jsonl=None, table=output, workers=workers, timeout=timeout)
        return
    done, failed = _read_all(files)
    with _reader_may_stop():
        _report_failures(failed)
        if as_json:
            payload = [
                {
                    "file": str(c.path),
                    "restored": c.restored,
                    "undetermined": list(c.undetermined),
                    "findings": [f.as_dict() for f in c.findings],
                }
                for c in done
            ]
            typer.echo(
                json.dumps(
                    payload[0] if len(files) == 1 and payload else payload, ensure_ascii=False, indent=2
                )
            )
        else:
            for checked in done:
                _print_check(checked)
    if failed:
        raise typer.Exit(2)
    if any(has_errors(c.findings) for c in done):
        raise typer.Exit(1)


def _print_check(checked: Checked) -> None:
    errors = sum(f.severity == "error" for f in checked.findings)
    warnings = len(checked.findings) - errors
    verdict = "[green]通过[/]" if not errors else f"[red]{errors}处错误[/]"
    out.print(f"[bold]{checked.path}[/]：{verdict}，{warnings}条提示", markup=True)
    if checked.restored:
        out.print(f"  已推算补全：{'、'.join(f'{_cell_name(a)}={v}' for a, v in checked.restored.items())}")
    # Tables missing (M1), figures missing and not restorable (M2), text in figure cells (N1) are findings.
    _print_findings(checked.findings, indent="  ")


def _print_findings(findings: list[Finding], *, indent: str) -> None:
    for finding in findings:
        mark = "错误" if finding.severity == "error" else "提示"
        suspect = f"（最可能出错：{_cell_name(finding.suspect)}）" if finding.suspect else ""
        out.print(f"{indent}[{mark}·{finding.code}] {finding.message}{suspect}", markup=False)


def _batch(
    files: list[Path],
    *,
    recursive: bool,
    jsonl: Path | None,
    table: Path | None,
    workers: int | None,
    timeout: float,
) -> None:
    """Batch mode (``gongkai.report.batch``): progress bar, JSONL and/or findings table, summary; exit 0/1/2."""
    from gongkai.report.batch import BatchResult, collect_paths, run_batch, write_findings_table

    if table is not None and table.suffix.lower() not in (".csv", ".xlsx"):
        err.print(f"核查发现表只能写成 .csv 或 .xlsx，而不是「{table.name}」。")
        raise typer.Exit(2)
    paths = collect_paths(files, recursive=recursive)
    if not paths:
        err.print("没有找到可读取的年度报告文件。")
        raise typer.Exit(2)
    results: list[BatchResult] = []
    try:
        summary = run_batch(
            paths, jsonl, workers=workers, timeout=timeout, progress=err.is_terminal, keep=results
        )
        if table is not None:
            rows = write_findings_table(results, table)
    except OSError as exc:
        err.print(f"无法写入输出文件：{exc.strerror or exc}")
        raise typer.Exit(2) from exc
    with _reader_may_stop():
        for line in summary.lines():
            out.print(line, markup=False)
        for result in results:
            if result.status == "unreadable":
                err.print(f"无法使用 {result.reason}", markup=False)
        if jsonl is not None:
            out.print(f"已写入 {jsonl}")
        if table is not None:
            out.print(f"已写入核查发现表 {table}（{rows}行）")
    if summary.counts["unreadable"]:
        raise typer.Exit(2)
    if summary.counts["errors"]:
        raise typer.Exit(1)


# ── render ────────────────────────────────────────────────────────────────────────────────────


@app.command()
def render(
    file: Annotated[Path, typer.Argument(help="年度报告文件", show_default=False)],
    to: Annotated[str, typer.Option("--to", help="md、html、json、xlsx、docx 或 pdf")],
    output: Annotated[Path, typer.Option("-o", "--output", help="输出文件")],
) -> None:
    """把年度报告（推算补全后）渲染为 md、html、json、xlsx、docx 或 pdf。"""
    if to not in FORMATS:
        err.print(f"不支持的输出格式「{to}」，可选：{'、'.join(FORMATS)}。")
        raise typer.Exit(2)
    done, failed = _read_all([file])
    _report_failures(failed)
    if failed:
        raise typer.Exit(2)
    _write(done[0].report, done[0].findings, to, output)
    out.print(f"已写入 {output}")


def _write(report: AnnualReport, findings: list[Finding], fmt: str, output: Path) -> None:
    if fmt == "json":
        content: str | bytes = json.dumps(
            report_json(Checked(output, report, findings=findings)), ensure_ascii=False, indent=2
        )
    else:
        content = _render(report, fmt)
    _write_output(output, content)


def _render(report: AnnualReport, fmt: str) -> str | bytes:
    try:
        return render_report(report, fmt)
    except GongkaiError as exc:
        err.print(f"无法输出{fmt}格式：{exc.message}")
        raise typer.Exit(2) from exc


# ── aggregate ─────────────────────────────────────────────────────────────────────────────────


@app.command()
def aggregate(
    files: Files,
    output: Annotated[
        Path,
        typer.Option("-o", "--output", help="输出文件，格式由后缀决定（.md .html .json .xlsx .docx .pdf）"),
    ],
    agency: Annotated[str | None, typer.Option(help="汇总后的机关名称")] = None,
    year: Annotated[int | None, typer.Option(help="汇总年度（各报告年度不一致时必填）")] = None,
) -> None:
    """把多份年度报告逐格相加（如全市各级行政机关），并列出缺失或有错误的输入。"""
    from gongkai.report.aggregate import aggregate as sum_reports

    fmt = _SUFFIX_FORMATS.get(output.suffix.lower())
    if fmt is None:
        err.print(
            f"无法从输出文件名「{output.name}」判断格式，请使用 {'、'.join(_SUFFIX_FORMATS)} 之一作后缀。"
        )
        raise typer.Exit(2)
    order = _read_in_order(files)
    done = [c for c in order if isinstance(c, Checked)]
    failed = [f for f in order if not isinstance(f, Checked)]
    _report_failures(failed)
    if not done:
        err.print("没有可汇总的年度报告。")
        raise typer.Exit(2)
    try:
        result = sum_reports([c.report for c in done], agency=agency, year=year)
    except GongkaiError as exc:
        err.print(exc.message)
        raise typer.Exit(2) from exc
    for checked, described in zip(done, result.inputs, strict=True):
        if described.status == "invalid":
            out.print(
                f"{checked.path}：有错误（{sum(f.severity == 'error' for f in described.findings)}处），已计入汇总"
            )
        elif described.status == "missing-cells":
            out.print(f"{checked.path}：缺少{len(described.missing)}个数字，相关合计留空")
    if result.undivided_inputs:
        out.print(_other_group_line(result))
    missing = sum(1 for v in result.report.cells.values() if v is None)
    _write_aggregation(result, _aggregation_sources(order, done, result), fmt, output)
    out.print(
        f"已汇总{len(done)}份报告{f'（{len(failed)}份无法读取，未计入）' if failed else ''}，"
        f"缺失{missing}个数字，已写入 {output}"
    )
    if failed:
        raise typer.Exit(2)


# ── aggregate: the record of the inputs (JSON ``inputs``, XLSX sheet 汇总来源) ─────────────────────


def _read_in_order(files: list[Path]) -> list[Checked | tuple[Path, GongkaiError]]:
    """Each file read (``check_file``) or its error, in command-line order."""
    order: list[Checked | tuple[Path, GongkaiError]] = []
    for path in files:
        try:
            order.append(check_file(path))
        except GongkaiError as exc:
            order.append((path, exc))
    return order


def _aggregation_sources(
    order: list[Checked | tuple[Path, GongkaiError]], done: list[Checked], result: Any
) -> list[dict[str, Any]]:
    """One entry per file given, in command-line order: ``file``, ``status`` (read / invalid /
    unreadable), ``reason`` (Chinese, null when there is nothing to say) and what is known of it."""
    described = {id(c): d for c, d in zip(done, result.inputs, strict=True)}
    sources: list[dict[str, Any]] = []
    for item in order:
        if isinstance(item, Checked):
            sources.append(_read_source(item, described[id(item)]))
        else:
            path, exc = item
            sources.append(
                {
                    "file": str(path),
                    "status": "unreadable",
                    "reason": exc.message,
                    "included": False,
                    "agency": None,
                    "year": None,
                    "format": None,
                    "missing_cells": None,
                    "notes": [],
                }
            )
    return sources


def _read_source(checked: Checked, described: Any) -> dict[str, Any]:
    errors = [f.message for f in described.findings if f.severity == "error"]
    if described.status == "invalid":
        reason: str | None = f"有{len(errors)}处错误，已计入汇总：" + "；".join(errors)
    elif described.status == "missing-cells":
        reason = f"缺少{len(described.missing)}个数字，相关合计留空"
    else:
        reason = None
    return {
        "file": str(checked.path),
        "status": "invalid" if described.status == "invalid" else "read",
        "reason": reason,
        "included": True,
        "agency": checked.report.agency,
        "year": checked.report.year,
        "format": described.format,
        "missing_cells": len(described.missing),
        "notes": list(described.conversion_notes),
    }


def _other_group_line(result: Any) -> str:
    shown = "、".join(
        f"{name}{_show(v)}"
        for name, v in zip(labels.REQUEST_COLUMNS.values(), result.other_group, strict=True)
    )
    return (
        f"{len(result.undivided_inputs)}份报告为2019年试行格式，「{labels.REQUEST_ROW_OTHER_2019[1]}」不分项："
        f"其下三行在汇总中留空，该组合计为 {shown}（已计入「（七）总计」）"
    )


def _write_aggregation(result: Any, sources: list[dict[str, Any]], fmt: str, output: Path) -> None:
    """Like ``_write``, with the inputs recorded: JSON ``inputs`` and ``other_group`` (schema 1.1),
    XLSX sheet 汇总来源; the other formats show the summed report only."""
    from gongkai.report.render.json import AGGREGATION_SCHEMA_VERSION, json_number
    from gongkai.report.render.xlsx import render_xlsx

    if fmt not in ("json", "xlsx"):
        _write(result.report, result.findings, fmt, output)
        return
    if fmt == "json":
        document = report_to_dict(result.report, findings=result.findings)
        document.update(
            schema_version=AGGREGATION_SCHEMA_VERSION,
            inputs=sources,
            other_group=[json_number(v) for v in result.other_group],
        )
        content: str | bytes = json.dumps(document, ensure_ascii=False, indent=2)
    else:
        content = render_xlsx(result.report, result.findings, sources=sources, other_group=result.other_group)
    _write_output(output, content)


def _write_output(output: Path, content: str | bytes) -> None:
    """Write a rendered file; a path that cannot be written is exit status 2 with the reason in Chinese."""
    try:
        if isinstance(content, bytes):
            output.write_bytes(content)
        else:
            output.write_text(content, encoding="utf-8")
    except OSError as exc:
        err.print(f"无法写入「{output}」：{exc.strerror or exc}")
        raise typer.Exit(2) from exc
