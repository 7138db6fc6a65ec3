"""The articles and periods the 复议/诉讼 module cites, checked against the specification notes where they hold
them (``docs/spec/legal-rules.md``, verbatim ``../shared/spec/legal-rules.md``): the test reads the note and
finds there the period and the article the code uses. Citations the notes do not hold are listed in
docs/appeals.md's table as not checked; a test makes sure every article the clocks and the mapping table
cite is listed there."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from gongkai import remedies
from gongkai.appeals import clocks, dispositions
from gongkai.letters import remedy

ROOT = Path(__file__).resolve().parents[2]
SPEC = (ROOT / "docs" / "spec" / "legal-rules.md").read_text(encoding="utf-8")
DOC = (ROOT / "docs" / "appeals.md").read_text(encoding="utf-8")
D = dt.date
NUMERALS = "零一二三四五六七八九"


def zh(n: int) -> str:
    """An article number as the statutes write it: 20 → 二十, 46 → 四十六, 101 → 一百零一."""
    if n >= 100:
        rest = n % 100
        return (
            NUMERALS[n // 100] + "百" + ("" if not rest else "零" + NUMERALS[rest] if rest < 10 else zh(rest))
        )
    tens, ones = divmod(n, 10)
    return (
        ("" if tens in (0, 1) else NUMERALS[tens]) + ("十" if tens else "") + (NUMERALS[ones] if ones else "")
    )


def article(n: int) -> str:
    return f"第{zh(n)}条"


def section(number: str) -> str:
    """The text of a section of the note, from its heading to the next heading."""
    lines = SPEC.splitlines()
    start = next(i for i, line in enumerate(lines) if re.match(rf"^#+\s+{re.escape(number)}[.\s]", line))
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("#")), len(lines))
    return "\n".join(lines[start:end])


def table_row(text: str, first_cell: str) -> list[str]:
    """The cells of the table row of ``text`` whose first cell is ``first_cell``."""
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and cells[0] == first_cell:
            return cells
    raise AssertionError(f"no row {first_cell!r}")


def test_zh_writes_article_numbers_as_the_statutes_do():
    assert [zh(n) for n in (4, 10, 15, 20, 46, 85, 88, 101)] == [
        "四", "十", "十五", "二十", "四十六", "八十五", "八十八", "一百零一",
    ]  # fmt: skip


def test_the_review_window_is_the_spec_s_sixty_days_of_article_20_paragraph_1():
    at_a_glance = table_row(section("0"), "行政复议")
    assert at_a_glance[1] == str(remedy.REVIEW_DAYS) == "60"
    assert re.search(r"行政复议法 (\d+)", at_a_glance[3]).group(1) == "20"
    row = table_row(section("2.5"), "行政复议")
    days = int(re.search(r"\*\*(\d+) days\*\*", row[1]).group(1))
    paragraph = re.search(r"行政复议法 art\. (\d+) ¶(\d+)", row[2])
    assert days == remedy.REVIEW_DAYS
    cited = f"{article(int(paragraph.group(1)))}第{zh(int(paragraph.group(2)))}款"
    assert remedies.ROUTES[remedies.REVIEW][1] == f"《中华人民共和国行政复议法》{cited}"
    assert cited == "第二十条第一款" and f"行政复议法{cited}" in DOC
    assert f"60 days for 复议 (行政复议法{cited})" in clocks.__doc__.replace("\n  ", " ")


def test_the_direct_suit_is_the_spec_s_six_months_and_the_suit_after_review_its_fifteen_days():
    at_a_glance = table_row(section("0"), "行政诉讼")
    months, days = (
        int(x) for x in re.search(r"(\d+) months direct; (\d+) days after", at_a_glance[1]).groups()
    )
    direct, after = (int(x) for x in re.search(r"行政诉讼法 (\d+), (\d+)", at_a_glance[3]).groups())
    assert (months, days) == (remedy.LITIGATION_MONTHS, remedy.LITIGATION_AFTER_REVIEW_DAYS) == (6, 15)
    assert remedies.ROUTES[remedies.LITIGATION][1] == f"《中华人民共和国行政诉讼法》{article(direct)}"
    row = table_row(section("2.5"), "行政诉讼 after 复议")
    assert f"**{remedy.LITIGATION_AFTER_REVIEW_DAYS} days**" in row[1]
    assert re.search(r"art\. (\d+)", row[2]).group(1) == str(after) == "45"
    assert f"行政诉讼法{article(after)}" in clocks.__doc__
    assert f"{days}日内提起行政诉讼" in remedies.REVIEW_FIRST


def test_review_first_for_a_refusal_cites_the_spec_s_article_23():
    row = next(line for line in section("2.5").splitlines() if "**复议前置**" in line)
    art, paragraph, item, second = re.search(r"art\. (\d+) ¶(\d+)\((\S)\) and ¶(\d+)", row).groups()
    cited = f"{article(int(art))}第{zh(int(paragraph))}款第（{item}）项、第{zh(int(second))}款"
    assert f"《中华人民共和国行政复议法》{cited}" == remedy.PRIOR_REVIEW_LAW
    assert cited in clocks.__doc__.replace("\n  ", "") and f"《中华人民共和国行政复议法》{cited}" in DOC


def test_a_disclosure_case_may_use_the_simplified_procedure_under_article_53_as_the_spec_says():
    art, paragraph, item = re.search(
        r"政府信息公开 cases may use the 简易程序 \(art\. (\d+) ¶(\d+)\((\S)\)\)", section("2.5")
    ).groups()
    cited = f"{article(int(art))}第{zh(int(paragraph))}款第（{item}）项"
    assert cited == "第五十三条第一款第（四）项"
    assert cited in clocks.__doc__ and f"简易程序：{cited}" in DOC


def test_the_2023_revision_applies_from_the_day_the_spec_gives_article_90():
    instrument = table_row(section("1"), "《行政复议法》 (revised 2023-09-01)")
    in_force = dt.date.fromisoformat(instrument[2])
    assert re.search(r"in force (\d{4}-\d\d-\d\d) \(art\. 90\)", section("2.5")).group(1) == str(in_force)
    (revised,) = [v for v in dispositions.versions() if "2023年修订" in v.basis]
    assert revised.effective_from == in_force == D(2024, 1, 1)
    assert all("2017年修正" in v.basis for v in dispositions.versions() if v.effective_from < in_force)
    assert f"(its {article(90)})" in dispositions.__doc__


def test_the_counting_rules_cite_the_spec_s_paragraphs_of_civil_procedure_article_85():
    rules = section("4.2")
    start = re.search(r"民事诉讼法 art\. (\d+) ¶(\d+) \[S\]\), which 行政复议法 art\. (\d+) imports", rules)
    rollover = re.search(r"statutory rest day: 民事诉讼法 art\. (\d+) ¶(\d+)", rules)
    assert start and rollover and start.group(1) == rollover.group(1)
    civil = article(int(start.group(1)))
    paragraphs = f"{civil}第{zh(int(start.group(2)))}款、第{zh(int(rollover.group(2)))}款"
    assert clocks.CALENDAR_BASIS.startswith(f"《中华人民共和国民事诉讼法》{paragraphs}")
    assert clocks.WORKDAY_BASIS.startswith(f"{clocks.REVIEW_LAW}{article(int(start.group(3)))}")


def _worked_example_a() -> dict[int, dt.date]:
    """The working days after Fri 2025-09-26 as legal-rules §4.5 A tabulates them."""
    example = section("4.5").split("**B.")[0]
    days = {}
    for n, day in re.findall(r"\|\s*\**(\d+)\**\s*\|\s*\**(\d{4}-\d\d-\d\d)", example):
        days[int(n)] = dt.date.fromisoformat(day)
    assert sorted(days) == list(range(1, 21))
    return days


def test_the_reply_clocks_count_working_days_as_the_spec_s_worked_example_a():
    days = _worked_example_a()
    received = D(2025, 9, 26)
    assert "Received Friday 2025-09-26" in section("4.5")
    assert clocks.review_reply_due(received).due_on == days[clocks.REVIEW_REPLY_WORKDAYS] == D(2025, 10, 16)
    assert clocks.review_reply_due(received, simplified=True).due_on == days[clocks.SIMPLIFIED_REPLY_WORKDAYS]
    proposed = clocks.ordered_action_due(received, basis="复议决定")
    assert proposed.due_on == days[clocks.DEFAULT_REDO_WORKDAYS] and proposed.assumed


def test_the_platform_s_proposed_redo_period_is_the_spec_s_reply_period_of_article_33():
    row = table_row(section("0"), "reply period")
    assert int(row[1]) == clocks.DEFAULT_REDO_WORKDAYS and row[3].startswith("条例 33 ")
    basis = clocks.ordered_action_due(D(2025, 3, 3), basis="复议决定").basis
    assert f"《中华人民共和国政府信息公开条例》{article(33)}第二款" in basis


def test_a_calendar_day_period_ending_in_the_holiday_rolls_to_the_spec_s_next_working_day():
    days = _worked_example_a()
    # 15 days after Sat 2025-09-20 is Sun 10-05, inside the 1–8 October holiday the example names.
    assert "1–8 Oct off" in section("4.5")
    assert clocks.defence_due(D(2025, 9, 20)).due_on == days[4] == D(2025, 10, 9)


# ── every article the clocks and the mapping table cite is in docs/appeals.md's table ──────────────

CITATIONS = DOC.split("## 法条与期限核对表", 1)[1].split("\n## ", 1)[0]


def _split(basis: str) -> tuple[str, str]:
    """(the instrument, the article part) of a citation like “《…》（2023年修订）第六十八条”."""
    at = basis.index("第", basis.rindex("》"))
    return basis[:at], basis[at:]


def _listed(law: str, part: str) -> bool:
    for line in CITATIONS.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 2:
            continue
        if cells[0] == law and part in cells[1].split("；"):  # the mapping table's rows
            return True
        if cells[0].startswith(law) and part in cells[0][len(law) :].split("、"):  # one citation a row
            return True
    return False


def _due_bases() -> list[str]:
    day = D(2025, 3, 3)
    return [
        clocks.review_reply_due(day).basis,
        clocks.review_reply_due(day, simplified=True).basis.split("（")[0],
        clocks.defence_due(day).basis,
        clocks.correction_report_due(day).basis,
        clocks.review_reply_due(D(2023, 3, 6)).basis,  # the law of 2017
        clocks.correction_report_due(D(2023, 3, 6)).basis,
    ]


@pytest.mark.parametrize("basis", _due_bases())
def test_every_due_date_s_article_is_in_the_table_of_citations(basis):
    law, part = _split(basis)
    assert _listed(law, part), basis


@pytest.mark.parametrize(
    "basis", sorted({row.basis for version in dispositions.versions() for row in version.rows})
)
def test_every_article_of_the_mapping_table_is_in_the_table_of_citations_as_not_checked(basis):
    law, part = _split(basis)
    assert _listed(law, part), basis
    row = next(line for line in CITATIONS.splitlines() if line.startswith(f"| {law} |"))
    assert row.rstrip().endswith("| 未核对 |")


def test_a_citation_the_spec_does_not_hold_is_marked_not_checked():
    rows = [line for line in CITATIONS.splitlines() if line.startswith("| 《")]
    assert rows
    for line in rows:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        source, verdict = cells[-2], cells[-1]
        assert source.startswith("未载明") == verdict.startswith("未核对"), line
