"""Build synthetic 部门预算公开 texts from the standard template, for any department, year and figures.

Tests use these to prove budgetqa parses the *template*, not the seed: describe a department with
the dataclasses below, ``render`` it, and parse the result. Pure Python; no budgetqa imports.

    >>> d = sample_health_commission_2024()
    >>> text = render(d, layout="pipes", drop_optional_column=True)
    >>> d.total                                     # what every 合计 / 总计 cell prints
    Decimal('3071.33')

Layouts (``render(layout=...)``):

* ``'tab'``: cells separated by one tab, blank cells kept as empty fields, exactly as the seed.
* ``'spaces'``: cells left-aligned in fixed-width columns (width counted East-Asian-aware: a CJK
  character is 2 columns), so cells are separated by runs of 2+ spaces and a blank cell is
  nothing but padding. Splitting a row on runs of spaces therefore loses the position of blank
  cells: a row ``合计  1,000.00  1,000.00`` does not say which of two later columns is blank.
  Only character offsets recover it, and only for cells no wider than 40 columns (a longer cell
  pushes the rest of its row to the right). Tests should assert non-blank columns only.
* ``'pipes'``: markdown rows ``| a | b |  | c |`` with blank cells left empty between pipes and a
  ``|---|---|`` separator under the last header row (under the first row of a form).

Page breaks (blank line plus ``仅供内部审核`` watermark lines, or only the blank line when
``watermark=False``) are printed between parts and inside the long tables (预算收支总表, 财政拨款
收支总表 and the 基本支出分经济科目表), as in the seed; in ``'pipes'`` the break splits the markdown
table without repeating its header, as a PDF-to-markdown converter would.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

WATERMARK = "仅供内部审核"
LAYOUTS = ("tab", "spaces", "pipes")
CENT = Decimal("0.01")

# ---------------------------------------------------------------- classification reference

# The 30 功能分类 类 printed on the expenditure side of the two-sided summary tables, in order.
FUNCTION_CLASSES: list[tuple[str, str]] = [
    ("201", "一般公共服务支出"), ("202", "外交支出"), ("203", "国防支出"), ("204", "公共安全支出"),
    ("205", "教育支出"), ("206", "科学技术支出"), ("207", "文化旅游体育与传媒支出"),
    ("208", "社会保障和就业支出"), ("209", "社会保险基金支出"), ("210", "卫生健康支出"),
    ("211", "节能环保支出"), ("212", "城乡社区支出"), ("213", "农林水支出"), ("214", "交通运输支出"),
    ("215", "资源勘探工业信息等支出"), ("216", "商业服务业等支出"), ("217", "金融支出"),
    ("219", "援助其他地区支出"), ("220", "自然资源海洋气象等支出"), ("221", "住房保障支出"),
    ("222", "粮油物资储备支出"), ("223", "国有资本经营预算支出"), ("224", "灾害防治及应急管理支出"),
    ("227", "预备费"), ("229", "其他支出"), ("230", "转移性支出"), ("231", "债务还本支出"),
    ("232", "债务付息支出"), ("233", "债务发行费用支出"), ("234", "抗疫特别国债安排的支出"),
]

# 类 and common 款 names, so a Disclosure only has to name its 7-digit 项 rows.
STANDARD_SUBJECT_NAMES: dict[str, str] = {
    **dict(FUNCTION_CLASSES),
    "20101": "人大事务", "20103": "政府办公厅（室）及相关机构事务", "20105": "统计信息事务",
    "20132": "组织事务", "20601": "科学技术管理事务", "20699": "其他科学技术支出",
    "20805": "行政事业单位养老支出", "20808": "抚恤", "21001": "卫生健康管理事务",
    "21002": "公立医院", "21003": "基层医疗卫生机构", "21004": "公共卫生",
    "21007": "计划生育事务", "21011": "行政事业单位医疗", "21099": "其他卫生健康支出",
    "21401": "公路水路运输", "21402": "铁路运输", "21404": "成品油价格改革对交通运输的补贴",
    "21499": "其他交通运输支出", "22102": "住房改革支出",
}

WAGE = "工资福利支出"
GOODS = "商品和服务支出"
FAMILY = "对个人和家庭的补助"
ECON_GROUPS = (WAGE, GOODS, FAMILY)

_ECON_GROUP_OF: dict[str, str] = {
    **dict.fromkeys(
        ["基本工资", "津贴补贴", "奖金", "伙食补助费", "绩效工资", "机关事业单位基本养老保险缴费",
         "职业年金缴费", "职工基本医疗保险缴费", "公务员医疗补助缴费", "其他社会保障缴费", "住房公积金",
         "医疗费", "其他工资福利支出"], WAGE),
    **dict.fromkeys(
        ["办公费", "印刷费", "咨询费", "手续费", "水费", "电费", "邮电费", "取暖费", "物业管理费", "差旅费",
         "因公出国（境）费用", "维修（护）费", "租赁费", "会议费", "培训费", "公务接待费", "专用材料费",
         "劳务费", "委托业务费", "工会经费", "福利费", "公务用车运行维护费", "其他交通费用",
         "税金及附加费用", "其他商品和服务支出"], GOODS),
    **dict.fromkeys(
        ["离休费", "退休费", "退职（役）费", "抚恤金", "生活补助", "救济费", "医疗费补助", "助学金",
         "奖励金", "代缴社会保险费", "其他对个人和家庭的补助"], FAMILY),
}

THREE_PUBLIC_ITEMS = ("因公出国（境）费", "公务接待费", "公务用车购置及运行费",
                      "①公务用车购置费", "②公务用车运行维护费")

# Form fields that ``Project.form_missing_fields`` may blank out.
FORM_FIELDS = ("实施单位", "项目属性", "项目期", "项目概况", "立项依据", "项目设立必要性",
               "保证项目实施的制度、措施", "项目实施计划", "总体目标", "经办人", "联系电话")

_LEVEL1_ORDER = ("产出指标", "效益指标", "满意度指标")
_LEVEL2_ORDER = ("数量指标", "质量指标", "时效指标", "成本指标", "经济效益指标", "社会效益指标",
                 "生态效益指标", "可持续影响指标", "服务对象满意度指标")
_BENEFIT_LEVEL2 = ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标")

DEFAULT_DEFINITIONS: dict[str, str] = {
    "基本支出": "指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。",
    "项目支出": "指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。",
    "“三公”经费": "指用财政拨款安排的因公出国（境）费用、公务用车购置及运行费和公务接待费。其中：因公出国（境）"
                 "费用反映单位公务出国（境）的国际旅费、国外城市间交通费、住宿费、伙食费、培训费、公杂费等支出；"
                 "公务用车购置费反映公务用车购置支出（含车辆购置税、牌照费）；公务用车运行维护费反映单位按规定保留的"
                 "公务用车燃料费、维修费、过路过桥费、保险费、安全奖励费用等支出；公务接待费反映机关和参公事业单位"
                 "按规定开支的各类公务接待（含外宾接待）支出。",
    "机关运行经费": "指行政单位和参照公务员法管理的事业单位使用财政拨款安排的基本支出中的公用经费支出。",
    "政府购买服务": "是指充分发挥市场机制作用，将国家机关属于自身职责范围且适合通过市场化方式提供的服务事项，"
                 "按照政府采购方式和程序，交由符合条件的服务供应商承担，并根据服务数量和质量等情况向其支付费用的行为。",
    "财政专户管理资金": "专指教育收费，包括目前在财政专户管理的高中以上学费、住宿费，高校委托培养费，党校收费，"
                    "教育考试考务费，函大、电大、夜大及短训班培训费等。",
    "单位资金": "是指除政府预算资金和财政专户管理资金以外的资金，包括事业收入、事业单位经营收入、上级补助收入、"
               "附属单位上缴收入、其他收入。",
    "上年结转": "指以前年度预算安排、结转到本年仍按原规定用途继续使用的资金。",
    "一般公共预算": "是指以税收为主体的财政收入，安排用于保障和改善民生、推动经济社会发展、维护国家安全、"
                 "维持国家机构正常运转等方面的收支预算。",
    "政府性基金预算": "是对依照法律、行政法规的规定在一定期限内向特定对象征收、收取或者以其他方式筹集的资金，"
                   "专项用于特定公共事业发展的收支预算。",
    "国有资本经营预算": "是对国有资本收益作出支出安排的收支预算。",
}


# ---------------------------------------------------------------- the build API


@dataclass
class Project:
    """One 项目支出: a row of the project table and (if ``has_form``) a 绩效目标申报表.

        Project("农村公路养护补助", Decimal("520.00"), "青禾县公路养护中心", "经常性项目（长期开展）",
                3, 15_600_000, 5_200_000, "…", "…", "李明", "0359-6021188",
                [("产出指标", "数量指标", "养护里程", "≥320公里")])

    ``annual_yuan`` must equal ``amount_wan`` × 10000 (checked by ``Disclosure.validate``).
    ``form_missing_fields`` (names from ``FORM_FIELDS``) keep their label on the form but print
    an empty value. ``necessity``/``measures``/``plan``/``goal`` default to generic sentences.
    """

    name: str
    amount_wan: Decimal
    unit_name: str
    attribute: str
    period_years: int
    total_yuan: int
    annual_yuan: int
    overview: str
    basis: str
    handler: str
    phone: str
    indicators: list[tuple[str, str, str, str]]
    has_form: bool = True
    form_missing_fields: list[str] = field(default_factory=list)
    necessity: str = ""
    measures: str = ""
    plan: str = ""
    goal: str = ""


@dataclass
class Subject:
    """A 7-digit 功能分类 项 row; blank cells are ``None``. 类/款 rows are derived by summing.

        Subject("2100101", "行政运行", Decimal("612.48"), None)
    """

    code: str
    name: str
    basic: Decimal | None
    project: Decimal | None

    @property
    def total(self) -> Decimal:
        return (self.basic or Decimal(0)) + (self.project or Decimal(0))


@dataclass
class EconItem:
    """A row of the 基本支出分经济科目表 ledger: a 部门经济科目 item with its 政府经济科目.

        EconItem("基本工资", "工资奖金津补贴", Decimal("120.36"), None)

    ``group`` (工资福利支出 / 商品和服务支出 / 对个人和家庭的补助) is inferred from well-known
    item names, else from the amounts (公用经费 only -> 商品和服务支出, otherwise 工资福利支出).
    """

    dept_name: str
    gov_name: str
    personnel: Decimal | None
    public: Decimal | None
    group: str | None = None

    @property
    def total(self) -> Decimal:
        return (self.personnel or Decimal(0)) + (self.public or Decimal(0))

    @property
    def resolved_group(self) -> str:
        if self.group:
            return self.group
        if self.dept_name in _ECON_GROUP_OF:
            return _ECON_GROUP_OF[self.dept_name]
        return GOODS if self.personnel is None and self.public is not None else WAGE


@dataclass(frozen=True)
class FunctionRow:
    """A 类/款/项 row as every 功能分类 table prints it (``None`` = blank cell)."""

    code: str
    name: str
    basic: Decimal | None
    project: Decimal | None

    @property
    def total(self) -> Decimal:
        return (self.basic or Decimal(0)) + (self.project or Decimal(0))

    @property
    def level(self) -> str:
        return {3: "类", 5: "款", 7: "项"}[len(self.code)]


@dataclass
class Disclosure:
    """Everything one 部门预算公开 states. All money is 一般公共预算 当年拨款 (no 结转, no 单位资金).

        d = sample_transport_bureau_2022()
        d2 = dataclasses.replace(d, year=2025, department="青禾县水利局")
        text = render(d2)

    ``three_public`` is ``None`` (本部门无“三公”经费预算; the table prints empty) or a dict
    keyed by ``THREE_PUBLIC_ITEMS``. ``last_year_change`` is signed (negative = 减少).
    ``subject_names`` adds/overrides 类/款 names on top of ``STANDARD_SUBJECT_NAMES``.
    """

    department: str
    year: int
    subjects: list[Subject]
    econ_items: list[EconItem]
    projects: list[Project]
    office_running: Decimal
    three_public: dict[str, Decimal] | None
    last_year_change: Decimal
    change_reason: str
    duties: list[str]
    offices: list[str]
    definitions: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_DEFINITIONS))
    subject_names: dict[str, str] = field(default_factory=dict)
    region: str = ""  # e.g. '云溪市'; names the government and the form title
    dept_code: str = "101"
    rank: str = "正处级"
    slug: str = "synthetic-department"  # ASCII file stem for write_disclosure
    office_running_reason: str = "机关运行经费按照定员定额标准核定，与上年基本持平。"
    three_public_reason: str = "“三公”经费预算严格按照厉行节约的要求编制。"
    assets: dict[str, str] = field(default_factory=lambda: {
        "车辆情况": "无", "房屋情况": "无", "其他国有资产占有使用情况": "无"})

    # ---- figures every table, narrative and test derives from the inputs

    @property
    def basic_total(self) -> Decimal:
        return sum((s.basic or Decimal(0) for s in self.subjects), Decimal(0))

    @property
    def project_total(self) -> Decimal:
        return sum((s.project or Decimal(0) for s in self.subjects), Decimal(0))

    @property
    def total(self) -> Decimal:
        return self.basic_total + self.project_total

    @property
    def personnel_total(self) -> Decimal:
        return sum((e.personnel or Decimal(0) for e in self.econ_items), Decimal(0))

    @property
    def public_total(self) -> Decimal:
        return sum((e.public or Decimal(0) for e in self.econ_items), Decimal(0))

    @property
    def three_public_total(self) -> Decimal | None:
        if self.three_public is None:
            return None
        return sum((self.three_public[k] for k in THREE_PUBLIC_ITEMS[:3]), Decimal(0))

    @property
    def last_year_total(self) -> Decimal:
        return self.total - self.last_year_change

    @property
    def change_percent(self) -> Decimal:
        """比上年增减%, two decimals, as printed (always of the absolute change)."""
        return _pct(abs(self.last_year_change), self.last_year_total)

    @property
    def forms(self) -> list[Project]:
        return [p for p in self.projects if p.has_form]

    @property
    def government(self) -> str:
        """'市人民政府' / '县人民政府' from the region's suffix."""
        return (self.region[-1:] or "市") + "人民政府"

    @property
    def form_title(self) -> str:
        level = self.region[-1:] or "市"
        return f"{self.region}{level}级预算部门（单位）项目支出绩效目标申报表"

    def name_of(self, code: str) -> str:
        for s in self.subjects:
            if s.code == code:
                return s.name
        names = {**STANDARD_SUBJECT_NAMES, **self.subject_names}
        if code not in names:
            raise KeyError(f"no name for subject {code}: add it to Disclosure.subject_names")
        return names[code]

    def function_rows(self) -> list[FunctionRow]:
        """类, 款 and 项 rows in print order, parents summed from their 项 children."""
        ordered = sorted(self.subjects, key=lambda s: s.code)
        rows: list[FunctionRow] = []
        seen: set[str] = set()
        for s in ordered:
            for code in (s.code[:3], s.code[:5]):
                if code in seen:
                    continue
                seen.add(code)
                kids = [k for k in ordered if k.code.startswith(code)]
                rows.append(FunctionRow(code, self.name_of(code),
                                        _sum_or_none(k.basic for k in kids),
                                        _sum_or_none(k.project for k in kids)))
            rows.append(FunctionRow(s.code, s.name, s.basic, s.project))
        return rows

    def class_rows(self) -> list[FunctionRow]:
        return [r for r in self.function_rows() if r.level == "类"]

    def validate(self) -> None:
        """Raise ``ValueError`` if the inputs could not all be printed consistently."""
        codes = [s.code for s in self.subjects]
        if any(len(c) != 7 or not c.isdigit() for c in codes) or len(set(codes)) != len(codes):
            raise ValueError(f"subject codes must be unique 7-digit 项 codes: {codes}")
        if self.basic_total != self.personnel_total + self.public_total:
            raise ValueError(f"基本支出 {self.basic_total} != 人员经费 {self.personnel_total} + "
                             f"公用经费 {self.public_total}")
        project_sum = sum((p.amount_wan for p in self.projects), Decimal(0))
        if self.project_total != project_sum:
            raise ValueError(f"项目支出 {self.project_total} != sum of projects {project_sum}")
        for p in self.projects:
            if p.annual_yuan != p.amount_wan * 10000:
                raise ValueError(f"{p.name}: annual_yuan {p.annual_yuan} != {p.amount_wan} 万元")
            unknown = set(p.form_missing_fields) - set(FORM_FIELDS)
            if unknown:
                raise ValueError(f"{p.name}: unknown form fields {sorted(unknown)}")
        if self.office_running > self.public_total:
            raise ValueError("机关运行经费 cannot exceed 公用经费")
        if self.three_public is not None:
            tp = self.three_public
            if set(tp) != set(THREE_PUBLIC_ITEMS):
                raise ValueError(f"three_public needs exactly {THREE_PUBLIC_ITEMS}")
            if tp["公务用车购置及运行费"] != tp["①公务用车购置费"] + tp["②公务用车运行维护费"]:
                raise ValueError("公务用车购置及运行费 must equal ① + ②")
        unknown_groups = {e.resolved_group for e in self.econ_items} - set(ECON_GROUPS)
        if unknown_groups:
            raise ValueError(f"unknown econ groups {sorted(unknown_groups)}; use {ECON_GROUPS}")


