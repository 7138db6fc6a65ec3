"""Small demo data for ``bin/run``: a few agencies, the demo accounts, a handful of applications.
A later part replaces it with the full simulation of a year."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from gongkai_web.accounts.models import Membership, Role
from gongkai_web.agencies.models import Agency
from gongkai_web.applications import services
from gongkai_web.applications.models import Application

DEMO_PASSWORD = "gongkai-demo"
GUIDE = {
    "hours": "工作日 9:00—12:00，14:00—17:30",
    "channels": ["online", "in_person", "post_signed", "post_unsigned", "email"],
    "postcode": "400000",
}
AGENCIES = [
    # code, name, level, kind, parent, extra
    (
        "cq",
        "重庆市人民政府",
        "city",
        "city_government",
        None,
        {"office_name": "重庆市人民政府办公厅政务公开处"},
    ),
    (
        "cq-czj",
        "重庆市财政局",
        "city",
        "city_department",
        "cq",
        {
            "office_name": "市财政局办公室",
            "fee_mode": "per_page",
            "fee_account": "按本通知书所附非税收入缴款码，通过银行柜台或网上银行缴纳",
        },
    ),
    ("yz", "渝中区人民政府", "county", "county_government", "cq", {"office_name": "渝中区政务公开办"}),
    ("yz-jw", "渝中区教育委员会", "county", "county_department", "yz", {"online_receipt": "staff"}),
    ("yz-jfb", "渝中区解放碑街道办事处", "township", "township_government", "yz", {}),
    ("jb", "江北区人民政府", "county", "county_government", "cq", {"office_name": "江北区政务公开办"}),
    ("jb-zjw", "江北区住房和城乡建设委员会", "county", "county_department", "jb", {}),
]
USERS = [
    # username, full name, agency, role
    ("zhangsan", "张三", None, None),
    ("lisi", "李四", "cq-czj", Role.HANDLER),
    ("qianqi", "钱七", "cq-czj", Role.APPROVER),
    ("wangwu", "王五", "jb-zjw", Role.HANDLER),
    ("zhaoliu", "赵六", "cq", Role.SUPERVISOR),
]
REQUESTS = [
    ("cq-czj", "2024年度市级部门预算公开情况汇总表", 25),
    ("cq-czj", "关于市级财政专项资金管理办法的文件及文号", 12),
    ("cq-czj", "2023年政府采购项目清单", 3),
    ("yz-jw", "辖区内公办小学2025年招生划片范围", 8),
    ("jb-zjw", "某小区老旧改造项目的审批文件", 18),
]
#: 张三's request to correct a record about him (条例第四十一条), answered with a 更正答复书.
CORRECTION_REQUEST = (
    "cq-czj",
    "本人2024年度财政补贴发放名单中的姓名误登记为“张山”，请更正为“张三”（附身份证复印件）。",
    10,
)


class Command(BaseCommand):
    help = "Load a small demo: agencies, demo accounts (password gongkai-demo), a handful of applications."

    def handle(self, *args, **options):
        if Agency.objects.exists():
            self.stdout.write("数据库中已有数据，未加载演示数据。")
            return
        with transaction.atomic():
            self._agencies()
            users = self._users()
            self._applications(users)
        self.stdout.write(
            f"已加载演示数据：{Agency.objects.count()}个机关，{Application.objects.count()}件申请。"
        )

    def _agencies(self):
        for code, name, level, kind, parent, extra in AGENCIES:
            Agency.objects.create(
                code=code,
                name=name,
                level=level,
                kind=kind,
                parent=Agency.objects.get(code=parent) if parent else None,
                short_name=name[:4],
                address=f"重庆市{name}",
                phone="023-12345678",
                guide_updated_on=dt.date(2025, 1, 1),
                **{**GUIDE, **extra},
            )

    def _users(self) -> dict[str, User]:
        users = {}
        admin = User.objects.create_superuser("admin", "admin@example.com", DEMO_PASSWORD)
        users["admin"] = admin
        for username, full_name, agency, role in USERS:
            user = User.objects.create_user(
                username, f"{username}@example.com", DEMO_PASSWORD, first_name=full_name
            )
            if agency:
                Membership.objects.create(user=user, agency=Agency.objects.get(code=agency), role=role)
            users[username] = user
        return users

    def _applications(self, users):
        for (code, description, days_ago), kind in [
            *((r, "disclosure") for r in REQUESTS),
            (CORRECTION_REQUEST, "correction"),
        ]:
            arrived = timezone.now() - dt.timedelta(days=days_ago)
            data = {
                "applicant_type": "citizen",
                "report_column": "natural_person",
                "name": "张三",
                "id_type": "resident_id",
                "id_number": "110101199003070011",
                "phone": "13800138000",
                "email": "zhangsan@example.com",
                "description": description,
                "info_form": "electronic",
                "delivery_methods": ["email"],
                "applicant_user": users["zhangsan"],
                "kind": kind,
            }
            services.register_application(
                Agency.objects.get(code=code),
                data,
                channel="in_person",
                arrived_at=arrived,
                received_on=None,
                actor=users["lisi"],
            )
        self._handle(users)

    def _handle(self, users):
        """Take four of 张三's requests a few steps, through the same services as staff, so the demo
        shows a reply letter, a 补正 in progress, a third-party consultation and a 更正答复书."""
        today = timezone.localdate()
        handler = users["lisi"]
        granted = Application.objects.get(description=REQUESTS[0][1])
        services.reply_application(
            granted,
            outcome="granted",
            decided_on=today - dt.timedelta(days=3),
            reasons="所申请信息见附件，请查收。",
            actor=handler,
        )
        correction = Application.objects.get(description=REQUESTS[1][1])
        services.request_correction(
            correction,
            items=["请写明所需文件的名称、文号或者其他特征描述"],
            sent_on=correction.received_on + dt.timedelta(days=1),
            actor=handler,
        )
        consulted = Application.objects.get(description=REQUESTS[4][1])
        services.start_consultation(
            consulted,
            consultee_kind="third_party",
            consultee="某小区业主委员会",
            sent_on=consulted.received_on + dt.timedelta(days=2),
            actor=users["wangwu"],
        )
        corrected = Application.objects.get(description=CORRECTION_REQUEST[1])
        services.reply_correction(
            corrected,
            result="corrected",
            decided_on=today - dt.timedelta(days=1),
            details="经核实，已将2024年度财政补贴发放名单中的姓名“张山”更正为“张三”。",
            actor=handler,
        )
