"""Run-on text: crawler dumps and flattened pages whose tables lost every line and cell break.

What archive crawlers save (``../shared/corpus/real/``, 37 of its 38 files): a header block (``标题:``,
``发布时间:``, ``发布机构:`` … then ``==== 正文 ====``) and the whole page body on one line, headings, labels and
figures run together — ``…规章000行政规范性文件417第二十条第（五）项…一、本年新收政府信息公开申请数量1000001二、上年结转…``.

The reader rebuilds the structure the assembler expects from what the format itself fixes:

* **Section headings** ("二、主动公开政府信息情况") become lines of their own, wherever they sit.
* **Table rows** are found by the words of their official labels, in the order of the format, so a
  label that is worded differently ("行政执法案件", "不再受理其…申请") or missing does not move the rows
  after it. The figures between one label and the next are the row's run; the next row's number
  glued to it ("10000012.没有现成信息…" is ``1000001`` and ``2.``) and a year that starts the next
  sentence ("20000022025年，我局…") are not figures of the row.
* **Runs are split** by ``gongkai.report.runs``: only where the split is certain, or where the row's
  identity picks the one split that fits (marked as inferred). Otherwise every cell of the row is
  unreadable and says so, with the run as printed.

Each table becomes real rows (label, cells, ``RowEnd``), so the assembler reads them positionally.
Text that has line structure already is left to the plain-text reader.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from gongkai import labels
from gongkai.report.assemble import heading_number, table2_row_width  # the assembler owns the format
from gongkai.report.document import CellToken, Line, RowEnd, RunCell, Token
from gongkai.report.model import APPEAL_ADDRESSES, REQUEST_COLUMN_KEYS, FormatName
from gongkai.report.runs import TABLE3_GROUPS, TABLE4_GROUPS, Group, cut_run

#: The line that ends the crawler's own header block.
_BODY_MARK = re.compile(r"^=+\s*正文\s*=+\s*$", re.M)
_HEADER_FIELD = re.compile(
    r"^(标题|发布时间|文号|发布机构|栏目|原文链接|本地目录|来源|索引号)\s*[:：]\s*(.*)$"
)
#: A body line this long that carries table labels has lost its line structure.
_RUN_ON_MIN = 300

# Words that find each row in running text, in the order of the format. The first word found after
# the previous row (and before the next row's) places the row; variants seen in real reports are listed.
_TABLE3_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("new", ("本年新收", "本年收到", "本年度新收")),
    ("carried_over", ("上年结转",)),
    ("granted", ("予以公开",)),
    ("partly_granted", ("部分公开",)),
    ("withheld.state_secret", ("国家秘密",)),
    ("withheld.law_prohibited", ("禁止公开",)),
    ("withheld.three_safeties", ("三安全一稳定", "三安全")),
    ("withheld.third_party", ("第三方合法权益", "第三方")),
    ("withheld.internal_affairs", ("内部事务",)),
    ("withheld.process_info", ("过程性信息", "过程性")),
    ("withheld.enforcement_file", ("行政执法案", "执法案")),
    ("withheld.admin_query", ("行政查询",)),
    ("unable.not_held", ("不掌握",)),
    ("unable.needs_creation", ("另行制作", "现成信息")),
    ("unable.unclear_after_correction", ("仍不明确", "不明确")),
    ("not_processed.petition", ("信访",)),
    ("not_processed.repeat", ("重复申请",)),
    ("not_processed.publication", ("出版物",)),
    ("not_processed.mass_repeat", ("大量反复",)),
    ("not_processed.confirm_reissue", ("重新出具", "确认或")),
    ("other", ("其他处理",)),  # the group label; a 2019 table prints it as a row of its own
    ("other.no_correction", ("逾期不补正",)),
    ("other.no_fee", ("缴纳费用", "收费通知")),
    ("other.other", ("3.其他", "3．其他", "3、其他", "3其他")),
    ("total", ("总计",)),
    ("carried_forward", ("结转下年度", "结转下年")),
)
_ROW_LABELS_3 = {**labels.REQUEST_ROWS, "other": labels.REQUEST_ROW_OTHER_2019[1]}

#: Table-2 rows by the label the assembler knows them under, with the words that find them in running text.
_TABLE2_WORDS_2021: tuple[tuple[str, tuple[str, ...]], ...] = (
    (labels.ACTIVE_RULES, ("规章",)),
    (labels.ACTIVE_NORMATIVE, ("规范性文件",)),
    (labels.ACTIVE_LICENSING, ("行政许可",)),
    (labels.ACTIVE_PENALTY, ("行政处罚",)),
    (labels.ACTIVE_COERCION, ("行政强制",)),
    (labels.ACTIVE_FEES, ("行政事业性收费",)),
)
_TABLE2_WORDS_2019: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("规章", ("规章",)),
    ("规范性文件", ("规范性文件",)),
    ("行政许可", ("行政许可",)),
    ("其他对外管理服务事项", ("其他对外管理服务事项", "对外管理服务")),
    ("行政处罚", ("行政处罚",)),
    ("行政强制", ("行政强制",)),
    ("行政事业性收费", ("行政事业性收费",)),
    ("政府集中采购", ("政府集中采购", "集中采购")),
)

#: Figures as printed in a run: digits, with spaces, signs (本年增/减) and decimal points among them.
_RUN = re.compile(r"[0-9][0-9 \u3000\xa0+\-.]*")
#: The next row's own number glued after a row's figures: "…0000002.其他法律…".
_NEXT_NUMBER = re.compile(r"(\d)\s*[.．、]\s*$")
_YEAR_AFTER = re.compile(r"(19|20)\d\d$")
_SECTION_NUMERALS = "一二三四五六七"
_HEADING_START = re.compile(rf"(?<![第\d（(])([{_SECTION_NUMERALS}])[、.．，]?")
_HEADING_ENDS = ("情况", "事项", "举措", "措施", "计划", "问题", "成效")
_HEADING_STOP = re.compile(r"[。，；：:,;！!？?\d（(]")


def crawler_header(text: str) -> tuple[dict[str, str], str]:
    """The crawler's header fields (``标题`` …) and the body after its ``==== 正文 ====`` line."""
    mark = _BODY_MARK.search(text)
    if mark is None:
        return {}, text
    fields: dict[str, str] = {}
    for line in text[: mark.start()].splitlines():
        match = _HEADER_FIELD.match(line.strip())
        if match:
            fields[match.group(1)] = match.group(2).strip()
    return fields, text[mark.end() :]


