"""The installation's keys, read before Django is set up (``settings``): the signing key and the
query-password digest key, from the environment or from files under ``var/`` created once at random.
Their two refusals are written in Chinese and English side by side: gettext cannot run yet."""

from __future__ import annotations

import os
from pathlib import Path


def secret_key(var_dir: Path, *, debug: bool) -> str:
    """No key has a working default: ``GONGKAI_SECRET_KEY``, else the installation's own random key in
    ``var/secret_key`` (``bin/run`` creates it once; so does a development start with DEBUG on). With DEBUG
    off and neither, or with a short or published key, the platform refuses to start."""
    from django.core.exceptions import ImproperlyConfigured

    key = os.environ.get("GONGKAI_SECRET_KEY", "").strip()
    path = var_dir / "secret_key"
    if not key and path.exists():
        key = path.read_text(encoding="utf-8").strip()
    if not key and debug:
        key = create_key_file(path)
    if debug:
        return key
    if len(key) < 50 or key.startswith("django-insecure"):
        raise ImproperlyConfigured(
            "未设置可用的密钥：请设置环境变量 GONGKAI_SECRET_KEY（至少50个字符的随机字符串），或用 bin/run 启动"
            f"（它在 {path} 生成本机专用的随机密钥）。No usable secret key: set GONGKAI_SECRET_KEY (50+ random "
            "characters) or start with bin/run, which creates var/secret_key once."
        )
    return key


def create_key_file(path: Path) -> str:
    """A random key written once (readable by the owner only); a second process racing to it reads it."""
    import secrets

    key = secrets.token_urlsafe(64)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip() or key
    except OSError:
        return key  # a read-only checkout: this process's own random key
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(key + "\n")
    return key


def digest_key(var_dir: Path, *, debug: bool) -> str:
    """The key of the query-password digests (applications/codes.py): ``GONGKAI_DIGEST_KEY`` (needed where
    several servers share a database), else ``var/digest_key``, created once at random. Kept apart from
    the signing key because it must never change: a rotated signing key must not void the passwords
    applicants hold. Back it up with the key file (docs/operations.md)."""
    from django.core.exceptions import ImproperlyConfigured

    key = os.environ.get("GONGKAI_DIGEST_KEY", "").strip()
    path = var_dir / "digest_key"
    if not key and path.exists():
        key = path.read_text(encoding="utf-8").strip()
    if not key:
        key = create_key_file(path)
        if not debug and not path.exists():
            raise ImproperlyConfigured(
                f"无法写入 {path}：请设置环境变量 GONGKAI_DIGEST_KEY（至少50个字符的随机字符串，设置后不再更改）。"
                "Cannot write the digest key file: set GONGKAI_DIGEST_KEY (50+ random characters, never changed)."
            )
    return key
