"""Build an :class:`AnnualReport` from a reader's document or token stream.

The assembler knows the statutory format (spec §2–§4, §8), not any file format: it splits the
tokens into the six sections by their headings, reads the title, keeps the narrative of 一/五/六,
and reads tables 2, 3 and 4 by finding each official row label and taking the values after it.

Rows that end with a ``RowEnd`` (a real table) are read positionally: an empty cell is a missing
value in its own column. A run of cells without row ends (text that lost its table structure, like
the seed) is read as a sequence: empty cells are layout noise and, when a row has fewer values than
columns, the missing ones are the trailing ones — which is how the seed's lost 总计 cells look.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache, partial

from gongkai import labels
from gongkai.errors import NotAnnualReportError, ReportError
from gongkai.report.document import CellToken, Document, Line, RowEnd, RunCell, Token
from gongkai.report.model import (
    APPEAL_COLUMN_KEYS,
    APPEAL_GROUP_KEYS,
    REQUEST_COLUMN_KEYS,
    AnnualReport,
    FormatName,
    Narrative,
    Value,
    appeal_address,
    request_address,
)
from gongkai.report.pre2019 import PRE_2019_MARKERS, Pre2019, read_pre_2019
from gongkai.report.text import (
    has_digits,
    is_missing_mark,
    looks_numeric,
    normalise_label,
    parse_amount_10k_yuan,
    parse_number,
    to_simplified,
)

SECTION_KEYWORDS: dict[int, tuple[str, ...]] = {
    1: ("总体情况", "概述", "基本情况"),
    2: ("主动公开",),
    3: ("收到和处理", "依申请", "申请情况"),
    4: ("行政复议", "行政诉讼"),
    5: ("问题", "改进"),
    6: ("其他需要报告", "其他事项", "需要说明", "其他需要"),
}
_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_HEADING = re.compile(r"^(\()?([一二三四五六1-6])(?(1)\)|[,.:])(.{2,36})$")
#: A heading is at most 39 characters once normalised; twice that, before normalising, is prose.
_HEADING_MAX_RAW = 80
_SPACES = re.compile(r"\s+")
_ENUMERATION = re.compile(r"^(\(?[一二三四五六七八九十]+\)|\(\d+\)|[一二三四五六七八九十]+[,.]|\d+[.,]?)")
_NUMBERED_LEAF = re.compile(r"^(\d+)\.")


@dataclass(frozen=True, slots=True)
class UnreadableCell:
    """A cell that printed something other than a figure or a blank mark ("abc", "见说明", "约4566")."""

    text: str
    #: Where it is, in Chinese ("表三「（一）予以公开」行「自然人」列"), the file name first when known.
    place: str
    #: The row's figures were printed run together ("2159165" for three cells) and nothing decides the split.
    run_together: bool = False
    #: Why, when it is the row that cannot be read rather than the cell ("…有8个数字，多于该表的7列…").
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Reading:
    """What the assembler read: the report, and what it could not take as figures.

    ``unreadable`` maps a cell address to the text printed there (its value stays ``None``: it is
    neither a figure nor a blank, and must not be restored as if it were lost). ``tables_found``
    says which of tables 2, 3 and 4 (``active``, ``requests``, ``appeals``) were found at all.
    """

    report: AnnualReport
    unreadable: dict[str, UnreadableCell] = field(default_factory=dict)
    tables_found: dict[str, bool] | None = None
    #: Cells cut from figures printed run together where only a table identity decided the cut:
    #: address → the run as printed. The figure is kept, and marked as inferred wherever it is shown.
    inferred: dict[str, str] = field(default_factory=dict)
    #: Set for a report under the 2008 条例 (spec §8.2): the figures of its 统计表 that keep a meaning.
    #: Its ``report`` then carries only the title, agency and year: the old tables have no 2021 cells.
    pre_2019: Pre2019 | None = None
    #: Where the agency or year came from when the title did not give them ("正文第一段", "落款").
    meta_source: dict[str, str] = field(default_factory=dict)


def assemble(document_or_stream: Document | Iterable[Token], *, source: str | None = None) -> AnnualReport:
    """The report; a cell that is not a figure refuses it (``report.bad_number``), naming the cell.

    Use :func:`assemble_reading` to keep going and get such cells back instead.
    """
    reading = assemble_reading(document_or_stream, source=source)
    if reading.pre_2019 is not None:
        where = f"{source}：" if source else ""
        raise NotAnnualReportError(
            f"{where}这是2019年以前旧格式（2008年《条例》）的年度报告，没有现行格式的统计表，不能作为现行格式的报告使用；"
            "可用“gongkai report parse”读取其统计表中的申请数和答复数。",
            code="report.pre_2019",
            source=source,
            message_en="This is a pre-2019 annual report (2008 条例 format); its tables are not in today's format.",
        )
    for cell in reading.unreadable.values():
        if cell.reason:
            raise ReportError(
                cell.reason, code="report.too_many_values", place=cell.place, message_en=cell.reason
            )
        if cell.run_together:
            raise ReportError(
                f"{cell.place}的数字连在一起印为「{cell.text}」，无法确定各格的数字。",
                code="report.run_together",
                place=cell.place,
                message_en=f"{cell.place}: figures printed run together ({cell.text}); split undetermined.",
            )
        parse_number(cell.text, where=cell.place)  # raises, naming the cell
    return reading.report


def assemble_reading(document_or_stream: Document | Iterable[Token], *, source: str | None = None) -> Reading:
    tokens = (
        document_or_stream.tokens() if isinstance(document_or_stream, Document) else list(document_or_stream)
    )
    where = f"{source}：" if source else ""
    split = _split_sections(tokens)
    bad = _Marks()
    table3 = _read_table3(split.table_tokens(3), where, bad)
    if not table3.found and split.sections:  # tables collected after the prose, numbered 一、二、三 again
        table3 = _read_table3(tokens, where, bad)
    if not table3.found and _is_pre_2019(
        split
    ):  # a modern report may use old words in prose: table 3 decides
        return _pre_2019_reading(split, tokens)
    table2 = _read_table2(split.table_tokens(2), where, bad)
    if not table2.found and split.sections:
        table2 = _read_table2(tokens, where, bad)
    appeals = _read_table4(split.table_tokens(4), where, bad)
    if not appeals.found and split.sections:
        appeals = _read_table4(_after_table3(tokens), where, bad)
    # Figures that merely look like table 4 (fifteen numbers anywhere) are no evidence of a report.
    found_anything = table3.found or table2.found
    if not found_anything and not split.title_ok and len(split.sections) < 3:
        raise NotAnnualReportError(
            f"{where}这不是政府信息公开工作年度报告：既没有年度报告的标题和章节，也没有统计表。",
            code="report.not_annual_report",
            source=source,
            message_en=f"{source or 'The input'} is not an annual report on government information disclosure.",
        )
    report_format = table3.format
    if table3.format == "2019" and table2.found and table2.format == "2021":
        # Spec §8.1, mixed cases: a 2021 table 2 decides the report's format; the 2019 single row
        # （六）其他处理 of its table 3 is carried into the 2021 rows as far as it determines them.
        report_format = "2021"
        table3.cells = _single_other_as_2021(table3.cells, bad)
    table2_cells = table2.cells_for(report_format)
    carried_unreadable = {_carried_address(a, table2.format, report_format): c for a, c in bad.items()}
    unreadable = {a: c for a, c in carried_unreadable.items() if a is not None}
    carried_inferred = {_carried_address(a, table2.format, report_format): r for a, r in bad.inferred.items()}
    inferred = {a: r for a, r in carried_inferred.items() if a is not None}
    cells: dict[str, Value] = {**table2_cells, **table3.cells, **appeals.cells}
    report = AnnualReport(
        format=report_format,
        agency=split.agency,
        year=split.year,
        title=split.title,
        cells=cells,
        narrative=Narrative(
            general=split.narrative(1), problems=split.narrative(5), other=split.narrative(6)
        ),
    )
    found = {"active": table2.found, "requests": table3.found, "appeals": appeals.found}
    return Reading(report, unreadable, found, inferred, meta_source=dict(split.meta_source))


def _after_table3(tokens: Sequence[Token]) -> list[Token]:
    """Where a table 4 printed after the prose is: after table 3's last row (四、结转下年度继续办理) and
    from table 4's own header (结果维持 … 尚未审结) on; nothing when that header is not there (a fee table
    in section 六 is not table 4)."""
    last = None
    for n, token in enumerate(tokens):
        if isinstance(token, Line | CellToken) and "结转下年度" in token.text:
            last = n
    if last is None:
        return []
    header = next(
        (
            n
            for n, token in enumerate(tokens)
            if n >= last and isinstance(token, Line | CellToken) and "结果维持" in token.text
        ),
        None,
    )
    if header is None:
        return []
    start = next((n for n in range(header, len(tokens)) if isinstance(tokens[n], RowEnd)), header)
    return list(tokens[start + 1 :])


#: ``Reading.inferred``'s note for a 2021 row set to 0 because the 2019 single row （六）其他处理 is 0 there.
SINGLE_OTHER_ZERO = "（六）其他处理印为一行（2019年格式），该列为0"
_OTHER_2021 = ("other.no_correction", "other.no_fee", "other.other")


def _single_other_as_2021(cells: dict[str, Value], bad: _Marks) -> dict[str, Value]:
    """The 2019 single row （六）其他处理 in a 2021 report: its three 2021 rows are unknown, except that a
    0 in a column makes all three 0 there (counts cannot be negative); those are marked inferred."""
    carried: dict[str, Value] = {}
    for address, value in cells.items():
        if not address.startswith("requests.other."):
            carried[address] = value
            continue
        column = address.rsplit(".", 1)[1]
        for row in _OTHER_2021:
            target = request_address(row, column)
            if cells.get(target) is not None:
                continue  # the 2021 row was printed as well: it stands
            carried[target] = 0 if value == 0 else None
            if value == 0:
                bad.inferred[target] = SINGLE_OTHER_ZERO
        bad.pop(address, None)
    return carried


# ── Sections and title ────────────────────────────────────────────────────────────────────────


@dataclass
class _Split:
    preamble: list[Token] = field(default_factory=list)
    sections: dict[int, list[Token]] = field(default_factory=dict)
    title: str | None = None
    agency: str | None = None
    year: int | None = None
    title_ok: bool = False
    #: Where agency and year came from when not from the title: field → "正文第一段" / "落款".
    meta_source: dict[str, str] = field(default_factory=dict)

    def table_tokens(self, number: int) -> list[Token]:
        if self.sections:
            return self.sections.get(number, [])
        return self.preamble  # no headings at all (a bare table): search everything

    def narrative(self, number: int) -> str | None:
        texts = [t.text.strip() for t in self.sections.get(number, ()) if isinstance(t, Line | CellToken)]
        text = "\n".join(t for t in texts if t)
        return text or None

    def all_text(self) -> str:
        tokens = [*self.preamble, *(t for s in self.sections.values() for t in s)]
        return "".join(normalise_label(t.text) for t in tokens if isinstance(t, Line | CellToken))


def _split_sections(tokens: Sequence[Token]) -> _Split:
    split = _Split()
    current, bracketed = 0, None
    previous_line: str | None = None
    for token in tokens:
        if isinstance(token, Line | CellToken):
            heading = _heading_number(token.text, current, bracketed)
            if heading is not None:
                current, bracket = heading
                bracketed = bracket if bracketed is None else bracketed
                split.sections[current] = []
                continue
            if current == 0 and split.title is None and isinstance(token, Line):
                _read_title(split, token.text)
                if (  # a title wrapped over two lines
                    previous_line is not None
                    and len(previous_line) <= 30
                    and (split.title is None or split.agency is None)
                ):
                    _read_title(split, previous_line + token.text)
                previous_line = token.text
        (split.sections[current] if current else split.preamble).append(token)
    if split.agency is None or split.year is None:
        _metadata_from_text(split)
    return split


_SIGNATURE = re.compile(
    r"([\u4e00-\u9fff（）()]{2,30}?(?:人民政府办公室|人民政府|办公室|委员会|管理局|管委会|局|厅|委|办|中心|院))"
    r"[\s\u3000]*(\d{4}|[〇○零一二三四五六七八九]{4})年(\d{1,2}|[元一二三四五六七八九十]{1,3})月"
)
_YEAR_IN_TEXT = re.compile(r"(20[0-9]{2}|19[0-9]{2})年度?")


def _metadata_from_text(split: _Split) -> None:
    """Agency and year when the title does not give them: the first paragraph ("2023年，我局…") for
    the year, the signature block (agency and date at the end) for the agency; ``meta_source`` says where."""
    lines = [t.text for t in (*split.preamble, *split.sections.get(1, ())) if isinstance(t, Line)][:6]
    if split.year is None:
        for text in lines:
            match = _YEAR_IN_TEXT.search(text)
            if match:
                split.year = int(match.group(1))
                split.meta_source["year"] = "正文第一段"
                break
    if split.agency is None:
        last = [
            t.text
            for s in (split.sections.get(n, ()) for n in sorted(split.sections))
            for t in s
            if isinstance(t, Line)
        ][-3:]
        for text in reversed(last):
            match = _SIGNATURE.search(text[-80:])
            if match:
                split.agency = match.group(1)
                split.meta_source["agency"] = "落款"
                break


def _heading_number(text: str, current: int, bracketed: bool | None) -> tuple[int, bool] | None:
    """The section a heading line opens, if it is one: numeral and keyword must agree, numbers ascend."""
    if len(text) > _HEADING_MAX_RAW and len(_SPACES.sub("", text)) > _HEADING_MAX_RAW:
        return None  # a paragraph of prose: not worth normalising (OpenCC is slow on long text)
    heading = _heading(text)
    if heading is None:
        return None
    number, bracket = heading
    if bracketed is not None and bracket != bracketed:
        return None  # "（一）主要问题" inside 五 is a sub-heading once the report numbers sections "一、"
    if number <= current:
        return None
    return heading


def heading_number(text: str) -> int | None:
    """The section (1–6) a heading opens, from its numeral and its section's keyword; ``None`` if not one."""
    heading = _heading(text)
    return heading[0] if heading else None