# ---------------------------------------------------------------- formatting


def wan(value: Decimal | None) -> str:
    """A 万元 table cell: thousands separators and 2 decimals; ``None`` is a blank cell."""
    return "" if value is None else f"{value.quantize(CENT, ROUND_HALF_UP):,.2f}"


def yuan(value: int) -> str:
    """A 元 form cell: thousands separators, no decimals."""
    return f"{value:,}"


def plain(value: Decimal) -> str:
    """A narrative amount without separators, as the seed prints 增减额 (e.g. 5108.42)."""
    return f"{value.quantize(CENT, ROUND_HALF_UP):.2f}"


def _pct(part: Decimal, whole: Decimal) -> Decimal:
    if not whole:
        return Decimal("0.00")
    return (part * 100 / whole).quantize(CENT, ROUND_HALF_UP)


def _sum_or_none(values) -> Decimal | None:
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


_CN_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1..99 in Chinese numerals (十一, 二十, 三十)."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _CN_DIGITS[ones]
    head = "" if tens == 1 else _CN_DIGITS[tens]
    return head + "十" + (_CN_DIGITS[ones] if ones else "")


# ---------------------------------------------------------------- grids (tables and forms)


@dataclass
class _Grid:
    """A table or form as rows of cells: ``header`` rows, then ``body`` rows; a page break is
    printed before each body row index in ``breaks``."""

    header: list[list[str]]
    body: list[list[str]]
    breaks: tuple[int, ...] = ()


