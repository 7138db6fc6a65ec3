"""Words of the simulated 复议 and 诉讼 cases (data, not UI text): the acts contested, the courts."""

from __future__ import annotations

#: The act an applicant contests, as a case names it (``{n}``: a serial).
ACTS = (
    "《政府信息公开申请答复书》（第{n}号）",
    "《政府信息公开申请答复书》（不予公开，第{n}号）",
    "《信息不存在告知书》（第{n}号）",
    "逾期未答复政府信息公开申请的行为（第{n}号申请）",
)
#: The court of a city-level act, or of a district government's own act (行政诉讼法第十五条).
INTERMEDIATE_COURT = "重庆市第一中级人民法院"
CITY_GOVERNMENT_SUFFIX = "人民政府"
DISTRICT_COURT = "重庆市{district}人民法院"
#: Notes on a follow-up done.
REDONE = "已重新作出答复并送达"
REPORTED = "已报送纠正情况"
