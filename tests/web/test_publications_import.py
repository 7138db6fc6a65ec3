"""入库 of existing documents (issue 14, deliverable 6): a good file imports, one bad row stores
nothing and is named by row and column, a 文号 is refused twice in any bracket form, and a repealed
document's effect is recorded from the repealing document or, outside the library, from its basis."""

from __future__ import annotations

import csv
import datetime as dt
import zipfile

import pytest
from django.core.management import CommandError, call_command

from gongkai.publications.validity import ValidityStatus
from gongkai_web.audit.models import AuditEntry
from gongkai_web.publications.import_columns import DocumentImportError
from gongkai_web.publications.models import Document, DocumentEvent, Effect, NumberSequence
from gongkai_web.publications.queries import validity_of
from gongkai_web.publications.services.importing import import_documents

from .fixtures import clock_at

CLOCK = clock_at(dt.date(2024, 6, 28))
HEADER = ["标题", "发文机关", "类别", "发文字号", "成文日期", "发布日期", "施行日期", "有效期至", "主题分类",
          "公开属性", "状态", "废止日期", "废止依据"]  # fmt: skip


def write(tmp_path, rows, header=HEADER, name="docs.csv"):
    path = tmp_path / name
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def good_rows(world):
    a = world.a
    return [
        ["关于规范财政票据管理的通知", a.code, "行政规范性文件", "渝中财规[2021]3号", "2021-05-06", "2021-05-10",
         "2021-06-01", "2029-05-31", "财政", "主动公开", "现行有效", "", ""],
        ["关于废止部分文件的决定", a.name, "行政规范性文件", "渝中财规（2022）1号", "", "2022/3/1", "", "", "", "",
         "现行有效", "", ""],
        ["关于政府采购的通知", a.code, "行政规范性文件", "渝中财规【2019】7号", "", "2019年4月2日", "", "", "", "",
         "已废止", "2022-03-01", "渝中财规〔2022〕1号"],
        ["关于会计管理的通知", a.code, "行政规范性文件", "渝中财发(2015)2号", "", "2015-01-10", "", "", "", "",
         "已废止", "2018-07-01", "渝中府发〔2018〕9号"],
        ["财政局工作年报", a.code, "其他政府信息", "", "", "2023-03-01", "", "", "", "", "", "", ""],
    ]  # fmt: skip


def test_a_good_file_imports_every_document_as_published_with_an_imported_event(world, tmp_path):
    result = import_documents(write(tmp_path, good_rows(world)), actor=world.lisi, clock=CLOCK)
    assert len(result.documents) == 5 and result.effects == 2
    numbers = set(Document.objects.values_list("number", flat=True))
    assert {
        "渝中财规〔2021〕3号",
        "渝中财规〔2022〕1号",
        "渝中财规〔2019〕7号",
        "渝中财发〔2015〕2号",
    } <= numbers
    doc = Document.objects.get(number="渝中财规〔2021〕3号")
    assert (doc.stage, doc.publicity, doc.published_on) == ("published", "proactive", dt.date(2021, 5, 10))
    assert (doc.effective_on, doc.valid_until, doc.topic) == (
        dt.date(2021, 6, 1),
        dt.date(2029, 5, 31),
        "财政",
    )
    event = DocumentEvent.objects.get(document=doc)
    assert event.kind == "published" and event.data["imported"] is True and event.data["row"] == 2
    assert doc.index_number == f"{world.a.code}/2021-00001"
    assert AuditEntry.objects.filter(action="publications.imported").count() == 5


def test_a_repeal_by_a_document_of_the_file_is_an_effect_from_that_document(world, tmp_path):
    import_documents(write(tmp_path, good_rows(world)), actor=world.lisi, clock=CLOCK)
    repealed = Document.objects.get(number="渝中财规〔2019〕7号")
    effect = Effect.objects.get(target=repealed)
    assert effect.source == Document.objects.get(number="渝中财规〔2022〕1号")
    assert (effect.kind, effect.on, effect.basis) == ("repeals", dt.date(2022, 3, 1), "")
    validity = validity_of(repealed, dt.date(2023, 1, 1))
    assert validity.status is ValidityStatus.REPEALED and validity.basis == "渝中财规〔2022〕1号"


def test_a_repeal_by_a_document_outside_the_library_keeps_its_number_as_the_basis(world, tmp_path):
    import_documents(write(tmp_path, good_rows(world)), actor=world.lisi, clock=CLOCK)
    effect = Effect.objects.get(target__number="渝中财发〔2015〕2号")
    assert effect.source is None and effect.basis == "渝中府发〔2018〕9号"
    validity = validity_of(effect.target, dt.date(2019, 1, 1))
    assert validity.status is ValidityStatus.REPEALED
    assert validity.banner() == "本文件已于2018年7月1日废止，依据：渝中府发〔2018〕9号。"


