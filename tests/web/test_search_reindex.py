"""``manage.py reindex_search``: every registered provider walked in key order, in batches, resumable
from its checkpoint or ``--after``; what a provider no longer gives leaves the index."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from gongkai.search.entry import DOCUMENT, QA, Entry, SearchRequest
from gongkai_web.search import registry, services
from gongkai_web.search.models import SearchEntry
from gongkai_web.search.queries import search

pytestmark = pytest.mark.django_db


class FakeProvider:
    """Records 1…n of one kind, titled 第N号 预算文件 / 答复; fails once when told to, after a batch."""

    def __init__(self, kind: str, keys: list[int], *, fail_after: int | None = None):
        self.kind, self.keys, self.fail_after, self.calls = kind, keys, fail_after, []

    def batch(self, after: int, limit: int):
        self.calls.append((after, limit))
        if self.fail_after is not None and after >= self.fail_after:
            self.fail_after = None
            raise RuntimeError("the database went away")
        label = "预算文件" if self.kind == DOCUMENT else "预算答复"
        return [Entry(self.kind, k, 1, "/1/", f"第{k}号{label}", "正文") for k in self.keys if k > after][
            :limit
        ]

    def provider(self) -> registry.Provider:
        return registry.Provider(self.kind, self.batch, lambda: len(self.keys))


@pytest.fixture
def providers(monkeypatch):
    monkeypatch.setattr(registry, "_PROVIDERS", {})
    documents = FakeProvider(DOCUMENT, list(range(1, 8)))
    answers = FakeProvider(QA, [10, 20, 30])
    registry.register(answers.provider())
    registry.register(documents.provider())
    return documents, answers


def run(*args, tmp_path):
    out = StringIO()
    call_command("reindex_search", "--checkpoint", str(tmp_path / "checkpoint"), *args, stdout=out)
    return out.getvalue()


def indexed():
    return sorted(SearchEntry.objects.values_list("kind", "key"))


def test_every_provider_is_walked_in_kind_and_key_order_in_batches(providers, tmp_path):
    documents, answers = providers
    out = run("--batch-size", "3", tmp_path=tmp_path)
    # 7 documents in batches of 3 (after 0, 3, 6), then 3 answers in one batch and one asking for more.
    assert documents.calls == [(0, 3), (3, 3), (6, 3)]
    assert answers.calls == [(0, 3), (30, 3)]
    assert indexed() == [(DOCUMENT, k) for k in range(1, 8)] + [(QA, 10), (QA, 20), (QA, 30)]
    assert "document：已完成 7 / 共 7" in out
    assert "qa：已完成 3 / 共 3" in out
    assert "已重建索引 10 条" in out
    assert search(SearchRequest("预算文件")).total == 7
    assert not (tmp_path / "checkpoint").exists()


def test_one_kind_alone(providers, tmp_path):
    run("--kind", "qa", tmp_path=tmp_path)
    assert indexed() == [(QA, 10), (QA, 20), (QA, 30)]


def test_an_interrupted_run_goes_on_from_its_checkpoint(providers, tmp_path):
    documents, _answers = providers
    documents.fail_after = 4  # the third batch (after 4) fails
    with pytest.raises(RuntimeError):
        run("--batch-size", "2", tmp_path=tmp_path)
    assert (tmp_path / "checkpoint").read_text(encoding="utf-8") == "document:4"
    assert indexed() == [(DOCUMENT, k) for k in range(1, 5)]
    documents.calls.clear()
    out = run("--batch-size", "2", tmp_path=tmp_path)
    assert documents.calls[0] == (4, 2)
    assert "已从 document:4 之后继续" in out
    assert len(indexed()) == 10
    assert not (tmp_path / "checkpoint").exists()


def test_after_starts_past_a_position(providers, tmp_path):
    run("--after", "document:5", tmp_path=tmp_path)
    assert indexed() == [(DOCUMENT, 6), (DOCUMENT, 7), (QA, 10), (QA, 20), (QA, 30)]
    SearchEntry.objects.all().delete()
    run("--after", "qa:10", tmp_path=tmp_path)
    assert indexed() == [(QA, 20), (QA, 30)]


def test_entries_no_provider_gives_any_more_are_removed(providers, tmp_path):
    services.index_entries(
        [Entry(DOCUMENT, k, 1, "/1/", "撤回的文件", "") for k in (0, 4, 99)]
        + [Entry(QA, 15, 1, "/1/", "撤回的答复", "")]
    )
    out = run("--batch-size", "3", tmp_path=tmp_path)
    # 4 is given again (replaced); 99 and answer 15 are gone; 0 is not after the start (keys > 0): kept.
    assert (DOCUMENT, 99) not in indexed()
    assert (QA, 15) not in indexed()
    assert (DOCUMENT, 4) in indexed()
    assert SearchEntry.objects.get(kind=DOCUMENT, key=4).title == "第4号预算文件"
    assert "移除已无对应记录的 2 条" in out
    assert search(SearchRequest("撤回")).total == 1  # document 0 alone


def test_a_bad_position_kind_or_batch_size_is_refused(providers, tmp_path):
    with pytest.raises(CommandError, match="请写作“类别:编号”"):
        run("--after", "document", tmp_path=tmp_path)
    with pytest.raises(
        CommandError, match="没有类别为 interpretation 的索引来源；已登记的类别：document, qa"
    ):
        run("--kind", "interpretation", tmp_path=tmp_path)
    with pytest.raises(CommandError, match="不小于 1 的整数"):
        run("--batch-size", "0", tmp_path=tmp_path)
    assert indexed() == []


def test_rebuild_builds_the_full_text_index_anew(providers, tmp_path):
    run("--rebuild", tmp_path=tmp_path)
    assert search(SearchRequest("预算答复")).total == 3


def test_rebuild_takes_the_bulk_path_replaces_what_was_there_and_removes_what_is_gone(providers, tmp_path):
    services.index_entries(
        [Entry(DOCUMENT, 3, 1, "/1/", "旧标题决算", ""), Entry(DOCUMENT, 99, 1, "/1/", "撤回", "")]
    )
    out = run("--rebuild", "--batch-size", "3", "--workers", "1", tmp_path=tmp_path)
    assert indexed() == [(DOCUMENT, k) for k in range(1, 8)] + [(QA, 10), (QA, 20), (QA, 30)]
    assert "已重建索引 10 条" in out and "移除已无对应记录的 1 条" in out
    assert search(SearchRequest("预算文件")).total == 7
    assert search(SearchRequest("决算")).total == 0  # document 3 replaced, not doubled
    assert SearchEntry.objects.filter(kind=DOCUMENT, key=3).count() == 1


def test_an_interrupted_rebuild_goes_on_from_its_checkpoint_and_builds_the_index_at_its_end(
    providers, tmp_path
):
    documents, _answers = providers
    documents.fail_after = 4
    with pytest.raises(RuntimeError):
        run("--rebuild", "--batch-size", "2", tmp_path=tmp_path)
    assert (tmp_path / "checkpoint").read_text(encoding="utf-8") == "document:4"
    out = run("--rebuild", "--batch-size", "2", tmp_path=tmp_path)
    assert "已从 document:4 之后继续" in out
    assert len(indexed()) == 10
    assert search(SearchRequest("预算文件")).total == 7
    assert search(SearchRequest("预算答复")).total == 3


class Terminal(StringIO):
    def isatty(self):
        return True


def test_on_a_terminal_a_progress_bar_counts_each_kind(providers, tmp_path):
    out = Terminal()
    call_command("reindex_search", "--checkpoint", str(tmp_path / "checkpoint"), stdout=out)
    assert "7/7" in out.getvalue()
    assert "3/3" in out.getvalue()
    assert "document：已完成 7 / 共 7" not in out.getvalue()  # the bar, not the lines
