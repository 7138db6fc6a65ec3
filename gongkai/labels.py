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

#: How a letter is served on the applicant (送达方式, legal-rules §7.1 "delivery"; the 送达 forms of
#: 民事诉讼法第八十七条至第九十五条, which 行政复议法第八十八条 and 行政诉讼法第一百零一条 import). Not the
#: applicant's ways of obtaining the information (``DELIVERY_METHODS``, 条例第二十九条第（三）项): a reply
#: sent by e-mail is 电子送达, one handed over at the counter 直接送达.
SERVICE_METHODS: dict[str, str] = {
    "direct": "直接送达",
    "post": "邮寄送达",
    "electronic": "电子送达",
    "left": "留置送达",
    "entrusted": "委托送达",
    "public_notice": "公告送达",
}

# ── The annual report's title (年报格式) ───────────────────────────────────────────────────────
#: ``REPORT_TITLE.format(agency=…, year=…)``: “重庆市2023年政府信息公开工作年度报告”.
REPORT_TITLE = "{agency}{year}年政府信息公开工作年度报告"

# ── 政府信息公开指南: supervision and remedies (条例第四十七、五十一条) ──────────────────────────────
#: Who receives complaints when the agency has no parent on the platform.
GUIDE_SUPERVISOR_DEFAULT = "上级人民政府政府信息公开工作主管部门"
#: ``.format(supervisor=…)``.
GUIDE_REMEDY_COMPLAINT = (
    "认为本机关未依法履行政府信息公开义务的，可以向{supervisor}或者政府信息公开工作主管部门投诉、举报"
    "（《中华人民共和国政府信息公开条例》第四十七条第二款、第五十一条）。"
)
#: ``.format(review_days=…, review_body=…, litigation_months=…)`` (periods: gongkai.letters.remedy).
GUIDE_REMEDY_REVIEW_OR_SUIT = (
    "认为本机关在政府信息公开工作中的行政行为侵犯其合法权益的，可以自知道该行为之日起{review_days}日内向"
    "{review_body}申请行政复议，或者自知道该行为之日起{litigation_months}个月内依法向人民法院提起"
    "行政诉讼（条例第五十一条）。"
)
#: ``.format(prior_review_law=…)`` (gongkai.letters.remedy.PRIOR_REVIEW_LAW).
GUIDE_REMEDY_PRIOR_REVIEW = "对本机关不予公开政府信息的答复不服的，应当先申请行政复议，对复议决定不服的再提起行政诉讼（{prior_review_law}）。"

# ── Punctuation of lists written into Chinese text (GB/T 15834-2011 标点符号用法) ─────────────────
#: 顿号: between the items of a list (“市、区县、乡镇”).
ENUMERATION_COMMA = "、"
#: 分号: between the clauses of one sentence.
CLAUSE_SEMICOLON = "；"

# ── The agency directory file (docs/agencies-import.md): 公开指南 items as column headers ────────
#: Column header of the import file → the agency's field. The file format does not follow the
#: interface language: a directory exported today must import the same way tomorrow.
AGENCY_FILE_COLUMNS: dict[str, str] = {
    "代码": "code",
    "名称": "name",
    "简称": "short_name",
    "层级": "level",
    "类别": "kind",
    "上级代码": "parent_code",
    "公开工作机构": "office_name",
    "地址": "address",
    "邮编": "postcode",
    "办公时间": "hours",
    "电话": "phone",
    "传真": "fax",
    "电子邮箱": "email",
    "申请渠道": "channels",
    "收费方式": "fee_mode",
    "网上申请确认方式": "online_receipt",
    "受理申请": "accepts_applications",
    "行政复议机关": "review_body",
    "缴费方式": "fee_account",
    "补正期限": "correction_period_days",
    "指南更新日期": "guide_updated_on",
}
#: 收费方式 of the 信息处理费 (国办函〔2020〕109号), as the guide and the import file name them.
FEE_MODE_NAMES: dict[str, str] = {"none": "免费", "per_item": "按件", "per_page": "按量"}
#: How an online application is confirmed (条例第三十一条第（三）项), as the import file names it.
ONLINE_RECEIPT_NAMES: dict[str, str] = {"automatic": "自动回执", "staff": "人工确认"}
#: Yes and no in a cell of the import file.
YES = "是"
NO = "否"

