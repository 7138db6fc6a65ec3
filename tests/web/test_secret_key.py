"""The signing key has no working default (issue "Safe by default", item 1)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PUBLISHED_DEFAULT = "django-insecure-gongkai-development-only-key-0123456789"


def _settings(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")}
    base.update({"GONGKAI_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "gongkai_web.settings", **env})
    code = "import django; django.setup(); from django.conf import settings; print(settings.SECRET_KEY)"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=base, capture_output=True, text=True, timeout=60
    )


def test_with_debug_off_and_no_key_the_platform_refuses_to_start_saying_what_to_do(tmp_path):
    result = _settings(tmp_path, GONGKAI_DEBUG="0")
    assert result.returncode != 0
    assert "GONGKAI_SECRET_KEY" in result.stderr and "bin/run" in result.stderr


def test_the_published_default_key_is_refused_with_debug_off(tmp_path):
    result = _settings(tmp_path, GONGKAI_DEBUG="0", GONGKAI_SECRET_KEY=PUBLISHED_DEFAULT)
    assert result.returncode != 0 and "GONGKAI_SECRET_KEY" in result.stderr


def test_the_installations_key_file_is_used_and_a_development_start_creates_one_once(tmp_path):
    first = _settings(tmp_path)  # DEBUG on: the key file is created
    assert first.returncode == 0, first.stderr
    key_file = tmp_path / "secret_key"
    assert key_file.read_text().strip() == first.stdout.strip()
    assert len(first.stdout.strip()) >= 50 and first.stdout.strip() != PUBLISHED_DEFAULT
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    second = _settings(tmp_path, GONGKAI_DEBUG="0")  # production start: the same file, the same key
    assert second.returncode == 0, second.stderr
    assert second.stdout == first.stdout


def test_old_keys_stay_valid_for_signatures_made_with_them_after_rotation(tmp_path):
    code = (
        "import django; django.setup(); from django.core import signing;"
        "print(signing.loads(open(r'%s').read()))"
    )
    old, new = "o" * 60, "n" * 60
    token_file = tmp_path / "token"
    env = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")}
    env.update(
        DJANGO_SETTINGS_MODULE="gongkai_web.settings", GONGKAI_VAR_DIR=str(tmp_path), GONGKAI_DEBUG="0"
    )
    signer = (
        "import django; django.setup(); from django.core import signing; print(signing.dumps('x'), end='')"
    )
    token = subprocess.run(
        [sys.executable, "-c", signer],
        cwd=ROOT,
        env={**env, "GONGKAI_SECRET_KEY": old},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    token_file.write_text(token)
    rotated = subprocess.run(
        [sys.executable, "-c", code % token_file],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**env, "GONGKAI_SECRET_KEY": new, "GONGKAI_SECRET_KEY_FALLBACKS": old},
        timeout=60,
    )
    assert rotated.stdout.strip() == "x", rotated.stderr
    without = subprocess.run(
        [sys.executable, "-c", code % token_file],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**env, "GONGKAI_SECRET_KEY": new},
        timeout=60,
    )
    assert without.returncode != 0 and "BadSignature" in without.stderr
