"""Official statutory labels, byte-exact.

These strings are facts of the 2021 annual-report format (国办公开办函〔2021〕30号) and of the
2019 trial format (国办公开办函〔2019〕60号). They are reproduced exactly, full-width brackets and
quotes included, and live only here. Code compares against them after NFKC normalisation
(see ``gongkai.report.text.normalise_label``); rendering always prints them as they are.
"""

from __future__ import annotations

# ── Report title and sections ──────────────────────────────────────────────────────────────
SECTION_GENERAL = "一、总体情况"
SECTION_ACTIVE = "二、主动公开政府信息情况"
SECTION_REQUESTS = "三、收到和处理政府信息公开申请情况"
SECTION_APPEALS = "四、政府信息公开行政复议、行政诉讼情况"
SECTION_PROBLEMS = "五、存在的主要问题及改进情况"
SECTION_OTHER = "六、其他需要报告的事项"

# ── Table 2: 主动公开政府信息情况 ─────────────────────────────────────────────────────────────
ACTIVE_BLOCK_1 = "第二十条第（一）项"
ACTIVE_BLOCK_5 = "第二十条第（五）项"
ACTIVE_BLOCK_6 = "第二十条第（六）项"
ACTIVE_BLOCK_8 = "第二十条第（八）项"
ACTIVE_CONTENT = "信息内容"
ACTIVE_ISSUED = "本年制发件数"
ACTIVE_REPEALED = "本年废止件数"
ACTIVE_IN_FORCE = "现行有效件数"
ACTIVE_DECISIONS = "本年处理决定数量"
ACTIVE_FEE_AMOUNT = "本年收费金额（单位：万元）"
ACTIVE_RULES = "规章"
ACTIVE_NORMATIVE = "行政规范性文件"
ACTIVE_LICENSING = "行政许可"
ACTIVE_PENALTY = "行政处罚"
ACTIVE_COERCION = "行政强制"
ACTIVE_FEES = "行政事业性收费"

# ── Table 3: 收到和处理政府信息公开申请情况 ──────────────────────────────────────────────────
REQUESTS_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
REQUESTS_APPLICANT = "申请人情况"
REQUESTS_ORGS = "法人或其他组织"

#: Column key -> label, in the format's column order.
REQUEST_COLUMNS: dict[str, str] = {
    "natural_person": "自然人",
    "commercial": "商业企业",
    "research": "科研机构",
    "social_welfare": "社会公益组织",
    "legal_services": "法律服务机构",
    "other_org": "其他",
    "total": "总计",
}

#: Group labels: merged row headers that carry no numbers.
REQUEST_GROUPS: dict[str, str] = {
    "outcomes": "三、本年度办理结果",
    "withheld": "（三）不予公开",
    "unable": "（四）无法提供",
    "not_processed": "（五）不予处理",
    "other": "（六）其他处理",
}

#: Row key -> label for the 25 data rows of the 2021 format, top to bottom.
REQUEST_ROWS: dict[str, str] = {
    "new": "一、本年新收政府信息公开申请数量",
    "carried_over": "二、上年结转政府信息公开申请数量",
    "granted": "（一）予以公开",
    "partly_granted": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "withheld.state_secret": "1.属于国家秘密",
    "withheld.law_prohibited": "2.其他法律行政法规禁止公开",
    "withheld.three_safeties": "3.危及“三安全一稳定”",
    "withheld.third_party": "4.保护第三方合法权益",
    "withheld.internal_affairs": "5.属于三类内部事务信息",
    "withheld.process_info": "6.属于四类过程性信息",
    "withheld.enforcement_file": "7.属于行政执法案卷",
    "withheld.admin_query": "8.属于行政查询事项",
    "unable.not_held": "1.本机关不掌握相关政府信息",
    "unable.needs_creation": "2.没有现成信息需要另行制作",
    "unable.unclear_after_correction": "3.补正后申请内容仍不明确",
    "not_processed.petition": "1.信访举报投诉类申请",
    "not_processed.repeat": "2.重复申请",
    "not_processed.publication": "3.要求提供公开出版物",
    "not_processed.mass_repeat": "4.无正当理由大量反复申请",
    "not_processed.confirm_reissue": "5.要求行政机关确认或重新出具已获取信息",
    "other.no_correction": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "other.no_fee": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "other.other": "3.其他",
    "total": "（七）总计",
    "carried_forward": "四、结转下年度继续办理",
}

#: The 2019 trial format has one undivided （六）其他处理 row instead of the three ``other.*`` rows.
REQUEST_ROW_OTHER_2019 = ("other", "（六）其他处理")

