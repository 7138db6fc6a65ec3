"""The short messages (e-mail and SMS) telling an applicant that a step of her application was taken.

They are official communication, so their wording lives here, once, as the letters' does
(``gongkai.letters``); the web sends them (``gongkai_web.notifications``). A message names the step, the
date that matters to the applicant, and how to see the details: the tracking page and the query code.
It never carries the query password, nor any identifier of the applicant (ID number, name, address):
an SMS or an e-mail may be read by someone else, and the letters themselves are on the tracking page.

Framework-free: every date is passed in, nothing reads the time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

#: What the application is called, by request kind (条例第二十九条 / 第四十一条).
REQUEST_NAMES = {
    "disclosure": "政府信息公开申请",
    "correction": "更正政府信息记录的申请",
}

#: The steps an applicant is told about, in the order they happen.
STEPS = ("receipt", "correction", "correction_received", "extension", "fee", "reply")


@dataclass(frozen=True, slots=True)
class Notice:
    step: str
    subject: str
    body: str


def zh_date(day: dt.date) -> str:
    """As the letters write dates (GB/T 9704-2012 §7.3.5.1): ``2025年11月3日``."""
    return f"{day.year}年{day.month}月{day.day}日"


def _request_name(kind: str) -> str:
    return REQUEST_NAMES.get(kind, REQUEST_NAMES["disclosure"])


def _footer(query_code: str, track_url: str) -> str:
    return (
        f"详情及相关文书请访问 {track_url} ，凭查询码 {query_code} 和查询密码查看。"
        "本消息由系统自动发送，请勿直接回复。"
    )


def _notice(step: str, query_code: str, track_url: str, *, title: str, text: str) -> Notice:
    return Notice(step, f"{title}（查询码 {query_code}）", f"{text}\n{_footer(query_code, track_url)}")


def receipt(
    *, agency: str, kind: str, query_code: str, received_on: dt.date, due_on: dt.date | None, track_url: str
) -> Notice:
    """条例第三十一条: the application was received; the reply period runs from that day."""
    due = f"答复期限为{zh_date(due_on)}。" if due_on else ""
    return _notice(
        "receipt",
        query_code,
        track_url,
        title=f"{_request_name(kind)}已收到",
        text=f"您向{agency}提出的{_request_name(kind)}已于{zh_date(received_on)}收到。{due}",
    )


def correction(
    *, agency: str, kind: str, query_code: str, sent_on: dt.date, correction_due: dt.date, track_url: str
) -> Notice:
    """条例第三十条: the 补正申请告知书; the applicant may answer it on the tracking page."""
    return _notice(
        "correction",
        query_code,
        track_url,
        title="补正申请告知书",
        text=(
            f"{agency}于{zh_date(sent_on)}向您发出补正申请告知书，请在{zh_date(correction_due)}前按告知书的要求"
            f"补正您的{_request_name(kind)}，可在查询页面直接在线补正。逾期未补正的，视为放弃申请。"
        ),
    )


def correction_received(
    *, agency: str, kind: str, query_code: str, received_on: dt.date, due_on: dt.date | None, track_url: str
) -> Notice:
    """条例第三十条: the corrected application was received; the reply period counts from that day."""
    due = f"答复期限自收到补正之日起重新计算，为{zh_date(due_on)}。" if due_on else ""
    return _notice(
        "correction_received",
        query_code,
        track_url,
        title="补正材料已收到",
        text=f"{agency}已于{zh_date(received_on)}收到您补正后的{_request_name(kind)}。{due}",
    )


def extension(*, agency: str, kind: str, query_code: str, due_on: dt.date, track_url: str) -> Notice:
    """条例第三十三条第二款: the reply period was extended."""
    return _notice(
        "extension",
        query_code,
        track_url,
        title="延期答复告知书",
        text=f"{agency}决定延长您的{_request_name(kind)}的答复期限，延长后的答复期限为{zh_date(due_on)}。",
    )


def fee(
    *, agency: str, kind: str, query_code: str, amount_yuan: object, payment_due: dt.date, track_url: str
) -> Notice:
    """《政府信息公开信息处理费管理办法》: the fee notice; the reply period is suspended until payment."""
    return _notice(
        "fee",
        query_code,
        track_url,
        title="收费通知书",
        text=(
            f"{agency}已就您的{_request_name(kind)}发出收费通知书，信息处理费{amount_yuan}元，"
            f"请在{zh_date(payment_due)}前缴纳；逾期未缴纳的，视为放弃申请。"
        ),
    )


def reply(*, agency: str, kind: str, query_code: str, replied_on: dt.date, track_url: str) -> Notice:
    """条例第三十六条 (or 第四十一条): the application was answered."""
    return _notice(
        "reply",
        query_code,
        track_url,
        title="申请已答复",
        text=f"{agency}已于{zh_date(replied_on)}对您的{_request_name(kind)}作出答复，答复文书可在查询页面下载。",
    )


def question_answered(*, agency: str, query_code: str, asked_on: dt.date, answer_url: str) -> Notice:
    """政策咨询: the agency answered a question asked on the public form. The message carries neither the
    question nor the answer (an SMS or an e-mail may be read by someone else): the answer is on the
    receipt page the asker was given, at ``answer_url`` (its query code is part of the address)."""
    return Notice(
        "question_answered",
        f"您的政策咨询已答复（查询码 {query_code}）",
        f"您于{zh_date(asked_on)}向{agency}提出的政策咨询已答复。请访问 {answer_url} 查看答复。"
        "本消息由系统自动发送，请勿直接回复。",
    )
