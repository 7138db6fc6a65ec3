"""Reports under the 2008 条例 (2008–2018): recognised as such, with the figures that keep a meaning.

Spec §8.2: these reports have no 第二十条 tables; their statistics come as a vertical 统计表 of
指标名称 / 计量单位 / 本年度 (and often 历年累计). Two of its rows mean what the 2021 table 3 counts:
受理…申请总数 (the applications received in the year, 本年新收) and 对申请的答复总数 (the applications
answered, i.e. concluded). They are read only where labelled plainly and only from the year's column —
never from 历年累计 — and a figure run together with its 历年累计 neighbour is split only where the
digits decide it (``gongkai.report.runs``); otherwise it stays unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongkai.report.runs import split_run

#: Words of the old format (spec §8.2) that a 2019 or 2021 report does not use in its tables.
PRE_2019_MARKERS = ("同意公开", "否决公开", "免予公开", "申诉", "历年累计")

_RECEIVED = re.compile(r"受理[^。；，,\d]{0,16}?申请[^。；，,\d]{0,6}?总数|受理[^。；，,\d]{0,12}?信息总数")
_ANSWERED = re.compile(r"对申请的答复总?数")
_FIGURES = re.compile(r"^\s*(?:[条件个项次]\s*)?([0-9][0-9 \u3000]*)")
_NEXT_ITEM = re.compile(r"\d$")

FIGURE_LABELS = {"applications_received": "受理申请总数", "applications_answered": "对申请的答复总数"}


@dataclass(frozen=True, slots=True)
class Pre2019:
    """What a pre-2019 report's 统计表 says, where it says it plainly (``None``: not printed or not readable)."""

    applications_received: int | None = None
    applications_answered: int | None = None
    #: Figure name → the text printed where it could not be read ("0 02" run together, a cut-off table).
    unreadable: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {
            "applications_received": self.applications_received,
            "applications_answered": self.applications_answered,
            "unreadable": dict(self.unreadable),
        }


def read_pre_2019(text: str) -> Pre2019:
    """The year's figures of the 统计表 in ``text`` (the report's text, lines joined by newlines)."""
    two_columns = "历年累计" in text
    values: dict[str, int | None] = {}
    unreadable: dict[str, str] = {}
    for name, pattern in (("applications_received", _RECEIVED), ("applications_answered", _ANSWERED)):
        value, printed = _figure_after(text, pattern, 2 if two_columns else 1)
        values[name] = value
        if value is None and printed:
            unreadable[name] = printed
    return Pre2019(values["applications_received"], values["applications_answered"], unreadable)


def _figure_after(text: str, pattern: re.Pattern[str], columns: int) -> tuple[int | None, str]:
    """The figure of the year's column after the last plain label (the 统计表 comes after the prose)."""
    matches = list(pattern.finditer(text))
    for match in reversed(matches):
        after = text[match.end() : match.end() + 40]
        figures = _FIGURES.match(after)
        if figures is None:
            continue
        run = figures.group(1).rstrip()
        rest = after[figures.end() :]
        if rest[:1] in ("、", ".", "．") and _NEXT_ITEM.search(run):
            run = run[:-1].rstrip()  # "…总数 条 0 02、政府公报": the 2 numbers the next item
        parts = split_run(run, columns) if run else None
        if parts is None:
            return None, run
        return int(parts[0]), run
    return None, ""