def _page_break_lines(watermark: bool, count: int = 2) -> list[str]:
    if not watermark:
        return [""]
    lines = [""]
    for _ in range(count):
        lines += [WATERMARK, ""]
    return lines


def _render_grid(grid: _Grid, layout: str, watermark: bool) -> list[str]:
    rows = grid.header + grid.body
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    if layout == "tab":
        lines = ["\t".join(r) for r in rows]
    elif layout == "pipes":
        lines = ["| " + " | ".join(r) + " |" for r in rows]  # a blank cell prints '|  |'
    elif layout == "spaces":
        lines = _align(rows)
    else:
        raise ValueError(f"layout must be one of {LAYOUTS}, not {layout!r}")

    out: list[str] = []
    n_header = len(grid.header)
    for i, line in enumerate(lines):
        body_index = i - n_header
        if body_index in grid.breaks and body_index > 0:
            out += _page_break_lines(watermark)
        out.append(line)
        if layout == "pipes" and i == max(n_header, 1) - 1:
            out.append("|" + "---|" * width)
    return out


_ALIGN_CAP = 40


def _align(rows: list[list[str]]) -> list[str]:
    ncols = len(rows[0])
    widths = [max([_display_width(r[j]) for r in rows if _display_width(r[j]) <= _ALIGN_CAP] + [1])
              for j in range(ncols)]
    starts = [0]
    for w in widths[:-1]:
        starts.append(starts[-1] + w + 2)
    lines = []
    for r in rows:
        line, pos = "", 0
        for j, cell in enumerate(r):
            if not cell:
                continue
            gap = starts[j] - pos
            if pos and gap < 2:
                gap = 2  # an over-wide cell earlier in the row: keep a separating run
            line += " " * max(gap, 0) + cell
            pos += max(gap, 0) + _display_width(cell)
        lines.append(line.rstrip())
    return lines


# ---------------------------------------------------------------- the document


def render(disclosure: Disclosure, layout: str = "tab", drop_optional_column: bool = False,
           watermark: bool = True, validate: bool = True) -> str:
    """The full disclosure text in the seed's template (see the module docstring for layouts).

    ``drop_optional_column`` omits 财政专户管理资金 from the 预算收入总表 and 单位资金 from the
    项目支出预算表, so a parser has to read headers rather than positions. ``validate=False``
    renders deliberately inconsistent inputs (for negative tests).
    """
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS}, not {layout!r}")
    if validate:
        disclosure.validate()
    r = _Renderer(disclosure, layout, drop_optional_column, watermark)
    return r.document()


def write_disclosure(tmp_path: Path, disclosure: Disclosure, layout: str = "tab",
                     name: str | None = None, **render_options) -> Path:
    """Render ``disclosure`` into ``tmp_path/name`` (UTF-8) and return the path.

    The default name is ``<slug>-<year>-budget.txt`` (``-<layout>`` added for non-tab layouts).
    """
    if name is None:
        suffix = "" if layout == "tab" else f"-{layout}"
        name = f"{disclosure.slug}-{disclosure.year}-budget{suffix}.txt"
    path = Path(tmp_path) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(disclosure, layout=layout, **render_options), encoding="utf-8")
    return path