@lru_cache(maxsize=1 << 14)
def _heading(text: str) -> tuple[int, bool] | None:
    """Section number and bracket style of a heading with its section's keyword, whatever comes before it."""
    match = _HEADING.match(normalise_label(text))
    if not match:
        return None
    numeral = match.group(2)
    number = _NUMERALS.get(numeral) or int(numeral)
    if not any(k in match.group(3) for k in SECTION_KEYWORDS[number]):
        return None
    return number, match.group(1) is not None


_TITLE = re.compile(
    r"^(.*?)([0-9〇○零一二三四五六七八九]{4})年?度?(.*?)(?:政府信息|政务)公开(?:工作)?(?:年度)?(?:工作)?(?:年度)?报告"
)
_TITLE_MAX = 60  # longer lines are prose that mentions a report ("现公布2023年度…年度报告如下…")
_CHINESE_DIGITS = str.maketrans("〇○零一二三四五六七八九", "000123456789")
#: What precedes the year in a title besides the agency: a letter's "关于(报送)", a crawler's "标题:".
_TITLE_NOISE = re.compile(r"^(标题|题目|title)\s*[:：]\s*|(关于报送|关于印发|关于公布|关于)$", re.I)


def _read_title(split: _Split, text: str) -> None:
    """Title, year and agency from the title line (…年度政府信息公开工作报告, …年政府信息公开工作年度报告,
    …年度政府信息公开报告, …政务公开工作年度报告), without a crawler's prefix or a cover letter's 关于."""
    compact = re.sub(r"\s+", "", text)
    simplified = to_simplified(compact)  # mirror sites publish traditional copies
    match = _TITLE.match(simplified)
    if not match or len(simplified) > _TITLE_MAX or not ("年度" in simplified or "工作报告" in simplified):
        return
    split.title = _TITLE_NOISE.sub("", compact)
    split.title_ok = True
    split.year = int(match.group(2).translate(_CHINESE_DIGITS))
    agency = _TITLE_NOISE.sub("", _TITLE_NOISE.sub("", match.group(1) or match.group(3))).strip("《》 ")
    split.agency = agency or None


