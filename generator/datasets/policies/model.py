"""Model of data/policies.csv: 规范性文件 and other policy documents the bureau has issued."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from ...schema.common import max_chars
from ...schema.types import IsoDate, Record

PolicyKind = Literal["规范性文件", "其他政策文件"]
PolicyStatus = Literal["有效", "失效", "已修订"]
NORMATIVE = "规范性文件"
IN_FORCE, EXPIRED, REVISED = "有效", "失效", "已修订"
#: Where the full texts live: a Markdown file here is shown on its document's page, not as a page of its own.
TEXTS_DIR = "content/policies"
#: Formats of a full text: Markdown (shown in the page) or an attachment (offered for download).
TEXT_SUFFIXES = (".md", ".pdf", ".docx")


class Policy(Record):
    """一件规范性文件或其他政策文件。"""

    doc_no: Annotated[str, max_chars(100)] = Field(title="文号")
    """发文字号，全表唯一，例如「汾教科发〔2021〕12号」；网址由其中的年份和序号生成（/policies/2021-012/），发布后不要再改。"""
    title: Annotated[str, max_chars(200)] = Field(title="文件名称")
    """文件的完整名称，不加书名号，例如「汾川县督学聘任与管理办法」。"""
    kind: PolicyKind = Field(title="文件类别")
    """规范性文件（涉及公民、法人和其他组织权利义务、具有普遍约束力、在一定期限内反复适用的文件，须经合法性审核并设有效期）
    或 其他政策文件（工作方案、实施方案、通知等）。"""
    issuer: str | None = Field(default=None, title="发文机关")
    """发文机关全称；本局发文不填（网站显示 site.yml 中的主办单位名称），联合发文时写全部机关，用顿号分隔。"""
    issued_on: IsoDate = Field(title="成文日期")
    """文件成文（印发）的日期，YYYY-MM-DD。"""
    effective_on: IsoDate | None = Field(default=None, title="施行日期")
    """开始施行的日期，不早于成文日期；自印发之日起施行的可以不填。"""
    expires_on: IsoDate | None = Field(default=None, title="有效期至")
    """有效期的最后一天。规范性文件应当填写，且不超过施行（或成文）之日起 5 年；过了这一天仍为「有效」是错误。"""
    status: PolicyStatus = Field(default="有效", title="状态")
    """有效（默认）、失效（有效期届满或被废止）、已修订（被新文件修订或替代，须填「修订后的文件」）。失效和已修订的文件仍在网站上保留，供查阅。"""
    status_date: IsoDate | None = Field(default=None, title="失效或修订日期")
    """状态为「失效」或「已修订」时必填：失效或被修订的日期；状态为「有效」时不填。"""
    replaced_by: str | None = Field(default=None, title="修订后的文件")
    """状态为「已修订」时必填：修订或替代它的新文件的文号（必须也在本表中，且成文日期不早于本文件）；其他状态不填。"""
    text: str = Field(title="全文文件")
    # The docstring in pieces: the guide and the JSON Schemas publish the joined text, "\n" included.
    ("全文所在的文件，写 content/ 下的路径：Markdown 文件（例如 content/policies/2021-12-督学聘任与管理办法.md，"
     "全文显示在文件页面上）\n或 PDF、DOCX 附件（页面上提供下载）。文件必须存在。")
    summary: str | None = Field(default=None, title="摘要")
    """一句话说明文件的主要内容，显示在文件页面和搜索结果中。"""
    published_on: IsoDate = Field(title="公开日期")
    """在本站公开的日期，不早于成文日期；规范性文件应在印发后 20 个工作日内公开。晚于生成日期的文件暂不显示。"""
