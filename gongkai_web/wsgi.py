"""The WSGI application for production servers (gunicorn, granian: README "Production")."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai_web.settings")
application = get_wsgi_application()

# What is loaded by now (Django, the apps, the URL configuration) lives as long as the worker: frozen,
# the garbage collector no longer walks it at every collection, and collecting after 20,000 new
# objects rather than 700 lets a request finish between collections. Together about a tenth of a
# public submission's CPU (docs/benchmarks.md, intake).
gc.freeze()
gc.set_threshold(20_000, 10, 10)