def _is_pre_2019(split: _Split) -> bool:
    """Spec §8.2: reports under the 2008 条例 have no 第二十条 blocks, and use its words or predate 2019."""
    text = split.all_text()
    if "第二十条" in text:
        return False
    return any(m in text for m in PRE_2019_MARKERS) or (split.year is not None and split.year < 2019)


def _pre_2019_reading(split: _Split, tokens: Sequence[Token]) -> Reading:
    """A pre-2019 report: recognised and said to be one, its tables not mapped onto today's format."""
    text = "\n".join(t.text for t in tokens if isinstance(t, Line | CellToken))
    report = AnnualReport(
        agency=split.agency,
        year=split.year,
        title=split.title,
        narrative=Narrative(general=split.narrative(1)),
    )
    found = {"active": False, "requests": False, "appeals": False}
    return Reading(report, {}, found, pre_2019=read_pre_2019(text), meta_source=dict(split.meta_source))


# ── Reading rows of cells ─────────────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class _Item:
    text: str
    row: int
    positional: bool
    #: A table cell (not a line of running text): only cells can be figures gone wrong.
    cell: bool = True


def _items(tokens: Sequence[Token]) -> list[_Item]:
    """Cells with their row number; rows closed by ``RowEnd`` are positional."""
    rows: list[list[tuple[str, bool]]] = [[]]
    closed: list[bool] = []
    for token in tokens:
        if isinstance(token, RowEnd):
            closed.append(True)
            rows.append([])
        else:
            rows[-1].append((token.text, isinstance(token, CellToken)))
    closed.append(False)
    return [_Item(text, r, closed[r], cell) for r, row in enumerate(rows) for text, cell in row]