# ── 依申请公开: wording the platform stores and prints (gongkai_web.applications) ─────────────────
#: How the audit trail names the applicant acting without a staff account: stored as the audit entry's
#: actor label, and shown for the applicant's own account. ``.format(query_code=…)``.
AUDIT_APPLICANT = "申请人（查询码 {query_code}）"
#: The fee basis a 收费通知书 states (《政府信息公开信息处理费管理办法》), stored with the fee notice:
#: ``FEE_BASIS_PER_PAGE.format(pages=…)``, ``FEE_BASIS_PER_ITEM.format(year=…, month=…, n=…)``.
FEE_BASIS_PER_PAGE = "按量计收，{pages}页"
FEE_BASIS_PER_ITEM = "按件计收，本申请为申请人{year}年{month}月向本机关提出的第{n}件申请"
#: The counting note ending table 3's （二）部分公开 row (``REQUEST_ROWS["partly_granted"]``); a heading
#: that groups outcomes under the row leaves it out.
PARTLY_GRANTED_COUNTING_NOTE = "（区分处理的，只计这一情形，不计其他情形）"

# ── 主动公开: the document library (docs/spec ecosystem §1.3, §1.5) ─────────────────────────────
DOCUMENT_KIND_RULE = ACTIVE_RULES
DOCUMENT_KIND_NORMATIVE = ACTIVE_NORMATIVE
DOCUMENT_KIND_OTHER = "其他政府信息"
#: Validity (有效性), the national law database's values plus 已失效.
VALIDITY_STATUSES: dict[str, str] = {
    "in_force": "现行有效",
    "amended": "已修改",
    "repealed": "已废止",
    "expired": "已失效",
    "not_yet": "尚未生效",
}
#: What one document's record does to another.
EFFECT_KINDS: dict[str, str] = {
    "amends": "修改",
    "repeals": "废止",
    "declares_expired": "宣布失效",
    "renews": "延续有效期",
}
#: 公开属性 (公开方式) of a government information item (docs/spec ecosystem §1.3).
PUBLICITY_KINDS: dict[str, str] = {
    "proactive": "主动公开",
    "partial": "部分公开",
    "on_request": "依申请公开",
    "withheld": "不予公开",
}
#: The steps of a document's life (issue 14), as the record names them.
DOCUMENT_STEPS: dict[str, str] = {
    "drafted": "起草",
    "comment_opened": "公开征求意见",
    "comment_closed": "征求意见结束",
    "legality_reviewed": "合法性审核",
    "deliberated": "审议",
    "publicity_proposed": "拟定公开属性",
    "secrecy_first_review": "保密审查初审",
    "secrecy_second_review": "保密审查复审",
    "signed": "签发",
    "registered": "统一登记编号",
    "published": "公布",
    "filed": "报送备案",
    "filing_result": "备案审查结果",
    "evaluated": "评估",
    #: Taken out of the public column after publication (published by mistake, a 保密 problem found later).
    "withdrawn": "停止公开",
}

