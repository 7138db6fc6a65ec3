"""Benchmark: reading speed of this checkout against an earlier revision, per format, in one run.

    .venv/bin/python bench/compare_revisions.py --base 5097692 [--corpus /tmp/gongkai-read-corpus] [--rounds 5]

The earlier revision is checked out once as a git worktree under /tmp. Each round reads the same files of a
generated corpus (``bench/read_reports.py`` makes it; styles the earlier revision did not know are left
out) once with each revision, alternating which goes first, each in its own process (the two packages
cannot share one); the best round per revision and format is kept, and the ratio new/old printed. The
machine is noisy: the ratio of best rounds taken side by side is the figure to read, not the seconds.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
console = Console(width=140)

_TIMER = r"""
import json, sys, time
from pathlib import Path
from gongkai.report.read import read_report
files = json.loads(sys.argv[1])
repeat = int(sys.argv[2])
by_kind = {}
for kind, names in files.items():
    datas = [(n, Path(n).read_bytes()) for n in names]
    for n, d in datas[:3]:
        read_report(d, name=n)  # warm caches and imports
    started = time.perf_counter()
    for _ in range(repeat):
        for n, d in datas:
            read_report(d, name=n)
    by_kind[kind] = (time.perf_counter() - started) / repeat
print(json.dumps(by_kind))  # the one line the parent process reads (its protocol, not a log)
"""


def worktree(rev: str) -> Path:
    path = Path("/tmp") / f"gongkai-base-{rev}"
    if not path.exists():
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(path), rev],
            check=True,
            capture_output=True,
        )
    return path


def corpus_files(directory: Path, skip_styles: set[str]) -> dict[str, list[str]]:
    sys.path.insert(0, str(ROOT))
    from gongkai.report.corpus import STYLES, iter_corpus

    files: dict[str, list[str]] = {}
    for path in iter_corpus(directory):
        style = path.stem.split("_", 1)[1]
        if style in skip_styles or style not in STYLES:
            continue
        files.setdefault(STYLES[style].kind, []).append(str(path))
    return files


def timed(tree: Path, files: dict[str, list[str]], repeat: int) -> dict[str, float]:
    out = subprocess.run(
        [str(ROOT / ".venv/bin/python"), "-c", _TIMER, json.dumps(files), str(repeat)],
        check=True,
        capture_output=True,
        text=True,
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
    )
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="the earlier revision (commit, tag or branch)")
    parser.add_argument("--corpus", type=Path, default=Path("/tmp/gongkai-read-corpus"))
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=4, help="passes over the files per round and revision")
    parser.add_argument(
        "--skip-style",
        action="append",
        default=["text_crawler"],
        help="styles the base cannot read (default: text_crawler)",
    )
    args = parser.parse_args()
    base = worktree(args.base)
    files = corpus_files(args.corpus, set(args.skip_style))
    best: dict[str, dict[str, float]] = {"old": {}, "new": {}}
    for n in range(args.rounds):
        order = (("old", base), ("new", ROOT)) if n % 2 == 0 else (("new", ROOT), ("old", base))
        for label, tree in order:
            for kind, seconds in timed(tree, files, args.repeat).items():
                best[label][kind] = min(seconds, best[label].get(kind, seconds))
        console.print(f"round {n + 1}/{args.rounds} done")
    table = Table(title=f"读取速度：当前代码与 {args.base} 对比（同一次运行，各取最好一轮）")
    for column in ("格式", "份数", f"{args.base} 份/秒", "当前 份/秒", "耗时比 新/旧"):
        table.add_column(column, justify="right")
    for kind, names in files.items():
        old, new = best["old"][kind], best["new"][kind]
        table.add_row(
            kind, str(len(names)), f"{len(names) / old:.1f}", f"{len(names) / new:.1f}", f"{new / old:.2f}×"
        )
    console.print(table)


if __name__ == "__main__":
    main()