def _values_after(
    items: list[_Item],
    start: int,
    width: int,
    is_label: Callable[[str], bool],
    place: str,
    padding: int | None = None,
) -> tuple[list[str], int]:
    """Raw value cells following a label at ``start - 1``; returns them and the index after them.

    Positional rows keep empty cells (missing at their own column); sequences drop them. A cell
    that is neither a figure nor a label ("abc", "见说明", "约4566") is kept as a value at its own
    column, so the figures after it keep theirs; the caller reports it.
    """
    values: list[str] = []
    i = start
    row = items[start - 1].row
    positional = items[start - 1].positional
    while i < len(items) and items[i].row == row:
        text = items[i].text
        if not text.strip() and not positional:
            i += 1
            continue
        if not looks_numeric(text):
            if is_label(text) or _NUMBERED_LEAF.match(normalise_label(text)):
                break
            if not items[i].cell or (
                not positional and not _is_text_in_sequence(items, i, len(values), width, row)
            ):
                break  # running text (a heading after a one-row table) or a note: the row's figures end
        values.append(text)
        i += 1
    if positional:
        values = _trim_positional(values, width, padding)
    return values, i  # more than ``width``: the caller marks the row unreadable (``_too_many``)


def _too_many(values: list[str], width: int, place: str, addresses: Sequence[str], bad: _Marks) -> None:
    """A row with more figures than columns: which figure is the extra one cannot be told, so every cell
    of the row is unreadable (and says why); the rest of the report is read as usual."""
    reason = f"{place}有{len(values)}个数字，多于该表的{width}列，无法确定各数字所在的列。"
    _row_unreadable(" ".join(v.strip() or "（空）" for v in values), place, addresses, bad, reason=reason)