#: A table label with its figures right after it, as run-on text prints a row ("规章000", "重复申请0000000");
#: prose says "予以公开12件", with a unit after the figure.
_LABEL_THEN_FIGURES = re.compile(
    r"(规章|规范性文件|行政许可|行政处罚|行政强制|行政事业性收费|申请数量|予以公开|部分公开"
    r"|国家秘密|第三方合法权益|不掌握相关政府信息|重复申请|出版物|总计|继续办理)"
    r"[ \u3000]*\d[\d \u3000]*(?![\d件条个项次份%.％万元])"
)
_RUN_ON_ROWS = 4


def is_run_on(text: str) -> bool:
    """Text whose table rows are run together on long lines (not one cell or row per line): a long line
    with several table labels each followed directly by figures."""
    for line in text.splitlines():
        if len(line) >= _RUN_ON_MIN and len(_LABEL_THEN_FIGURES.findall(line)) >= _RUN_ON_ROWS:
            return True
    return False


def read_run_on(text: str) -> list[Token]:
    """Tokens of a run-on report: the title first, headings and prose as lines, tables as rows."""
    fields, body = crawler_header(text)
    tokens: list[Token] = []
    title = fields.get("标题")
    if title:
        tokens.append(Line(title))
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = line.strip()
        if not line:
            continue
        if len(line) >= _RUN_ON_MIN or _has_table(line):
            tokens.extend(_line_tokens(line))
        else:
            tokens.append(Line(line))
    return tokens


def _has_table(line: str) -> bool:
    return len(_LABEL_THEN_FIGURES.findall(line)) >= 2


# ── One run-on line ───────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class _Region:
    start: int
    end: int
    tokens: list[Token]


def _line_tokens(line: str) -> Iterator[Token]:
    regions = _table_regions(line)
    at = 0
    for region in regions:
        yield from _prose(line[at : region.start])
        yield from region.tokens
        at = region.end
    yield from _prose(line[at:])


def _table_regions(line: str) -> list[_Region]:
    regions: list[_Region] = []
    table3 = _table3(line)
    table2 = _table2(line, 0, table3.start if table3 else len(line))
    after = table3.end if table3 else (table2.end if table2 else 0)
    table4 = _table4(line, after)
    for region in (table2, table3, table4):
        if region is not None:
            regions.append(region)
    return regions


