"""入库 page: staff who work for an agency upload a CSV/XLSX of existing documents (and a ZIP of their
files); a refused file shows its errors by row and column, and nothing is stored."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai import labels
from gongkai.publications.files import DOCUMENT_FILE_COLUMNS, DOCUMENT_FILE_EXAMPLE, FILE_COLUMN
from gongkai_web.accounts.access import working_agencies
from gongkai_web.form_messages import Form

from .import_columns import DocumentImportError
from .services.importing import SHOWN_ERRORS, import_documents

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Largest import file and ZIP accepted (a file of 100,000 rows is about 30 MB).
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ZIP_BYTES = 500 * 1024 * 1024


class ImportForm(Form):
    table = forms.FileField(
        label=gettext_lazy("Documents file (CSV or XLSX)"),
        help_text=gettext_lazy("One document a row, the columns of the template; row 1 is the header."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    zipped = forms.FileField(
        label=gettext_lazy("Files of the documents (ZIP, optional)"),
        help_text=lazy(
            lambda: _("A ZIP holding the files the column “%(column)s” names.") % {"column": FILE_COLUMN}, str
        )(),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".zip"}),
    )
    dry_run = forms.BooleanField(label=gettext_lazy("Only check the file, store nothing"), required=False)

    def clean_table(self):
        table = self.cleaned_data["table"]
        if Path(table.name).suffix.lower() not in {".csv", ".xlsx"}:
            raise forms.ValidationError(_("Use a CSV (UTF-8) or XLSX file."))
        if table.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("The file is larger than 50 MB: split it into several files."))
        return table

    def clean_zipped(self):
        files = self.cleaned_data.get("zipped")
        if files and files.size > MAX_ZIP_BYTES:
            raise forms.ValidationError(_("The ZIP is larger than 500 MB: import the documents in parts."))
        return files


def _require_working_staff(request) -> None:
    if not working_agencies(request.user).exists():
        raise Http404


def _stored(upload, directory: str) -> Path:
    path = Path(directory) / ("upload" + Path(upload.name).suffix.lower())
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return path


@login_required
def import_page(request):
    _require_working_staff(request)
    context: dict = {"max_shown": SHOWN_ERRORS}
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        with tempfile.TemporaryDirectory(prefix="gongkai-import-") as directory:
            table = _stored(form.cleaned_data["table"], directory)
            zipped = _stored(form.cleaned_data["zipped"], directory) if form.cleaned_data["zipped"] else None
            try:
                result = import_documents(
                    table, files=zipped, actor=request.user, dry_run=form.cleaned_data["dry_run"]
                )
            except DocumentImportError as exc:
                rows = exc.params.get("rows") or []
                context |= {"failure": exc.message.splitlines()[0], "errors": rows[:SHOWN_ERRORS]}
                context["more"] = max(len(rows) - SHOWN_ERRORS, 0)
                if not rows:
                    context["failure"] = exc.message
            else:
                context["result"] = result
        if "result" in context and not context["result"].dry_run:
            form = ImportForm()
    # 422 for a refused file, but htmx swaps only 2xx answers into the page.
    status = 422 if "failure" in context and not request.headers.get("HX-Request") else 200
    context["form"] = form
    names = working_agencies(request.user).order_by("name").values_list("name", flat=True)[:20]
    context["agencies"] = labels.ENUMERATION_COMMA.join(names)
    return render(request, "publications_import/import.html", context, status=status)


@login_required
def template_download(request, fmt: str):
    _require_working_staff(request)
    headers = list(DOCUMENT_FILE_COLUMNS)
    example = [DOCUMENT_FILE_EXAMPLE[h] for h in headers]
    if fmt == "csv":
        out = io.StringIO()
        csv.writer(out).writerows([headers, example])
        response = HttpResponse(out.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(headers)
        sheet.append(example)
        data = io.BytesIO()
        book.save(data)
        response = HttpResponse(data.getvalue(), content_type=XLSX)
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="documents-template.{fmt}"'
    return response