def _row_unreadable(
    printed: str,
    place: str,
    addresses: Sequence[str],
    bad: _Marks,
    *,
    reason: str | None = None,
    run_together: bool = False,
) -> None:
    """Every cell of a row that cannot be placed cell by cell, each quoting what the row printed."""
    for address in addresses:
        bad[address] = UnreadableCell(printed, place, run_together=run_together, reason=reason)


def _trim_positional(values: list[str], width: int, padding: int | None) -> list[str]:
    """A real table's row with more cells than figures: drop the empty cells that are not figures.

    Table 3 (``padding`` from ``_trailing_padding``): the grid's own trailing empty columns go first,
    then the empty cells of a row label merged over several columns (一、本年新收 spans three in the
    official layout), so that a lost first or last figure stays at its own column. Elsewhere (tables
    2 and 4, whose rows end in cells merged over the rest of the grid) trailing empties go first."""
    if padding is not None:
        while padding and len(values) > width and not values[-1].strip():
            values.pop()
            padding -= 1
        lead = 0
        while lead < len(values) - width and not values[lead].strip():
            lead += 1
        values = values[lead:]
    while len(values) > width and not values[-1].strip():
        values.pop()  # trailing empty cells of a wider grid
    if len(values) > width and all(not v.strip() for v in values[: len(values) - width]):
        values = values[len(values) - width :]
    return values


#: Text printed where a figure belongs is short ("见说明", "四千"); a longer line is a note or prose.
_TEXT_CELL_MAX = 8


def _is_text_in_sequence(items: list[_Item], i: int, taken: int, width: int, row: int) -> bool:
    """In a run of cells without row ends, is the non-figure cell at ``i`` a figure's place gone wrong?

    Yes when it is a table cell holding digits ("约4566"), or a short one standing among the row's
    figures: more figures follow it, or some came before it and the row is not yet full.
    """
    item = items[i]
    if not item.cell or taken >= width:
        return False
    if has_digits(item.text):
        return True
    if len(_SPACES.sub("", item.text)) > _TEXT_CELL_MAX:
        return False
    following = next((x for x in items[i + 1 :] if x.row == row and x.text.strip()), None)
    if following is not None and looks_numeric(following.text):
        return True
    return taken > 0


class _Marks(dict[str, UnreadableCell]):
    """Unreadable cells by address, and in ``inferred`` the cells whose cut only an identity decided."""

    def __init__(self) -> None:
        super().__init__()
        self.inferred: dict[str, str] = {}


def _number(
    text: str, place: str | Callable[[], str], address: str, bad: _Marks, amount: bool = False
) -> Value:
    """The cell's figure, or ``None`` with the cell recorded in ``bad`` when it prints something else.

    ``place`` (or a function making it, to spare building it per cell) names the cell. A cell cut
    from a run of figures (``RunCell``) is unreadable when the cut is undecided, and noted in
    ``bad.inferred`` when an identity decided it.
    """
    if isinstance(text, RunCell) and text.how != "line":
        if text.how == "unsplit":
            bad[address] = UnreadableCell(
                text.run, place if isinstance(place, str) else place(), run_together=True
            )
            return None
        bad.inferred[address] = text.run
    try:
        value = parse_amount_10k_yuan(text) if amount else parse_number(text)
    except ReportError:
        bad[address] = UnreadableCell(text.strip(), place if isinstance(place, str) else place())
        return None
    if isinstance(value, Decimal) and value == value.to_integral_value() and not amount:
        return int(value)
    return value


# ── Table 3 ───────────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class _Entry:
    key: str
    label: str
    is_group: bool
    norm: str = ""
    core: str = ""


def _entry(key: str, label: str, is_group: bool) -> _Entry:
    norm = normalise_label(label)
    core = _ENUMERATION.sub("", norm, count=1)
    return _Entry(key, label, is_group, norm, core)


def _table3_schema() -> list[_Entry]:
    groups = {
        "granted": "outcomes",
        "withheld.state_secret": "withheld",
        "unable.not_held": "unable",
        "not_processed.petition": "not_processed",
        "other.no_correction": "other",
    }
    schema = []
    for key, label in labels.REQUEST_ROWS.items():
        if key in groups:
            group = groups[key]
            schema.append(_entry(group, labels.REQUEST_GROUPS[group], True))
        schema.append(_entry(key, label, False))
    return schema


