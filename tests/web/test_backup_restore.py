"""Durability (issue 11, item 7): ``manage.py backup`` → wipe → ``manage.py restore`` gives back every
row of every table and every byte of every uploaded file, on SQLite and on PostgreSQL (bin/test runs
this file on both). A damaged archive, another database vendor's archive, or one from newer code is
refused before anything changes. Uploads are written atomically: a failure mid-write leaves no
half file under the name.

The tests are transactional (``transaction=True``): pg_dump and psql are other processes and must see
committed rows. MEDIA_ROOT is a temporary directory in every test."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import sys
import tarfile

import pytest
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from gongkai_web.agencies.models import Agency
from gongkai_web.applications import services
from gongkai_web.applications.models import Attachment, Letter
from gongkai_web.applications.uploads import check_upload
from gongkai_web.backups import archive

from .fixtures import clock_at, make_agency

pytestmark = pytest.mark.django_db(transaction=True)

PROOF = b"%PDF-1.4 \xe5\xbc\xa0\xe4\xb8\x89\xe7\x9a\x84\xe8\xba\xab\xe4\xbb\xbd\xe8\xaf\x81 scan " + bytes(
    range(256)
)
OTHER_VENDOR = {"sqlite": "postgresql", "postgresql": "sqlite"}


@pytest.fixture
def media(settings, tmp_path):
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def records(world, media):
    """The world's applications with an uploaded identity proof, a rendered receipt (DOCX bytes in the
    database), a reply letter, and a file nobody points to."""
    check_upload(SimpleUploadedFile("张三身份证.pdf", PROOF), "identity").save_for(world.app_a)
    world.app_a.letters.get(kind="receipt").docx
    services.reply_application(
        world.app_a,
        outcome="granted",
        decided_on=dt.date(2025, 11, 10),
        actor=world.lisi,
        clock=clock_at(dt.date(2025, 11, 10)),
    )
    (media / "notes").mkdir()
    (media / "notes" / "交接说明.txt").write_bytes("备份也要带上它".encode())
    return world


def database_snapshot() -> dict[str, list[tuple]]:
    """Every row of every table (django_migrations and the axes/otp tables included), in raw SQL."""
    snapshot = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows = [
                tuple(bytes(v) if isinstance(v, memoryview) else v for v in row) for row in cursor.fetchall()
            ]
            snapshot[table] = sorted(rows, key=repr)
    return snapshot


def media_snapshot(root) -> dict[str, bytes]:
    """Every file under MEDIA_ROOT, hidden ones included."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def backup(path) -> None:
    call_command("backup", output=str(path), stdout=io.StringIO())


def restore(path, **options) -> str:
    out = io.StringIO()
    call_command("restore", str(path), stdout=out, **options)
    return out.getvalue()


def rewritten(source, target, change) -> None:
    """A copy of an archive whose manifest ``change`` edits (with a correct manifest checksum)."""
    with tarfile.open(source) as old:
        members = {m.name: old.extractfile(m).read() for m in old}
    manifest = json.loads(members.pop(archive.MANIFEST))
    members.pop(archive.MANIFEST_DIGEST)
    renames = change(manifest) or {}
    data = json.dumps(manifest).encode()
    members |= {archive.MANIFEST: data, archive.MANIFEST_DIGEST: hashlib.sha256(data).hexdigest().encode()}
    with tarfile.open(target, "w") as new:
        for name, body in members.items():
            info = tarfile.TarInfo(renames.get(name, name))
            info.size = len(body)
            new.addfile(info, io.BytesIO(body))


def assert_unchanged(before_db, before_media, media):
    assert database_snapshot() == before_db
    assert media_snapshot(media) == before_media
    assert not [p for p in media.iterdir() if p.name.startswith(".gongkai-")]  # no unpacked copy left behind


# ── backup → wipe → restore ───────────────────────────────────────────────────────────────────────


def test_backup_then_wipe_then_restore_gives_back_every_row_and_every_file(records, media, tmp_path):
    before_db, before_media = database_snapshot(), media_snapshot(media)
    # The snapshot is not vacuous: the upload, the rendered letter and the migrations are in it.
    assert len(before_db["applications_attachment"]) == 1 and len(before_db["applications_letter"]) == 3
    assert Letter.objects.filter(docx_cache__isnull=False).count() == 1
    assert len(before_db["django_migrations"]) > 10
    assert PROOF in before_media.values() and len(before_media) == 2
    path = tmp_path / "backups" / "gongkai.tar.gz"
    backup(path)

    call_command("flush", "--no-input")  # every table emptied (content types and permissions recreated)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM django_migrations WHERE app = 'applications'")
    for file in media.rglob("*"):
        if file.is_file():
            file.unlink()
    make_agency("备份之后才建的机关")
    (media / "attachments" / "stray.pdf").write_bytes(b"%PDF-1.4 not in the backup")
    assert database_snapshot() != before_db

    output = restore(path, yes=True)
    assert database_snapshot() == before_db
    assert media_snapshot(media) == before_media
    assert "恢复完成" in output and "未执行" not in output
    # The restored platform works on: the attachment opens, the next letter takes the next number.
    attachment = Attachment.objects.get()
    with attachment.file.open("rb") as handle:
        assert handle.read() == PROOF
    services.reply_application(
        records.app_b,
        outcome="granted",
        decided_on=dt.date(2025, 11, 10),
        actor=records.wangwu,
        clock=clock_at(dt.date(2025, 11, 10)),
    )
    assert Letter.objects.count() == 4


