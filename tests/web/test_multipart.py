"""The small-form fast path gives exactly what Django's MultiPartParser gives, or leaves the body to it."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.http.multipartparser import MultiPartParser, MultiPartParserError
from django.test.client import encode_multipart
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai_web.multipart import parse_small_form

BOUNDARY = "----WebKitFormBoundary7MA4YWxkTrZu0gW"
CTYPE = f"multipart/form-data; boundary={BOUNDARY}"

names = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters='"\\\r\n\x00'), min_size=1, max_size=12
)
values = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
fields = st.lists(st.tuples(names, values), max_size=12)


def browser_body(pairs, empty_files=("identity_proof",)) -> bytes:
    """As Chromium sends a form: names quoted, an empty file input as a part with filename=""."""
    out = []
    for name, value in pairs:
        out.append(f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n')
    for name in empty_files:
        out.append(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"; filename=""\r\n'
            "Content-Type: application/octet-stream\r\n\r\n\r\n"
        )
    return ("".join(out) + f"--{BOUNDARY}--\r\n").encode()


def django_parse(body: bytes):
    meta = {"CONTENT_TYPE": CTYPE, "CONTENT_LENGTH": str(len(body))}
    return MultiPartParser(meta, BytesIO(body), [MemoryFileUploadHandler()], "utf-8").parse()


def assert_same_as_django(body: bytes) -> bool:
    """True if the fast path took the body (and then gave Django's result), False if it left it."""
    fast = parse_small_form(body, CTYPE, None)
    if fast is None:
        return False
    post, files = django_parse(body)
    assert list(fast.lists()) == list(post.lists()) and not files
    assert fast._mutable is False
    return True


@settings(max_examples=150)
@given(fields)
def test_a_browser_form_parses_as_django_parses_it(pairs):
    assert assert_same_as_django(browser_body(pairs))


@settings(max_examples=100)
@given(st.dictionaries(names, values, max_size=8))
def test_the_test_clients_encoding_parses_as_django_parses_it(data):
    assert assert_same_as_django(encode_multipart(BOUNDARY, data))


@settings(max_examples=300)
@given(fields, st.integers(min_value=0, max_value=10_000), st.binary(min_size=1, max_size=6))
def test_a_damaged_body_is_parsed_as_django_does_or_left_to_django(pairs, at, junk):
    body = browser_body(pairs)
    at %= len(body)
    damaged = body[:at] + junk + body[at + len(junk) // 2 :]
    try:
        assert_same_as_django(damaged)
    except MultiPartParserError:
        pytest.fail("the fast path accepted a body Django refuses")


def test_a_file_a_preamble_or_a_transfer_encoding_is_left_to_django():
    with_file = browser_body([("name", "张三")]).replace(b'filename=""', b'filename="id.pdf"')
    preamble = b"preamble\r\n" + browser_body([("name", "x")])
    encoded = browser_body([]).replace(
        b"Content-Type: application/octet-stream", b"Content-Transfer-Encoding: base64"
    )
    unterminated = browser_body([("name", "x")])[:-4]
    for body in (with_file, preamble, encoded, unterminated):
        assert parse_small_form(body, CTYPE, None) is None
    assert parse_small_form(browser_body([]), "multipart/form-data", None) is None  # no boundary
    # Boundaries Django refuses (a trailing space, a control character) and a non-ASCII type are left to it.
    for boundary in ("abc ", "a\tb"):
        body = browser_body([("name", "x")]).replace(BOUNDARY.encode(), boundary.encode())
        assert parse_small_form(body, f'multipart/form-data; boundary="{boundary}"', None) is None
    assert parse_small_form(browser_body([]), CTYPE + "; x=é", None) is None


def test_the_public_form_is_parsed_by_the_fast_path_and_a_file_by_django(
    client, world, monkeypatch, settings
):
    from .fixtures import form_data

    settings.GONGKAI_FAST_PATHS = True  # the fast path itself (bin/test also runs with GONGKAI_FAST_PATHS=0)

    calls = []
    original = MultiPartParser.parse

    def counting(self):
        calls.append(1)
        return original(self)

    monkeypatch.setattr(MultiPartParser, "parse", counting)
    assert client.post("/apply/", form_data(world)).status_code == 302
    assert calls == []
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("a.pdf", b"%PDF-1.4 tiny", content_type="application/pdf")
    client.post("/apply/", {**form_data(world, token="tok-file"), "identity_proof": fake})
    assert calls == [1]