SCHEMA_3 = _table3_schema()
_LABEL_NORMS_3 = {e.norm for e in SCHEMA_3}


def _matches(norm: str, entry: _Entry) -> bool:
    if norm == entry.norm:
        return True
    core = _ENUMERATION.sub("", norm, count=1)
    if len(core) < 4 or len(entry.core) < 4:
        return False  # "其他", "总计" are column headers too: only the full label counts
    head = entry.core.split("(")[0]
    return core == entry.core or core.startswith(head) or entry.core.startswith(core)


def _find_entry(norm: str, schema: list[_Entry], pos: int) -> int | None:
    matching = (
        _matching_entries(norm)
        if schema is SCHEMA_3
        else tuple(n for n, entry in enumerate(schema) if _matches(norm, entry))
    )
    for index in matching:
        if index >= pos:
            return index
    numbered = _NUMBERED_LEAF.match(norm)
    if numbered and pos < len(schema):  # a reworded leaf: its number within the current group decides
        group = schema[pos].key.split(".")[0] if "." in schema[pos].key else None
        for index in range(pos, len(schema)):
            entry = schema[index]
            if entry.is_group or not entry.key.startswith(f"{group}."):
                break
            if entry.norm.startswith(f"{numbered.group(1)}."):
                return index
    return None


@dataclass
class _Table3:
    format: FormatName = "2021"
    cells: dict[str, Value] = field(default_factory=dict)
    found: bool = False


def _read_table3(tokens: Sequence[Token], where: str, bad: _Marks) -> _Table3:
    items = _items(tokens)
    padding = _trailing_padding(items)
    result = _Table3()
    pos, i = 0, 0
    rows: dict[str, list[str]] = {}
    while i < len(items):
        norm = normalise_label(items[i].text)
        index = _find_entry(norm, SCHEMA_3, pos) if norm else None
        if index is None:
            i += 1
            continue
        entry = SCHEMA_3[index]
        i += 1
        before = pos
        # A group label seen ahead of rows not yet read is a header cell ("本年度办理结果" over the
        # outcome columns), not the group's own row: it must not skip the rows before it.
        if not entry.is_group or index == pos:
            pos = index + 1
        if entry.is_group and entry.key == "other" and _is_2019_other(items, i):
            result.format = "2019"
            entry = _entry("other", labels.REQUEST_ROW_OTHER_2019[1], False)
            pos = next(n for n, e in enumerate(SCHEMA_3) if e.key == "total")
        if entry.is_group:
            continue
        place = f"{where}表三「{entry.label}」行"
        values, after = _values_after(items, i, len(REQUEST_COLUMN_KEYS), _is_table3_label, place, padding)
        if not values and index > before and not items[i - 1].positional:
            # A label with no figures of its own, ahead of rows not yet read: a fragment of a wrapped
            # label or a line drifted out of its table. It must not move past the rows that follow.
            pos = before
            continue
        i = after
        rows[entry.key] = values
        result.found = True
    for key, values in rows.items():
        if len(values) > len(REQUEST_COLUMN_KEYS):
            addresses = [request_address(key, c) for c in REQUEST_COLUMN_KEYS]
            _too_many(values, len(REQUEST_COLUMN_KEYS), f"{where}表三「{_row_label(key)}」行", addresses, bad)
            result.cells.update(dict.fromkeys(addresses))
            continue
        for n, column in enumerate(REQUEST_COLUMN_KEYS):
            text = values[n] if n < len(values) else ""
            address = request_address(key, column)
            result.cells[address] = _number(
                text, partial(_request_cell_place, where, key, column), address, bad
            )
    return result


def _trailing_padding(items: list[_Item]) -> int:
    """Empty cells that end every positional row holding a figure: columns of the grid beyond the
    table (a trailing ``| |``, an empty last ``<td>``), not lost figures. A row whose last cell is
    empty while other rows end in a figure has lost that figure."""
    trailing: dict[int, int] = {}
    figures: set[int] = set()
    for item in items:
        if not item.positional:
            continue
        if item.text.strip():
            trailing[item.row] = 0
            if looks_numeric(item.text):
                figures.add(item.row)
        else:
            trailing[item.row] = trailing.get(item.row, 0) + 1
    return min((trailing[r] for r in figures), default=0)


def _row_label(key: str) -> str:
    return labels.REQUEST_ROWS.get(key) or labels.REQUEST_ROW_OTHER_2019[1]


def _request_cell_place(where: str, key: str, column: str) -> str:
    return f"{where}表三「{_row_label(key)}」行「{labels.REQUEST_COLUMNS[column]}」列"