def test_the_archive_is_private_and_its_manifest_lists_every_file_and_every_table(records, media, tmp_path):
    path = tmp_path / "gongkai.tar"
    backup(path)
    assert path.stat().st_mode & 0o777 == 0o600  # it holds identity proofs: readable by its owner only
    with tarfile.open(path) as tar:
        manifest = json.loads(tar.extractfile(archive.MANIFEST).read())
        names = tar.getnames()
    assert manifest["vendor"] == connection.vendor
    proof = Attachment.objects.get().file.name
    assert {
        "path": f"media/{proof}",
        "size": len(PROOF),
        "sha256": hashlib.sha256(PROOF).hexdigest(),
    } in manifest["files"]
    assert sorted(names) == sorted(
        [
            archive.DATABASE_MEMBERS[connection.vendor],
            "media/notes/交接说明.txt",
            f"media/{proof}",
            archive.MANIFEST,
            archive.MANIFEST_DIGEST,
        ]
    )
    table = "applications_letter" if connection.vendor == "sqlite" else "public.applications_letter"
    assert manifest["tables"][table] == 3
    assert manifest["latest_migrations"]["applications"] in manifest["migrations"]["applications"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM django_migrations WHERE app = 'applications' ORDER BY id")
        assert manifest["migrations"]["applications"] == [row[0] for row in cursor.fetchall()]


def test_the_check_option_verifies_an_archive_and_changes_nothing(records, media, tmp_path):
    path = tmp_path / "gongkai.tar.gz"
    backup(path)
    Agency.objects.create(code="later", name="备份之后新增的机关", level="county", kind="county_department")
    before_db, before_media = database_snapshot(), media_snapshot(media)
    assert "校验通过" in restore(path, check=True)
    assert_unchanged(before_db, before_media, media)


def test_restoring_a_backup_older_than_the_code_says_which_migrations_to_run(records, media, tmp_path):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, app, name, applied FROM django_migrations WHERE app = 'applications' ORDER BY id DESC"
        )
        latest = cursor.fetchone()
        cursor.execute("DELETE FROM django_migrations WHERE id = %s", [latest[0]])
    try:
        path = tmp_path / "older.tar.gz"
        backup(path)  # as if made before the latest migration of the applications app
        output = restore(path, yes=True)
        assert "manage.py migrate" in output and f"applications.{latest[2]}" in output
    finally:
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM django_migrations WHERE app = %s AND name = %s", [latest[1], latest[2]]
            )
            cursor.execute(
                "INSERT INTO django_migrations (id, app, name, applied) VALUES (%s, %s, %s, %s)", latest
            )


# ── refused before anything changes ───────────────────────────────────────────────────────────────


def _flip_a_byte_of_the_proof(source, target):
    data = bytearray(source.read_bytes())
    at = data.index(PROOF)
    data[at + 20] ^= 0xFF
    target.write_bytes(bytes(data))


def _cut_in_half(source, target):
    data = source.read_bytes()
    target.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize(
    ("suffix", "damage"),
    [(".tar", _flip_a_byte_of_the_proof), (".tar.gz", _cut_in_half)],
    ids=["a flipped byte in an uploaded file", "a truncated archive"],
)
def test_a_damaged_archive_is_refused_and_nothing_changes(records, media, tmp_path, suffix, damage):
    good, bad = tmp_path / f"good{suffix}", tmp_path / f"bad{suffix}"
    backup(good)
    damage(good, bad)
    make_agency("备份之后新增的机关")  # the current data differ from the backup: a restore would show
    (media / "later.pdf").write_bytes(b"%PDF-1.4 added after the backup")
    before_db, before_media = database_snapshot(), media_snapshot(media)
    with pytest.raises(CommandError, match="已损坏或不完整.*没有任何改动"):
        restore(bad, yes=True)
    assert_unchanged(before_db, before_media, media)
    restore(good, yes=True)  # the intact archive of the same moment is accepted
    assert (
        not Agency.objects.filter(name="备份之后新增的机关").exists() and not (media / "later.pdf").exists()
    )


