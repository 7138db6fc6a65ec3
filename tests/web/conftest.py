"""Django settings for the web tests only, so that tests/core stays Django-free."""

import os

import django
import pytest

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai_web.settings")

django.setup()

from .fixtures import world  # noqa: E402, F401

# The applicant and the personas of the masking tests (test_masking_*.py).
from .masked_applicant import case, people  # noqa: E402, F401


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2's deliberate slowness costs ~0.2 s per persona; tests do not need it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _messages_sent_on_commit(settings):
    # The tests of each step's message run the request's own sending (once the step is committed);
    # the outbox's worker path is tested in test_message_outbox.py.
    settings.GONGKAI_MESSAGE_DELIVERY = "on_commit"


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The blank application form is cached per process (portal.views.BLANK_FORM_SECONDS); each test
    # builds its own agencies, so each starts with an empty cache.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _own_throttle_counters(settings):
    # Each test counts its own signups and query-code tries: the file cache of a real install is
    # shared by every process on the machine, so parallel test workers would count each other's.
    settings.CACHES = {
        **settings.CACHES,
        "throttle": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "throttle-tests",
        },
    }
    from django.core.cache import caches

    caches["throttle"].clear()