def test_number_sequences_are_raised_so_a_later_registration_takes_the_next_number(world, tmp_path):
    NumberSequence.objects.create(issuer_code="渝中财规", year=2021, last_serial=1)
    import_documents(write(tmp_path, good_rows(world)), actor=world.lisi, clock=CLOCK)
    assert NumberSequence.objects.get(issuer_code="渝中财规", year=2021).last_serial == 3
    assert NumberSequence.objects.get(issuer_code="渝中财规", year=2019).last_serial == 7
    assert NumberSequence.objects.get(issuer_code="index:" + world.a.code, year=2021).last_serial == 1


def test_one_bad_row_stores_nothing_and_names_its_row_and_column(world, tmp_path):
    rows = good_rows(world)
    rows[2][5] = "2019-13-40"  # row 4 of the file: 发布日期 not a date
    with pytest.raises(DocumentImportError) as caught:
        import_documents(write(tmp_path, rows), actor=world.lisi, clock=CLOCK)
    assert Document.objects.count() == 0 and Effect.objects.count() == 0
    assert NumberSequence.objects.count() == 0
    errors = caught.value.params["errors"]
    assert errors == ["第4行“发布日期”列：“2019-13-40”不是日期：请写作 YYYY-MM-DD，例如 2023-05-10"] or (
        len(errors) == 1 and errors[0].startswith("第4行“发布日期”列：") and "2019-13-40" in errors[0]
    ), errors


def test_a_number_repeated_in_the_file_in_another_bracket_form_is_refused(world, tmp_path):
    rows = good_rows(world)
    rows[1][3] = "渝中财规〔2021〕03号"  # the same as row 2's 渝中财规[2021]3号
    with pytest.raises(DocumentImportError) as caught:
        import_documents(write(tmp_path, rows), actor=world.lisi, clock=CLOCK)
    assert Document.objects.count() == 0
    (error,) = caught.value.params["errors"]
    assert error.startswith("第3行“发文字号”列：") and "渝中财规〔2021〕3号" in error and "2" in error


def test_a_number_already_in_the_library_is_refused_in_any_bracket_form(world, tmp_path):
    import_documents(write(tmp_path, good_rows(world)[:1]), actor=world.lisi, clock=CLOCK)
    again = [["另一个标题", world.a.code, "行政规范性文件", "渝中财规(2021)3号", "", "2021-05-10", "", "", "", "",
              "", "", ""]]  # fmt: skip
    with pytest.raises(DocumentImportError) as caught:
        import_documents(write(tmp_path, again, name="again.csv"), actor=world.lisi, clock=CLOCK)
    assert Document.objects.count() == 1
    assert any("渝中财规〔2021〕3号" in e and "发文字号" in e for e in caught.value.params["errors"])


def test_staff_of_another_agency_cannot_import_its_documents(world, tmp_path):
    with pytest.raises(DocumentImportError) as caught:
        import_documents(write(tmp_path, good_rows(world)), actor=world.wangwu, clock=CLOCK)
    assert Document.objects.count() == 0
    assert len(caught.value.params["errors"]) == 5 and all(
        "发文机关" in e for e in caught.value.params["errors"]
    )


def test_a_document_in_force_whose_validity_ended_is_refused_with_what_to_write(world, tmp_path):
    rows = [["旧通知", world.a.code, "行政规范性文件", "渝中财规〔2016〕2号", "", "2016-01-05", "", "2021-01-04",
             "", "", "现行有效", "", ""]]  # fmt: skip
    with pytest.raises(DocumentImportError) as caught:
        import_documents(write(tmp_path, rows), actor=world.lisi, clock=CLOCK)
    (error,) = caught.value.params["errors"]
    assert "状态" in error and "已失效" in error and "2021-01-04" in error


def test_a_repealed_document_needs_its_date_and_basis(world, tmp_path):
    rows = [["旧通知", world.a.code, "行政规范性文件", "渝中财规〔2016〕2号", "", "2016-01-05", "", "", "", "",
             "已废止", "", ""]]  # fmt: skip
    with pytest.raises(DocumentImportError) as caught:
        import_documents(write(tmp_path, rows), actor=world.lisi, clock=CLOCK)
    errors = caught.value.params["errors"]
    assert len(errors) == 2 and any("废止日期" in e for e in errors) and any("废止依据" in e for e in errors)


def test_a_document_that_lapsed_by_its_own_validity_needs_no_effect(world, tmp_path):
    rows = [["旧通知", world.a.code, "行政规范性文件", "渝中财规〔2016〕2号", "", "2016-01-05", "", "2021-01-04",
             "", "", "已失效", "", ""]]  # fmt: skip
    import_documents(write(tmp_path, rows), actor=world.lisi, clock=CLOCK)
    doc = Document.objects.get()
    assert Effect.objects.count() == 0
    assert validity_of(doc, dt.date(2024, 1, 1)).status is ValidityStatus.EXPIRED


def test_files_named_in_the_column_are_stored_from_the_zip(world, tmp_path):
    rows = [row + [""] for row in good_rows(world)]
    rows[0][-1] = "票据.pdf"
    archive = tmp_path / "files.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("文件/票据.pdf", b"%PDF-1.4 test")
    import_documents(
        write(tmp_path, rows, header=[*HEADER, "文件"]), files=archive, actor=world.lisi, clock=CLOCK
    )
    (stored,) = Document.objects.get(number="渝中财规〔2021〕3号").files.all()
    assert stored.original_name == "票据.pdf" and stored.size == 13 and stored.file.read() == b"%PDF-1.4 test"


