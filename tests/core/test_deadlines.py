"""The reply clock against the worked examples of legal-rules §4.5, the receipt rules of §4.1,
the refusals of impossible sequences, and properties over random pauses."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.deadlines import (
    MAX_PERIOD_WORKDAYS,
    ClockError,
    ConsultationAnswered,
    ConsultationStarted,
    CorrectionReceived,
    CorrectionRequested,
    Extension,
    FeeNoticeSent,
    FeePaid,
    Paused,
    ReasonableTimeNotice,
    Received,
    compute_deadline,
    events_from_records,
    legal_receipt_date,
    reply_deadline,
)
from gongkai.workdays import default_calendar

D = dt.date.fromisoformat


def test_example_a_counts_from_the_day_after_receipt_over_national_day():
    result = compute_deadline(D("2025-09-26"), [])
    assert result.due_on == D("2025-10-30")
    assert result.correction_notice_due == D("2025-10-13")
    assert not result.provisional and not result.paused
    assert result.explanation[-1] == "当前答复期限：2025-10-30。"


def test_example_a_with_a_full_extension():
    assert compute_deadline(D("2025-09-26"), [Extension(D("2025-10-30"), 20)]).due_on == D("2025-11-27")


def test_example_b_correction_restarts_the_clock_then_extension():
    events = [CorrectionRequested(D("2025-10-09"), D("2025-10-24")), CorrectionReceived(D("2025-10-20"))]
    assert compute_deadline(D("2025-09-26"), events).due_on == D("2025-11-17")
    extended = compute_deadline(D("2025-09-26"), [*events, Extension(D("2025-11-10"), 20)])
    assert extended.due_on == D("2025-12-15")
    assert extended.clock_start == D("2025-10-20")


def test_example_c_third_party_consultation_is_not_counted():
    result = compute_deadline(
        D("2025-11-03"),
        [
            ConsultationStarted(D("2025-11-05"), "third_party", D("2025-11-07")),
            ConsultationAnswered(D("2025-11-21")),
        ],
    )
    assert result.consultee_due == (D("2025-11-28"),)
    assert result.due_on == D("2025-12-17")
    assert any("12 个工作日不计入" in line for line in result.explanation)


def test_example_d_fee_period_is_not_counted():
    result = compute_deadline(
        D("2025-11-03"), [FeeNoticeSent(D("2025-11-10"), D("2025-11-12")), FeePaid(D("2025-11-28"))]
    )
    assert result.payment_due == D("2025-12-10")
    assert result.due_on == D("2025-12-19")


def test_example_e_weekend_receipt():
    assert compute_deadline(D("2025-11-08"), []).due_on == D("2025-12-05")
    assert compute_deadline(D("2025-11-10"), []).due_on == D("2025-12-08")


def test_example_f_spring_festival_2026():
    assert compute_deadline(D("2026-02-13"), []).due_on == D("2026-03-19")


def test_example_g_a_deadline_in_an_unpublished_year_is_provisional():
    result = compute_deadline(D("2026-12-15"), [])
    assert result.due_on == D("2027-01-13")  # 元旦 (a fixed holiday) off; legal-rules G counted weekends only
    assert result.provisional
    assert "（临时）" in result.explanation[-1] and "provisional" in result.explanation_en[-1]


def test_an_open_consultation_is_projected_to_the_consultees_due_date():
    result = compute_deadline(
        D("2025-11-03"), [ConsultationStarted(D("2025-11-05"), "agency", D("2025-11-07"))]
    )
    assert result.paused
    # pause (11-05, 11-28]: 2 WD counted before, 18 more from Mon 12-01 → 12-24.
    assert result.due_on == D("2025-12-24")


def test_a_late_answer_pauses_only_until_the_consultees_due_date():
    late = compute_deadline(
        D("2025-11-03"),
        [
            ConsultationStarted(D("2025-11-05"), "third_party", D("2025-11-07")),
            ConsultationAnswered(D("2025-12-05")),
        ],
    )
    assert late.due_on == D("2025-12-24")


def test_an_unpaid_fee_lapses_as_abandoned_no_fee_after_its_due_date():
    events = [FeeNoticeSent(D("2025-11-10"), D("2025-11-12"))]
    assert compute_deadline(D("2025-11-03"), events, as_of=D("2025-12-10")).lapsed is None
    assert compute_deadline(D("2025-11-03"), events, as_of=D("2025-12-11")).lapsed == "abandoned_no_fee"


def test_an_uncorrected_application_stops_the_clock_and_lapses():
    events = [CorrectionRequested(D("2025-09-30"), D("2025-10-17"))]
    result = compute_deadline(D("2025-09-26"), events, as_of=D("2025-10-20"))
    assert result.due_on is None and result.stopped
    assert result.lapsed == "abandoned_no_correction"


def test_a_late_or_second_correction_notice_is_allowed_with_a_warning():
    events = [
        CorrectionRequested(D("2025-10-14")),
        CorrectionReceived(D("2025-10-20")),
        CorrectionRequested(D("2025-10-21")),
        CorrectionReceived(D("2025-10-22")),
    ]
    result = compute_deadline(D("2025-09-26"), events)
    assert len(result.warnings) == 2
    assert result.due_on == compute_deadline(D("2025-10-22"), []).due_on


def test_an_art35_notice_sets_a_later_deadline_and_pauses_still_shift_it():
    assert compute_deadline(
        D("2025-11-03"), [ReasonableTimeNotice(D("2025-11-20"), D("2026-01-30"))]
    ).due_on == D("2026-01-30")
    # A Saturday rolls to Monday.
    assert compute_deadline(
        D("2025-11-03"), [ReasonableTimeNotice(D("2025-11-20"), D("2026-01-31"))]
    ).due_on == D("2026-02-02")
    shifted = compute_deadline(
        D("2025-11-03"),
        [ReasonableTimeNotice(D("2025-11-20"), D("2026-01-30")), Paused(D("2026-01-05"), D("2026-01-09"))],
    )
    # (01-05, 01-09] skips Tue–Fri 01-06…01-09: four working days → Fri 01-30 + 4 = Thu 02-05.
    assert shifted.due_on == D("2026-02-05")


@pytest.mark.parametrize(
    ("events", "code"),
    [
        ([Extension(D("2025-10-31"), 10)], "deadlines.after_deadline"),
        ([Extension(D("2025-10-09"), 10), Extension(D("2025-10-10"), 5)], "deadlines.second_extension"),
        ([Extension(D("2025-10-09"), 21)], "deadlines.bad_extension"),
        ([Extension(D("2025-10-09"), 0)], "deadlines.bad_extension"),
        ([Paused(D("2025-10-10"), D("2025-10-09"))], "deadlines.pause_ends_before_start"),
        (
            [ConsultationStarted(D("2025-10-10"), "third_party", D("2025-10-09"))],
            "deadlines.pause_ends_before_start",
        ),
        ([FeeNoticeSent(D("2025-10-10"), D("2025-10-09"))], "deadlines.pause_ends_before_start"),
        ([Paused(D("2025-09-25"), D("2025-10-09"))], "deadlines.before_receipt"),
        ([FeePaid(D("2025-10-10"))], "deadlines.fee_not_requested"),
        ([ConsultationAnswered(D("2025-10-10"))], "deadlines.no_open_consultation"),
        ([CorrectionReceived(D("2025-10-10"))], "deadlines.correction_not_requested"),
        (
            [Paused(D("2025-10-10"), D("2025-10-11")), Paused(D("2025-10-09"), D("2025-10-10"))],
            "deadlines.out_of_order",
        ),
        ([FeeNoticeSent(D("2025-10-09")), FeePaid(D("2025-11-20"))], "deadlines.fee_paid_late"),
        ([CorrectionRequested(D("2025-10-09")), Extension(D("2025-10-10"), 5)], "deadlines.clock_stopped"),
        ([Received(D("2025-09-27"))], "deadlines.received_twice"),
        ([ConsultationStarted(D("2025-10-10"), "neighbour")], "deadlines.unknown_consultee"),  # type: ignore[arg-type]
    ],
)
def test_it_refuses_impossible_sequences_with_a_typed_error(events, code):
    with pytest.raises(ClockError) as err:
        compute_deadline(D("2025-09-26"), events)
    assert err.value.code == code
    assert err.value.message and err.value.message != err.value.message_en


@pytest.mark.parametrize(
    ("received", "events", "period"),
    [
        (D("2025-09-26"), [], 99_999_999_999),  # would overflow the date arithmetic
        (D("2025-09-26"), [], 2**70),
        (D("2025-09-26"), [], MAX_PERIOD_WORKDAYS + 1),  # longer than the whole calendar
        (D("2025-09-26"), [], 60_000),  # fits the bound, ends after 2200
        (D("2200-12-20"), [], 20),
        (dt.date.max, [], 20),
        (dt.date.min, [], 20),
        (D("1999-12-31"), [], 20),
        (D("2025-09-26"), [Paused(D("2025-10-09"), dt.date.max)], 20),
        (D("2025-09-26"), [ReasonableTimeNotice(D("2025-10-09"), D("2300-01-01"))], 20),
        (D("2025-09-26"), [FeeNoticeSent(D("2025-10-09"), dt.date.max)], 20),
        (D("2025-09-26"), [ConsultationStarted(D("2025-10-09"), "agency", dt.date.max)], 20),
        (D("2025-09-26"), [CorrectionRequested(D("2025-10-09")), CorrectionReceived(dt.date.max)], 20),
    ],
)
def test_periods_and_dates_beyond_the_calendar_are_a_typed_error(received, events, period):
    with pytest.raises(ClockError) as err:
        compute_deadline(received, events, period=period)
    assert err.value.code == "deadlines.out_of_range"
    assert "超出工作日历的范围（2000—2200 年）" in err.value.message


@pytest.mark.parametrize("period", [0, -5, 20.0, True])
def test_a_period_must_be_a_positive_integer(period):
    with pytest.raises(ClockError) as err:
        compute_deadline(D("2025-09-26"), [], period=period)
    assert err.value.code == "deadlines.bad_period"


def test_a_very_long_period_that_still_fits_the_calendar_is_computed():
    # After 2099 no lunar holiday is known: weekends and the civil-date holidays (元旦, 劳动节 1–2 May,
    # 国庆 1–3 October) are off. Walk 25,000 such working days by hand.
    civil = {(1, 1), (5, 1), (5, 2), (10, 1), (10, 2), (10, 3)}
    day, left = D("2100-01-01"), 25_000
    while left:
        day += dt.timedelta(days=1)
        left -= day.weekday() < 5 and (day.month, day.day) not in civil
    assert compute_deadline(D("2100-01-01"), [], period=25_000).due_on == day


def test_a_replayed_receipt_beyond_the_calendar_is_a_typed_error():
    with pytest.raises(ClockError) as err:
        reply_deadline(events_from_records([("receipt_confirmed", dt.date(9999, 1, 1), {})]))
    assert err.value.code == "deadlines.out_of_range"


def test_an_extension_on_the_deadline_day_itself_is_in_time():
    assert compute_deadline(D("2025-09-26"), [Extension(D("2025-10-30"), 1)]).due_on == D("2025-10-31")


@pytest.mark.parametrize(
    ("channel", "arrived", "confirmed", "expected"),
    [
        ("in_person", "2025-11-08", None, "2025-11-08"),
        ("post_signed", "2025-11-10", None, "2025-11-10"),
        ("post_unsigned", "2025-11-10", "2025-11-12", "2025-11-12"),
        ("online", "2025-11-07", "2025-11-08", "2025-11-08"),
    ],
)
def test_the_legal_receipt_date_follows_the_channel_rule(channel, arrived, confirmed, expected):
    receipt = legal_receipt_date(
        channel, arrived_on=D(arrived), confirmed_on=D(confirmed) if confirmed else None
    )
    assert receipt.received_on == D(expected)
    assert "第三十一条" in receipt.rule


def test_an_unknown_channel_or_missing_confirmation_is_refused():
    with pytest.raises(ClockError) as err:
        legal_receipt_date("pigeon", arrived_on=D("2025-11-10"))
    assert err.value.code == "deadlines.unknown_channel"
    with pytest.raises(ClockError) as err:
        legal_receipt_date("email", arrived_on=D("2025-11-10"))
    assert err.value.code == "deadlines.confirmation_missing"


def test_stored_records_replay_to_the_same_deadline():
    records = [
        ("submitted", D("2025-11-03"), {"channel": "online"}),
        ("receipt_confirmed", D("2025-11-03"), {"rule": "x"}),
        (
            "consultation_started",
            D("2025-11-05"),
            {"consultee_kind": "third_party", "consultee_received_on": "2025-11-07"},
        ),
        ("consultation_answered", D("2025-11-21"), {"position": "consent"}),
        ("replied", D("2025-12-01"), {"outcome": "granted"}),
    ]
    assert reply_deadline(events_from_records(records)).due_on == D("2025-12-17")


def test_an_unknown_record_kind_is_refused():
    with pytest.raises(ClockError):
        events_from_records([("teleported", D("2025-11-03"), {})])


received_dates = st.dates(min_value=D("2024-01-01"), max_value=D("2026-12-31"))


@st.composite
def pauses(draw, received: dt.date):
    offset = draw(st.integers(0, 25))
    length = draw(st.integers(0, 30))
    start = received + dt.timedelta(days=offset)
    return Paused(start, start + dt.timedelta(days=length))


@settings(max_examples=150, deadline=None)
@given(data=st.data(), received=received_dates)
def test_a_pause_never_makes_the_deadline_earlier_and_the_deadline_is_a_working_day(data, received):
    plain = compute_deadline(received, [])
    pause = data.draw(pauses(received))
    if pause.on > plain.due_on:
        return  # a pause after the deadline is refused, tested above
    paused = compute_deadline(received, [pause])
    assert paused.due_on >= plain.due_on
    for result in (plain, paused):
        assert default_calendar().is_working_day(result.due_on) or result.provisional


@settings(max_examples=100, deadline=None)
@given(received=received_dates, period=st.integers(1, 40))
def test_one_more_working_day_is_always_later(received, period):
    assert (
        compute_deadline(received, [], period=period + 1).due_on
        > compute_deadline(received, [], period=period).due_on
    )


def test_it_formats_the_trail_only_when_read_and_keeps_it_once_formatted():
    # 2025-11-05 → 2025-11-21 skips Nov 6, 7, 10–14 and 17–21: 12 working days (counted by hand).
    result = compute_deadline(D("2025-11-03"), [Paused(D("2025-11-05"), D("2025-11-21"), "保密审查")])
    assert result.due_on == D("2025-12-17")
    assert "explanation" not in vars(result) and "explanation_en" not in vars(result)
    assert (
        "12 working days after 2025-11-05 up to 2025-11-21 are not counted — 保密审查"
        in result.explanation_en[2]
    )
    assert result.explanation[2].startswith("2025-11-05 之后至 2025-11-21 的 12 个工作日不计入（保密审查）")
    assert result.explanation is result.explanation
    assert len(result.explanation) == len(result.explanation_en) == len(result.steps)
