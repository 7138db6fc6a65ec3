"""The ``gongkai`` command line (typer + rich).

Exit codes follow one convention across commands: 0 fine, 1 the input has problems
(findings, an invalid identifier), 2 the input could not be used at all.
"""

from __future__ import annotations

import typer

from gongkai.cli import report, statute

app = typer.Typer(no_args_is_help=True, add_completion=False, help="gongkai：政府信息公开工具")
app.add_typer(report.app, name="report", help="年度报告：解析、校验、渲染、汇总")
statute.register(app)


def main() -> None:
    app()