def test_a_file_named_but_missing_from_the_zip_is_refused(world, tmp_path):
    rows = [row + [""] for row in good_rows(world)]
    rows[1][-1] = "没有.pdf"
    archive = tmp_path / "files.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("别的.pdf", b"x")
    with pytest.raises(DocumentImportError) as caught:
        import_documents(
            write(tmp_path, rows, header=[*HEADER, "文件"]), files=archive, actor=world.lisi, clock=CLOCK
        )
    assert Document.objects.count() == 0
    assert any("没有.pdf" in e and "文件" in e for e in caught.value.params["errors"])


def test_the_command_checks_with_dry_run_and_imports_without(world, tmp_path, capsys):
    path = write(tmp_path, good_rows(world))
    call_command("import_documents", str(path), "--dry-run")
    assert Document.objects.count() == 0
    call_command("import_documents", str(path))
    assert Document.objects.count() == 5
    with pytest.raises(CommandError):
        call_command("import_documents", str(path))  # every number is now in the library
    assert Document.objects.count() == 5


# ── the staff page ────────────────────────────────────────────────────────────────────────────────


def _upload(client, path, **data):
    with path.open("rb") as f:
        return client.post("/staff/library/import/", {"table": f, **data})


def test_the_page_imports_a_good_file_for_the_agency_s_staff(client, world, tmp_path):
    client.force_login(world.lisi)
    response = _upload(client, write(tmp_path, good_rows(world)))
    assert response.status_code == 200 and Document.objects.count() == 5
    assert "5" in response.content.decode()


def test_the_page_lists_the_errors_by_row_and_column_and_stores_nothing(client, world, tmp_path):
    rows = good_rows(world)
    rows[3][3] = "会计通知"  # row 5: not a document number
    client.force_login(world.lisi)
    response = _upload(client, write(tmp_path, rows))
    page = response.content.decode()
    assert response.status_code == 422 and Document.objects.count() == 0
    assert 'role="alert"' in page and "<td>5</td><td>发文字号</td>" in page and "会计通知" in page


def test_staff_of_another_agency_uploading_its_documents_are_told_and_nothing_is_stored(
    client, world, tmp_path
):
    client.force_login(world.wangwu)
    response = _upload(client, write(tmp_path, good_rows(world)))
    assert response.status_code == 422 and Document.objects.count() == 0
    assert "<td>2</td><td>发文机关</td>" in response.content.decode()


def test_the_check_only_box_stores_nothing(client, world, tmp_path):
    client.force_login(world.lisi)
    response = _upload(client, write(tmp_path, good_rows(world)), dry_run="on")
    assert response.status_code == 200 and Document.objects.count() == 0


def test_the_template_downloads_import_after_filling_in(client, world, tmp_path):
    client.force_login(world.lisi)
    response = client.get("/staff/library/import/template.csv")
    text = response.content.decode("utf-8-sig")
    header, example = list(csv.reader(text.splitlines()))
    assert header[:4] == ["标题", "发文机关", "类别", "发文字号"] and example[3] == "渝中府发[2021]12号"
    example[1], example[-1] = world.a.code, ""  # our agency, no file
    path = write(tmp_path, [example], header=header)
    import_documents(path, actor=world.lisi, clock=CLOCK)
    assert Document.objects.get().number == "渝中府发〔2021〕12号"


def test_a_file_with_only_the_header_is_refused(world, tmp_path):
    with pytest.raises(DocumentImportError) as caught:
        import_documents(write(tmp_path, []), actor=world.lisi, clock=CLOCK)
    assert caught.value.code == "publications.import_empty" and "表头之后没有文件" in caught.value.message


def test_an_index_number_given_outside_the_series_is_not_given_again(world, tmp_path):
    Document.objects.create(
        agency=world.a, kind="other", title="手工登记", stage="published", publicity="proactive",
        published_on=dt.date(2021, 1, 4), index_number=f"{world.a.code}/2021-00004",
    )  # fmt: skip
    import_documents(write(tmp_path, good_rows(world)[:1]), actor=world.lisi, clock=CLOCK)
    assert Document.objects.get(number="渝中财规〔2021〕3号").index_number == f"{world.a.code}/2021-00005"


def test_the_document_page_names_a_repeal_from_outside_the_library_by_its_basis(world, tmp_path, client):
    import_documents(write(tmp_path, good_rows(world)), actor=world.lisi, clock=CLOCK)
    repealed = Document.objects.get(number="渝中财发〔2015〕2号")
    client.force_login(world.lisi)
    page = client.get(f"/staff/library/{repealed.pk}/").content.decode()
    received = page.split("<ul>")[1].split("</ul>")[0]  # 被其他文件变更: the first list after the header
    assert "渝中府发〔2018〕9号" in received and "None" not in received
