"""``manage.py restore 备份文件 [--yes] [--check]``: replace the database and the uploaded files with a
backup's, after checking every byte of it against its manifest (backups/archive.py)."""

import sys
from contextlib import ExitStack
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from gongkai_web.backups import archive
from gongkai_web.backups.progress import console_progress

from .backup import size


class Command(BaseCommand):
    help = (
        "Restore the database and the uploaded files from a backup made by manage.py backup "
        "(checked against its manifest first; the current data are replaced)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="the backup archive")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")
        parser.add_argument(
            "--check",
            action="store_true",
            help="only check the archive (checksums, vendor, migrations); change nothing",
        )

    def handle(self, *args, path: Path, yes: bool, check: bool, **options):
        try:
            with ExitStack() as stack:
                with console_progress(self.stdout) as progress:
                    staged = stack.enter_context(archive.open_backup(path, progress=progress))
                self.stdout.write(self._summary(staged))
                if check:
                    self.stdout.write("校验通过：备份完整，可以恢复到当前配置的数据库。未作任何改动。")
                    return
                if not yes:
                    self._confirm()
                with console_progress(self.stdout) as progress:
                    result = staged.restore(progress=progress)
        except archive.BackupError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(
            f"恢复完成：{archive.describe_database()} 与文件目录 {settings.MEDIA_ROOT} 已与备份一致，"
            "各表行数与备份清单相符。"
        )
        if result.dropped_tables:
            self.stdout.write(f"已删除备份中没有的表：{'、'.join(result.dropped_tables)}。")
        if result.pending_migrations:
            self.stdout.write(
                f"注意：这份备份早于当前代码，还有 {len(result.pending_migrations)} 个迁移未执行"
                f"（{'、'.join(result.pending_migrations[:5])}{' 等' if len(result.pending_migrations) > 5 else ''}）：请运行 manage.py migrate，再启动平台。"
            )
        else:
            self.stdout.write("若平台正在运行，请重启其工作进程。")

    def _summary(self, staged: archive.StagedBackup) -> str:
        manifest = staged.manifest
        created = parse_datetime(manifest.get("created_at") or "")
        when = timezone.localtime(created).strftime("%Y-%m-%d %H:%M:%S") if created else "未知时间"
        return (
            f"备份 {staged.path}：创建于 {when}，{archive.VENDOR_NAMES[manifest['vendor']]} 数据库 "
            f"{len(manifest['tables'])} 张表、共 {manifest['rows']} 行，文件 {len(manifest['files'])} 个"
            f"（{size(manifest['file_bytes'])}），校验和全部相符。"
        )

    def _confirm(self) -> None:
        target = f"{archive.describe_database()} 和文件目录 {settings.MEDIA_ROOT}"
        if not sys.stdin.isatty():
            raise CommandError(
                f"恢复会用备份替换 {target} 中的全部现有数据。确认无误后请加 --yes 再运行"
                "（不在终端上运行时不会询问）。未作任何改动。"
            )
        answer = input(f"恢复会用备份替换 {target} 中的全部现有数据，无法撤销。输入 yes 继续：")
        if answer.strip().lower() != "yes":
            raise CommandError("已取消恢复，未作任何改动。")
