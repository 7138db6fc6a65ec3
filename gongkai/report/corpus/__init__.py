"""A deterministic corpus of published-looking annual reports, each with its truth alongside.

``generate(out_dir, count=…, seed=…)`` writes ``NNNNN_<style><suffix>`` and ``NNNNN_<style>.truth.json``
(``render.json.report_to_dict`` of the report *as printed*, i.e. with lost cells null, plus a
``corpus`` entry: style, format family, and the true values of the lost cells). Item ``i`` depends only
on ``(seed, i)``, so a corpus can be regenerated or extended exactly. Core code: ``random.Random``
only, no hypothesis.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gongkai.report.corpus.reports import lose_cells, random_report
from gongkai.report.corpus.styles import STYLES, Style
from gongkai.report.model import AnnualReport, Value

TRUTH_SUFFIX = ".truth.json"


@dataclass(frozen=True, slots=True)
class Sample:
    """One generated file: its bytes, the report as printed, and the true values of lost cells."""

    index: int
    style: Style
    data: bytes
    printed: AnnualReport
    lost: dict[str, Value]

    @property
    def stem(self) -> str:
        return f"{self.index:05d}_{self.style.name}"


def make_sample(seed: int, index: int, style: Style) -> Sample:
    rng = random.Random(f"gongkai-corpus:{seed}:{index}")
    report = random_report(rng)
    printed, lost = lose_cells(rng, report)
    if not style.loses_cells:  # drawn all the same, so that every other style's items stay as they were
        printed, lost = report, {}
    return Sample(index, style, style.write(printed, rng), printed, lost)


def plan_styles(
    seed: int, count: int, *, styles: Sequence[str] | None = None, max_pdf: int | None = None
) -> list[Style]:
    """The style of every item: round-robin over ``styles``, PDFs capped at ``max_pdf`` (they are slow)."""
    chosen = [STYLES[name] for name in (styles or STYLES)]
    others = [s for s in chosen if s.kind != "pdf"] or chosen
    rng = random.Random(f"gongkai-corpus-plan:{seed}")
    plan, pdfs = [], 0
    for index in range(count):
        style = chosen[index % len(chosen)]
        if style.kind == "pdf" and max_pdf is not None and pdfs >= max_pdf:
            style = rng.choice(others)
        pdfs += style.kind == "pdf"
        plan.append(style)
    return plan


def truth_dict(sample: Sample) -> dict[str, Any]:
    from gongkai.report.render.json import json_number, report_to_dict

    truth = report_to_dict(sample.printed)
    truth["corpus"] = {
        "style": sample.style.name,
        "kind": sample.style.kind,
        "lost": {a: json_number(v) for a, v in sample.lost.items()},
    }
    return truth


def generate(
    out_dir: Path,
    *,
    count: int,
    seed: int = 0,
    styles: Sequence[str] | None = None,
    max_pdf: int | None = None,
    reuse: bool = True,
    on_item: Callable[[Path], None] | None = None,
) -> list[Path]:
    """Write ``count`` files (and their truths) into ``out_dir``; existing ones are kept when ``reuse``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, style in enumerate(plan_styles(seed, count, styles=styles, max_pdf=max_pdf)):
        path = write_item(out_dir, seed, index, style.name, reuse=reuse)
        paths.append(path)
        if on_item is not None:
            on_item(path)
    return paths


def write_item(out_dir: Path, seed: int, index: int, style_name: str, *, reuse: bool = True) -> Path:
    """Write item ``index`` (and its truth) unless both exist already; picklable for process pools."""
    style = STYLES[style_name]
    path = out_dir / f"{index:05d}_{style.name}{style.suffix}"
    truth = out_dir / f"{index:05d}_{style.name}{TRUTH_SUFFIX}"
    if not (reuse and path.exists() and truth.exists()):
        sample = make_sample(seed, index, style)
        path.write_bytes(sample.data)
        truth.write_text(json.dumps(truth_dict(sample), ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def truth_path(path: Path) -> Path:
    return path.with_name(path.name[: -len(path.suffix)] + TRUTH_SUFFIX)


def iter_corpus(out_dir: Path) -> Iterator[Path]:
    """The report files of a corpus directory, in order (truth files left out)."""
    for path in sorted(out_dir.iterdir()):
        if path.is_file() and not path.name.endswith(TRUTH_SUFFIX):
            yield path


__all__ = [
    "STYLES",
    "Sample",
    "Style",
    "generate",
    "iter_corpus",
    "make_sample",
    "plan_styles",
    "random_report",
    "truth_dict",
    "truth_path",
    "write_item",
]
