"""The sample letter context of the letter tests (legal-rules §7): 重庆市人民政府办公厅 writes to 李明远,
with every kind-specific field filled, so that any kind and any outcome can be composed from ``FULL``;
and the readers of a letter's DOCX and PDF."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import docx
import pdfplumber

from gongkai.letters import AgencyDetails, ApplicantDetails, LetterContext, WithheldPart

AGENCY = AgencyDetails(
    name="重庆市人民政府办公厅",
    seal_name="重庆市人民政府办公厅政府信息公开专用章",
    address="重庆市渝北区青竹东路6号",
    postcode="401147",
    phone="023-63898000",
    contact="政府信息公开科",
    review_body="重庆市人民政府",
)


APPLICANT = ApplicantDetails(name="李明远", address="重庆市渝中区民族路188号")


#: A context holding every kind-specific field, so any kind and any outcome can be composed from it.
FULL = LetterContext(
    agency=AGENCY,
    applicant=APPLICANT,
    number="渝府办公开〔2025〕12号",
    issued_on=dt.date(2025, 3, 20),
    received_on=dt.date(2025, 3, 3),
    request_summary="2024年本市老旧小区改造项目资金安排情况",
    query_code="GK20250303-0042",
    channel="online",
    reply_due=dt.date(2025, 3, 31),  # 20 working days after Monday 3 March 2025, counted by hand
    receipt_rule="在线提交，以系统确认之日为收到申请之日",
    corrections=("请写明所需信息的文件名称、文号或者其他特征性描述", "请提供有效的联系电话"),
    correction_due=dt.date(2025, 3, 14),
    correction_requested_on=dt.date(2025, 3, 5),
    original_due=dt.date(2025, 3, 31),
    extension_workdays=20,
    new_due=dt.date(2025, 4, 29),
    extension_reason="申请涉及的档案数量较多，需要调取2019年至2024年的项目档案逐件核查",
    consulted_party="重庆某建设工程有限公司",
    consultation_subject="该公司与区住房城乡建委签订的施工合同中的报价明细",
    consultation_reason="报价明细可能涉及该公司的商业秘密",
    consultation_due=dt.date(2025, 4, 2),
    fee_amount=Decimal("2400"),
    fee_basis="按件计收：本月第15件至第34件，共20件（第15至30件每件100元，第31至34件每件200元）",
    fee_due=dt.date(2025, 4, 18),
    fee_account="非税收入电子缴款码 5000001234567890",
    released=("《2024年老旧小区改造项目资金安排表》", "项目验收结果公示"),
    withheld=(
        WithheldPart(
            "资金安排方案的内部讨论记录", "withheld_process_info", "该记录属于研究过程中形成的讨论记录"
        ),
    ),
    reasons="申请获取的信息为研究制定资金安排方案过程中形成的讨论记录和请示报告，属于过程性信息",
    public_location="重庆市人民政府网站“政府信息公开”栏目（https://www.cq.gov.cn/zwgk/），2024年6月12日发布",
    holding_agency="重庆市住房和城乡建设委员会（电话023-63671000）",
    referral="请向不动产所在地的不动产登记机构申请查询",
    earlier_reply="渝府办公开〔2024〕88号，2024年11月5日",
    consultee_kind="third_party",
    objection_on=dt.date(2025, 3, 18),
    public_interest="该工程为学校校舍加固工程，报价明细关系到财政资金使用和师生安全",
    volume="您自2025年1月1日至3月3日共向本机关提出政府信息公开申请120件",
    reasons_due=dt.date(2025, 3, 31),
    reasons_requested_on=dt.date(2025, 3, 10),
    reasonable_due=dt.date(2025, 6, 30),
    reasonable_reason="所申请的120件信息需要逐件调取2015年以来的纸质档案",
    correction_result="corrected",
    correction_details="已将补助名单中您的房屋面积更正为85平方米",
    competent_agency="重庆市渝中区规划和自然资源局",
    determining_kind="secrecy",
    determining_body="重庆市国家保密局",
    referred_on=dt.date(2025, 3, 10),
)


#: The words of the remedy clause that requires administrative review before a suit (§7.3, variant A).
PRIOR_REVIEW_MARK = "不得直接提起行政诉讼"


def squash(text: str) -> str:
    """``text`` without any whitespace (a rendering may break a line anywhere)."""
    return re.sub(r"\s+", "", text)


def docx_text(data: bytes) -> str:
    """The body paragraphs of a DOCX."""
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def pdf_text(data: bytes) -> str:
    """The text of every page without its page-number footer (— 1 —), so a paragraph running over a
    page break reads as one."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    return "".join(re.sub(r"—\s*\d+\s*—\s*$", "", page.strip()) for page in pages)
