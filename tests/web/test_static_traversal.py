"""A path that leaves the static folders is not found (404), not a server error (issue "Safe by default", item 5)."""

from __future__ import annotations

import io

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.handlers.wsgi import WSGIHandler


def _status(path: str) -> str:
    """What ``runserver --insecure`` (``bin/run``) answers for a static path, already URL-decoded."""
    handler = StaticFilesHandler(WSGIHandler())
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "127.0.0.1",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.url_scheme": "http",
    }
    status: list[str] = []
    handler(environ, lambda s, headers, *exc: status.append(s))
    return status[0]


@pytest.mark.parametrize(
    "path", ["/static/../settings.py", "/static/../../pyproject.toml", "/static/gongkai/../../settings.py"]
)
def test_a_static_path_climbing_out_of_the_static_folders_is_not_found(path, db):
    assert _status(path).startswith("404")


def test_a_real_static_file_is_still_served(db):
    assert _status("/static/gongkai/applicant.js").startswith("200")
