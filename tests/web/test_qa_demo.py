"""The demo's Q&A library: ``load_demo`` fills it through the services."""

from __future__ import annotations

from django.core.management import call_command

from gongkai.search.entry import QA
from gongkai_web.qa.models import PublicQuestion, QAEntry
from gongkai_web.search.models import SearchEntry


def test_the_demo_has_published_entries_grounded_in_documents_and_questions_in_the_queues(db, client):
    call_command("load_demo", verbosity=0)
    # demo_data.ENTRIES: six entries, five published (one 三公 draft), one revised to version 2.
    assert QAEntry.objects.count() == 6
    assert QAEntry.objects.filter(state="published").count() == 5
    assert SearchEntry.objects.filter(kind=QA).count() == 5
    assert QAEntry.objects.filter(version=2).count() == 1
    assert QAEntry.objects.filter(state="published", documents__isnull=False).distinct().count() == 5
    assert sorted(PublicQuestion.objects.values_list("agency__code", "state")) == [
        ("cq-czj", "received"),
        ("cq-czj", "received"),
        ("jb-zjw", "answered"),
    ]
    page = client.get("/qa/", {"q": "公租房"}).content.decode()
    assert "申请江北区公租房需要满足哪些条件？" in page