def test_an_archive_of_the_other_database_vendor_is_refused(records, media, tmp_path):
    good, foreign = tmp_path / "good.tar", tmp_path / "foreign.tar"
    backup(good)
    other = OTHER_VENDOR[connection.vendor]

    def other_vendor(manifest):
        old = manifest["database"]["path"]
        manifest["vendor"], manifest["database"]["path"] = other, archive.DATABASE_MEMBERS[other]
        return {old: archive.DATABASE_MEMBERS[other]}

    rewritten(good, foreign, other_vendor)
    make_agency("备份之后新增的机关")
    before_db, before_media = database_snapshot(), media_snapshot(media)
    with pytest.raises(CommandError, match=f"来自 {archive.VENDOR_NAMES[other]} 数据库.*不能互相恢复"):
        restore(foreign, yes=True)
    assert_unchanged(before_db, before_media, media)


def test_an_archive_from_newer_code_is_refused(records, media, tmp_path):
    good, newer = tmp_path / "good.tar", tmp_path / "newer.tar"
    backup(good)
    rewritten(
        good, newer, lambda manifest: manifest["migrations"]["applications"].append("9999_from_the_future")
    )
    make_agency("备份之后新增的机关")
    before_db, before_media = database_snapshot(), media_snapshot(media)
    with pytest.raises(CommandError, match="更新版本.*applications.9999_from_the_future"):
        restore(newer, yes=True)
    assert_unchanged(before_db, before_media, media)


@pytest.mark.parametrize("answer", [None, "no"], ids=["not on a terminal", "the operator answers no"])
def test_a_restore_without_yes_asks_first_and_changes_nothing_unless_confirmed(
    records, media, tmp_path, monkeypatch, answer
):
    path = tmp_path / "gongkai.tar.gz"
    backup(path)
    make_agency("备份之后新增的机关")
    before_db, before_media = database_snapshot(), media_snapshot(media)
    stdin = io.StringIO("")
    if answer is not None:
        stdin.isatty = lambda: True
        monkeypatch.setattr("builtins.input", lambda prompt: answer)
    monkeypatch.setattr(sys, "stdin", stdin)
    with pytest.raises(CommandError, match="--yes" if answer is None else "已取消"):
        restore(path)
    assert_unchanged(before_db, before_media, media)


def test_a_failed_backup_leaves_no_archive_behind(records, media, tmp_path, monkeypatch):
    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(archive, "_add_file", disk_full)
    path = tmp_path / "out" / "gongkai.tar.gz"
    with pytest.raises(CommandError, match="No space left on device.*没有留下不完整的备份文件"):
        backup(path)
    assert list((tmp_path / "out").iterdir()) == []


# ── uploads are stored atomically ────────────────────────────────────────────────────────────────


class FailingUpload(File):
    """A client that hangs up (or a disk that fills) after the first part of the file."""

    def __init__(self):
        super().__init__(io.BytesIO(), name="身份证.pdf")

    def chunks(self, chunk_size=None):
        yield b"%PDF-1.4 first half of the scan"
        raise OSError(28, "No space left on device")


def test_an_upload_that_fails_midway_leaves_no_file_under_its_name_or_anywhere(media):
    with pytest.raises(OSError, match="No space left"):
        default_storage.save("attachments/2025/11/身份证.pdf", FailingUpload())
    assert not (media / "attachments" / "2025" / "11" / "身份证.pdf").exists()
    assert [p for p in media.rglob("*") if p.is_file()] == []


def test_saved_uploads_keep_their_bytes_and_a_taken_name_gets_a_new_one(media):
    first = default_storage.save("attachments/证明.pdf", ContentFile(b"%PDF-1.4 first"))
    second = default_storage.save("attachments/证明.pdf", ContentFile(b"%PDF-1.4 second"))
    temporary = TemporaryUploadedFile("大文件.pdf", "application/pdf", 0, None)
    temporary.write(b"%PDF-1.4 spooled to disk by Django")
    temporary.flush()
    third = default_storage.save("attachments/大文件.pdf", temporary)
    text = default_storage.save("notes/说明.txt", ContentFile("中文说明"))
    assert first == "attachments/证明.pdf" and second != first and second.startswith("attachments/证明_")
    assert (media / first).read_bytes() == b"%PDF-1.4 first" and (
        media / second
    ).read_bytes() == b"%PDF-1.4 second"
    assert (media / third).read_bytes() == b"%PDF-1.4 spooled to disk by Django"
    assert (media / text).read_text(encoding="utf-8") == "中文说明"
    assert (
        sorted(p.name for p in media.rglob("*") if p.is_file() and p.name.startswith(".")) == []
    )  # no temp files
    umask = os.umask(0)
    os.umask(umask)
    assert (media / first).stat().st_mode & 0o777 == 0o666 & ~umask  # as Django's own storage creates files
