"""Demo 政策咨询问答库 (a data module, docs/i18n.md §3), loaded by ``manage.py load_demo`` after the
catalogue: topics and curated entries for the 市财政局 and the 江北区住建委, each grounded in a published
document (two policy documents are published here for them, through the publications services, and the
catalogue's budget document is reused), one entry revised once (two versions), one still a draft; and
questions from the public in the queues — one overdue, one due soon, one answered. Dates are relative to
the day the demo is loaded, made through the same services as staff and the public use."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.utils import timezone

from gongkai_web.agencies.models import Agency
from gongkai_web.clocks import FixedClock
from gongkai_web.publications import services as publications
from gongkai_web.publications.models import Document

from . import services

#: (key, agency code, title, days before today it was published)
DOCUMENTS = [
    ("medical", "cq-czj", "重庆市城乡居民基本医疗保险市级财政补助资金管理办法", 90),
    ("housing", "jb-zjw", "江北区公共租赁住房申请审核和配租管理办法", 120),
]

#: agency code → (handler, approver) of the demo: 江北区住建委 has no approver of its own, the admin publishes.
STAFF = {"cq-czj": ("lisi", "qianqi"), "jb-zjw": ("wangwu", "admin")}

#: (agency code, topic, question, answer, documents, published)
ENTRIES = [
    (
        "cq-czj",
        "医疗保障",
        "2026年城乡居民基本医疗保险的财政补助标准是多少？",
        "2026年城乡居民基本医疗保险人均财政补助标准不低于每人每年700元，由市、区县两级财政按管理办法规定的比例分担。"
        "个人缴费标准另行公布。",
        ["medical"],
        True,
    ),
    (
        "cq-czj",
        "医疗保障",
        "市级财政补助资金什么时候拨付到区县？",
        "市级补助资金按预算分两次下达：每年一季度预拨，四季度根据参保人数清算。具体时间以市财政局下达的资金文件为准。",
        ["medical"],
        True,
    ),
    (
        "cq-czj",
        "预算公开",
        "在哪里可以查到市级部门预算？",
        "市级部门预算在批准后20日内由各部门在其门户网站“政府信息公开”专栏公开，市财政局网站集中公开汇总情况。",
        ["budget"],
        True,
    ),
    (
        "cq-czj",
        "预算公开",
        "“三公”经费预算包括哪些内容？",
        "“三公”经费包括因公出国（境）费、公务用车购置及运行费、公务接待费。",
        [],
        False,
    ),
    (
        "jb-zjw",
        "住房保障",
        "申请江北区公租房需要满足哪些条件？",
        "申请人年满18周岁，在江北区有稳定工作或连续缴纳社会保险满6个月，本人及家庭成员在主城区无住房或人均住房建筑面积低于15平方米。",
        ["housing"],
        True,
    ),
    (
        "jb-zjw",
        "住房保障",
        "公租房申请后多久能知道审核结果？",
        "资料齐全的，街道在受理后10个工作日内完成初审，区住建委在15个工作日内完成复核并公示。",
        ["housing"],
        True,
    ),
]
#: The revision of the first entry (its version 2), with its reason.
REVISION = (
    "2026年城乡居民基本医疗保险人均财政补助标准不低于每人每年700元，由市、区县两级财政按管理办法规定的比例分担，"
    "其中市级财政对渝东北、渝东南区县按60%补助。个人缴费标准另行公布。",
    "补充市级对渝东北、渝东南区县的补助比例",
)

#: (agency code, name, contact, question, days ago asked, answer or None)
QUESTIONS = [
    (
        "cq-czj",
        "刘小红",
        "13912345678",
        "我是外地户籍，在重庆灵活就业，能享受城乡居民医保的财政补助吗？",
        12,
        None,
    ),
    ("cq-czj", "", "chenjing@example.com", "市级部门的“三公”经费决算在哪里公开？", 3, None),
    (
        "jb-zjw",
        "周强",
        "023-67891234",
        "公租房配租后可以和别人调换吗？",
        6,
        "承租人确需调换的，可向区公租房管理机构申请，符合条件的在同一项目或相近项目间调换。",
    ),
]


def _publish_document(code: str, title: str, on: dt.date, users: dict[str, User]) -> Document:
    handler, approver = (users[u] for u in STAFF[code])
    doc = publications.draft_document(
        Agency.objects.get(code=code), kind="other", title=title, formed_on=on, actor=handler
    )
    publications.propose_publicity(doc, publicity="proactive", on=on, actor=handler)
    publications.review_secrecy(doc, on=on, agreed=True, actor=approver)
    publications.review_secrecy(doc, on=on, agreed=True, actor=users["zhaoliu"])
    publications.sign_document(doc, on=on, actor=approver)
    return publications.publish_document(doc, on=on, actor=handler)


def _at(today: dt.date, days_ago: int) -> FixedClock:
    day = today - dt.timedelta(days=days_ago)
    return FixedClock(dt.datetime(day.year, day.month, day.day, 10, tzinfo=timezone.get_current_timezone()))


def load_qa(users: dict[str, User], today: dt.date) -> None:
    documents = {
        key: _publish_document(code, title, today - dt.timedelta(days=ago), users)
        for key, code, title, ago in DOCUMENTS
    }
    budget = Document.objects.filter(title__startswith="重庆市2026年市级部门预算公开情况说明").first()
    if budget is not None:
        documents["budget"] = budget
    topics: dict[tuple[str, str], object] = {}
    first = None
    for code, topic_name, question, answer, linked, published in ENTRIES:
        agency = Agency.objects.get(code=code)
        handler, approver = (users[u] for u in STAFF[code])
        if (code, topic_name) not in topics:
            topics[(code, topic_name)] = services.create_topic(agency, name=topic_name, actor=handler)
        entry = services.create_entry(
            agency,
            question=question,
            answer=answer,
            topic=topics[(code, topic_name)],  # type: ignore[arg-type]
            documents=[documents[k] for k in linked if k in documents],
            actor=handler,
        )
        if published:
            services.publish_entry(entry, actor=approver)
        first = first or entry
    if first is not None:
        first.refresh_from_db()
        services.revise_entry(
            first,
            question=first.question,
            answer=REVISION[0],
            reason=REVISION[1],
            topic=first.topic,
            actor=users["qianqi"],
        )
    for code, name, contact, text, days_ago, reply in QUESTIONS:
        asked = services.ask_question(
            Agency.objects.get(code=code),
            question=text,
            contact=contact,
            name=name,
            clock=_at(today, days_ago),
        )
        if reply:
            services.answer_question(
                asked, answer=reply, actor=users[STAFF[code][0]], clock=_at(today, days_ago - 2)
            )
