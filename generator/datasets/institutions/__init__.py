"""Registry stage: the 校外培训机构 family (institutions.csv and the list changes in institution_events.csv)."""

from __future__ import annotations

from itertools import chain

from ...model import ALL, Dataset, Offer, Publication
from . import browse, checks, index, pages
from . import posters as posters  # its pages' QR code and poster link (template helpers)
from .checks import CATALOG_CHECKS as CATALOG_CHECKS  # its rules across records
from .codes import CODES as CODES  # its problem codes: the registry collects them
from .figures import FIGURES as FIGURES  # its annual report figures: the registry collects them
from .model import Institution, InstitutionEvent

#: Registration types of organisations: an institution of these is named after no person (an example may show it).
ORGANISATIONS = ("民办非企业单位", "企业")
#: How a fill-in template offers the institutions to a record about one (institution_id): a clerk may also type a
#: new institution's full name, a credit code or an id, which the import resolves or points out (warned only).
_OFFER = Offer("机构", pick="从下拉列表选择「名称（代码）」，也可填机构全称、统一社会信用代码或机构编号。",
               refused=("所填机构不在下拉列表（现有机构名单）中。可以填机构全称、统一社会信用代码或机构编号，"
                        "导入时会逐一核对，对不上的会指出行和列；新机构请先导入机构表。保留所填内容请选「是」，"
                        "重新选择请选「否」。"),
               warn_only=True, category="registration_type", example_categories=ORGANISATIONS, uscc="uscc")

INSTITUTIONS = Dataset(index.INSTITUTIONS, "校外培训机构", "data/institutions.csv", Institution, "id",
                       label_field="name", import_assigns_key=True, offer=_OFFER,
                       aliases={"id": ("编号",), "name": ("机构全称", "培训机构名称"),
                                "address": ("地址", "办学地址", "培训场所地址"),
                                "school_license_no": ("办学许可证编号",),
                                "on_national_platform": ("是否纳入全国监管平台",)},
                       checks=(checks.institution_registration,), synth=lambda world: world.core.institutions,
                       description="校外培训机构的登记信息；名单状态由变动记录推算。")
EVENTS = Dataset(index.EVENTS, "名单与状态变动", "data/institution_events.csv", InstitutionEvent, None,
                 dates_data="date", aliases={"institution_id": ("关联机构编号",), "event": ("事项", "变动类型")},
                 refs={"institution_id": "institutions"}, checks=(checks.event_reason, checks.event_basis),
                 guide_notes=pages.event_effects,
                 synth=lambda world: world.core.events,
                 description="校外培训机构列入、移出白名单和黑名单及营转非、注销、取缔等状态变动，按日期记录。")

DATASETS = (INSTITUTIONS, EVENTS)

PUBLICATIONS = (
    Publication("institutions", pages.institution_rows, pages.describe_institution, page="institutions/", unit="家",
                duty="校外培训监管 · 政务公开",
                derived={"current_list": ("当前名单", "string"), "list_since": ("列入或移出名单日期", "date"),
                         "current_status": ("当前状态", "string")},
                last_change=lambda view: view.last_change([e.date for e in index.events(view.catalog)]), card=1,
                nav="机构查询", list_page=pages.lookup_page, column="校外培训机构查询", cells=pages.CELLS,
                record_pages=lambda view, part=ALL: chain(pages.institution_pages(view, part),
                                                          browse.browse_pages(view) if part.last else ()),
                record_parts=8,
                feed=pages.institution_feed, finder=pages.institution_finder),
    Publication("institution_events", pages.event_rows, pages.describe_event),
)