def _prose(text: str) -> Iterator[Token]:
    """Running text with its section headings cut out as lines of their own."""
    at = 0
    for match in _HEADING_START.finditer(text):
        if match.start() < at:
            continue
        end = _heading_end(text, match)
        if end is None:
            continue
        before = text[at : match.start()].strip()
        if before:
            yield Line(before)
        yield Line(text[match.start() : end].strip())
        at = end
    rest = text[at:].strip()
    if rest:
        yield Line(rest)


def _heading_end(text: str, match: re.Match[str]) -> int | None:
    """Where the heading that starts at ``match`` ends, if it is a section heading at all."""
    numeral = match.group(1)
    rest = text[match.end() : match.end() + 40]
    stop = _HEADING_STOP.search(rest)
    rest = rest[: stop.start()] if stop else rest
    for length in range(2, len(rest) + 1):
        if heading_number(f"{numeral}、{rest[:length]}") is not None:
            end = match.end() + length
            tail = rest[length:]
            ends = [tail.find(word) + len(word) for word in _HEADING_ENDS if 0 <= tail.find(word) <= 16]
            return end + min(ends) if ends else end
    return None


# ── Table 3 ───────────────────────────────────────────────────────────────────────────────────

_NEW_ROW = re.compile(r"(本年新收|本年收到|本年度新收)[^\d。，；]{0,20}数量[ \u3000]*\d")


def _table3(line: str) -> _Region | None:
    """Table 3 from its first row (一、本年新收…数量 and its figures): prose saying 本年收到… is not the table."""
    row = _NEW_ROW.search(line)
    if row is None:
        return None
    start = row.start()
    start = _label_start(line, start)
    header = line.rfind("申请人情况", 0, start)
    region_start = header if header >= 0 and start - header < 200 else start
    places = _find_rows(line, start, _TABLE3_WORDS)
    if not places:
        return None
    tokens: list[Token] = [Line(line[region_start:start])] if region_start < start else []
    end = start
    rows = list(places.items())
    for n, (key, (_, word_end)) in enumerate(rows):
        limit = rows[n + 1][1][0] if n + 1 < len(rows) else len(line)
        run, run_end = _run_after(line, word_end, limit)
        if key == "other" and not run:
            continue  # the 2021 group label (its rows follow), not the 2019 single row
        tokens.append(CellToken(_ROW_LABELS_3[key]))
        tokens.extend(CellToken(c) for c in _cells(run, len(REQUEST_COLUMN_KEYS), TABLE3_GROUPS))
        tokens.append(RowEnd())
        end = max(end, run_end if run else word_end)
    return _Region(region_start, end, tokens)


def _find_rows(
    line: str, start: int, words: tuple[tuple[str, tuple[str, ...]], ...]
) -> dict[str, tuple[int, int]]:
    """Where each row's label words stand, searching forward from the previous row found."""
    places: dict[str, tuple[int, int]] = {}
    at = start
    for n, (key, variants) in enumerate(words):
        window_end = _window_end(line, at, words[n + 1 :])
        found = _first(line, variants, at, window_end)
        if found is None:
            continue
        places[key] = found
        at = found[1]
    return places


def _window_end(line: str, at: int, following: tuple[tuple[str, tuple[str, ...]], ...]) -> int:
    """A row's label must come before the labels of the rows after it (searched a few rows ahead)."""
    ends = [f[0] for _, variants in following[:3] if (f := _first(line, variants, at, len(line))) is not None]
    return min(ends) if ends else len(line)


def _first(line: str, variants: tuple[str, ...], start: int, end: int) -> tuple[int, int] | None:
    best = None
    for word in variants:
        i = line.find(word, start, end)
        if i >= 0 and (best is None or i < best[0]):
            best = (i, i + len(word))
    return best


def _label_start(line: str, at: int) -> int:
    """Back from a row's words to where its label starts ("一、本年新收…": the 一、)."""
    number = re.search(r"[一二三四][、.．]\s*$", line[max(0, at - 3) : at])
    return max(0, at - 3) + number.start() if number else at


def _run_after(line: str, at: int, limit: int) -> tuple[str, int]:
    """The figures printed after a label (up to the next label), without the next row's number or a year."""
    segment = line[at:limit]
    match = _RUN.search(segment)
    if match is None:
        return "", at
    run = _without_year(match.group(0), line[at + match.end() : at + match.end() + 1])
    after = line[at + match.end() : at + match.end() + 2]  # the line's, not the segment's: a label may follow
    glued = _NEXT_NUMBER.search(run)
    if glued and _cjk(after[:1]):
        run = run[: glued.start()]
    elif after[:1] in (".", "．", "、") and _cjk(after[1:2]):
        run = re.sub(r"\d\s*$", "", run)  # the digit before "." numbers the next row
    return run.strip(" \u3000\xa0.-+"), at + match.start() + len(run)


