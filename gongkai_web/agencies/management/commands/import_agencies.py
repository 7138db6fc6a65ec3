from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai_web.agencies.importing import AgencyImportError, import_agencies


class Command(BaseCommand):
    help = "Import or update the agency directory from a CSV or XLSX file (all rows or none)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        if not file.exists():
            raise CommandError(f"找不到文件：{file}")
        try:
            agencies = import_agencies(file)
        except AgencyImportError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(f"已导入或更新 {len(agencies)} 个机关。")
