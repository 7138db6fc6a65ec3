"""The document library's rules in the core: 文号, validity as of a date, the periods, table 2's counts.
Expected dates are worked out by hand on the State Council's 2023 schedule (国庆/中秋 29 Sep–6 Oct off,
7–8 Oct worked)."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.publications import (
    DocumentNumber,
    DocumentNumberError,
    Effect,
    EffectKind,
    ValidityStatus,
    normalise_document_number,
    parse_document_number,
    validity_on,
)
from gongkai.publications.docnumber import parse_search_number
from gongkai.publications.periods import (
    PeriodError,
    add_months,
    check_comment_period,
    earliest_comment_close,
    evaluation_window,
    filing_due,
    interpretation_due,
    publication_due,
)
from gongkai.publications.table2 import LibraryDocument, count_documents, table2_document_cells
from gongkai.publications.validity import DocumentDates, EffectError, check_effect

D = dt.date


@pytest.mark.parametrize(
    "typed",
    [
        "渝府发〔2023〕1号",
        "渝府发[2023]1号",
        "渝府发［2023］1号",
        "渝府发（2023）1号",
        "渝府发(2023)01号",
        "渝府发【2023】第1号",
        " 渝府发 〔２０２３〕 1 号 ",
    ],
)
def test_every_bracket_form_of_a_document_number_is_stored_the_same_way(typed):
    assert normalise_document_number(typed) == "渝府发〔2023〕1号"


def test_a_document_number_keeps_its_issuer_code_year_and_serial():
    assert parse_document_number("渝府办规〔2024〕12号") == DocumentNumber("渝府办规", 2024, 12)


@pytest.mark.parametrize(
    "typed", ["", "2023年1号", "渝府发〔23〕1号", "渝府发〔2023〕0号", "渝府发 第一号", "abc[2023]1号"]
)
def test_text_that_is_not_a_document_number_is_refused_with_an_example(typed):
    with pytest.raises(DocumentNumberError) as caught:
        parse_document_number(typed)
    assert caught.value.code == "publications.bad_document_number"
    assert "渝府发〔2023〕1号" in caught.value.message


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("渝府办发 2023 15", DocumentNumber("渝府办发", 2023, 15)),
        ("渝府办发2023-15", DocumentNumber("渝府办发", 2023, 15)),
        ("渝府办发2023年第15号", DocumentNumber("渝府办发", 2023, 15)),
        ("渝府办发(2023)15号", DocumentNumber("渝府办发", 2023, 15)),
    ],
)
def test_a_searcher_may_type_a_document_number_without_brackets(typed, found):
    assert parse_search_number(typed) == found


def test_an_order_carries_a_running_number_without_a_year():
    assert parse_document_number("渝府令第 368 号") == DocumentNumber("渝府令", None, 368)
    assert str(DocumentNumber("重庆市人民政府令", None, 368)) == "重庆市人民政府令第368号"


def test_words_are_not_taken_for_a_document_number():
    assert parse_search_number("预算公开") is None
    assert parse_search_number("2023") is None


# ── validity ─────────────────────────────────────────────────────────────────────────────────────

DOC = DocumentDates(published_on=D(2022, 3, 1), effective_on=D(2022, 4, 1), valid_until=D(2027, 3, 31))


def test_a_published_document_is_not_yet_in_force_before_its_effective_date():
    assert validity_on(DOC, [], D(2022, 3, 15)).status is ValidityStatus.NOT_YET
    assert validity_on(DOC, [], D(2022, 2, 28)) is None
    assert validity_on(DOC, [], D(2022, 4, 1)).status is ValidityStatus.IN_FORCE


def test_a_repeal_ends_validity_from_its_date_and_names_its_basis():
    repeal = Effect(EffectKind.REPEALS, D(2024, 3, 1), basis="渝府发〔2024〕3号")
    assert validity_on(DOC, [repeal], D(2024, 2, 29)).status is ValidityStatus.IN_FORCE
    found = validity_on(DOC, [repeal], D(2024, 3, 1))
    assert (found.status, found.since, found.basis) == (
        ValidityStatus.REPEALED,
        D(2024, 3, 1),
        "渝府发〔2024〕3号",
    )
    assert found.banner() == "本文件已于2024年3月1日废止，依据：渝府发〔2024〕3号。"


def test_an_amended_document_stays_in_force():
    amend = Effect(EffectKind.AMENDS, D(2023, 6, 1), basis="渝府发〔2023〕9号")
    found = validity_on(DOC, [amend], D(2023, 12, 31))
    assert found.status is ValidityStatus.AMENDED and found.status.in_force
    assert found.label == "已修改"


def test_a_document_lapses_the_day_after_its_validity_period_without_renewal():
    assert validity_on(DOC, [], D(2027, 3, 31)).status is ValidityStatus.IN_FORCE
    lapsed = validity_on(DOC, [], D(2027, 4, 1))
    assert (lapsed.status, lapsed.since) == (ValidityStatus.EXPIRED, D(2027, 4, 1))
    assert lapsed.banner() == "本文件已于2027年4月1日失效（有效期届满）。"


def test_a_renewal_decided_in_time_extends_validity_and_a_late_one_does_not():
    in_time = Effect(EffectKind.RENEWS, D(2027, 3, 1), valid_until=D(2029, 3, 31))
    assert validity_on(DOC, [in_time], D(2028, 1, 1)).status is ValidityStatus.IN_FORCE
    late = Effect(EffectKind.RENEWS, D(2027, 5, 1), valid_until=D(2029, 3, 31))
    assert validity_on(DOC, [late], D(2028, 1, 1)).status is ValidityStatus.EXPIRED


def test_an_effect_dated_before_its_document_is_refused():
    with pytest.raises(EffectError) as caught:
        check_effect(DOC, Effect(EffectKind.REPEALS, D(2022, 2, 1)))
    assert caught.value.code == "publications.effect_before_document"


# ── periods ──────────────────────────────────────────────────────────────────────────────────────


def test_proactive_publication_is_due_twenty_working_days_after_formation_across_national_day():
    # 28 Sep is 1; 29 Sep–6 Oct off; 7 and 8 Oct worked (2, 3); 9–13 Oct 4–8; … 31 Oct is 20.
    assert publication_due(D(2023, 9, 27)) == D(2023, 10, 31)


def test_an_interpretation_is_due_three_working_days_after_its_document():
    assert interpretation_due(D(2023, 9, 28)) == D(2023, 10, 9)


def test_a_normative_document_is_open_for_comment_at_least_seven_working_days():
    assert earliest_comment_close("normative", D(2023, 9, 27)) == D(2023, 10, 12)
    with pytest.raises(PeriodError) as caught:
        check_comment_period("normative", D(2023, 9, 27), D(2023, 10, 11))
    assert "2023-10-12" in caught.value.message
    check_comment_period("normative", D(2023, 9, 27), D(2023, 10, 12))


def test_a_rule_is_open_for_comment_at_least_thirty_days():
    assert earliest_comment_close("rule", D(2023, 1, 31)) == D(2023, 3, 2)


def test_filing_is_due_thirty_days_after_publication():
    assert filing_due(D(2023, 12, 15)) == D(2024, 1, 14)


def test_months_end_on_the_last_day_of_a_shorter_month():
    assert add_months(D(2023, 8, 31), -6) == D(2023, 2, 28)
    assert add_months(D(2024, 8, 31), -6) == D(2024, 2, 29)
    assert add_months(D(2023, 11, 30), 3) == D(2024, 2, 29)
    assert evaluation_window(D(2027, 3, 31)) == (D(2026, 9, 30), D(2027, 3, 31))


# ── table 2 ──────────────────────────────────────────────────────────────────────────────────────


def test_table_two_counts_issued_repealed_and_in_force_at_year_end():
    normative = "normative_documents"
    docs = [
        LibraryDocument(normative, DocumentDates(D(2023, 2, 1))),  # issued, in force
        LibraryDocument(
            normative, DocumentDates(D(2020, 5, 1), valid_until=D(2023, 4, 30))
        ),  # lapsed: not repealed
        LibraryDocument(
            normative, DocumentDates(D(2019, 1, 1)), (Effect(EffectKind.REPEALS, D(2023, 7, 1)),)
        ),
        LibraryDocument(normative, DocumentDates(D(2021, 1, 1)), (Effect(EffectKind.AMENDS, D(2023, 3, 1)),)),
        LibraryDocument(normative, DocumentDates(D(2023, 12, 20), effective_on=D(2024, 1, 1))),  # not yet
        LibraryDocument("rules", DocumentDates(D(2018, 1, 1))),
    ]
    counts = count_documents(docs, 2023)
    assert (counts[normative].issued, counts[normative].repealed, counts[normative].in_force) == (2, 1, 2)
    assert table2_document_cells(counts, makes_rules=True)["active.rules.in_force"] == 1
    cells = table2_document_cells(counts, makes_rules=False)
    assert cells["active.rules.in_force"] == 0 and cells["active.normative_documents.issued"] == 2
