"""A fast path for small multipart forms without files.

The public application form is ``multipart/form-data`` (it offers attachments), so a browser sends
every submission that way, attached files or not. Django's streaming ``MultiPartParser`` spends
about a tenth of a submission's CPU on a 2 KB body of twenty text fields (bench/intake_load.py).
``SmallFormMiddleware`` parses such a body in memory instead (the part headers a browser sends
matched by one pattern, any others read with Django's own header parser) and gives the request exactly what Django's parser would (``tests/web/test_multipart.py`` checks
it against Django on generated bodies). Anything else — a file, a body over ``MAX_BYTES``, too many
fields, a transfer encoding, a preamble or anything malformed — is left to Django untouched. Only the
public application form (``portal:apply``) is taken: every other form goes to Django's parser, and
with ``GONGKAI_FAST_PATHS=0`` so does that one.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.signals import setting_changed
from django.http import QueryDict
from django.http.multipartparser import MultiPartParser
from django.urls import get_script_prefix, reverse
from django.utils.datastructures import MultiValueDict
from django.utils.encoding import force_str
from django.utils.http import parse_header_parameters

#: Bodies up to this size are read at once; a form of text fields is a few kilobytes.
MAX_BYTES = 64 * 1024


def parse_small_form(body: bytes, content_type: str, encoding: str | None) -> QueryDict | None:
    """The form's fields as Django's ``MultiPartParser`` would give them, or None to let it parse."""
    if not content_type.isascii():
        return None
    _, options = parse_header_parameters(content_type)
    boundary = options.get("boundary", "")
    if not boundary or not MultiPartParser.boundary_re.fullmatch(boundary):
        return None  # Django refuses it: so does this
    delimiter = b"\r\n--" + boundary.encode("ascii")
    chunks = (b"\r\n" + body).split(delimiter)
    if len(chunks) < 2 or chunks[0] or chunks[-1] not in (b"--", b"--\r\n"):
        return None  # a preamble, an epilogue or no closing delimiter
    if body.count(delimiter[2:]) != len(chunks) - 1:
        return None  # a boundary not at the start of a line: Django's reading of it is Django's
    parts = chunks[1:-1]
    limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    if limit is not None and len(parts) > limit:
        return None
    encoding = encoding or settings.DEFAULT_CHARSET
    post = QueryDict(mutable=True)
    for part in parts:
        field = _field(part, encoding)
        if field is None:
            return None
        post.appendlist(*field)
    post._mutable = False
    return post


#: The part headers a browser sends for a text field and for an empty file input. Any other header
#: (an escaped quote in a name, parameters in another order …) goes through Django's header parser.
_PLAIN_FIELD = re.compile(
    rb'Content-Disposition: form-data; name="([^"\\\r\n%]{0,256})"(; filename="")?'
    rb"(?:\r\nContent-Type: application/octet-stream)?"
)


def _field(part: bytes, encoding: str) -> tuple[str, str] | None:
    if not part.startswith(b"\r\n"):
        return None
    head, found, content = part[2:].partition(b"\r\n\r\n")
    if not found:
        return None
    plain = _PLAIN_FIELD.fullmatch(head)
    name = plain.group(1).strip() if plain and plain.group(1).isascii() else _name_from_headers(head)
    if name is None:
        return None
    return force_str(name, encoding, errors="replace"), force_str(content, encoding, errors="replace")


def _name_from_headers(head: bytes) -> bytes | None:
    """The field's name read with Django's header parser, or None if the part is not a plain field."""
    name = None
    for line in head.split(b"\r\n"):
        try:
            main, params = parse_header_parameters(line.decode())
            header, value = main.split(":", 1)
        except ValueError:
            return None
        if header == "content-disposition":
            if value.strip() != "form-data" or params.get("filename") or "name" not in params:
                return None  # a file, or not a form field
            name = params["name"].encode().strip()
        elif header != "content-type":  # ignored for a field, as by Django (an empty file input sends one)
            return None  # a transfer encoding …
    return name


def _max_bytes() -> int:
    # Django counts each field's name and two bytes more against DATA_UPLOAD_MAX_MEMORY_SIZE: half
    # of it keeps every body taken here within that limit.
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return MAX_BYTES if limit is None else min(MAX_BYTES, limit // 2)


_apply_path: str | None = None


def apply_path() -> str:
    """The public form's path as ``request.path_info`` has it (without the script prefix), found once."""
    global _apply_path
    if _apply_path is None:
        path, prefix = reverse("portal:apply"), get_script_prefix()
        _apply_path = "/" + path.removeprefix(prefix) if path.startswith(prefix) else path
    return _apply_path


def _forget_apply_path(*, setting, **kwargs) -> None:
    global _apply_path
    if setting == "ROOT_URLCONF":
        _apply_path = None


setting_changed.connect(_forget_apply_path)


class SmallFormMiddleware:
    """Before CSRF checking reads ``request.POST``: parse the public form, if small, in memory."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method == "POST"
            and request.content_type == "multipart/form-data"
            and settings.GONGKAI_FAST_PATHS
            and request.path_info == apply_path()
        ):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if 0 < length <= _max_bytes():
                post = parse_small_form(request.body, request.META.get("CONTENT_TYPE", ""), request.encoding)
                if post is not None:
                    request._post, request._files = post, MultiValueDict()
        return self.get_response(request)