@lru_cache(maxsize=1 << 14)
def _matching_entries(norm: str) -> tuple[int, ...]:
    """Indices of the table-3 schema entries a normalised label matches, in schema order."""
    return tuple(n for n, entry in enumerate(SCHEMA_3) if _matches(norm, entry))


def _is_table3_label(text: str) -> bool:
    norm = normalise_label(text)
    return norm in _LABEL_NORMS_3 or bool(_matching_entries(norm))


def _is_2019_other(items: list[_Item], start: int) -> bool:
    """Spec §8.1: （六）其他处理 followed by figures, or directly by （七）总计, is the 2019 single row."""
    for item in items[start:]:
        if not item.text.strip():
            continue
        norm = normalise_label(item.text)
        return looks_numeric(item.text) or _matches(norm, SCHEMA_3[-2])
    return False


# ── Table 2 ───────────────────────────────────────────────────────────────────────────────────

_ROWS_2021: dict[str, tuple[str, ...]] = {
    labels.ACTIVE_RULES: tuple(f"active.rules.{c}" for c in ("issued", "repealed", "in_force")),
    labels.ACTIVE_NORMATIVE: tuple(
        f"active.normative_documents.{c}" for c in ("issued", "repealed", "in_force")
    ),
    "规范性文件": tuple(f"active.normative_documents.{c}" for c in ("issued", "repealed", "in_force")),
    labels.ACTIVE_LICENSING: ("active.licensing",),
    labels.ACTIVE_PENALTY: ("active.penalty",),
    labels.ACTIVE_COERCION: ("active.coercion",),
    labels.ACTIVE_FEES: ("active.fees_10k_yuan",),
}
_ROWS_2019: dict[str, tuple[str, ...]] = {
    "规章": tuple(f"active.rules.{c}" for c in ("made", "published", "total_public")),
    "规范性文件": tuple(f"active.normative_documents.{c}" for c in ("made", "published", "total_public")),
    "行政规范性文件": tuple(f"active.normative_documents.{c}" for c in ("made", "published", "total_public")),
    **{
        label: tuple(f"active.{key}.{c}" for c in ("previous_items", "change", "decisions"))
        for label, key in (
            ("行政许可", "licensing"),
            ("其他对外管理服务事项", "other_services"),
            ("行政处罚", "penalty"),
            ("行政强制", "coercion"),
        )
    },
    "行政事业性收费": ("active.fees.previous_items", "active.fees.change"),
    "政府集中采购": ("active.procurement.items", "active.procurement.amount_10k_yuan"),
}
#: The only table-2 figures that mean the same in both formats (spec §8.1).
_DECISIONS = {"licensing", "penalty", "coercion"}
#: Every label a table-2 row is printed under, in either format (readers use it to tell a row from prose).
TABLE2_ROW_LABELS: frozenset[str] = frozenset((*_ROWS_2021, *_ROWS_2019))


def table2_row_width(label: str, fmt: FormatName) -> int:
    """How many figures the table-2 row printed under ``label`` has in ``fmt`` (spec §2, §8.1)."""
    return len((_ROWS_2021 if fmt == "2021" else _ROWS_2019)[label])


@dataclass
class _Table2:
    format: FormatName = "2021"
    cells: dict[str, Value] = field(default_factory=dict)
    found: bool = False

    def cells_for(self, report_format: FormatName) -> dict[str, Value]:
        carried: dict[str, Value] = {}
        for address, value in self.cells.items():
            target = _carried_address(address, self.format, report_format)
            if target is not None:
                carried[target] = value
        return carried


def _carried_address(address: str, table_format: FormatName, report_format: FormatName) -> str | None:
    """Where a table-2 cell goes in a report of ``report_format`` (``None``: it does not carry over)."""
    if not address.startswith("active.") or table_format == report_format:
        return address
    key = address.split(".")[1]
    if key not in _DECISIONS:
        return None
    if report_format == "2021" and address.endswith(".decisions"):
        return f"active.{key}"
    if report_format == "2019" and address.count(".") == 1:
        return f"active.{key}.decisions"
    return None


