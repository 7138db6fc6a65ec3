"""The 网页标签 every page of a government site carries (《政府网站发展指引》's 网页设计规范, ecosystem §1.6):
site tags on every column page, article tags on a document's. Monitoring crawlers read the names
exactly (``gongkai.labels.META_TAG_*``). The site's name, domain and 网站标识码 are settings
(``GONGKAI_SITE_NAME``, ``GONGKAI_SITE_DOMAIN``, ``GONGKAI_SITE_ID_CODE``)."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from gongkai import labels
from gongkai_web.agencies.models import Agency
from gongkai_web.publications.models import Document


def _site(request) -> list[tuple[str, str]]:
    return [
        (
            labels.META_TAG_SITE_NAME,
            getattr(settings, "GONGKAI_SITE_NAME", "") or _("Government information disclosure"),
        ),
        (labels.META_TAG_SITE_DOMAIN, getattr(settings, "GONGKAI_SITE_DOMAIN", "") or request.get_host()),
        (labels.META_TAG_SITE_ID_CODE, getattr(settings, "GONGKAI_SITE_ID_CODE", "")),
    ]


def column_meta(request, agency: Agency | None, column: str) -> list[tuple[str, str]]:
    name = f"{agency.name}{column}" if agency is not None else column
    return [
        *_site(request),
        (labels.META_TAG_COLUMN_NAME, column),
        (labels.META_TAG_COLUMN_DESCRIPTION, name),
        (labels.META_TAG_COLUMN_KEYWORDS, column),
        (labels.META_TAG_COLUMN_TYPE, labels.COLUMN_ROOT),
        (labels.META_TAG_URL, request.build_absolute_uri()),
    ]


def document_meta(request, doc: Document) -> list[tuple[str, str]]:
    published = f"{doc.published_on:%Y-%m-%d}" if doc.published_on else ""
    description = " ".join((doc.summary or doc.title).split())[:200]
    return [
        *_site(request),
        (labels.META_TAG_COLUMN_NAME, labels.COLUMN_DIRECTORY),
        (labels.META_TAG_COLUMN_TYPE, labels.COLUMN_ROOT),
        (labels.META_TAG_ARTICLE_TITLE, doc.title),
        (labels.META_TAG_PUB_DATE, published),
        (labels.META_TAG_CONTENT_SOURCE, doc.agency.name),
        (labels.META_TAG_KEYWORDS, doc.topic),
        (labels.META_TAG_AUTHOR, doc.agency.name),
        (labels.META_TAG_DESCRIPTION, description),
        (labels.META_TAG_URL, request.build_absolute_uri()),
    ]
