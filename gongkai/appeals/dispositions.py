"""The one table that maps a legal disposition to a column of table 4 (annual-report format §4).

The table is data (``gongkai/data/table4_mapping.json``): versions, each with an id, the date from
which it applies (to decisions made on or after it), its sources, and one row per (kind, disposition):
the column (``upheld`` 结果维持 / ``corrected`` 结果纠正 / ``other`` 其他结果) and the article the
disposition rests on. A case without a decision by the end of the year is 尚未审结 (``pending``), which
is not a disposition. Version 2021.1 cites the 行政复议法 of 2017 and its 实施条例; 2024.1 the 2023
revision in force from 2024-01-01 (its 第九十条). 行政诉讼法 is the same in both.

Why 驳回 counts as 结果维持: the format's §4 note ("其他结果 covers … rejection of the request", recalled
practice) would leave a lawsuit no way to be 维持 at all, since the 2014 revision of the 行政诉讼法 replaced
the 维持判决 with 判决驳回原告诉讼请求 (第六十九条); the seed's 308 and 145 upheld lawsuits are those. So
the merits rejections (驳回行政复议请求, 判决驳回诉讼请求) are 结果维持, and the procedural ends (驳回申请,
裁定驳回起诉, 撤回, 终止) 其他结果, with 调解 and 和解."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from gongkai import labels
from gongkai.errors import GongkaiError

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "table4_mapping.json"
#: The columns a disposition may map to; ``pending`` is the absence of one by the year's end.
DECIDED_COLUMNS = ("upheld", "corrected", "other")
PENDING = "pending"
KINDS = tuple(labels.APPEAL_KINDS)


class DispositionError(GongkaiError):
    """A disposition the table in force does not know, or a mapping file that is not well formed."""

    code = "appeals.disposition"


@dataclass(frozen=True, slots=True)
class MappingRow:
    kind: str  # review / litigation
    disposition: str  # a key of labels.DISPOSITIONS
    column: str  # upheld / corrected / other
    basis: str  # the article

    @property
    def label(self) -> str:
        return labels.DISPOSITIONS[self.disposition]

    @property
    def column_label(self) -> str:
        return labels.APPEAL_COLUMNS[self.column]


@dataclass(frozen=True, slots=True)
class MappingVersion:
    version: str
    effective_from: dt.date
    basis: str
    rows: tuple[MappingRow, ...]

    def row(self, kind: str, disposition: str) -> MappingRow:
        for row in self.rows:
            if row.kind == kind and row.disposition == disposition:
                return row
        raise DispositionError(
            f"处理结果对照表第{self.version}版没有{labels.APPEAL_KINDS.get(kind, kind)}的处理结果"
            f"“{labels.DISPOSITIONS.get(disposition, disposition)}”。",
            code="appeals.unknown_disposition",
            kind=kind,
            disposition=disposition,
            version=self.version,
        )

    def dispositions(self, kind: str) -> tuple[MappingRow, ...]:
        return tuple(row for row in self.rows if row.kind == kind)


def _bad(problem: str) -> DispositionError:
    return DispositionError(f"处理结果对照表文件有误：{problem}。", code="appeals.bad_mapping_file")


def _row(raw: dict[str, str]) -> MappingRow:
    row = MappingRow(raw["kind"], raw["disposition"], raw["column"], raw["basis"])
    if row.kind not in KINDS or row.disposition not in labels.DISPOSITIONS:
        raise _bad(f"未知的案件类别或处理结果 {row.kind}/{row.disposition}")
    if row.column not in DECIDED_COLUMNS:
        raise _bad(f"{row.disposition} 对应的栏目 {row.column} 不是结果维持、结果纠正或其他结果")
    return row


def parse_versions(raw: dict[str, Any]) -> tuple[MappingVersion, ...]:
    """The versions of the file's contents, oldest first; each (kind, disposition) once per version."""
    versions = []
    for item in raw["versions"]:
        rows = tuple(_row(r) for r in item["rows"])
        keys = [(r.kind, r.disposition) for r in rows]
        if len(set(keys)) != len(keys):
            raise _bad(f"第{item['version']}版有重复的处理结果")
        versions.append(
            MappingVersion(
                item["version"], dt.date.fromisoformat(item["effective_from"]), item["basis"], rows
            )
        )
    versions.sort(key=lambda v: v.effective_from)
    return tuple(versions)


@cache
def versions() -> tuple[MappingVersion, ...]:
    return parse_versions(json.loads(DATA_FILE.read_text(encoding="utf-8")))


def version_on(day: dt.date) -> MappingVersion:
    """The version in force for a decision made on ``day``."""
    found = [v for v in versions() if v.effective_from <= day]
    if not found:
        raise DispositionError(
            f"{day:%Y-%m-%d}早于处理结果对照表的最早版本（{versions()[0].effective_from:%Y-%m-%d}）。",
            code="appeals.no_mapping_version",
            day=day,
        )
    return found[-1]


def current_version(today: dt.date) -> MappingVersion:
    return version_on(today)


def column_for(kind: str, disposition: str | None, decided_on: dt.date | None, *, as_of: dt.date) -> str:
    """Table 4's column of a case as of ``as_of`` (the report's 31 December): ``pending`` when it had
    no decision by then, else the column of its disposition in the version in force on its decision day."""
    if decided_on is None or disposition is None or decided_on > as_of:
        return PENDING
    return version_on(decided_on).row(kind, disposition).column


def check_disposition(kind: str, disposition: str, decided_on: dt.date) -> MappingRow:
    """The row of a disposition about to be recorded (refused when the version in force lacks it)."""
    return version_on(decided_on).row(kind, disposition)
