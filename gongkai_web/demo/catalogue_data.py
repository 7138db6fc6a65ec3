"""Demo 主动公开事项目录 (a data module, docs/i18n.md §3): a few items for the 市财政局 and the 江北区住建委
in the 基层政务公开标准目录 shape, and three documents of the 市财政局 that fulfil them, made through the
same services as staff use. Dates are relative to the day the demo is loaded, so that exactly one item
is overdue whenever it is loaded: a document formed 60 days ago (more than 20 working days in any
season) and not published. One document is published (its item is met) and one is due soon."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User

from gongkai_web.agencies.models import Agency
from gongkai_web.publications import services
from gongkai_web.publications.services import catalogue

#: (key, agency code, title, days before today it was formed, published how many days after forming)
DOCUMENTS = [
    ("budget", "cq-czj", "重庆市2026年市级部门预算公开情况说明", 40, 10),
    ("special_funds", "cq-czj", "2026年市级财政专项资金分配方案", 60, None),
    ("receipts", "cq-czj", "关于进一步规范财政票据管理的工作要点", 22, None),
]

#: (agency code, owner, fields, documents linked)
ITEMS: list[tuple[str, str, dict[str, Any], list[str]]] = [
    (
        "cq-czj",
        "qianqi",
        {
            "category": "财政信息",
            "subcategory": "财政预决算",
            "elements": "部门预算、部门决算及其说明，“三公”经费预决算",
            "basis": "《中华人民共和国预算法》第十四条；《政府信息公开条例》第二十条第（七）项",
            "responsible_unit": "预算处",
            "channels": ["website", "gazette", "new_media"],
        },
        ["budget"],
    ),
    (
        "cq-czj",
        "lisi",
        {
            "category": "财政信息",
            "subcategory": "专项资金分配",
            "elements": "专项资金的管理办法、分配结果",
            "basis": "《政府信息公开条例》第二十条第（七）项",
            "responsible_unit": "经济建设处",
            "channels": ["website"],
        },
        ["special_funds"],
    ),
    (
        "cq-czj",
        "lisi",
        {
            "category": "财政信息",
            "subcategory": "财政票据管理",
            "elements": "票据管理制度、票据种类及监制情况",
            "basis": "《财政票据管理办法》",
            "responsible_unit": "综合处",
            "channels": ["website", "service_centre"],
        },
        ["receipts"],
    ),
    (
        "cq-czj",
        "qianqi",
        {
            "category": "政府信息公开工作年度报告",
            "elements": "上一年度政府信息公开工作情况",
            "basis": "《政府信息公开条例》第四十九条、第五十条",
            "responsible_unit": "办公室",
            "channels": ["website", "gazette"],
            "periodicity": "yearly",
            "limit_amount": 31,
            "limit_unit": "days",
        },
        [],
    ),
    (
        "jb-zjw",
        "wangwu",
        {
            "category": "住房保障",
            "subcategory": "公租房分配",
            "elements": "申请条件、分配结果、退出情况",
            "basis": "《公共租赁住房管理办法》第二十条",
            "responsible_unit": "住房保障科",
            "channels": ["website", "notice_board", "service_station"],
            "audience": "specific",
        },
        [],
    ),
    (
        "jb-zjw",
        "wangwu",
        {
            "category": "城乡建设",
            "subcategory": "建设工程质量监督",
            "elements": "监督检查计划、检查结果",
            "basis": "《建设工程质量管理条例》",
            "responsible_unit": "质量安全科",
            "channels": ["website"],
            "periodicity": "quarterly",
        },
        [],
    ),
]


def load_catalogue(users: dict[str, User], today: dt.date) -> None:
    """The demo catalogue, through the services (each step audited as for staff)."""
    handler, approver, office = users["lisi"], users["qianqi"], users["zhaoliu"]
    documents = {}
    for key, code, title, days_ago, published_after in DOCUMENTS:
        formed = today - dt.timedelta(days=days_ago)
        doc = services.draft_document(
            Agency.objects.get(code=code), kind="other", title=title, formed_on=formed, actor=handler
        )
        if published_after is not None:
            on = formed + dt.timedelta(days=published_after)
            services.propose_publicity(doc, publicity="proactive", on=on, actor=handler)
            services.review_secrecy(doc, on=on, agreed=True, actor=approver)
            services.review_secrecy(doc, on=on, agreed=True, actor=office)
            services.sign_document(doc, on=on, actor=approver)
            services.publish_document(doc, on=on, actor=handler)
        documents[key] = doc
    for code, owner, fields, linked in ITEMS:
        agency = Agency.objects.get(code=code)
        item = catalogue.add_catalogue_item(
            agency, owner=users[owner], since=today, actor=users[owner], **fields
        )
        for key in linked:
            catalogue.link_catalogue_document(item, documents[key], actor=users[owner])