# 主动公开事项目录 (基层政务公开标准目录 shape, 国办发〔2019〕54号; issue 14 deliverable 5).
#: 公开渠道: the 条例's channels (第二十三条 政府公报、政府网站、新闻发布会、报刊广播电视; 第二十五条 查阅场所
#: in 档案馆、公共图书馆、政务服务场所; 公开栏 and 便民服务站 at the 基层), and 政务新媒体 (ecosystem §2.3–§3).
CATALOGUE_CHANNELS: dict[str, str] = {
    "website": "政府网站",
    "gazette": "政府公报",
    "new_media": "政务新媒体",
    "press_conference": "新闻发布会",
    "press": "报刊广播电视",
    "service_centre": "政务服务中心",
    "service_station": "便民服务站",
    "notice_board": "公开栏",
    "archives_library": "档案馆/图书馆",
}
#: 公开对象.
CATALOGUE_AUDIENCES: dict[str, str] = {"public": "全社会", "specific": "特定群体"}
#: 公开方式 of a catalogue item.
CATALOGUE_MODES: dict[str, str] = {"proactive": "主动", "on_request": "依申请"}
#: When an item's information is formed: on each change, or at the end of each period.
CATALOGUE_PERIODICITY: dict[str, str] = {
    "on_change": "信息形成或变更时",
    "yearly": "年度",
    "quarterly": "季度",
    "monthly": "月度",
}
#: The unit of a 公开时限.
TIME_LIMIT_UNITS: dict[str, str] = {"workdays": "个工作日", "days": "日"}
#: The 时限 of a catalogue item in the catalogue's words.
CATALOGUE_TIME_LIMIT_ON_CHANGE = "信息形成或变更之日起{amount}{unit}内"
CATALOGUE_TIME_LIMIT_PERIODIC = "{period}结束之日起{amount}{unit}内"

# 政策解读 (issue 14 item 4, issue 15 item 4): the forms of an interpretation, and the three 同步 of the
# 国办 guidance on 政策解读 (解读方案、解读材料与政策性文件同步起草、同步审签、同步发布).
INTERPRETATION = "政策解读"
INTERPRETATION_FORMS: dict[str, str] = {
    "text": "文字",
    "graphic": "图解",
    "audio": "音频",
    "video": "视频",
    "qa": "问答",
}
INTERPRETATION_SYNC: dict[str, str] = {
    "drafted": "同步起草",
    "signed": "同步审签",
    "published": "同步发布",
}
#: The seed's two figures (2023 report, 主动公开方面): "重要政策性文件100%开展实质性解读，形象化、通俗化解读比例超过80%".
INTERPRETATION_COVERAGE = "开展解读的比例"
INTERPRETATION_VISUAL_RATIO = "形象化、通俗化解读比例"
# ── The public 政府信息公开 column (国办公开办函〔2019〕61号; docs/spec ecosystem §1.3, §1.6, §2.2, §2.4) ──
COLUMN_ROOT = "政府信息公开"
#: The standard sub-columns, in the order of 61号, then the 目录 and the 依申请公开 entry (ecosystem §2.4).
COLUMN_GUIDE = "政府信息公开指南"
COLUMN_RULES = "政府信息公开制度"
COLUMN_STATUTORY = "法定主动公开内容"
COLUMN_REPORTS = "政府信息公开年报"
COLUMN_DIRECTORY = "政府信息公开目录"
COLUMN_ON_REQUEST = "依申请公开"
#: The two halves of the 指南.
GUIDE_PROACTIVE = "主动公开"
GUIDE_ON_REQUEST = "依申请公开"
APPLY_ONLINE = "在线申请"
TRACK_APPLICATION = "办理进度查询"
#: The metadata header of a document page (gov.cn's labels; ecosystem §1.3 "label (exact)").
META_INDEX_NUMBER = "索引号"
META_TOPIC = "主题分类"
META_ISSUER = "发文机关"
META_FORMED_ON = "成文日期"
META_TITLE = "标题"
META_NUMBER = "发文字号"
META_PUBLISHED_ON = "发布日期"
META_EFFECTIVE_ON = "施行日期"
META_VALID_UNTIL = "有效期至"
META_GENRE = "体裁分类"
META_PUBLICITY = "公开方式"
META_VALIDITY = "有效性"
META_KIND = "效力级别"
RELATED_INTERPRETATIONS = "相关解读"
ATTACHMENTS = "附件"
#: The validity filter of the list (ecosystem §1.5): in force, no longer in force (废止 or 失效), all.
VALIDITY_FILTER_IN_FORCE = VALIDITY_STATUSES["in_force"]
VALIDITY_FILTER_ENDED = "已废止或失效"
VALIDITY_FILTER_ALL = "全部"
#: 政府信息公开制度 the column lists for every agency: the national instruments (legal-rules §1).
NATIONAL_DISCLOSURE_RULES: tuple[tuple[str, str], ...] = (
    ("《中华人民共和国政府信息公开条例》", "国务院令第711号"),
    ("《政府信息公开信息处理费管理办法》", "国办函〔2020〕109号"),
    ("《中华人民共和国政府信息公开工作年度报告格式》", "国办公开办函〔2021〕30号"),
)
#: The topic under which an agency files its own 政务公开 rules (gov.cn's two-level 主题分类, ecosystem §1.4).
TOPIC_DISCLOSURE = "综合政务\\政务公开"
#: The 网页标签 names of the 网页设计规范 (ecosystem §1.6): monitoring crawlers read these exactly.
META_TAG_SITE_NAME = "SiteName"
META_TAG_SITE_DOMAIN = "SiteDomain"
META_TAG_SITE_ID_CODE = "SiteIDCode"
META_TAG_COLUMN_NAME = "ColumnName"
META_TAG_COLUMN_DESCRIPTION = "ColumnDescription"
META_TAG_COLUMN_KEYWORDS = "ColumnKeywords"
META_TAG_COLUMN_TYPE = "ColumnType"
META_TAG_ARTICLE_TITLE = "ArticleTitle"
META_TAG_PUB_DATE = "PubDate"
META_TAG_CONTENT_SOURCE = "ContentSource"
META_TAG_KEYWORDS = "Keywords"
META_TAG_AUTHOR = "Author"
META_TAG_DESCRIPTION = "Description"
META_TAG_URL = "Url"

