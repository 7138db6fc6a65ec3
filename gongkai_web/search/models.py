"""The search index: one row per public record (``gongkai.search.entry.Entry``), written only through
``services.index_entries``. The back ends add their own structures beside it (migration 0002: the
FTS5 table ``search_fts`` on SQLite, whose content is this table; on PostgreSQL the generated
tsvector column ``search_vector`` with a GIN index), which the model does not declare. The app knows no domain: ``kind`` and ``key`` name the
record, the owning domain turns them back into a page."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    kind = models.CharField(max_length=20)
    key = models.BigIntegerField()
    agency_id = models.IntegerField()
    agency_path = models.CharField(max_length=255)
    title = models.CharField(max_length=400)
    body = models.TextField(blank=True)
    number = models.CharField(max_length=80, blank=True)
    #: The 文号 normalised (gongkai.publications.docnumber.normalise_document_number): any bracket form finds it.
    number_key = models.CharField(max_length=80, blank=True, db_index=True)
    published_on = models.DateField(null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    topic = models.CharField(max_length=60, blank=True)
    genre = models.CharField(max_length=20, blank=True)
    doc_kind = models.CharField(max_length=10, blank=True)
    effective_on = models.DateField(null=True, blank=True)
    in_force_until = models.DateField(null=True, blank=True)
    #: Title and body segmented into words, space-separated (gongkai.search.segment): what the
    #: full-text back ends index.
    words = models.TextField(blank=True)
    #: The title alone segmented the same way: the full-text back ends weigh a match there higher.
    title_words = models.TextField(blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="search_entry_unique")]
        indexes = [models.Index(fields=["agency_path", "published_on"], name="search_entry_path_date")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key} {self.title}"
