"""Data of the demo's 2022 baseline and 2023 fees (Chinese text; tests/web/test_i18n_rule.py DATA_MODULES).

The seed states its 2023 figures against 2022's: 收到 10121 件「较上年增长58.26%」, 予以公开及部分公开 5990 件
「较上年增长43.37%」. Growth rounded to two decimals fixes last year's figures exactly: 6,395 received
(10121 / 6395 = 1.58264…; 6,394 gives 58.29 %, 6,396 gives 58.24 %) and 4,178 granted or partly
granted (5990 / 4178 = 1.43370…). Of the 6,395, 294 are the applications of December 2022 that 2023
carries over (already in the 2023 plan), so the 2022 plan adds 6,101 received and concluded in 2022.

Section 六 of the seed: 「信息处理费6120元，其中规划自然资源系统收取3460元、北碚区收取2660元」. The fees paid,
one amount per application (按量计收 under 国办函〔2020〕109号), in the two groups the seed names."""

from __future__ import annotations

PREVIOUS_RECEIVED = 6395
PREVIOUS_GRANTED_AND_PARTLY = 4178
#: Suffix of the agencies of the 规划自然资源 system (the city bureau and each district's 分局).
PLANNING_BUREAU = "规划和自然资源局"
#: The district whose other agencies collected the rest (its government's name).
FEE_DISTRICT = "北碚区人民政府"
PLANNING_FEES = (1200, 800, 560, 500, 400)  # 3,460 元
DISTRICT_FEES = (1000, 660, 500, 300, 200)  # 2,660 元
FEE_BASIS = "按量计收"
#: Why the simulation's 2022 report was published though a check failed (shown on the report).
BYPASS_REASON = "演示数据：2022年度报告由模拟记录生成"