# ── Table 4: 行政复议、行政诉讼 ───────────────────────────────────────────────────────────────
APPEALS_RECONSIDERATION = "行政复议"
APPEALS_LITIGATION = "行政诉讼"
APPEAL_GROUPS: dict[str, str] = {
    "reconsideration": "行政复议",
    "litigation_direct": "未经复议直接起诉",
    "litigation_after_reconsideration": "复议后起诉",
}
APPEAL_COLUMNS: dict[str, str] = {
    "upheld": "结果维持",
    "corrected": "结果纠正",
    "other": "其他结果",
    "pending": "尚未审结",
    "total": "总计",
}

# ── 2019 trial format, table 2 (recognised; only the decision counts carry over) ───────────
ACTIVE_2019_MARKERS = (
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "其他对外管理服务事项",
    "第二十条第（九）项",
    "政府集中采购",
)

#: 2019 trial table 2 labels (spec §8.1), for rendering reports kept in that format.
ACTIVE_BLOCK_9 = "第二十条第（九）项"
ACTIVE_2019_MADE = "本年新制作数量"
ACTIVE_2019_PUBLISHED = "本年新公开数量"
ACTIVE_2019_TOTAL_PUBLIC = "对外公开总数量"
ACTIVE_2019_PREVIOUS_ITEMS = "上一年项目数量"
ACTIVE_2019_CHANGE = "本年增/减"
ACTIVE_2019_DECISIONS = "处理决定数量"
ACTIVE_2019_NORMATIVE = "规范性文件"
ACTIVE_2019_OTHER_SERVICES = "其他对外管理服务事项"
ACTIVE_2019_PROCUREMENT = "政府集中采购"
ACTIVE_2019_PROCUREMENT_ITEMS = "采购项目数量"
ACTIVE_2019_PROCUREMENT_AMOUNT = "采购总金额"

# ── Agencies, applicants and channels (platform; 条例第二十七–三十一条, 年报格式 表三 columns) ────────
#: Administrative level of an agency.
AGENCY_LEVELS: dict[str, str] = {"city": "市", "county": "区县", "township": "乡镇"}
#: The five kinds of agency named in the annual reports' 总体情况.
AGENCY_KINDS: dict[str, str] = {
    "city_government": "市政府",
    "city_department": "市政府部门",
    "county_government": "区县政府",
    "county_department": "区县政府部门",
    "township_government": "乡镇政府",
}
#: Applicant type on the application form (条例第二十七条).
APPLICANT_TYPES: dict[str, str] = {"citizen": "公民", "organisation": "法人或者其他组织"}
#: Channels of receipt (条例第二十八、三十一条; 国办公开办函〔2017〕19号): the key, the name on forms and
#: lists, and the statute's wording that the 接收回执 prints (“申请方式：互联网渠道”). One table.
CHANNEL_NAMES: dict[str, tuple[str, str]] = {
    "online": ("网上申请", "互联网渠道"),
    "in_person": ("当面提交", "当面提交"),
    "post_signed": ("邮寄（需签收）", "邮寄（需签收）"),
    "post_unsigned": ("平信邮寄", "平信邮寄（无需签收）"),
    "fax": ("传真", "传真"),
    "email": ("电子邮件", "电子邮件"),
    "oral": ("口头申请（工作人员代为填写）", "口头提出（工作人员代为填写）"),
}
CHANNELS: dict[str, str] = {key: names[0] for key, names in CHANNEL_NAMES.items()}
CHANNELS_IN_STATUTE_WORDS: dict[str, str] = {key: names[1] for key, names in CHANNEL_NAMES.items()}
#: Identity documents offered on real forms (ecosystem §4.2).
ID_DOCUMENT_TYPES: dict[str, str] = {
    "resident_id": "居民身份证",
    "hk_macao_permit": "港澳居民来往内地通行证",
    "taiwan_permit": "台湾居民来往大陆通行证",
    "passport": "护照",
    "hk_macao_residence": "港澳居民居住证",
    "taiwan_residence": "台湾居民居住证",
    "foreign_permanent": "外国人永久居留身份证",
}
#: Form of the information (载体形式) and ways to obtain it (获取方式), 条例第二十九条第（三）项.
INFO_FORMS: dict[str, str] = {"paper": "纸质", "electronic": "电子数据"}
DELIVERY_METHODS: dict[str, str] = {
    "post": "邮寄",
    "email": "电子邮件",
    "fax": "传真",
    "collect": "当面领取",
    "inspect": "现场查阅、抄录",
    "online": "网上获取",
}
