"""``gongkai deadline|fee|id check`` through typer's CliRunner."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from gongkai.cli import app

runner = CliRunner()


def _run(*args: str):
    return runner.invoke(app, list(args))


def test_deadline_prints_the_date_alone_on_the_first_line():
    result = _run("deadline", "2025-09-26")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["2025-10-30"]


def test_deadline_explains_in_chinese_after_the_date():
    lines = _run("deadline", "2025-09-26", "--extend", "20", "--explain").stdout.splitlines()
    assert lines[0] == "2025-11-27"
    assert any("延长 20 个工作日" in line for line in lines[1:])


def test_deadline_takes_pauses_and_days():
    assert (
        _run("deadline", "2025-11-03", "--pause", "2025-11-05:2025-11-21").stdout.splitlines()[0]
        == "2025-12-17"
    )
    assert _run("deadline", "2025-09-26", "--days", "7").stdout.splitlines()[0] == "2025-10-13"


def test_deadline_applies_the_channel_rule():
    result = _run("deadline", "2025-11-07", "--channel", "online", "--confirmed", "2025-11-08")
    assert result.stdout.splitlines()[0] == "2025-12-05"


def test_deadline_says_when_it_is_provisional():
    lines = _run("deadline", "2026-12-15").stdout.splitlines()
    assert lines[0] == "2027-01-13"  # 2026-12-15: 元旦 is off although 2027 is unpublished
    assert "（临时）/provisional" in lines[1]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("deadline", "2025-02-30"), "不是存在的日期"),
        (("deadline", "2025-09-26", "--channel", "pigeon"), "未知的申请渠道"),
        (("deadline", "2025-09-26", "--extend", "25"), "不超过20个工作日"),
        (("deadline", "2025-09-26", "--pause", "2025-10-09:2025-10-01"), "早于开始日"),
        (("deadline", "2025-09-26", "--pause", "2025-10-09"), "开始日期:结束日期"),
        (("deadline", "2025-09-26", "--days", "abc"), "不是整数"),
        (("deadline", "2025-09-26", "--days", "99999999999"), "超出工作日历的范围"),
        (("deadline", "2025-09-26", "--days", "60000"), "超出工作日历的范围"),
        (("deadline", "2025-09-26", "--days", "9" * 5000), "数值过大"),
        (("deadline", "2025-09-26", "--extend", "99999999999"), "不超过20个工作日"),
        (("deadline", "2025-09-26", "--pause", "2025-10-09:9999-12-31"), "超出工作日历的范围"),
        (("deadline", "9999-12-31"), "超出工作日历的范围"),
        (("deadline", "1999-12-31"), "超出工作日历的范围"),
        (
            ("deadline", "2025-11-07", "--channel", "online", "--confirmed", "2300-01-01"),
            "超出工作日历的范围",
        ),
        (("fee", "--pages", "-3"), "不能小于0"),
        (("fee",), "只指定一种"),
        (("fee", "--pages", "3", "--per-item", "3"), "只指定一种"),
        (("id", "check", "hello"), "无法识别"),
    ],
)
def test_bad_input_gets_a_chinese_message_and_status_2(args, says):
    result = _run(*args)
    assert result.exit_code == 2
    assert says in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "first"),
    [
        (("fee", "--pages", "2219"), "83460元"),
        (("fee", "--pages", "30"), "0元"),
        (("fee", "--per-item", "45"), "5500元"),
        (("fee", "--per-item", "20", "--already", "14"), "2400元"),
        # at once, not band by band (see test_fees for the sum)
        (("fee", "--per-item", "99999999999"), "49999999984000000002200元"),
    ],
)
def test_fee_prints_the_amount_first(args, first):
    result = _run(*args)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == first


def test_id_check_accepts_valid_identifiers():
    for value in ("11010519491231002X", "91350100M000100Y43", "13812345678"):
        result = _run("id", "check", value)
        assert result.exit_code == 0, value
        assert result.stdout.startswith("有效")


def test_id_check_gives_the_reason_and_status_1_for_an_invalid_one():
    result = _run("id", "check", "110105194912310021")
    assert result.exit_code == 1
    assert "校验位" in result.stderr


def test_deadline_warns_on_stderr_in_november_when_next_year_is_not_loaded():
    result = _run("deadline", "2026-12-15", "--today", "2026-11-24")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "2027-01-13"
    assert "尚未载入2027年的放假安排" in result.stderr
    assert "放假安排" not in result.stdout.splitlines()[0]


def test_deadline_says_nothing_about_coverage_before_november():
    result = _run("deadline", "2026-10-15", "--today", "2026-10-31")
    assert result.stdout.splitlines() == ["2026-11-12"]
    assert result.stderr == ""


def test_deadline_refuses_an_impossible_today():
    result = _run("deadline", "2026-10-15", "--today", "2026-13-01")
    assert result.exit_code == 2
    assert "--today" in result.stderr


def test_deadline_across_an_unpublished_new_year_skips_new_years_day_and_says_the_year_is_provisional():
    result = _run("deadline", "2026-12-20", "--today", "2026-12-02", "--explain")
    lines = result.stdout.splitlines()
    assert lines[0] == "2027-01-18"  # 20 working days from Mon 21 Dec; Fri 1 Jan 2027 (元旦) is off
    assert any("2027年的放假安排尚未公布" in line and "调休" in line for line in lines[1:])
    # Said to the official at the terminal: nothing about server files or libraries to edit.
    assert "尚未载入2027年的放假安排" in result.stderr
    assert (
        "json" not in result.stderr and "chinese_calendar" not in result.stderr and "/" not in result.stderr
    )