# ── 行政复议、行政诉讼 cases (gongkai.appeals) ─────────────────────────────────────────────────
#: The kind of case and, for a lawsuit, its route: the columns of table 4 (``APPEAL_GROUPS``).
APPEAL_KINDS: dict[str, str] = {"review": "行政复议", "litigation": "行政诉讼"}
APPEAL_ROUTES: dict[str, str] = {
    "direct": "未经复议直接起诉",
    "after_review": "复议后起诉",
}
#: The agency's part in a lawsuit: the agency whose act is contested, or the 复议机关 joined as
#: 共同被告 because it upheld that act (行政诉讼法第二十六条第二款).
APPEAL_ROLES: dict[str, str] = {
    "respondent": "被申请人（被告）",
    "co_defendant": "复议机关（共同被告）",
}
#: The legal dispositions as the decisions and judgments name them (the mapping to table 4's
#: columns is data: ``gongkai/data/table4_mapping.json``).
DISPOSITIONS: dict[str, str] = {
    "upheld": "维持",
    "request_rejected": "驳回行政复议请求",
    "claim_rejected": "判决驳回诉讼请求",
    "revoked": "撤销（部分撤销）",
    "changed": "变更",
    "confirmed_unlawful": "确认违法",
    "confirmed_void": "确认无效",
    "ordered_to_perform": "责令（判决）履行",
    "mediated": "调解",
    "settled": "和解",
    "withdrawn": "撤回申请（撤诉）",
    "application_rejected": "驳回行政复议申请",
    "suit_dismissed": "裁定驳回起诉",
    "terminated": "终止（终结）",
}
#: What a decision may order the agency to do afterwards.
FOLLOW_UPS: dict[str, str] = {
    "redo": "重新作出答复",
    "perform": "履行法定职责",
    "correction_report": "报送纠正情况（行政复议意见书）",
}
#: The two rates the narrative of a report states (the seed: “行政复议直接纠错率较去年下降0.66个百分点，
#: 行政诉讼败诉率较去年下降7.88个百分点”).
RATE_REVIEW_CORRECTION = "行政复议直接纠错率"
RATE_LITIGATION_LOSS = "行政诉讼败诉率"
#: The documents the agency files: to the 复议机关 (行政复议法第四十八条) and to the court (行政诉讼法第六十七条).
LETTER_REVIEW_REPLY = "行政复议答复书"
LETTER_DEFENCE = "行政诉讼答辩状"
