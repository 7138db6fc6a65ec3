"""The reports app's models (each kind in its own module)."""

from .imported_models import ImportedReport  # noqa: F401
