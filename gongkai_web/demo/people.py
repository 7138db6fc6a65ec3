"""The small demo's data (docs/i18n.md §3), loaded by ``manage.py load_demo``: a few agencies, the demo
accounts, 张三's applications and the words staff write on them. Data, not UI text: the names and the
requests read as they would in Chongqing."""

from __future__ import annotations

from typing import Any

from gongkai_web.accounts.models import Role

#: Guide facts every demo agency shares (its own ``extra`` below adds to or overrides them).
GUIDE = {
    "hours": "工作日 9:00—12:00，14:00—17:30",
    "channels": ["online", "in_person", "post_signed", "post_unsigned", "email"],
    "postcode": "400000",
}
#: An agency's address is this prefix and its name (``agency_address``).
ADDRESS_PREFIX = "重庆市"


def agency_address(name: str) -> str:
    """The demo address of an agency: its name under the city — once: 重庆市财政局 already names the
    city and is not made 重庆市重庆市财政局."""
    return name if name.startswith(ADDRESS_PREFIX) else f"{ADDRESS_PREFIX}{name}"


AGENCIES: list[tuple[str, str, str, str, str | None, dict[str, Any]]] = [
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
            # lisi drafts the bureau's replies and qianqi signs them off before they are issued
            "reply_needs_approval": True,
        },
    ),
    (
        "yz",
        "渝中区人民政府",
        "county",
        "county_government",
        "cq",
        {"office_name": "渝中区政务公开办", "division_code": "500103"},
    ),
    ("yz-jw", "渝中区教育委员会", "county", "county_department", "yz", {"online_receipt": "staff"}),
    ("yz-jfb", "渝中区解放碑街道办事处", "township", "township_government", "yz", {}),
    (
        "jb",
        "江北区人民政府",
        "county",
        "county_government",
        "cq",
        {"office_name": "江北区政务公开办", "division_code": "500105"},
    ),
    ("jb-zjw", "江北区住房和城乡建设委员会", "county", "county_department", "jb", {}),
]
USERS = [
    # username, full name, agency, role
    ("zhangsan", "张三", None, None),
    ("lisi", "李四", "cq-czj", Role.HANDLER),
    ("qianqi", "钱七", "cq-czj", Role.APPROVER),
    ("wangwu", "王五", "jb-zjw", Role.HANDLER),
    ("zhaoliu", "赵六", "cq", Role.SUPERVISOR),
    # 江北区's own 政务公开办: it supervises the district's departments (王五's 住建委 among them), so the
    # standing rules' tasks, complaints and 备案 of 江北区 agencies go to it, not to the city office.
    ("wushi", "吴十", "jb", Role.SUPERVISOR),
    # The city's 公开办 drafts the city's annual report; its head approves and publishes it.
    ("sunba", "孙八", "cq", Role.APPROVER),
    # The third-party evaluator (第三方评估机构) the city office engaged: it scores the reviewed indicators
    # of the city's evaluations, and sees nothing else.
    ("zhoujiu", "周九", "cq", Role.EVALUATOR),
]
#: The applicant of every demo application, as he fills in the form.
APPLICANT_NAME = "张三"
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
#: What staff write when they take four of the requests a few steps.
GRANTED_REASONS = "所申请信息见附件，请查收。"
CORRECTION_ITEMS = ("请写明所需文件的名称、文号或者其他特征描述",)
CONSULTED_THIRD_PARTY = "某小区业主委员会"
CORRECTION_DETAILS = "经核实，已将2024年度财政补贴发放名单中的姓名“张山”更正为“张三”。"
#: lisi's 部分公开 on the 2023 procurement list, drafted and awaiting qianqi's sign-off (the bureau's replies
#: are signed off before they are issued).
DRAFT_WITHHELD = (
    {
        "description": "各项目供应商的报价明细",
        "ground": "withheld_third_party",
        "reason": "涉及供应商商业秘密，供应商书面不同意公开",
    },
)