# Table titles, keyed by the role they play (the year is filled in).
TABLE_TITLES = {
    "summary": "{y}年预算收支总表",
    "income": "{y}年预算收入总表",
    "expenditure": "{y}年预算支出总表",
    "fiscal_summary": "{y}年财政拨款收支总表",
    "general_expenditure": "{y}年一般公共预算支出预算表（不含上年结转）",
    "basic_economic": "{y}年一般公共预算安排基本支出分经济科目表（不含上年结转）",
    "fund_income": "{y}年政府性基金预算收入表（不含上年结转）",
    "fund_expenditure": "{y}年政府性基金预算支出表（不含上年结转）",
    "state_capital": "{y}年国有资本经营预算收支预算表（不含上年结转）",
    "three_public": "{y}年一般公共预算“三公”经费支出预算表",
    "office_running": "{y}年机关运行经费预算财政拨款情况统计表",
    "projects": "{y}年项目支出预算表（本年预算）",
    "projects_carryover": "{y}年项目支出预算表（上年结转）",
}

# The markdown heading the OCR put on each title (the seed is inconsistent; so are we).
_TITLE_HEADINGS = {"summary": "### ", "expenditure": "## ", "fund_income": "### "}

NO_DATA = "注：本表无数据"


def table_titles(year: int) -> dict[str, str]:
    """The printed titles of the thirteen tables for ``year``."""
    return {k: v.format(y=year) for k, v in TABLE_TITLES.items()}


