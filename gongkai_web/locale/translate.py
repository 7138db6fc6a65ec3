"""Fill the zh_Hans catalogue from the table below: the table is the single source of the
translations, the .po is generated from it. The platform's UI is Chinese for every user, so every
msgid must have an entry here (run with ``--check`` to only report).

    cd gongkai_web
    ../.venv/bin/python ../manage.py makemessages -l zh_Hans --ignore=static --ignore=locale --no-obsolete
    ../.venv/bin/python locale/translate.py
    ../.venv/bin/python ../manage.py compilemessages -l zh_Hans

Table lines are ``msgid => msgstr`` with the msgid exactly as in the code (placeholders such as
``%(name)s`` kept byte-exact in the msgstr); statutory concepts use the labels of gongkai/labels.py.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

PO_PATH = Path(__file__).parent / "zh_Hans" / "LC_MESSAGES" / "django.po"

ZH = dict(
    line.split(" => ", 1)
    for line in """\
username => 用户名
e-mail => 电子邮箱
handler => 经办人
approver (office head) => 审批人（公开工作机构负责人）
supervising office => 监督机构
user => 用户
agency => 机关
role => 角色
membership => 岗位
memberships => 岗位
Log in => 登录
post added in the admin => 在管理后台添加岗位
post changed in the admin => 在管理后台修改岗位
post removed in the admin => 在管理后台删除岗位
agency added in the admin => 在管理后台添加机关
agency changed in the admin => 在管理后台修改机关
agency deleted in the admin => 在管理后台删除机关
new query password issued: the same form was posted again => 同一申请表再次提交，重新发放查询密码
Already submitted => 申请已提交
To follow it, use the query code and the query password shown after the first submission. If you did not note the password, contact the agency's government information disclosure office with the query code. => 请使用首次提交后显示的查询码和查询密码查询办理进度。如未记下查询密码，请持查询码联系该机关的政府信息公开工作机构。
Follow an application => 查询申请
The agency's guide => 该机关的公开指南
two-step verification turned on => 开启双重验证
two-step verification turned off => 关闭双重验证
dynamic code => 动态验证码
Only for accounts with two-step verification: the 6 digits your authenticator app shows. => 仅已开启双重验证的账户填写：验证器应用中显示的6位数字。
login password => 登录密码
Two-step verification => 双重验证
Two-step verification is on: logging in asks for your password and the code of your authenticator app. => 双重验证已开启：登录时需输入密码和验证器应用中的动态验证码。
Turn it off => 关闭
Turn off two-step verification => 关闭双重验证
Besides your password, logging in can ask for a 6-digit code from an authenticator app on your phone (any app that supports TOTP). Someone who learns your password then still cannot log in. => 除密码外，登录时还可要求输入手机上验证器应用（任一支持 TOTP 的应用）生成的6位动态验证码：即使密码被他人获知，他人也无法登录。
In the authenticator app, add an account by scanning this code: => 在验证器应用中扫描下方二维码，添加账户：
QR code for the authenticator app => 验证器应用二维码
Or type this key into the app: => 或在应用中手动输入密钥：
Enter the 6 digits the app now shows: => 输入应用当前显示的6位数字：
Turn on two-step verification => 开启双重验证
login refused after too many failed attempts => 多次登录失败，拒绝登录
account creation refused: too many from one address => 同一网络地址注册过多，拒绝注册
query code lookup refused after too many wrong attempts => 查询码或查询密码错误次数过多，拒绝查询
query password digest moved to the current key => 查询密码摘要已改用当前密钥
Too many attempts => 尝试次数过多
Please try again in %(minutes)s minutes. => 请于 %(minutes)s 分钟后再试。
Nothing has been changed. If you have forgotten your password or your query password, contact the agency's government information disclosure office: its telephone number is on the agency's guide page. => 未作任何更改。如忘记登录密码或查询密码，请联系该机关的政府信息公开工作机构，联系电话见该机关的公开指南页面。
Create an applicant account => 注册申请人账户
Create account => 注册
free of charge => 免费
per item (按件) => 按件计收
per page (按量) => 按量计收
the electronic receipt confirms receipt => 电子回执即为确认收到
staff confirm receipt => 由工作人员确认收到
code => 代码
name => 名称
short name for document numbers => 文号简称
level => 层级
kind => 类别
parent => 上级机关
accepts applications => 受理申请
disclosure office => 政府信息公开工作机构
address => 地址
postcode => 邮政编码
office hours => 办公时间
phone => 联系电话
fax => 传真
channels => 申请渠道
fee mode => 收费方式
online receipt confirmation => 网上申请确认方式
correction period (working days) => 补正期限（工作日）
No statutory figure (条例第三十条: a reasonable period); set per agency. => 法律未规定具体天数（条例第三十条：合理的补正期限），由各机关设定。
guide last updated => 指南最后更新日期
agencies => 机关
Agency applied to => 受理机关
Applicant type => 申请人类型
Kind of organisation => 组织类别
Name (person or organisation) => 姓名或名称
ID document => 证件类型
ID number => 证件号码
Unified social credit code => 统一社会信用代码
Legal representative => 法定代表人
Contact person => 联系人姓名
Phone => 联系电话
E-mail => 电子邮箱
Postal address => 通信地址
Postcode => 邮政编码
Description of the information (title, document number or other features) => 所需信息的内容描述（名称、文号或其他特征描述）
Title (optional) => 所需信息的名称（选填）
Document number (optional) => 文号（选填）
Purpose (optional) => 用途（选填）
Form of the information => 载体形式
How to obtain it => 获取方式
Proof of identity (PDF, JPG, PNG) => 身份证明（PDF、JPG、PNG）
Other attachment (optional) => 其他附件（选填）
I declare that the above is true and that I will use the information lawfully. => 本人承诺所填信息真实，获取的信息将依法使用。
Channel => 申请渠道
Arrived at => 到达时间
Date of receipt (signed for / confirmed) => 收到日期（签收或确认之日）
Leave empty if not yet confirmed with the applicant. => 尚未与申请人确认的，请留空。
Query code => 查询码
Query password => 查询密码
Date of receipt => 收到申请日期
Everything to correct, one per line => 需要补正的全部事项（每行一项）
Notice sent on => 通知发出日期
Corrected application received on => 补正材料收到日期
Working days => 工作日数
Reason => 理由
Applicant notified on => 告知申请人日期
Consultee => 征求意见对象
Name of the consultee => 对象名称
Letter sent on => 发函日期
Consultee received it on => 对方收到日期
Position => 意见
Answer received on => 意见收到日期
Reasons => 理由
Pages (按量) => 页数（按量计收）
Item this month (按件, computed from the records) => 本月件数（按件计收，按登记记录计算）
Applicant received it on => 申请人收到日期
Paid on => 缴费日期
Receipt number => 票据号
Outcome => 办理结果
Reply made and dispatched on => 答复作出并发出日期
Apply for disclosure of government information => 申请公开政府信息
Ask for a record about me to be corrected (art. 41) => 要求更正与本人相关的政府信息（条例第四十一条）
request kind => 申请类别
Request kind => 申请类别
What do you ask for? => 申请事项
For a correction request: the evidence that the record is inaccurate. => 要求更正的，请在此上传证明该政府信息记录不准确的证据。
For a correction request: which record about you is inaccurate, and how it should read. => 要求更正的，请写明哪一项与您本人相关的政府信息记录不准确，以及应当如何更正。
Result => 处理结果
What was corrected, or why the record was not found inaccurate => 更正的内容，或者经审核不属实、不予更正的理由
Agency with power to correct (forwarded or redirected) => 有权更正的行政机关（转送或者告知向其提出时填写）
Reply to the correction request (art. 41) => 更正答复（条例第四十一条）
correction request answered (art. 41) => 作出更正答复
Record to be corrected => 要求更正的政府信息记录
One item per line => 每行一个事项
Withdrawn on => 撤回日期
Search => 搜索
the holiday schedule for %(year)s has not been loaded yet, so deadlines reaching into %(year)s are counted with weekends only and may still change. => 尚未载入%(year)s年的放假安排，跨入%(year)s年的答复期限暂按周末休息推算，之后可能调整。
When your application counts as received => 收到申请之日的确定
Applications by telephone are not accepted; the phone number is for questions. Mark a posted application 政府信息公开申请 on the envelope. => 不受理电话申请，联系电话仅用于咨询。邮寄申请的，请在信封上注明“政府信息公开申请”。
Supervision and remedies => 监督和救济
Attachments => 附件
Opening an attachment is logged: identity proofs show the full ID number. => 打开附件会被记录：身份证明显示完整的证件号码。
applicant account created => 注册申请人账户
agency imported => 导入机关
agency updated by import => 导入更新机关信息
application registered by staff => 工作人员登记申请
created by splitting an application => 由拆分申请产生
full personal information shown => 查看完整个人信息
deadline recomputed with the published holiday schedule => 按公布的放假安排重新计算期限
worklist exported => 导出待办事项
letter downloaded => 下载文书
attachment opened (personal information shown) => 打开附件（显示个人信息）
Page not found => 页面不存在
This page does not exist, or you are not allowed to see it. Records of another agency, or an application you have not opened with its query code and password, are not shown. => 该页面不存在，或您无权查看。其他机关的办件记录，以及未凭查询码和查询密码打开的申请，均不予显示。
Back to the home page => 返回首页
Not allowed => 无权操作
You are not allowed to do this. Nothing has been changed. => 您无权进行此项操作，未作任何更改。
The form has expired => 表单已失效
The form could not be verified (it may have been open too long, or cookies are blocked). Nothing has been submitted or changed. Go back, reload the page and submit it again. => 无法验证该表单（可能页面打开时间过长，或浏览器禁用了 Cookie），未提交也未更改任何内容。请返回、刷新页面后重新提交。
Bad request => 请求有误
The request could not be understood. Nothing has been changed. => 无法识别该请求，未作任何更改。
Server error => 服务器错误
Something went wrong on our side. What you were doing has not been saved in part: either the whole step was saved or none of it. Please try again later; if it keeps happening, tell the disclosure office. => 系统出现故障。您刚才的操作不会只保存一部分：要么整步已保存，要么完全没有保存。请稍后重试；如反复出现，请联系政府信息公开工作机构。
Submitted => 提交于
No letters yet. => 暂无文书。
Download %(title)s (PDF) => 下载%(title)s（PDF）
Download %(title)s (Word) => 下载%(title)s（Word）
Received => 收到日期
provisional => 临时
overdue by %(n)s working days => 已超期 %(n)s 个工作日
%(n)s working days left => 剩余 %(n)s 个工作日
clock stopped => 暂停计时
applicant's reasons recorded (art. 35) => 已登记申请人说明的理由（第三十五条）
Reasons given by the applicant (leave blank if none were given in time) => 申请人说明的理由（逾期未说明的留空）
Received on => 收到日期
Record the applicant's reasons (art. 35) => 登记申请人说明的理由（第三十五条）
correction request (art. 41) => 更正申请（第四十一条）
Not in table 3: requests to correct records about the requester (art. 41 of the Regulations), received in the year: %(received)s; concluded in the year: %(concluded)s. => 另有依《条例》第四十一条提出的更正申请，不计入表三：本年收到 %(received)s 件，本年办结 %(concluded)s 件。
receipt not confirmed => 待确认收到
%(counter)s online application has waited more than one working day for confirmation of receipt (legal-rules §4.1: the reply period runs from the day both sides confirm). => %(counter)s 件网上申请超过1个工作日仍未确认收到（以双方确认之日为收到申请之日，答复期限从次日起算），请尽快确认。
Show them => 查看
receipt unconfirmed for more than one working day => 超过1个工作日未确认收到
Split under one request per matter => 按“一事一申请”拆分
Each part is tracked with the same query password. => 拆分后的每件申请都用原来的查询密码查询。
Pages => 分页
Previous page => 上一页
Next page => 下一页
Page %(n)s of %(total)s => 第 %(n)s / %(total)s 页
%(counter)s application => 共 %(counter)s 件
City-level agencies => 市级机关
Find an agency by name => 按名称查找机关
e.g. finance bureau => 如：财政局
Show all agencies => 显示全部机关
Found %(found)s agencies. => 共找到 %(found)s 个机关。
open => 办理中
due soon => 即将到期
overdue => 已超期
closed => 已办结
all => 全部
submitted, awaiting confirmation of receipt => 已提交，待确认收到
in progress => 办理中
awaiting correction => 补正中
consultation under way => 征求意见中（计时暂停）
awaiting fee payment => 待缴费（计时暂停）
replied => 已答复
withdrawn => 已撤回
day handed in (art. 31(1)) => 当面提交之日（条例第三十一条第（一）项）
day the agency signed for the letter (art. 31(2)) => 签收之日（条例第三十一条第（二）项）
day confirmed with the applicant (art. 31(2)) => 与申请人确认之日（条例第三十一条第（二）项）
day both sides confirmed (art. 31(3)) => 双方确认之日（条例第三十一条第（三）项）
electronic receipt issued under the agency's published rule => 按本机关公开指南，以电子回执为确认
query code => 查询码
applicant account => 申请人账户
split from => 拆分自
applicant type => 申请人类型
report column => 年报统计列
unified social credit code => 统一社会信用代码
legal representative => 法定代表人
contact person => 联系人
postal address => 通信地址
description of the information => 所需信息的内容描述
title => 名称
document number => 文号
purpose (optional) => 用途（选填）
form of the information => 载体形式
delivery => 获取方式
channel => 申请渠道
arrived at => 到达时间
date of receipt => 收到申请日期
receipt rule => 收到日期规则
receipt confirmed by => 确认人
entered by => 登记人
status => 状态
outcome => 办理结果
concluded on => 办结日期
statutory deadline => 法定答复期限
created => 创建时间
application => 申请
applications => 申请
submitted => 已提交
receipt confirmed => 确认收到
correction requested => 发出补正通知
corrected application received => 收到补正材料
extension approved => 批准延期答复
consultation started => 征求意见
consultation answered => 收到征求意见结果
fee notice sent => 发出收费通知
fee paid => 已缴费
split => 拆分
event => 事件
date => 日期
application event => 办理记录
application events => 办理记录
proof of identity => 身份证明
supporting document => 其他材料
Application => 申请
Applicant => 申请人
Name => 姓名或名称
Show full personal information (logged) => 查看完整信息（将记入审计日志）
Information requested => 所需信息
arrived => 到达
received => 收到
Actions => 办理
Save => 保存
Split into => 已拆分为
Events => 办理记录
Audit trail => 审计日志
Register an application received in person, by post, fax or e-mail => 登记当面、邮寄、传真或电子邮件提交的申请
Register => 登记
Worklist => 待办事项
Views => 筛选
Register an application => 登记申请
Export (masked) => 导出（已脱敏）
Search by query code, applicant or content => 按查询码、申请人或内容搜索
Statutory deadline => 法定答复期限
Agency => 机关
Status => 状态
Nothing here. => 暂无记录。
Confirm receipt => 确认收到
Request correction => 补正通知
Record corrected application => 登记补正材料
Approve extension => 批准延期答复
Start consultation => 征求意见
Record consultation answer => 登记征求意见结果
Send fee notice => 收费通知
Record payment => 登记缴费
Reply => 答复
Split into one application per item => 拆分（一事一申请）
Withdraw => 撤回
actor => 操作人
actor label => 操作人标识
action => 操作
object type => 对象类型
object id => 对象编号
data => 数据
time => 时间
audit entry => 审计记录
audit entries => 审计记录
provisional: next year's holiday schedule not yet published => 暂定：下一年度放假安排尚未公布
The clock is paused (consultation or fee). => 计时暂停中（征求意见或缴费期间不计入答复期限）。
Apply online => 在线申请
Application for government information => 政府信息公开申请
Fields marked * are required. One request per form is recommended. => 带 * 的为必填项。建议一份申请只提一项内容。
Submit application => 提交申请
Office receiving applications => 受理机构
The agency answers on the spot when it can, otherwise within 20 working days of receipt; with the office head's approval the period may be extended once by up to 20 working days (art. 33). => 能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复；经政府信息公开工作机构负责人同意，可延长一次，延长期限最长不超过20个工作日（条例第三十三条）。
Apply to this agency => 向本机关申请
Last updated => 最后更新
Apply for government information => 申请政府信息公开
Anyone may apply; no purpose is required. Keep the query code and password you receive to follow your application. => 公民、法人或者其他组织均可申请，无需说明用途。请保存提交后获得的查询码和查询密码，用于查询办理进度。
Track an application => 查询申请
Disclosure guides of the agencies => 各机关政府信息公开指南
My applications => 我的申请
None yet. => 暂无。
Receipt => 接收回执
has received your application. => 已收到您的政府信息公开申请。
awaiting confirmation by the agency => 待机关确认收到
Write down the query code and password now: the password is shown only once. => 请立即记下查询码和查询密码：查询密码只显示这一次。
Follow this application => 查询办理进度
Look up => 查询
Description of the information => 所需信息的内容描述
Progress => 办理进度
Government information disclosure => 政府信息公开
Skip to content => 跳到正文
Main => 主导航
Apply => 申请
Track => 查询
Log out => 退出登录
Citizens only => 仅公民填写（必填）
Legal persons and other organisations only => 仅法人或者其他组织填写（必填）
reasonable reply time set (art. 35) => 依第三十五条确定延迟答复期限
Reasonable reply deadline => 合理的答复期限
Set a reasonable reply deadline (art. 35) => 确定延迟答复期限（第三十五条）
Letters => 文书
letter => 文书
letters => 文书
addressee => 收件人
issued on => 发文日期
administrative review body => 行政复议机关
Named in every reply's remedy clause; empty: the government above (parent agency). => 写入每份答复书的救济告知；留空则为上级人民政府（上级机关）。
how to pay processing fees => 信息处理费缴纳方式
Non-tax payment code or account, printed on fee notices. => 非税收入缴款码或账户，印在收费通知书上。
Reasons, or where it is published, which agency holds it, the earlier reply => 理由（或已公开信息的获取途径、负责公开的机关、此前答复的文号和日期）
Withheld parts (部分公开 only): each part with its ground and reasons => 不予公开的部分（部分公开时填写）：逐项写明依据和理由
Withheld part => 不予公开的内容
Withheld part %(n)s => 不予公开的部分（第%(n)s项）
Ground for withholding it => 不予公开的理由类别
Reasons for withholding it => 不予公开的理由
Add another withheld part => 增加一项不予公开的部分
Disclosing over a third party's objection: why withholding would seriously affect the public interest => 第三方不同意公开而决定公开的：不公开可能对公共利益造成重大影响的理由
Art. 32: the third party is sent a notice of the decision to disclose. => 依照条例第三十二条，将向第三方发出公开决定告知书。
applicant asked for reasons (art. 35) => 依第三十五条要求申请人说明理由
Ask the applicant for reasons (art. 35) => 要求申请人说明理由（第三十五条）
Number and frequency of the applicant's applications => 申请人申请的数量和频次
Reasons to be given by => 说明理由的期限
Table 3 from records => 收到和处理政府信息公开申请情况（依据办理记录统计）
Scope => 统计范围
this agency only => 仅本机关
this agency and all agencies under it => 本机关及所属全部下级机关
Year => 年度
Show => 查询
%(name)s, report year %(year)s: counted from the application records by the rules of the annual report format (received in the year; open on 1 January; concluded in the year; open on 31 December). => %(name)s，%(year)s年度：依据申请办理记录，按年度报告格式的统计口径计算（本年度收到的计入本年新收，1月1日尚未办结的计入上年结转，本年度办结的计入办理结果，12月31日尚未办结的计入结转下年度继续办理）。
Checks => 校验结果
All identities of table 3 hold. => 表三各项勾稽关系均成立。
Download: => 下载：
Personal information is used only to handle your application (PIPL art. 13, 34). => 您的个人信息仅用于办理本申请（《个人信息保护法》第十三条、第三十四条）。
Deadlines are provisional => 答复期限为临时期限
Working-day calendar status and what to do => 工作日历状态及处理办法
Please tell the system administrator. => 请告知系统管理员。
Working-day calendar => 工作日历
Status as of %(day)s. Reply periods are counted in working days (条例第三十三条), from the State Council's yearly holiday schedule. => 截至%(day)s的状态。答复期限按工作日计算（条例第三十三条），工作日以国务院办公厅每年公布的节假日安排为准。
The calendar covers every deadline computed today. => 工作日历覆盖今天计算的全部答复期限。
Covered years => 已覆盖的年份
Source => 来源
Years => 年份
Data file => 工作日数据文件
none => 无
Regional overlay %(code)s => 地区安排 %(code)s
Holiday schedule => 放假安排
loaded => 已载入
missing: deadlines counted with weekends only (provisional) => 未载入：答复期限仅按周末休息推算（临时期限）
missing: deadlines crossing New Year are provisional => 未载入：跨年的答复期限为临时期限
Last year with a published schedule: %(last)s. => 已载入放假安排的最后一年：%(last)s年。
What to do => 处理办法
When the State Council General Office publishes next year's holiday schedule (usually around November), add it to the years section of the data file %(data_file)s (or the file named by the environment variable %(env_var)s); no code change is needed. => 国务院办公厅公布下一年部分节假日安排的通知后（通常在11月前后），将其加入工作日数据文件 %(data_file)s（或环境变量 %(env_var)s 指定的文件）的 years 部分，无需修改代码。
List every day off (including weekdays taken off in exchange) under rest, the weekend days declared working days under work, and cite the notice in notice: => rest 列出全部放假日（含调休放假的工作日），work 列出调休上班的周六、周日，notice 注明所依据的通知：
Restart the platform so the calendar is read again; each application's page then counts its deadline from the published schedule. => 重新启动平台以重新读取工作日历；此后各申请的办理页面即按公布的安排计算答复期限。
Alternatively upgrade chinese_calendar once it carries the year (version pinned in pyproject.toml). See docs/statute.md §7. => 也可在 chinese_calendar 发布覆盖该年的新版本后升级（版本固定在 pyproject.toml 中）。详见 docs/statute.md 第7节。""".splitlines()
)


@dataclass
class Entry:
    """One catalogue entry: its comment lines and its unescaped strings."""

    comments: list[str] = field(default_factory=list)
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)

    @property
    def fuzzy(self) -> bool:
        return any(c.startswith("#,") and "fuzzy" in c for c in self.comments)

    @property
    def obsolete(self) -> bool:
        return any(c.startswith("#~") for c in self.comments)

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr.values())


_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def unescape(quoted: str) -> str:
    """The value of one PO string literal (with its quotes)."""
    body = quoted.strip()[1:-1]
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), body)


def escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")


def parse(text: str) -> list[Entry]:
    """Entries of a PO file (the header is the entry whose msgid is empty)."""
    entries: list[Entry] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        entry, target = Entry(), None
        for line in block.splitlines():
            if line.startswith("#"):  # obsolete "#~" entries stay whole in the comments
                entry.comments.append(line)
            elif line.startswith('"'):
                append(entry, target, unescape(line))
            else:
                keyword, _, literal = line.partition(" ")
                target = keyword
                set_field(entry, keyword, unescape(literal))
        entries.append(entry)
    return entries


def set_field(entry: Entry, keyword: str, value: str) -> None:
    if keyword == "msgctxt":
        entry.msgctxt = value
    elif keyword == "msgid":
        entry.msgid = value
    elif keyword == "msgid_plural":
        entry.msgid_plural = value
    elif keyword == "msgstr":
        entry.msgstr[0] = value
    elif keyword.startswith("msgstr["):
        entry.msgstr[int(keyword[7:-1])] = value


def append(entry: Entry, keyword: str | None, value: str) -> None:
    if keyword == "msgctxt":
        entry.msgctxt = (entry.msgctxt or "") + value
    elif keyword == "msgid":
        entry.msgid += value
    elif keyword == "msgid_plural":
        entry.msgid_plural = (entry.msgid_plural or "") + value
    elif keyword is not None and keyword.startswith("msgstr"):
        index = 0 if keyword == "msgstr" else int(keyword[7:-1])
        entry.msgstr[index] = entry.msgstr.get(index, "") + value


def render(entry: Entry) -> str:
    lines = list(entry.comments)
    if entry.msgctxt is not None:
        lines.append(f'msgctxt "{escape(entry.msgctxt)}"')
    lines.append(f'msgid "{escape(entry.msgid)}"')
    if entry.msgid_plural is not None:
        lines.append(f'msgid_plural "{escape(entry.msgid_plural)}"')
        lines += [f'msgstr[{i}] "{escape(s)}"' for i, s in sorted(entry.msgstr.items())]
    else:
        lines.append(f'msgstr "{escape(entry.msgstr.get(0, ""))}"')
    return "\n".join(lines)


def fill(entry: Entry) -> Entry:
    """The entry translated from the table, or emptied when the table lacks it (the table is the
    only source: a guess msgmerge carried over from a similar msgid must not reach users). A
    translation from the table is never fuzzy; msgmerge's previous-msgid hints go with the flag."""
    if not entry.msgid or entry.obsolete:
        return entry
    flags = [f.strip() for c in entry.comments if c.startswith("#,") for f in c[2:].split(",")]
    flags = [f for f in flags if f and f != "fuzzy"]
    comments = [c for c in entry.comments if not c.startswith("#,") and not c.startswith("#|")]
    if flags:
        comments.append("#, " + ", ".join(flags))
    # Chinese has one plural form (Plural-Forms: nplurals=1), so msgstr[0] is the only one.
    msgstr = {0: ZH.get(entry.msgid, "")}
    return Entry(comments, entry.msgctxt, entry.msgid, entry.msgid_plural, msgstr)


def main(argv: list[str]) -> int:
    text = PO_PATH.read_text(encoding="utf-8")
    text = text.replace(
        '"Content-Type: text/plain; charset=CHARSET\\n"', '"Content-Type: text/plain; charset=UTF-8\\n"'
    )
    entries = parse(text)
    if "--check" not in argv:
        header, *messages = entries
        header.comments = [c for c in header.comments if c != "#, fuzzy"]
        entries = [header, *(fill(e) for e in messages)]
        PO_PATH.write_text("\n\n".join(render(e) for e in entries) + "\n", encoding="utf-8")
    messages = [e for e in entries[1:] if not e.obsolete]
    missing = [e.msgid for e in messages if not e.translated or e.fuzzy]
    unused = sorted(set(ZH) - {e.msgid for e in messages})
    for msgid in missing:
        print("untranslated:", msgid)
    for msgid in unused:
        print("not in the catalogue (stale table line?):", msgid)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
