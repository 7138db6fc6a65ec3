"""政策解读 in the core: which documents owe one, the due date on the 2023 calendar, the 同步 gate and the
two ratios. Dates worked out by hand on the State Council's 2023 schedule: 劳动节 29 Apr–3 May off, Sunday
23 Apr and Saturday 6 May worked; 国庆/中秋 29 Sep–6 Oct off, 7–8 Oct worked."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from gongkai import labels
from gongkai.publications.interpretation import (
    DONE,
    DONE_LATE,
    DUE_SOON,
    FORMS,
    LATE,
    MET,
    MISSING,
    NOT_NEEDED,
    OVERDUE,
    PENDING,
    DocumentFacts,
    InterpretationFacts,
    Ratios,
    due_status,
    missing_at_signing,
    missing_steps,
    needs_interpretation,
    percent,
    ratios,
    sync_gate,
)

D = dt.date
APRIL_28 = D(2023, 4, 28)


def doc(kind="normative", publicity="proactive", signed=None, published=APRIL_28):
    return DocumentFacts(kind, publicity, signed, published)


def interp(form="text", drafted=None, signed=None, published=None):
    return InterpretationFacts(form, drafted, signed, published)


def test_the_forms_carry_their_official_words():
    assert [labels.INTERPRETATION_FORMS[f] for f in FORMS] == ["文字", "图解", "音频", "视频", "问答"]
    assert list(labels.INTERPRETATION_SYNC.values()) == ["同步起草", "同步审签", "同步发布"]


def test_published_rules_and_normative_documents_need_an_interpretation_and_nothing_else_does():
    assert needs_interpretation(doc("rule"))
    assert needs_interpretation(doc("normative", "partial"))
    assert not needs_interpretation(doc("normative", "on_request"))
    assert not needs_interpretation(doc("other"))
    assert not needs_interpretation(doc(published=None))


def test_the_interpretation_of_a_document_published_before_may_day_is_due_on_the_worked_saturday():
    # Fri 28 Apr published; 29 Apr–3 May off; Thu 4 May is 1, Fri 5 May 2, Sat 6 May (worked) 3.
    status = due_status(doc(), [], today=D(2023, 4, 28), horizon=D(2023, 5, 4))
    assert (status.state, status.due) == (PENDING, D(2023, 5, 6))


def test_before_the_national_day_holiday_the_interpretation_is_due_on_9_october():
    status = due_status(doc(published=D(2023, 9, 28)), [], today=D(2023, 10, 7), horizon=D(2023, 10, 10))
    assert (status.state, status.due) == (DUE_SOON, D(2023, 10, 9))


def test_without_an_interpretation_after_the_due_day_the_document_is_overdue():
    assert due_status(doc(), [], today=D(2023, 5, 8), horizon=D(2023, 5, 11)).state == OVERDUE


def test_an_interpretation_published_by_the_due_day_meets_it_and_one_after_is_late():
    on_time = due_status(doc(), [interp(published=D(2023, 5, 6))], today=D(2023, 6, 1), horizon=D(2023, 6, 6))
    late = due_status(doc(), [interp(published=D(2023, 5, 8))], today=D(2023, 6, 1), horizon=D(2023, 6, 6))
    assert (on_time.state, on_time.met_on) == (MET, D(2023, 5, 6))
    assert (late.state, late.met_on) == (LATE, D(2023, 5, 8))


def test_an_interpretation_published_after_today_does_not_count_yet():
    status = due_status(doc(), [interp(published=D(2023, 5, 5))], today=D(2023, 5, 4), horizon=D(2023, 5, 9))
    assert status.state == DUE_SOON


def test_a_document_that_needs_no_interpretation_owes_nothing():
    assert due_status(doc("other"), [], today=D(2024, 1, 1), horizon=D(2024, 1, 4)).state == NOT_NEEDED


def test_the_gate_is_met_when_drafted_and_signed_by_the_signature_and_published_with_the_document():
    gate = sync_gate(
        doc(signed=D(2023, 3, 17), published=D(2023, 3, 20)),
        [interp("graphic", D(2023, 3, 10), D(2023, 3, 17), D(2023, 3, 20))],
    )
    assert [(g.step, g.state) for g in gate] == [("drafted", DONE), ("signed", DONE), ("published", DONE)]


def test_the_gate_tells_the_drafter_what_is_missing_before_the_signature():
    gate = sync_gate(doc(signed=None, published=None), [interp(drafted=D(2023, 3, 10))])
    assert [g.state for g in gate] == [DONE, MISSING, MISSING]
    assert missing_steps(gate) == ["signed", "published"]
    assert missing_steps(sync_gate(doc(published=None), [])) == ["drafted", "signed", "published"]


def test_an_interpretation_drafted_after_the_document_was_signed_is_late_for_the_gate():
    gate = sync_gate(
        doc(signed=D(2023, 3, 17), published=D(2023, 3, 20)),
        [interp(drafted=D(2023, 3, 18), signed=D(2023, 3, 21), published=D(2023, 3, 22))],
    )
    assert [g.state for g in gate] == [DONE_LATE, DONE_LATE, DONE_LATE]
    assert gate[2].document_on == D(2023, 3, 20)


def test_the_ratios_count_documents_needing_one_and_the_published_interpretations_of_them():
    as_of = D(2023, 12, 31)
    published = D(2023, 6, 1)
    p = D(2023, 6, 2)
    rows = [
        (doc(published=published), [interp("graphic", published=p), interp("text", published=p)]),
        (doc("rule", published=published), [interp("qa", published=p)]),
        (doc(published=published), []),
        (doc(published=published), [interp("video", published=D(2024, 1, 2))]),  # after as_of
        (doc("normative", "partial", published=published), [interp("text", published=p)]),
        (doc("other", published=published), [interp("audio", published=p)]),  # needs none: left out
        (doc(published=published), [interp("audio")]),  # drafted, not published
    ]
    found = ratios(rows, as_of=as_of)
    # needing: rows 1–5 and 7 = 6; covered: 1, 2, 5 = 3; interpretations 2 + 1 + 1 = 4; visual: 图解, 问答.
    assert found == Ratios(needing=6, covered=3, interpretations=4, visual=2)
    assert (found.coverage, found.visual_ratio) == (Fraction(1, 2), Fraction(1, 2))


def test_the_seed_figures_are_full_coverage_and_over_eighty_percent_visual():
    rows = [(doc(), [interp("text" if i == 0 else "graphic", published=D(2023, 5, 4))]) for i in range(6)]
    found = ratios(rows, as_of=D(2023, 12, 31))
    assert found.coverage == 1 and found.visual_ratio == Fraction(5, 6)
    assert (percent(found.coverage), percent(found.visual_ratio)) == ("100%", "83.3%")


def test_a_ratio_with_nothing_to_count_is_missing_not_zero():
    assert Ratios().coverage is None and percent(Ratios().visual_ratio) == "—"
    assert Ratios(1, 1, 1, 0) + Ratios(1, 0, 0, 0) == Ratios(2, 1, 1, 0)


def test_signing_waits_for_a_drafted_and_signed_off_interpretation_only_of_a_document_that_will_owe_one():
    drafted_only = [interp(drafted=D(2023, 3, 10))]
    signed_off = [interp(drafted=D(2023, 3, 10), signed=D(2023, 3, 16))]
    assert missing_at_signing("normative", "proactive", []) == ["drafted", "signed"]
    assert missing_at_signing("rule", "partial", drafted_only) == ["signed"]
    assert missing_at_signing("normative", "proactive", signed_off) == []
    # owes none: another kind, or a 规范性文件 decided 依申请公开 or 不予公开
    assert missing_at_signing("other", "proactive", []) == []
    assert missing_at_signing("normative", "on_request", []) == []
    assert missing_at_signing("normative", "withheld", []) == []
