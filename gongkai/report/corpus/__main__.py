"""``python -m gongkai.report.corpus OUT_DIR --count N --seed S``: write a corpus with its truths."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from gongkai.report.corpus import STYLES, generate


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m gongkai.report.corpus", description="生成带真值的随机年度报告语料（多种发布样式）。"
    )
    parser.add_argument("out_dir", type=Path, help="输出目录")
    parser.add_argument("--count", type=int, default=100, help="报告份数")
    parser.add_argument("--seed", type=int, default=0, help="随机种子（同一种子生成同样的语料）")
    parser.add_argument("--styles", default=",".join(STYLES), help=f"样式，逗号分隔：{','.join(STYLES)}")
    parser.add_argument("--max-pdf", type=int, default=None, help="PDF最多份数（生成PDF较慢）")
    args = parser.parse_args(argv)
    styles = [s for s in args.styles.split(",") if s]
    unknown = [s for s in styles if s not in STYLES]
    if unknown:
        parser.error(f"未知样式：{'、'.join(unknown)}")
    columns = (TextColumn("生成语料"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns) as progress:
        task = progress.add_task("corpus", total=args.count)
        generate(
            args.out_dir,
            count=args.count,
            seed=args.seed,
            styles=styles,
            max_pdf=args.max_pdf,
            on_item=lambda _: progress.advance(task),
        )
    print(f"已写入 {args.count} 份报告及其真值到 {args.out_dir}")


if __name__ == "__main__":
    main()
