"""Registry stage: the problem codes the 法治副校长 and 法律顾问 family reports besides the core ones (problems.py),
one record per code: severity, meaning and what staff do (the guide lists them)."""

from __future__ import annotations

from ...problems import WARNING, Code, reporter, table

CODES = table(
    Code("deputy-term-ended", WARNING,
         "法治副校长的聘期已满，名单中没有这所学校续聘或新聘的记录（网站不再把他列为在任，学校算作尚未配备）",
         "续聘的，新增一行：聘任日期为续聘日期，填写新的聘期结束日期；改聘他人的，新增新任法治副校长一行。"
         "原来的一行保留，不要删除（年度报告的数字按它核对）。学校确实不再配备的，可以不改（这只是提醒）。"),
    Code("deputy-overlap", WARNING,
         "同一学校由同一派出单位派出的两名法治副校长聘期重叠（可能是接任时没有结束前任的聘期）",
         "如果后一位接替前一位，把前一位的聘期结束改为后一位聘任日期的前一天；"
         "两人确实同时在这所学校任职的，可以不改（这只是提醒）。"),
    Code("adviser-term-ended", WARNING,
         "法律顾问的聘期已满，名单中没有续聘或新聘的记录（网站不再把它列为在聘）",
         "续聘或新聘的，新增一行，填写新的聘期；原来的一行保留。确实不再聘请法律顾问的，可以不改（这只是提醒）。"),
    Code("advisers-not-shown", WARNING,
         "有法律顾问名单（legal_advisers.csv），但没有法治副校长名单（legal_deputies.csv）：法律顾问显示在法治副校长"
         "页面上，这个页面不会生成",
         "新建 data/legal_deputies.csv（可以只有表头一行），法律顾问就会显示在「法治副校长」页面上。"),
)

#: `problem` for this family's checks: its codes by name, and the core ones.
problem = reporter(CODES)