def _read_table2(tokens: Sequence[Token], where: str, bad: _Marks) -> _Table2:
    items = _items(tokens)
    result = _Table2()
    joined = "".join(normalise_label(i.text) for i in items)
    if any(normalise_label(m) in joined for m in labels.ACTIVE_2019_MARKERS):
        result.format = "2019"
    rows = _ROWS_2021 if result.format == "2021" else _ROWS_2019
    by_norm = {normalise_label(label): addresses for label, addresses in rows.items()}
    i = 0
    while i < len(items):
        addresses = _table2_row(items[i].text, by_norm)
        i += 1
        if addresses is None:
            continue
        label = items[i - 1].text.strip()
        values, i = _values_after(
            items,
            i,
            len(addresses),
            lambda t: _table2_row(t, by_norm) is not None,
            f"{where}表二「{label}」行",
        )
        result.found = True
        if len(values) > len(addresses):
            _too_many(values, len(addresses), f"{where}表二「{label}」行", addresses, bad)
            result.cells.update(dict.fromkeys(addresses))
            continue
        if len(values) < len(addresses) and any(isinstance(v, RunCell) and v.how == "line" for v in values):
            # A row written as a plain line lost its blanks: which cell a figure belongs to is unknown.
            _row_unreadable(
                " ".join(v.strip() for v in values),
                f"{where}表二「{label}」行",
                addresses,
                bad,
                run_together=True,
            )
            result.cells.update(dict.fromkeys(addresses))
            continue
        for n, address in enumerate(addresses):
            text = values[n] if n < len(values) else ""
            place = f"{where}表二「{label}」行第{n + 1}个数字"
            result.cells[address] = _number(text, place, address, bad, amount=address.endswith("10k_yuan"))
    return result


def _table2_row(text: str, by_norm: dict[str, tuple[str, ...]]) -> tuple[str, ...] | None:
    norm = normalise_label(text)
    if norm in by_norm:
        return by_norm[norm]
    base = re.sub(r"\(.*?\)$", "", norm)  # "行政许可(件)"
    return by_norm.get(base)


# ── Table 4 ───────────────────────────────────────────────────────────────────────────────────


@dataclass
class _Table4:
    cells: dict[str, Value] = field(default_factory=dict)
    found: bool = False


def _read_table4(tokens: Sequence[Token], where: str, bad: _Marks) -> _Table4:
    items = _items(tokens)
    values = _positional_appeal_values(items)
    if values is None:
        values = _sequence_appeal_values(items)
    result = _Table4(found=any(v.strip() for v in values))
    addresses = [appeal_address(g, c) for g in APPEAL_GROUP_KEYS for c in APPEAL_COLUMN_KEYS]
    for n, address in enumerate(addresses):
        text = values[n] if n < len(values) else ""
        group, column = address.split(".")[1:]
        place = f"{where}表四「{labels.APPEAL_GROUPS[group]}·{labels.APPEAL_COLUMNS[column]}」"
        result.cells[address] = _number(text, place, address, bad)
    return result


_APPEAL_WIDTH = 15


def _positional_appeal_values(items: list[_Item]) -> list[str] | None:
    """In a real table, the 15 figures are the value cells of the first row that has figures.

    Leading label cells are dropped while the row is wider than 15; a text cell among the last 15
    stays at its column (it is reported, and the figures after it keep their places). A converter
    that cut table 4 into its three groups (one table of five figures each) is read on: rows of
    figures that follow are appended until the 15 are there. A row numbering the columns (1 2 3 …)
    is a header a converter invented, not figures.
    """
    collected: list[str] = []
    for row in _rows_of(items):
        if not row[0].positional:
            continue
        cells = [i.text for i in row if looks_numeric(i.text) or not i.text.strip()]
        if any(c.strip() and not is_missing_mark(c) for c in cells) or (
            len(cells) >= _APPEAL_WIDTH and any(c.strip() for c in cells)
        ):
            texts = [i.text for i in row]
            # Leading label cells ("行政复议情况") go; in a row shorter than 15 a leading text is a label too.
            while (
                texts
                and texts[0].strip()
                and not looks_numeric(texts[0])
                and (len(texts) > _APPEAL_WIDTH or len(texts) < _APPEAL_WIDTH)
            ):
                texts.pop(0)
            if _numbers_columns(texts):
                continue
            if not collected and len(texts) >= _APPEAL_WIDTH:
                return texts[-_APPEAL_WIDTH:]
            while texts and not texts[-1].strip() and len(texts) > 5:
                texts.pop()  # the grid's empty cells beyond a five-figure group
            collected += texts
            if len(collected) >= _APPEAL_WIDTH:
                return collected[:_APPEAL_WIDTH]
        elif collected:
            continue
    return collected or None


def _numbers_columns(texts: list[str]) -> bool:
    figures = [t.strip() for t in texts if t.strip()]
    return len(figures) >= 5 and figures == [str(n) for n in range(1, len(figures) + 1)]


def _sequence_appeal_values(items: list[_Item]) -> list[str]:
    """Cells without row ends: the first 15 figures, a text cell standing among them kept at its place."""
    values: list[str] = []
    for n, item in enumerate(items):
        if len(values) >= _APPEAL_WIDTH:
            break
        if not item.text.strip():
            continue
        if looks_numeric(item.text) or (
            values and _is_text_in_sequence(items, n, len(values), _APPEAL_WIDTH, item.row)
        ):
            values.append(item.text)
    return values


def _rows_of(items: list[_Item]) -> Iterator[list[_Item]]:
    row: list[_Item] = []
    for item in items:
        if row and item.row != row[0].row:
            yield row
            row = []
        row.append(item)
    if row:
        yield row