class _Renderer:
    def __init__(self, d: Disclosure, layout: str, drop_optional: bool, watermark: bool):
        self.d = d
        self.layout = layout
        self.drop = drop_optional
        self.watermark = watermark
        self.titles = table_titles(d.year)
        self.lines: list[str] = []

    # -- plumbing

    def emit(self, *lines: str) -> None:
        for line in lines:
            self.lines += [line, ""]

    def pages(self, count: int) -> None:
        """A page boundary between parts: ``count`` watermark lines (or a blank line)."""
        if self.watermark:
            self.emit(*[WATERMARK] * count)
        else:
            self.lines.append("")

    def table(self, key: str, grid: _Grid, note: str | None = None) -> None:
        self.emit(_TITLE_HEADINGS.get(key, "") + self.titles[key],
                  f"部门名称：{self.d.department}", "单位：万元")
        self.lines += _render_grid(grid, self.layout, self.watermark)
        self.lines.append("")
        if note:
            self.emit(note)

    def join(self, *cells: str) -> str:
        """A two-cell line outside tables (the 目录), in the layout's separator."""
        sep = {"tab": "\t", "spaces": "  ", "pipes": " "}[self.layout]
        return sep.join(cells)

    # -- the parts

    def document(self) -> str:
        self.lines = ["", ""]
        self.pages(4)
        self.emit(f"# {self.d.department}", f"## {self.d.year}年度部门预算公开")
        self.pages(4)
        self.contents()
        self.pages(6)
        self.overview()
        self.report_tables()
        self.explanation()
        self.performance_forms()
        self.closing()
        text = "\n".join(self.lines)
        while "\n\n\n\n" in text:
            text = text.replace("\n\n\n\n", "\n\n\n")
        return text.rstrip("\n") + "\n"

    def contents(self) -> None:
        y = self.d.year
        entries = [
            ("第一部分 概况", 1), ("一、本部门职责", 1), ("二、机构设置情况", 1),
            (f"第二部分 {y}年部门预算报表", 2),
        ]
        page = 2
        for title in self.titles.values():
            entries.append((title, page))
            page += 1
        entries += [(f"第三部分 {y}年度部门预算情况说明", page)]
        for heading in _EXPLANATION_HEADINGS:
            entries.append((heading, page))
        page += 1 + len(self.d.forms)
        entries += [("十一、国有资产占有使用情况", page), ("十二、其他说明", page),
                    ("(一) 政府购买服务指导性目录", page), ("(二) 其他", page),
                    ("第四部分 名词解释", page + 1)]
        self.emit("# 目 录")
        self.lines += [self.join(f"{t}.....", str(p)) for t, p in entries]
        self.lines.append("")

    def overview(self) -> None:
        d = self.d
        self.emit("## 第一部分 概况", "### 一、本部门职责")
        self.lines += [f"- {i}、{duty}" for i, duty in enumerate(d.duties, 1)]
        self.lines.append("")
        offices = "、".join(d.offices)
        self.emit("### 二、机构设置情况",
                  f"{d.department}是{d.government}工作部门，为{d.rank}。"
                  f"内设{len(d.offices)}个科室，分别为{offices}。")

    # -- 第二部分: the tables

    def report_tables(self) -> None:
        self.emit(f"## 第二部分 {self.d.year}年部门预算报表", "预算公开表1")
        self.table("summary", self.summary_grid())
        self.table("income", self.income_grid())
        self.pages(9)
        self.table("expenditure", self.expenditure_grid())
        self.table("fiscal_summary", self.fiscal_summary_grid())
        self.table("general_expenditure", self.expenditure_grid())
        self.table("basic_economic", self.economic_grid())
        self.table("fund_income", _Grid(
            [["项目", "", "政府性基金收入预算"], ["收入科目编码", "科目名称", ""]], [["合计", "", ""]]),
            NO_DATA)
        self.table("fund_expenditure", _Grid(
            [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]], [["合计", "", "", "", ""]]),
            NO_DATA)
        self.table("state_capital", self.state_capital_grid(), NO_DATA)
        self.table("three_public", self.three_public_grid(),
                   NO_DATA if self.d.three_public is None else None)
        y = self.d.year
        fiscal = ["", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"]
        self.table("office_running", _Grid(
            [["单位名称", f"{y}预算数", "", "", ""], fiscal],
            [["部门合计", wan(self.d.office_running), wan(self.d.office_running), "", ""],
             [self.d.department, wan(self.d.office_running), wan(self.d.office_running), "", ""]]))
        self.table("projects", self.project_grid())
        self.table("projects_carryover", _Grid(
            [["项目名称", "合计", f"{y}年财政拨款", "", ""],
             ["", "", "一般公共预算", "政府性基金预算", "国有资本经营预算"],
             ["1", "2", "3", "4", "5"]], []), NO_DATA)

    def _class_rows_30(self) -> list[tuple[str, Decimal | None]]:
        amounts = {r.code: r.total for r in self.d.class_rows()}
        return [(f"{cn_number(i)}、{name}", amounts.get(code))
                for i, (code, name) in enumerate(FUNCTION_CLASSES, 1)]

    def summary_grid(self) -> _Grid:
        y, total = self.d.year, self.d.total
        income = [("一、一般公共预算", total), ("二、政府性基金预算", None), ("三、国有资本经营预算", None),
                  ("四、财政专户管理资金", None), ("五、单位资金", None)]
        body = []
        for i, (label, amount) in enumerate(self._class_rows_30()):
            left = [income[i][0], wan(income[i][1])] if i < len(income) else ["", ""]
            body.append(left + [label, wan(amount), wan(amount), ""])
        body += [["本年收入合计", wan(total), "本年支出合计", wan(total), wan(total), ""],
                 ["上年结转", "", "年终结转", "", "", ""],
                 ["收入总计", wan(total), "支出总计", wan(total), wan(total), ""]]
        return _Grid([["收入", "", "支出", "", "", ""],
                      ["项目", f"{y}年", "项目", f"{y}年合计", "当年预算安排", "上年结转安排"]],
                     body, breaks=(27,))

    def income_grid(self) -> _Grid:
        columns = [("合计", True), ("一般公共预算", True), ("政府性基金", False),
                   ("国有资本经营预算", False), ("财政专户管理资金", False), ("单位资金", False),
                   ("", False)]  # the last: 上年结转
        if self.drop:
            columns = [c for c in columns if c[0] != "财政专户管理资金"]
        top = ["项目", "", "本年收入"] + [""] * (len(columns) - 2) + ["上年结转"]
        second = ["科目编码", "科目名称"] + [c[0] for c in columns]

        def row(code: str, name: str, amount: Decimal) -> list[str]:
            return [code, name] + [wan(amount) if filled else "" for _, filled in columns]

        body = [row("合计", "", self.d.total)]
        body += [row(r.code, r.name, r.total) for r in self.d.function_rows()]
        return _Grid([top, second], body)

    def expenditure_grid(self) -> _Grid:
        d = self.d
        body = [["合计", "", wan(d.total), wan(d.basic_total or None), wan(d.project_total or None)]]
        body += [[r.code, r.name, wan(r.total), wan(r.basic), wan(r.project)]
                 for r in d.function_rows()]
        return _Grid([["项目", "", f"{d.year}年预算数", "", ""],
                      ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]], body)

    def fiscal_summary_grid(self) -> _Grid:
        total = self.d.total
        income = [("一、一般公共预算", total), ("二、政府性基金预算", None), ("三、国有资本经营预算", None)]
        body = []
        for i, (label, amount) in enumerate(self._class_rows_30()):
            left = [income[i][0], wan(income[i][1])] if i < len(income) else ["", ""]
            body.append(left + [label, wan(amount), wan(amount), ""])
        body += [["本年收入合计", wan(total), "本年支出合计", wan(total), wan(total), ""],
                 ["上年财政拨款结转", "", "年终结转", "", "", ""],
                 ["一、一般公共预算", "", "", "", "", ""],
                 ["二、政府性基金预算", "", "", "", "", ""],
                 ["三、国有资本经营预算", "", "", "", "", ""],
                 ["收入总计", wan(total), "支出总计", wan(total), wan(total), ""]]
        return _Grid([["收入", "", "支出", "", "", ""], ["项目", "金额", "项目", "金额", "", ""],
                      ["", "", "", "小计", "一般公共预算", "政府性基金预算"]], body, breaks=(28,))

    def economic_grid(self) -> _Grid:
        d = self.d
        body = [["合计", "", wan(d.basic_total), wan(d.personnel_total or None),
                 wan(d.public_total or None)]]
        for group in ECON_GROUPS:
            items = [e for e in d.econ_items if e.resolved_group == group]
            if not items:
                continue
            body.append([group, "", wan(sum((e.total for e in items), Decimal(0))),
                         wan(_sum_or_none(e.personnel for e in items)),
                         wan(_sum_or_none(e.public for e in items))])
            body += [[e.dept_name, e.gov_name, wan(e.total), wan(e.personnel), wan(e.public)]
                     for e in items]
        return _Grid([["部门预算支出经济科目名称", "政府预算支出经济科目名称", f"{d.year}年预算数", "", ""],
                      ["", "", "合计", "人员经费", "公用经费"]], body, breaks=(max(len(body) // 2, 1),))

    def state_capital_grid(self) -> _Grid:
        # The seed prints the subject skeleton with 0.00 placeholders and still says 本表无数据.
        zero = "0.00"
        body = [["合计", "", zero, "", "", zero, zero, zero]]
        for r in self.d.function_rows():
            filler = "" if r.level == "项" else zero
            body.append([r.code, r.name, filler, r.code, r.name, "", filler, filler])
        return _Grid([["国有资本经营预算收入", "", "", "国有资本经营预算支出", "", "", "", ""],
                      ["项目", "", "国有资本经营收入预算", "科目编码", "科目名称", "合计", "基本支出", "项目支出"],
                      ["收入科目编码", "科目名称", "", "", "", "", "", ""]], body)

    def three_public_grid(self) -> _Grid:
        tp = self.d.three_public
        body = []
        for item in THREE_PUBLIC_ITEMS:
            amount = None if tp is None else tp[item]
            body.append([item, wan(amount), wan(amount), "", ""])
        total = self.d.three_public_total
        body.append(["合计", wan(total), wan(total), "", ""])
        return _Grid([["项目", f"{self.d.year}年预算数", "", "", ""],
                      ["", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"]], body)

    def project_grid(self) -> _Grid:
        top = ["项目名称", "合计", f"{self.d.year}年财政拨款", "", "", "财政专户管理资金", "单位资金"]
        second = ["", "", "一般公共预算", "政府性基金预算", "国有资本经营预算", "", ""]
        ncols = 6 if self.drop else 7
        body = [([p.name, wan(p.amount_wan), wan(p.amount_wan)] + [""] * ncols)[:ncols]
                for p in self.d.projects]
        return _Grid([top[:ncols], second[:ncols], [str(i) for i in range(1, ncols + 1)]], body)

    # -- 第三部分: 情况说明

    def explanation(self) -> None:
        d, y = self.d, self.d.year
        total, basic, project = wan(d.total), wan(d.basic_total), wan(d.project_total)
        verb = "增加" if d.last_year_change >= 0 else "减少"
        change = f"比上年{verb}{plain(abs(d.last_year_change))}万元，{verb}{d.change_percent}%"
        reason = d.change_reason.rstrip("。")
        self.lines += [" "]
        self.emit(f"### 第三部分 {y}年度部门预算情况说明", "#### " + _EXPLANATION_HEADINGS[0],
                  f"{y}年度预算收入总计{total}万元，其中：本年收入{total}万元，上年结转0.00万元，{change}，"
                  f"主要原因是{reason}。；本年部门预算支出总计{total}万元，其中：本年预算安排{total}万元，"
                  f"上年结转0.00万元，{change}，主要原因是{reason}。")
        self.emit("#### " + _EXPLANATION_HEADINGS[1],
                  f"{y}年度预算收入{total}万元，主要包括一般公共预算拨款收入{total}万元，占100.00%；"
                  "政府性基金预算拨款收入0.00万元，占0.00%；国有资本经营预算拨款收入0.00万元，占0.00%；"
                  "财政专户管理资金收入0.00万元，占0.00%；单位资金0.00万元，占0.00%；上年结转0.00万元，占0.00%。")
        self.lines += ["", ""]
        self.emit("#### " + _EXPLANATION_HEADINGS[2],
                  f"{y}年度支出预算{total}万元，其中：基本支出{basic}万元，占{_pct(d.basic_total, d.total)}%；"
                  f"项目支出{project}万元，占{_pct(d.project_total, d.total)}%。")
        classes = d.class_rows()
        listing = "、".join(f"{r.name}{wan(r.total)}万元" for r in classes)
        self.emit("#### " + _EXPLANATION_HEADINGS[3],
                  f"{y}年度财政拨款收支总预算{total}万元。收入为一般公共预算拨款{total}万元，政府性基金预算拨款"
                  f"0.00万元，国有资本经营预算拨款0.00万元。其中：当年拨款收入{total}万元，上年结转收入0.00万元。"
                  f"支出包括：{listing}。")
        half_change = change.replace("，", ",")
        structure = "; ".join(f"{r.name}{wan(r.total)}万元,占{_pct(r.total, d.total)}%" for r in classes)
        self.emit("#### " + _EXPLANATION_HEADINGS[4])
        self.lines += [" "]
        self.emit("(一) 一般公共预算当年拨款规模变化情况",
                  f"{y}年度一般公共预算当年拨款{total}万元,{half_change}。",
                  "(二) 一般公共预算当年拨款结构情况",
                  f"{y}年度一般公共预算当年拨款{total}万元,主要用于以下方面: {structure}。",
                  "一般公共预算当年拨款结构图")
        self.lines += ["", ""]
        personnel = _unique(e.dept_name for e in d.econ_items if e.personnel is not None)
        public = _unique(e.dept_name for e in d.econ_items if e.public is not None)
        self.emit(_EXPLANATION_HEADINGS[5], f"{y}年度一般公共预算基本支出{basic}万元,其中:",
                  f"人员经费{wan(d.personnel_total)}万元,主要包括:{'、'.join(personnel)};",
                  f"公用经费{wan(d.public_total)}万元,主要包括:{'、'.join(public)}等。")
        self.emit(_EXPLANATION_HEADINGS[6], self.three_public_sentence())
        self.emit(_EXPLANATION_HEADINGS[7], d.office_running_reason)
        self.emit(_EXPLANATION_HEADINGS[8],
                  f"{y}年{d.department}部门各单位政府采购预算总额0万元。其中:政府采购货物预算0万元、"
                  "政府采购工程预算0万元、政府采购服务预算0万元。", "(注:本部门没有政府采购情况。)")
        # The seed's OCR wraps this sentence mid-word; keep the wrap.
        self.emit(_EXPLANATION_HEADINGS[9], "1、绩效管理情况",
                  f"{y}年{d.department}部门实行绩效管理的项目{len(d.projects)}个,涉及一般公共",
                  f"预算当年拨款{plain(d.project_total)}万元。", "2、绩效目标情况（附表说明）", "见附表")

    def three_public_sentence(self) -> str:
        d = self.d
        if d.three_public is None:
            return "本部门无“三公”经费预算。"
        tp = d.three_public
        return (f"{d.year}年度“三公”经费预算{wan(d.three_public_total)}万元，其中：因公出国（境）费"
                f"{wan(tp['因公出国（境）费'])}万元，公务接待费{wan(tp['公务接待费'])}万元，公务用车购置及运行费"
                f"{wan(tp['公务用车购置及运行费'])}万元（其中：公务用车购置费{wan(tp['①公务用车购置费'])}万元，"
                f"公务用车运行维护费{wan(tp['②公务用车运行维护费'])}万元）。{d.three_public_reason}")

    # -- the 绩效目标申报表 forms

    def performance_forms(self) -> None:
        self.pages(2)
        for i, p in enumerate(self.d.forms):
            self.emit(self.d.form_title, f"({self.d.year}年度)")
            self.lines += _render_grid(self.form_grid(p, i), self.layout, self.watermark)
            self.lines.append("")
            if i == 0 and len(self.d.forms) > 1:
                self.pages(6)  # the seed's first form sits alone on its page

    def form_grid(self, p: Project, index: int) -> _Grid:
        d, y = self.d, self.d.year
        missing = set(p.form_missing_fields)

        def val(field_name: str, value: str) -> str:
            return "" if field_name in missing else value

        goal = p.goal or f"{y}年完成{p.name}各项任务，资金使用规范高效，绩效目标全部实现。"
        texts = [
            ("项目概况", p.overview),
            ("立项依据", p.basis),
            ("项目设立必要性", p.necessity or f"保障{p.name}顺利实施，履行部门职责的需要。"),
            ("保证项目实施的制度、措施", p.measures or "严格执行财务管理制度和项目管理办法，专款专用。"),
            ("项目实施计划", p.plan or f"{y}年按进度组织实施，按合同及进度拨付资金。"),
        ]
        total, annual = yuan(p.total_yuan), yuan(p.annual_yuan)
        rows = [
            ["项目名称", "", p.name, "", "", "", "", "", ""],
            ["主管部门及代码", "", f"{d.dept_code}-{d.department}", "", "实施单位", "",
             val("实施单位", p.unit_name), "", ""],
            ["项目属性", "", val("项目属性", p.attribute), "", "项目期", "",
             val("项目期", f"{p.period_years}年"), "", ""],
            ["项目资金（元）", "", "实施期资金总额：", "", total, "", "年度资金总额：", "", annual],
            ["", "", "其中：中央财政资金", "", "0", "", "其中：中央财政资金", "", "0"],
            ["", "", "省级财政资金", "", "0", "", "省级财政资金", "", "0"],
            ["", "", "市县（区）财政资金", "", total, "", "市县（区）财政资金", "", annual],
            ["", "", "单位自筹", "", "0", "", "单位自筹", "", "0"],
            ["", "", "其他资金", "", "", "", "其他资金", "", ""],
        ]
        rows += [[label, "", val(label, text), "", "", "", "", "", ""] for label, text in texts]
        rows += [["实施期目标", "", "", "", "年度目标", "", "", "", ""],
                 ["总体目标", "", val("总体目标", goal), "", "", "", val("总体目标", goal), "", ""],
                 ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值", ""]]
        rows += _indicator_rows(p.indicators)
        date = f"{y}0118{9 + index:02d}{(17 * index) % 60:02d}00"
        rows.append(["负责人：", "经办人：", val("经办人", p.handler), "联系电话：", val("联系电话", p.phone),
                     "填报日期：", date, "", ""])
        return _Grid([rows[0]], rows[1:])

    # -- 十一, 十二, 第四部分

    def closing(self) -> None:
        self.emit("## 十一、国有资产占有使用情况")
        for i, (label, text) in enumerate(self.d.assets.items(), 1):
            self.emit(f"### {i}、{label}：", text)
        self.emit("## 十二、其他说明", "### (一) 政府购买服务指导性目录", "无", "### (二) 其他", "无")
        self.emit("## 第四部分 名词解释")
        for i, (term, text) in enumerate(self.d.definitions.items(), 1):
            num = cn_number(i)
            if i == 6:  # the seed's OCR made the sixth term a heading
                self.emit(f"### {num}、{term}：", text)
            elif term in _COLONLESS_TERMS:
                self.emit(f"**{num}、{term}**{text}")
            else:
                self.emit(f"**{num}、{term}：**{text}")


# The seed prints these two terms without the colon inside the bold run.
_COLONLESS_TERMS = {"一般公共预算", "国有资本经营预算"}

_EXPLANATION_HEADINGS = (
    "一、部门预算收支数据变动情况及原因", "二、收入预算情况说明", "三、支出预算情况说明",
    "四、财政拨款收支预算总体情况说明", "五、一般公共预算支出情况说明", "六、一般公共预算基本支出情况说明",
    "七、“三公”经费增减变动原因说明", "八、机关运行经费增减变动原因说明", "九、政府采购情况", "十、绩效管理情况",
)


def _unique(names) -> list[str]:
    return list(dict.fromkeys(names))


def _indicator_rows(indicators: list[tuple[str, str, str, str]]) -> list[list[str]]:
    """Indicator rows, 实施期 on the left and 年度 (the same) on the right, grouped in template
    order; a repeated 一级/二级 label is left blank, and each missing 效益指标 sub-level gets an
    empty placeholder row, as the template prints them."""
    def rank(order: tuple[str, ...], name: str) -> int:
        return order.index(name) if name in order else len(order)

    items = list(indicators)
    have = {(l1, l2) for l1, l2, _, _ in items}
    items += [("效益指标", l2, "", "") for l2 in _BENEFIT_LEVEL2 if ("效益指标", l2) not in have]
    items.sort(key=lambda t: (rank(_LEVEL1_ORDER, t[0]), rank(_LEVEL2_ORDER, t[1])))  # stable
    rows, prev1, prev2 = [], None, None
    for l1, l2, l3, value in items:
        show1 = l1 if l1 != prev1 else ""
        show2 = l2 if (l1, l2) != (prev1, prev2) else ""
        rows.append(["", show1, show2, l3, value, show2, l3, value, ""])
        prev1, prev2 = l1, l2
    return rows


# ---------------------------------------------------------------- ready-made samples


def _d(text: str) -> Decimal:
    return Decimal(text)


def sample_health_commission_2024() -> Disclosure:
    """云溪市卫生健康委员会, 2024: five projects (one without a form), with “三公” amounts."""
    subjects = [
        Subject("2100101", "行政运行", _d("612.48"), None),
        Subject("2100199", "其他卫生健康管理事务支出", None, _d("86.00")),
        Subject("2100401", "疾病预防控制机构", _d("388.15"), _d("240.00")),
        Subject("2100408", "基本公共卫生服务", None, _d("1350.60")),
        Subject("2100410", "突发公共卫生事件应急处理", None, _d("125.00")),
        Subject("2080505", "机关事业单位基本养老保险缴费支出", _d("96.32"), None),
        Subject("2080506", "机关事业单位职业年金缴费支出", _d("48.16"), None),
        Subject("2101101", "行政单位医疗", _d("30.24"), None),
        Subject("2101102", "事业单位医疗", _d("22.88"), None),
        Subject("2210201", "住房公积金", _d("71.50"), None),
    ]
    econ = [
        EconItem("基本工资", "工资奖金津补贴", _d("168.42"), None),
        EconItem("基本工资", "工资福利支出", _d("132.76"), None),
        EconItem("津贴补贴", "工资奖金津补贴", _d("141.08"), None),
        EconItem("津贴补贴", "工资福利支出", _d("88.35"), None),
        EconItem("绩效工资", "工资福利支出", _d("115.90"), None),
        EconItem("机关事业单位基本养老保险缴费", "社会保障缴费", _d("52.10"), None),
        EconItem("机关事业单位基本养老保险缴费", "工资福利支出", _d("44.22"), None),
        EconItem("职业年金缴费", "社会保障缴费", _d("26.05"), None),
        EconItem("职业年金缴费", "工资福利支出", _d("22.11"), None),
        EconItem("职工基本医疗保险缴费", "社会保障缴费", _d("30.24"), None),
        EconItem("职工基本医疗保险缴费", "工资福利支出", _d("22.88"), None),
        EconItem("住房公积金", "住房公积金", _d("39.80"), None),
        EconItem("住房公积金", "工资福利支出", _d("31.70"), None),
        EconItem("办公费", "办公经费", None, _d("18.60")),
        EconItem("办公费", "商品和服务支出", None, _d("12.40")),
        EconItem("印刷费", "办公经费", None, _d("4.20")),
        EconItem("水费", "办公经费", None, _d("2.35")),
        EconItem("电费", "办公经费", None, _d("9.80")),
        EconItem("电费", "商品和服务支出", None, _d("14.25")),
        EconItem("邮电费", "办公经费", None, _d("3.60")),
        EconItem("物业管理费", "办公经费", None, _d("16.50")),
        EconItem("差旅费", "办公经费", None, _d("11.30")),
        EconItem("差旅费", "商品和服务支出", None, _d("8.70")),
        EconItem("会议费", "会议费", None, _d("3.50")),
        EconItem("培训费", "培训费", None, _d("6.80")),
        EconItem("公务接待费", "公务接待费", None, _d("4.50")),
        EconItem("公务用车运行维护费", "公务用车运行维护费", None, _d("12.80")),
        EconItem("工会经费", "办公经费", None, _d("9.46")),
        EconItem("工会经费", "商品和服务支出", None, _d("7.92")),
        EconItem("福利费", "办公经费", None, _d("6.15")),
        EconItem("其他商品和服务支出", "其他商品和服务支出", None, _d("21.79")),
        EconItem("退休费", "离退休费", _d("176.38"), None),
        EconItem("生活补助", "社会福利和救助", _d("3.12"), None),
    ]
    indicators_common = [("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%")]
    projects = [
        Project("卫生健康综合监督执法经费", _d("86.00"), "云溪市卫生健康综合监督执法支队",
                "经常性项目（长期开展）", 3, 2_580_000, 860_000,
                "开展医疗机构、公共场所、生活饮用水、学校卫生等领域的监督检查和执法办案。",
                "《中华人民共和国基本医疗卫生与健康促进法》、云卫发〔2023〕12号",
                "陈晓东", "0351-7265410",
                [("产出指标", "数量指标", "监督检查单位数", "≥1200户次"),
                 ("产出指标", "质量指标", "案件查处率", "100%"),
                 ("产出指标", "时效指标", "投诉举报处置时限", "≤15个工作日"),
                 ("效益指标", "社会效益指标", "公共卫生秩序", "持续改善"),
                 *indicators_common]),
        Project("重大传染病防控经费", _d("240.00"), "云溪市疾病预防控制中心",
                "延续性项目（阶段开展）", 2, 4_800_000, 2_400_000,
                "开展艾滋病、结核病、病毒性肝炎等重大传染病的监测、检测和干预工作。",
                "《中华人民共和国传染病防治法》、云卫疾控发〔2023〕7号", "王丽娟", "0351-7265433",
                [("产出指标", "数量指标", "艾滋病检测人次", "≥45000人次"),
                 ("产出指标", "质量指标", "结核病患者规范管理率", "≥90%"),
                 ("产出指标", "成本指标", "人均检测成本", "≤30元/人次"),
                 ("效益指标", "社会效益指标", "重大传染病疫情", "无暴发流行"),
                 ("效益指标", "可持续影响指标", "传染病防控能力", "持续提升"),
                 *indicators_common]),
        Project("基本公共卫生服务项目补助资金", _d("1080.60"), "云溪市卫生健康委员会",
                "经常性项目（长期开展）", 3, 32_418_000, 10_806_000,
                "按照国家基本公共卫生服务规范，为城乡居民免费提供健康档案、慢病管理等服务。",
                "财社〔2023〕38号《基本公共卫生服务补助资金管理办法》", "刘海燕", "0351-7265402",
                [("产出指标", "数量指标", "居民电子健康档案建档率", "≥90%"),
                 ("产出指标", "数量指标", "高血压患者规范管理人数", "≥52000人"),
                 ("产出指标", "质量指标", "老年人健康管理率", "≥70%"),
                 ("产出指标", "时效指标", "资金拨付及时率", "100%"),
                 ("效益指标", "社会效益指标", "居民健康素养水平", "≥28%"),
                 *indicators_common]),
        Project("家庭医生签约服务补助", _d("270.00"), "云溪市基层卫生指导中心",
                "经常性项目（长期开展）", 3, 8_100_000, 2_700_000,
                "对重点人群开展家庭医生签约服务，补助签约服务费。",
                "国卫基层发〔2022〕10号", "赵志刚", "0351-7265477",
                [("产出指标", "数量指标", "重点人群签约服务覆盖率", "≥75%"),
                 ("效益指标", "社会效益指标", "签约居民续约率", "≥80%"),
                 ("满意度指标", "服务对象满意度指标", "签约居民满意度", "≥85%")]),
        Project("突发公共卫生事件应急物资储备", _d("125.00"), "云溪市卫生应急指挥中心",
                "一次性项目（1年结束）", 1, 1_250_000, 1_250_000,
                "储备应对突发公共卫生事件所需的防护用品、消杀药械和检测试剂。",
                "《突发公共卫生事件应急条例》", "孙伟", "0351-7265490",
                [("产出指标", "数量指标", "储备物资品种", "≥30种")], has_form=False),
    ]
    return Disclosure(
        department="云溪市卫生健康委员会",
        year=2024,
        subjects=subjects,
        econ_items=econ,
        projects=projects,
        office_running=_d("86.44"),
        three_public={"因公出国（境）费": _d("3.00"), "公务接待费": _d("4.50"),
                      "公务用车购置及运行费": _d("12.80"), "①公务用车购置费": _d("0.00"),
                      "②公务用车运行维护费": _d("12.80")},
        last_year_change=_d("326.58"),
        change_reason="基本公共卫生服务补助标准提高，新增家庭医生签约服务补助",
        duties=["贯彻执行国家卫生健康工作方针政策和法律法规，拟订全市卫生健康事业发展规划。",
                "协调推进深化医药卫生体制改革，组织推进公立医院综合改革。",
                "制定并组织落实全市疾病预防控制规划、免疫规划以及严重危害人民健康公共卫生问题的干预措施。",
                "负责卫生应急工作，组织指导突发公共卫生事件的预防控制和各类突发公共事件的医疗卫生救援。",
                "负责职责范围内的职业卫生、放射卫生、环境卫生、学校卫生、公共场所卫生、饮用水卫生等公共卫生的监督管理。",
                "完成市委、市政府交办的其他任务。"],
        offices=["办公室", "规划财务科", "医政医管科", "疾病预防控制科", "基层卫生健康科", "卫生应急办公室"],
        region="云溪市",
        dept_code="217",
        rank="正处级",
        slug="yunxi-health-commission",
        office_running_reason="2024年度机关运行经费较上年减少，主要原因是压减一般性支出。",
        three_public_reason="较上年减少1.20万元，主要原因是严格控制公务接待规模。",
        assets={"车辆情况": "截至上年底，本部门共有车辆4辆，其中：一般公务用车2辆、执法执勤用车2辆。",
                "房屋情况": "办公用房面积3,260平方米。", "其他国有资产占有使用情况": "无"},
    )


def sample_transport_bureau_2022() -> Disclosure:
    """青禾县交通运输局, 2022: four projects (one form missing 立项依据 and 联系电话), no “三公”,
    and a spending decrease on the previous year."""
    subjects = [
        Subject("2140101", "行政运行", _d("245.36"), None),
        Subject("2140104", "公路建设", None, _d("1800.00")),
        Subject("2140106", "公路养护", None, _d("520.00")),
        Subject("2140112", "公路运输管理", None, _d("36.50")),
        Subject("2080505", "机关事业单位基本养老保险缴费支出", _d("38.40"), None),
        Subject("2080506", "机关事业单位职业年金缴费支出", _d("19.20"), None),
        Subject("2101101", "行政单位医疗", _d("12.60"), None),
        Subject("2210201", "住房公积金", _d("28.80"), None),
    ]
    econ = [
        EconItem("基本工资", "工资奖金津补贴", _d("86.52"), None),
        EconItem("津贴补贴", "工资奖金津补贴", _d("64.18"), None),
        EconItem("奖金", "工资奖金津补贴", _d("7.21"), None),
        EconItem("绩效工资", "工资奖金津补贴", _d("28.35"), None),
        EconItem("机关事业单位基本养老保险缴费", "社会保障缴费", _d("38.40"), None),
        EconItem("职业年金缴费", "社会保障缴费", _d("19.20"), None),
        EconItem("职工基本医疗保险缴费", "社会保障缴费", _d("12.60"), None),
        EconItem("住房公积金", "住房公积金", _d("28.80"), None),
        EconItem("办公费", "办公经费", None, _d("8.40")),
        EconItem("水费", "办公经费", None, _d("0.85")),
        EconItem("电费", "办公经费", None, _d("3.20")),
        EconItem("邮电费", "办公经费", None, _d("1.75")),
        EconItem("差旅费", "办公经费", None, _d("5.60")),
        EconItem("维修（护）费", "维修（护）费", None, _d("4.30")),
        EconItem("工会经费", "办公经费", None, _d("3.15")),
        EconItem("福利费", "办公经费", None, _d("2.10")),
        EconItem("其他商品和服务支出", "其他商品和服务支出", None, _d("1.90")),
        EconItem("退休费", "离退休费", _d("27.85"), None),
    ]
    projects = [
        Project("农村公路养护补助", _d("520.00"), "青禾县公路养护中心", "经常性项目（长期开展）",
                3, 15_600_000, 5_200_000,
                "对全县农村公路开展日常养护、预防性养护和病害处治。",
                "《农村公路养护管理办法》（交通运输部令2015年第22号）", "李明", "0359-6021188",
                [("产出指标", "数量指标", "养护里程", "≥320公里"),
                 ("产出指标", "质量指标", "优良中等路率", "≥80%"),
                 ("效益指标", "社会效益指标", "群众出行条件", "持续改善"),
                 ("满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%")]),
        Project("县乡公路改建工程", _d("1500.00"), "青禾县交通运输局", "延续性项目（阶段开展）",
                2, 30_000_000, 15_000_000,
                "对县道X312线、乡道Y105线共18.6公里进行改建，提升通行能力。",
                "青发改审批〔2021〕46号", "周建国", "0359-6021102",
                [("产出指标", "数量指标", "改建里程", "18.6公里"),
                 ("产出指标", "质量指标", "交工验收合格率", "100%"),
                 ("产出指标", "时效指标", "完工时间", "2022年10月底前"),
                 ("效益指标", "经济效益指标", "沿线运输成本", "明显降低"),
                 ("满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%")],
                form_missing_fields=["立项依据", "联系电话"]),
        Project("危桥改造工程", _d("300.00"), "青禾县交通运输局", "一次性项目（1年结束）",
                1, 3_000_000, 3_000_000,
                "对经技术评定为四类、五类的危桥5座进行拆除重建或加固改造。",
                "晋交建管〔2021〕215号", "周建国", "0359-6021102",
                [("产出指标", "数量指标", "改造危桥数量", "5座"),
                 ("效益指标", "社会效益指标", "桥梁通行安全", "有效保障")]),
        Project("道路运输安全监管经费", _d("36.50"), "青禾县道路运输服务中心",
                "经常性项目（长期开展）", 3, 1_095_000, 365_000,
                "开展道路运输企业安全检查、客运站场监管和从业人员培训。",
                "《道路运输条例》", "郭芳", "0359-6021135",
                [("产出指标", "数量指标", "企业安全检查次数", "≥48次"),
                 ("满意度指标", "服务对象满意度指标", "运输企业满意度", "≥85%")]),
    ]
    return Disclosure(
        department="青禾县交通运输局",
        year=2022,
        subjects=subjects,
        econ_items=econ,
        projects=projects,
        office_running=_d("29.80"),
        three_public=None,
        last_year_change=_d("-412.30"),
        change_reason="上年一次性安排的国省干线配套资金本年不再安排",
        duties=["贯彻执行国家、省、市交通运输方针政策和法律法规，拟订全县交通运输发展规划。",
                "负责全县公路、水路交通行业管理，组织实施农村公路建设和养护。",
                "负责道路运输市场监管和交通运输安全生产监督管理。",
                "完成县委、县政府交办的其他任务。"],
        offices=["办公室", "规划建设股", "运输管理股", "安全监督股"],
        region="青禾县",
        dept_code="312",
        rank="正科级",
        slug="qinghe-transport-bureau",
        office_running_reason="2022年度机关运行经费与上年基本持平。",
    )