def _without_year(run: str, after: str) -> str:
    """A year that opens the next sentence is not a figure of the row: "…20000022025年，我局…" is 2000002."""
    year = _YEAR_AFTER.search(run.rstrip())
    if after == "年" and year and len(run.strip()) > 4:
        return run.rstrip()[: year.start()]
    return run


def _cjk(ch: str) -> bool:
    return bool(ch) and unicodedata.category(ch) == "Lo"


def _cells(run: str, width: int, groups: tuple[Group, ...] = ()) -> list[str]:
    """The row's cells from its run: as split, marked inferred where more than the digits decided,
    unreadable where nothing decides them."""
    if not run:
        return [""] * width
    parts, inferred = cut_run(run, width, groups)
    determined = [p for p in parts if p is not None]
    if not inferred and len(determined) == len(parts):
        return determined
    return [RunCell(run, run, "unsplit") if p is None else RunCell(p, run, "identity") for p in parts]


# ── Table 2 ───────────────────────────────────────────────────────────────────────────────────

_BLOCK_OPENER = re.compile(r"第二十条第\s*[（(]")


def _table2(line: str, start: int, end: int) -> _Region | None:
    """Table 2 from its first block heading (第二十条第（一）项): prose citing 第二十条 is not the table."""
    opener = _BLOCK_OPENER.search(line, start, end)
    if opener is None:
        return None
    first = opener.start()
    table_format: FormatName = (
        "2019" if any(m in line[first:end] for m in labels.ACTIVE_2019_MARKERS) else "2021"
    )
    places = _find_rows(line, first, _TABLE2_WORDS_2019 if table_format == "2019" else _TABLE2_WORDS_2021)
    if not places:
        return None
    keys = list(places)
    header_end = places[keys[0]][0]
    tokens: list[Token] = [Line(line[first:header_end])]
    region_end = header_end
    for n, label in enumerate(keys):
        word_end = places[label][1]
        limit = places[keys[n + 1]][0] if n + 1 < len(keys) else end
        run, run_end = _run_after(line, word_end, limit)
        if run and not line[word_end:limit].lstrip(" \u3000\xa0").startswith(run[:1]):
            run = ""  # figures further on belong to the next block's header, not to this row
        run, unit = _with_unit(line, run, run_end)
        tokens.append(CellToken(label))
        cells = _cells(run, table2_row_width(label, table_format))
        if unit and cells and not isinstance(cells[-1], RunCell):
            cells[-1] = cells[-1] + unit
        tokens.extend(CellToken(c) for c in cells)
        tokens.append(RowEnd())
        region_end = max(region_end, run_end + len(unit) if run else word_end)
    return _Region(first, region_end, tokens)


def _with_unit(line: str, run: str, run_end: int) -> tuple[str, str]:
    """An amount's unit printed after it ("215419886元") stays with the last cell."""
    unit = re.match(r"\s*(万元|元)", line[run_end : run_end + 4])
    return (run, unit.group(1)) if unit and run else (run, "")


# ── Table 4 ───────────────────────────────────────────────────────────────────────────────────

_TABLE4_HEADER_END = re.compile(r"尚未审结\s*总计")


def _table4(line: str, start: int) -> _Region | None:
    heads = list(_TABLE4_HEADER_END.finditer(line, start))
    if not heads:
        return None
    head_end = heads[min(2, len(heads) - 1)].end()  # three groups, each header ends 尚未审结 总计
    first_head = line.rfind("行政复议", start, heads[0].start())
    region_start = first_head if first_head >= 0 else heads[0].start()
    gap = re.match(r"[\s\u3000]*", line[head_end:])
    match = _RUN.match(line, head_end + (gap.end() if gap else 0))
    if match is None:
        return None
    run = _without_year(match.group(0), line[match.end() : match.end() + 1]).strip(" \u3000\xa0.-+")
    tokens: list[Token] = [
        Line(line[region_start:head_end]),
        *(CellToken(c) for c in _cells(run, len(APPEAL_ADDRESSES), TABLE4_GROUPS)),
        RowEnd(),
    ]
    return _Region(region_start, match.end(), tokens)
