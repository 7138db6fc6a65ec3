"""``gongkai deadline|fee|id``: the statute's clock, fees and identifier checks.

Exit codes (shared convention, see ``gongkai.cli``): 0 fine; 1 an identifier of a recognised
kind fails its checks; 2 the input cannot be used (a date that does not exist, an unknown channel,
a negative count, a value that is no identifier at all). Messages go to stderr in Chinese;
never a traceback. The first line of stdout is always the answer alone, for scripts.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, NoReturn

import typer

from gongkai import clock, deadlines, fees, identifiers
from gongkai.errors import GongkaiError
from gongkai.workdays import default_calendar

id_app = typer.Typer(no_args_is_help=True, help="证件号码校验")


def _die(message: str, status: int = 2) -> NoReturn:
    typer.echo(message, err=True)
    raise typer.Exit(status)


def _date(text: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        _die(f"{what}“{text}”不是存在的日期（格式 YYYY-MM-DD）。")


def _count(text: str | None, what: str, *, minimum: int = 0) -> int | None:
    if text is None:
        return None
    try:
        value = int(text.strip())
    except ValueError:
        if text.strip().lstrip("+-").isdigit():  # Python refuses integers of more than 4300 digits
            _die(f"{what}的数值过大（{len(text.strip())}位数字）。")
        _die(f"{what}“{text}”不是整数。")
    if value < minimum:
        _die(f"{what}不能小于{minimum}，收到 {value}。")
    return value


def _pause(text: str) -> deadlines.Paused:
    start, sep, end = text.partition(":")
    if not sep:
        _die(f"不计入期间“{text}”的格式应为 开始日期:结束日期（如 2025-11-05:2025-11-21）。")
    return deadlines.Paused(
        _date(start, "不计入期间的开始日期"), _date(end, "不计入期间的结束日期"), "命令行指定"
    )


def deadline(
    received: Annotated[
        str,
        typer.Argument(
            metavar="RECEIVED_DATE", help="收到申请的日期 YYYY-MM-DD（指定 --channel 时为到达日期）"
        ),
    ],
    days: Annotated[str, typer.Option("--days", help="期限的工作日数（默认20，条例第三十三条）")] = "20",
    pause: Annotated[list[str] | None, typer.Option("--pause", help="不计入期间 START:END（可多次）")] = None,
    extend: Annotated[
        str | None, typer.Option("--extend", help="延长的工作日数（1—20，条例第三十三条）")
    ] = None,
    channel: Annotated[
        str | None, typer.Option("--channel", help="申请渠道：" + "、".join(deadlines.CHANNELS))
    ] = None,
    confirmed: Annotated[
        str | None, typer.Option("--confirmed", help="与申请人确认收到的日期（平信、网络、传真）")
    ] = None,
    explain: Annotated[bool, typer.Option("--explain", help="逐步说明计算过程")] = False,
    english: Annotated[bool, typer.Option("--english", help="说明用英文")] = False,
    today: Annotated[
        str | None,
        typer.Option(
            "--today", help="今天的日期 YYYY-MM-DD（默认为北京时间的当天），用于检查放假安排是否已载入"
        ),
    ] = None,
) -> None:
    """计算答复期限：收到之日不计入，按工作日（含调休）计算。"""
    received_on = _date(received, "收到日期")
    today_on = _date(today, "--today") if today is not None else clock.today()
    period = _count(days, "--days", minimum=1) or deadlines.REPLY_WORKDAYS
    try:
        if channel is not None:
            confirmed_on = _date(confirmed, "确认日期") if confirmed else None
            received_on = deadlines.legal_receipt_date(
                channel, arrived_on=received_on, confirmed_on=confirmed_on
            ).received_on
        events: list[deadlines.ClockEvent] = sorted((_pause(p) for p in pause or []), key=lambda e: e.on)
        workdays = _count(extend, "--extend")
        if workdays is not None:
            events.insert(0, deadlines.Extension(received_on, workdays))
        result = deadlines.compute_deadline(received_on, events, period=period)
        coverage = default_calendar().coverage_warning(today_on)
    except GongkaiError as exc:
        _die(exc.message)
    if coverage:  # legal-rules §5.4 item 4: on stderr, so the first stdout line stays the date
        typer.echo(f"注意：{coverage}", err=True)
    assert result.due_on is not None  # the command records no 补正, so the clock never stops
    typer.echo(result.due_on.isoformat())
    if result.provisional:
        typer.echo(
            "（临时）/provisional：所涉年份的放假安排尚未公布，已扣除周末和法定节日，调休尚不可知；"
            "公布后须重新计算。"
        )
    if explain:
        for line in result.explanation_en if english else result.explanation:
            typer.echo(line)


def fee(
    per_item: Annotated[
        str | None, typer.Option("--per-item", help="同一申请人本自然月的申请件数（按件计收）")
    ] = None,
    pages: Annotated[str | None, typer.Option("--pages", help="一件申请的页数（按量计收）")] = None,
    already: Annotated[str, typer.Option("--already", help="按件计收时，本月此前已申请的件数")] = "0",
) -> None:
    """计算信息处理费（国办函〔2020〕109号）：按件或按量，二者选一。"""
    if (per_item is None) == (pages is None):
        _die("请在 --per-item（按件）和 --pages（按量）中指定且只指定一种计费方式。")
    if pages is not None:
        count = _count(pages, "页数")
        assert count is not None
        typer.echo(fees.format_yuan(fees.per_page_fee(count)))
        typer.echo(
            f"按量计收：一件申请共{count}页（1—30页免费，31—100页10元/页，101—200页20元/页，201页以上40元/页）。"
        )
        return
    items = _count(per_item, "件数")
    before = _count(already, "--already")
    assert items is not None and before is not None
    typer.echo(fees.format_yuan(fees.per_item_fee(items, already_this_month=before)))
    typer.echo(
        f"按件计收：本月第{before + 1}至第{before + items}件（1—10件免费，11—30件100元/件，"
        "此后每10件为一档、每档每件加收100元）。"
    )


@id_app.command("check")
def id_check(
    value: Annotated[str, typer.Argument(help="居民身份证号码、统一社会信用代码或手机号码")],
) -> None:
    """校验证件号码（自动识别类型）：有效退出码0，无效退出码1。"""
    try:
        checked = identifiers.check_any(value)
    except identifiers.IdentifierError as exc:
        _die(exc.message, 2 if exc.code == "identifiers.unknown_kind" else 1)
    typer.echo(f"有效：{identifiers.KIND_NAMES[checked.kind]} {checked.value}")


def register(app: typer.Typer) -> None:
    """Attach the statute commands to the top-level app."""
    app.command("deadline")(deadline)
    app.command("fee")(fee)
    app.add_typer(id_app, name="id", help="证件号码校验")
