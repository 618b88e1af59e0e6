"""项目支出绩效目标申报表: find the printed forms in a disclosure and read them.

A 绩效目标申报表 is a key/value grid, not a table with columns, and its OCR'd text is messy:
cells drift left or right between rows, blank cells come and go, labels are split over two
lines ("市县（区）财政资" + "金") or broken by a space ("资 金"), colons are full-width or ASCII,
and the same form may be printed several times with different damage. So this module reads
forms by *meaning*, never by column position:

* a cell is a **key** if it normalises to a known label (项目名称, 实施期资金总额, 经办人, ...);
  the non-key cells after it, up to the next key, are its values;
* an indicator row is a sequence of **level labels** (cells like 产出指标 / 数量指标, recognised
  by their suffix) and **texts** (三级指标 names and 指标值 values). A label that follows a text,
  or a repeated 二级指标 label, starts the right half of the row (年度); the left half is 实施期.
  Blank 一级/二级 cells mean "same as the row above" and are filled downwards.

Public API (used by the document parser):

* :data:`FORM_TITLE`
* :func:`find_form_blocks` -> ``[(start, end), ...]`` index ranges into the line list
* :func:`parse_form` -> one :class:`~budgetqa.model.ProjectForm` from one block
* :func:`parse_forms` -> forms merged over their printed copies, plus the blocks
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from budgetqa.model import FormVariant, Indicator, ProjectForm, convert
from budgetqa.parsing.lines import SourceLine, is_pipe_separator, parse_amount, split_cells, strip_markup

FORM_TITLE = "项目支出绩效目标申报表"

PERIODS = ("实施期", "年度")

# Canonical field names, in the order a form prints them.
FIELD_ORDER = ("项目名称", "主管部门", "实施单位", "项目属性", "项目期", "项目概况", "立项依据",
               "项目设立必要性", "保证项目实施的制度、措施", "项目实施计划", "实施期目标", "年度目标",
               "负责人", "经办人", "联系电话", "填报日期")

# Printed label (normalised: NFKC, no whitespace, no trailing colon) -> canonical field.
_FIELD_ALIASES = {
    "项目名称": "项目名称",
    "主管部门": "主管部门", "主管部门及代码": "主管部门", "主管部门名称及代码": "主管部门",
    "实施单位": "实施单位", "项目实施单位": "实施单位",
    "项目属性": "项目属性",
    "项目期": "项目期", "项目周期": "项目期", "项目实施期": "项目期",
    "项目概况": "项目概况", "项目基本情况": "项目概况",
    "立项依据": "立项依据", "项目立项依据": "立项依据",
    "项目设立必要性": "项目设立必要性", "项目设立的必要性": "项目设立必要性",
    "项目实施计划": "项目实施计划", "实施计划": "项目实施计划",
    "负责人": "负责人", "项目负责人": "负责人",
    "经办人": "经办人", "联系电话": "联系电话", "填报日期": "填报日期",
}
# "保证项目实施的制度、措施" is also printed as "论证项目实施的制度、措施" (and with other
# punctuation), so it is matched by its stem rather than listed.
_MEASURES = "保证项目实施的制度、措施"
_MEASURES_STEM = re.compile(r"^(保证|论证)?项目实施的?制度[、,，]?(和|及)?措施$")

_CONTACT = {"负责人", "经办人", "联系电话", "填报日期"}
# Free-text fields that may wrap onto continuation lines.
_LONG_TEXT = {"项目概况", "立项依据", "项目设立必要性", _MEASURES, "项目实施计划"}

# Goal keys: 总体目标 carries both texts; the other two name one period each.
_GOAL_KEYS = {"总体目标": "总体目标", "实施期目标": "实施期目标", "年度目标": "年度目标",
              "实施期总体目标": "实施期目标", "年度总体目标": "年度目标"}

# Indicator grid vocabulary. Header words name columns and carry no data.
_HEADER_WORDS = {"绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "指标名称"}
# A level label ends in one of these (数量指标, 经济效益指标, 可持续发展影响指标, ...).
_LEVEL_LABEL = re.compile(r"^[\u4e00-\u9fff]{0,10}(产出|数量|质量|时效|成本|效益|影响|满意度)指标$")
# Labels that are always 一级指标; 成本指标 is 一级 in newer templates (with 经济成本指标 under it)
# but 二级 (under 产出指标) in older ones, so it is only 一级 when a 二级 label follows it.
_PURE_LEVEL1 = {"产出指标", "效益指标", "满意度指标"}
_LEVEL1_CAPABLE = _PURE_LEVEL1 | {"成本指标"}
_VALUE_LIKE = re.compile(r"^[≥≤><=≧≦]|^\d|%$|百分比$")

# Canonical breakdown names of the 项目资金 block, by the printed label's prefix.
_FUND_PREFIXES = (
    (("中央",), "中央财政资金"),
    (("省级", "省本级", "省财政"), "省级财政资金"),
    (("市县", "市级", "县级", "区级", "市本级", "县本级", "本级"), "市县（区）财政资金"),
    (("单位自筹", "自筹"), "单位自筹"),
    (("其他资金",), "其他资金"),
)
_UNIT_LABEL = re.compile(r"^项目资金(?:\((万元|元|亿元)\))?$")
_INLINE_KEY = re.compile(r"^\s*([^:：]{2,16}?)\s*[:：]\s*(\S.*)$")

# A line that belongs to the narrative again: a markdown heading or a numbered section heading.
_NARRATIVE_HEADING = re.compile(
    r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])")
_YEAR_LINE = re.compile(r"^[（(]?\d{4}\s*年度?[)）]?$")
_TITLE = re.compile(r"项目支出绩效目标(申报)?表")


# ---------------------------------------------------------------- text normalisation


def _key_norm(text: str) -> str:
    """A cell as a label: NFKC (full-width colons/parens to ASCII), no spaces, no colons."""
    t = unicodedata.normalize("NFKC", strip_markup(text))
    t = re.sub(r"\s+", "", t)
    return t.strip(":")


_CJK = r"\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")


def _tidy(text: str) -> str:
    """A value as printed, minus OCR spaces inside Chinese text ("部署和 工作要求")."""
    return _CJK_GAP.sub("", strip_markup(text)).strip()


def _vote_key(text: str) -> str:
    """What two readings must share to count as the same: letters, digits and Chinese only, so
    〔2020〕 and [2020], or a comma for a full stop, do not split a vote."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text))


# ---------------------------------------------------------------- cells and keys


@dataclass
class _Tok:
    """One non-blank cell: its column (only used as a last-resort hint), text and label form."""

    col: int
    text: str
    norm: str


def _field_key(norm: str) -> str | None:
    if norm in _FIELD_ALIASES:
        return _FIELD_ALIASES[norm]
    if _MEASURES_STEM.match(norm):
        return _MEASURES
    return None


def _amount_key(norm: str) -> tuple[str, str] | None:
    """('total', period) / ('part', name) / ('unit', unit) for a 项目资金 label, else None.

    Labels are matched by prefix because the OCR cuts them ("市县(区)财政资", "市县(区)财政")."""
    if norm.startswith("实施期资金总额"):
        return ("total", "实施期")
    if norm.startswith("年度资金总额"):
        return ("total", "年度")
    m = _UNIT_LABEL.match(norm)
    if m:
        return ("unit", m.group(1) or "元")
    part = norm.removeprefix("其中").lstrip(":")
    if len(part) > 12:
        return None
    for prefixes, name in _FUND_PREFIXES:
        if part.startswith(prefixes) and ("财政" in part or name in ("单位自筹", "其他资金")):
            return ("part", name)
    return None


def _goal_key(norm: str) -> str | None:
    return _GOAL_KEYS.get(norm)


def _is_key(norm: str) -> bool:
    return bool(_field_key(norm) or _amount_key(norm) or _goal_key(norm))


def _tokens(line: SourceLine) -> list[_Tok]:
    """The non-blank cells of a line; a cell "经办人：张三" becomes the key and its value."""
    out: list[_Tok] = []
    for col, cell in enumerate(split_cells(line.text)):
        text = _tidy(cell)
        if not text:
            continue
        m = _INLINE_KEY.match(text)
        if m and _is_key(_key_norm(m.group(1))):
            out.append(_Tok(col, m.group(1), _key_norm(m.group(1))))
            text = m.group(2).strip()
        out.append(_Tok(col, text, _key_norm(text)))
    return out


def _key_values(toks: list[_Tok]) -> list[tuple[_Tok, list[_Tok]]]:
    """Each key cell with the non-key cells after it, up to the next key."""
    pairs: list[tuple[_Tok, list[_Tok]]] = []
    for tok in toks:
        if _is_key(tok.norm):
            pairs.append((tok, []))
        elif pairs:
            pairs[-1][1].append(tok)
    return pairs


def _is_level_label(norm: str) -> bool:
    return norm not in _HEADER_WORDS and bool(_LEVEL_LABEL.match(norm))


def _is_contact_line(toks: list[_Tok]) -> bool:
    return any(_field_key(t.norm) in _CONTACT for t in toks)


def _starts_indicators(toks: list[_Tok]) -> bool:
    return any(t.norm in _HEADER_WORDS for t in toks) or (
        bool(toks) and toks[0].norm in _PURE_LEVEL1)


# ---------------------------------------------------------------- finding the forms


def _is_title(line: SourceLine) -> bool:
    """A form title, not a sentence that mentions the form ("详见项目支出绩效目标申报表。")."""
    plain = re.sub(r"\s+", "", line.plain)
    return (bool(_TITLE.search(plain)) and len(plain) <= 40
            and not re.search(r"[。，,；;：:！!？?]", plain))


def _name_value(line: SourceLine) -> str | None:
    """The project name if the line is a 项目名称 row with a value, else None."""
    for key, values in _key_values(_tokens(line)):
        if _field_key(key.norm) == "项目名称" and values:
            return values[0].text
    return None


def _is_name_line(lines: list[SourceLine], i: int) -> bool:
    """A 项目名称 row that opens a form: other form labels follow within three lines (a
    项目支出预算表 header also starts with 项目名称, but is followed by amounts)."""
    if _name_value(lines[i]) is None:
        return False
    for line in lines[i + 1:i + 4]:
        for tok in _tokens(line):
            key = _field_key(tok.norm)
            amount = _amount_key(tok.norm)
            if key in ("主管部门", "实施单位", "项目属性", "项目期") or (
                    amount is not None and amount[0] in ("total", "unit")):
                return True
    return False


def _is_title_start(lines: list[SourceLine], i: int) -> bool:
    """A title line followed, within six lines, by the form's 项目名称 row (a narrative
    sentence that merely names the form is not a start)."""
    if not _is_title(lines[i]):
        return False
    for j in range(i + 1, min(i + 7, len(lines))):
        if _is_title(lines[j]):
            return False
        if _name_value(lines[j]) is not None:
            return True
    return False


def _is_narrative(line: SourceLine) -> bool:
    if line.text.lstrip().startswith("#"):
        return True
    plain = line.plain
    return len(split_cells(line.text)) == 1 and bool(_NARRATIVE_HEADING.match(plain))


def _block_end(lines: list[SourceLine], start: int) -> int:
    seen_name = _name_value(lines[start]) is not None
    after_contact = False
    for j in range(start + 1, len(lines)):
        line = lines[j]
        if _is_title_start(lines, j) or (seen_name and _is_name_line(lines, j)):
            return j
        if _is_narrative(line):
            return j
        toks = _tokens(line)
        contact = _is_contact_line(toks)
        # The 负责人/经办人 row closes a form: whatever follows it is not form content.
        if after_contact and not contact:
            return j
        after_contact = contact and seen_name
        seen_name = seen_name or _name_value(line) is not None
    return len(lines)


def find_form_blocks(lines: list[SourceLine]) -> list[tuple[int, int]]:
    """Index ranges ``[start, end)`` into ``lines``, one per printed form.

    A form starts at its title line (or at its 项目名称 row when the title is missing) and ends
    before the next form, before a narrative heading (``## 十一、...``, ``第四部分 ...``), or
    right after its 负责人/经办人 row.
    """
    blocks: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if _is_title_start(lines, i) or _is_name_line(lines, i):
            end = _block_end(lines, i)
            blocks.append((i, end))
            i = end
        else:
            i += 1
    return blocks


# ---------------------------------------------------------------- indicator rows


@dataclass
class _Half:
    """One half of an indicator row: its level labels and its texts (三级指标, 指标值)."""

    labels: list[str]
    texts: list[str]
    col: int


def _take_labels(toks: list[_Tok], i: int) -> tuple[list[str], int]:
    """The level labels at ``toks[i:]`` that belong to one half: a 一级 label may be followed by
    its 二级 label; any other repeat (二级 二级) starts the next half."""
    labels: list[str] = []
    while i < len(toks) and _is_level_label(toks[i].norm):
        nxt = toks[i].norm
        if labels and not (len(labels) == 1 and labels[0] in _LEVEL1_CAPABLE
                           and nxt != labels[0] and nxt not in _PURE_LEVEL1):
            break
        labels.append(nxt)
        i += 1
    return labels, i


def _split_halves(toks: list[_Tok], even_split: bool) -> list[_Half]:
    """Cut a row into halves at every label that follows a text (or repeats a 二级 label)."""
    halves: list[_Half] = []
    i = 0
    while i < len(toks):
        col = toks[i].col
        labels, i = _take_labels(toks, i)
        texts: list[str] = []
        while i < len(toks) and not _is_level_label(toks[i].norm):
            texts.append(toks[i].text)
            i += 1
        halves.append(_Half(labels, texts, col))
    # No label marks the middle (the right 二级 cell is blank): "a | 1 | a | 2" is two halves.
    # A 二级 label printed on the left is the row's 二级 on both sides; the template prints it
    # twice, so a blank right copy is an OCR loss, not "same as the row above".
    if even_split and len(halves) == 1 and len(halves[0].texts) >= 4:
        h = halves[0]
        cut = (len(h.texts) + 1) // 2
        right_col = next((t.col for t in toks if t.text == h.texts[cut]), h.col)
        _, level2 = _levels(h.labels)
        halves = [_Half(h.labels, h.texts[:cut], h.col),
                  _Half([level2] if level2 else [], h.texts[cut:], right_col)]
    return halves


def _levels(labels: list[str]) -> tuple[str | None, str | None]:
    """(一级, 二级) printed in a half; None where the cell was blank."""
    if len(labels) >= 2:
        return labels[0], labels[1]
    if len(labels) == 1:
        return (labels[0], None) if labels[0] in _PURE_LEVEL1 else (None, labels[0])
    return None, None


def _texts(texts: list[str]) -> tuple[str | None, str, str]:
    """(extra 二级, 三级指标, 指标值) from a half's texts.

    Two texts are name and value. A lone text is a value if it looks like one. With three or
    more the last two are name and value; a leading text that repeats the name is an OCR echo
    of a merged cell, anything else is read as an un-listed 二级 label.
    """
    if not texts:
        return None, "", ""
    if len(texts) == 1:
        return (None, "", texts[0]) if _VALUE_LIKE.search(texts[0]) else (None, texts[0], "")
    name, value = texts[-2], texts[-1]
    extra = [t for t in texts[:-2] if t != name]
    return (extra[-1] if extra else None), name, value


class _IndicatorGrid:
    """Collects indicator rows, then resolves halves to periods and fills levels down."""

    def __init__(self) -> None:
        self.rows: list[tuple[int, list[_Tok]]] = []
        self.header_halves: int | None = None  # 1 or 2 if a header row said so
        self.header_split_col: int | None = None

    def add(self, line: SourceLine, toks: list[_Tok]) -> None:
        header = [t for t in toks if t.norm in _HEADER_WORDS]
        if header:
            self._read_header(header)
        data = [t for t in toks if t.norm not in _HEADER_WORDS]
        if data:
            self.rows.append((line.no, data))

    def _read_header(self, header: list[_Tok]) -> None:
        count = max(sum(t.norm == w for t in header) for w in ("三级指标", "指标值"))
        if count >= 2:
            self.header_halves = 2
        elif count == 1 and self.header_halves is None:
            self.header_halves = 1
        second = [t.col for t in header if t.norm == "二级指标"][1:2]
        if second:
            self.header_split_col = second[0]

    def _two_halves(self) -> bool:
        if self.header_halves is not None:
            return self.header_halves == 2
        return any(len(_split_halves(toks, True)) > 1 for _, toks in self.rows)

    def _split_col(self) -> int | None:
        """Where the right half usually starts: the commonest start column of right halves."""
        cols = Counter()
        for _, toks in self.rows:
            halves = _split_halves(toks, True)
            if len(halves) > 1:
                cols[halves[1].col] += 1
        if cols:
            return min(cols, key=lambda c: (-cols[c], c))
        return self.header_split_col

    def indicators(self, single_periods: list[str]) -> list[Indicator]:
        two = self._two_halves()
        split_col = self._split_col() if two else None
        ctx = {p: ["", ""] for p in PERIODS}  # period -> [一级, 二级] carried down
        out: list[Indicator] = []
        for line_no, toks in self.rows:
            for side, half in self._sides(_split_halves(toks, two), two, split_col):
                periods = single_periods if side is None else [side]
                for period in periods:
                    ind = self._resolve(half, period, side, ctx, line_no)
                    if ind:
                        out.append(ind)
        return out

    @staticmethod
    def _sides(halves: list[_Half], two: bool, split_col: int | None):
        """Pair each half with its period; ``None`` means "the form's only half"."""
        if not two:
            return [(None, h) for h in halves]
        if len(halves) >= 2:
            # More than two halves only happens on garbled rows; the first two are kept.
            return [("实施期", halves[0]), ("年度", halves[1])]
        half = halves[0]
        level1, _ = _levels(half.labels)
        # A lone half: left if it carries a 一级 label (only the left side has that column),
        # otherwise judged by where it starts.
        right = level1 is None and split_col is not None and half.col >= split_col
        return [("年度" if right else "实施期", half)]

    @staticmethod
    def _resolve(half: _Half, period: str, side: str | None, ctx: dict[str, list[str]],
                 line_no: int) -> Indicator | None:
        level1, level2 = _levels(half.labels)
        if level1 is not None:
            # The 一级 column is shared by both halves: a new 一级 resets both periods' 二级.
            targets = PERIODS if side in (None, "实施期") else (period,)
            for p in targets:
                ctx[p][0], ctx[p][1] = level1, ""
        if level2 is not None:
            ctx[period][1] = level2
        extra, name, value = _texts(half.texts)
        if extra:
            ctx[period][1] = extra
        if not name and not value:
            return None  # a placeholder row such as 经济效益指标 with nothing under it
        return Indicator(period, ctx[period][0], ctx[period][1], name, value, line_no)


# ---------------------------------------------------------------- one form


@dataclass
class _FormReader:
    """Reads one form line by line. States: 'head' (title), 'amounts', 'fields', 'goals'
    (after the 实施期目标/年度目标 header, expecting the goal texts), 'indicators', 'contact'."""

    fields: dict[str, str] = field(default_factory=dict)
    field_lines: dict[str, int] = field(default_factory=dict)
    amounts: dict[str, Decimal | None] = field(default_factory=dict)
    amount_lines: dict[str, int] = field(default_factory=dict)
    unit: str = "元"
    amount_periods: list[str] = field(default_factory=lambda: list(PERIODS))
    periods_seen: set[str] = field(default_factory=set)  # from totals and goal labels
    total_periods: set[str] = field(default_factory=set)
    grid: _IndicatorGrid = field(default_factory=_IndicatorGrid)
    state: str = "head"
    last_field: str | None = None

    def feed(self, line: SourceLine) -> None:
        if is_pipe_separator(line.text) or _is_title(line):
            return
        toks = _tokens(line)
        if not toks or (len(toks) == 1 and _YEAR_LINE.match(toks[0].norm)):
            return
        if _is_contact_line(toks):
            self.state = "contact"
            self._read_pairs(toks, line)
        elif self.state == "indicators" or _starts_indicators(toks):
            self.state = "indicators"
            self.grid.add(line, toks)
        elif any(_is_key(t.norm) for t in toks):
            self._read_pairs(toks, line)
        else:
            self._read_keyless(toks, line)

    # -- keyed rows

    def _read_pairs(self, toks: list[_Tok], line: SourceLine) -> None:
        parts_seen = 0  # the k-th breakdown label on a line belongs to the k-th amount period
        for key, values in _key_values(toks):
            if (amount := _amount_key(key.norm)) is not None:
                parts_seen += self._read_amount(amount, values, line, parts_seen)
            elif (goal := _goal_key(key.norm)) is not None:
                self._read_goal(goal, values, line)
            elif (name := _field_key(key.norm)) is not None:
                self._set(name, " ".join(v.text for v in values), line)
                if self.state != "contact":
                    self.state = "fields"

    def _read_amount(self, amount: tuple[str, str], values: list[_Tok], line: SourceLine,
                     parts_seen: int) -> int:
        """Store one 项目资金 cell; returns 1 if it was a breakdown label (中央/省级/...), so the
        caller can give the next breakdown label on the same line the next period."""
        kind, what = amount
        self.state = "amounts"
        if kind == "unit":
            self.unit = what
            return 0
        value = parse_amount(values[0].text) if values else None
        if kind == "total":
            self._note_total_period(what)
            self._set_amount(f"{what}资金总额", value, line)
            return 0
        if parts_seen < len(self.amount_periods):
            self._set_amount(f"{self.amount_periods[parts_seen]}:{what}", value, line)
        return 1

    def _note_total_period(self, period: str) -> None:
        """Totals fix the order of the periods on the breakdown rows (usually 实施期, 年度;
        a form that prints only 年度资金总额 has only the 年度 column)."""
        self.periods_seen.add(period)
        self.total_periods.add(period)
        self.amount_periods = [p for p in PERIODS if p in self.total_periods]

    def _set_amount(self, key: str, value: Decimal | None, line: SourceLine) -> None:
        if key in self.amounts and self.amounts[key] is not None and value is None:
            return
        self.amounts[key] = value
        self.amount_lines[key] = line.no

    def _read_goal(self, goal: str, values: list[_Tok], line: SourceLine) -> None:
        if goal != "总体目标":
            self.periods_seen.add(goal.removesuffix("目标"))
        texts = [v.text for v in values]
        if not texts:
            self.state = "goals"  # the header row; the texts come on the next line
            return
        self._set_goals(goal, texts, line)

    def _set_goals(self, goal: str, texts: list[str], line: SourceLine) -> None:
        if goal == "总体目标":
            # Left half is 实施期, right half 年度; one printed text serves both.
            self._set("实施期目标", texts[0], line)
            self._set("年度目标", texts[-1], line)
        else:
            self._set(goal, " ".join(texts), line)
        self.state = "fields"
        self.last_field = None

    def _set(self, name: str, value: str, line: SourceLine) -> None:
        value = value.strip()
        if not value:
            self.last_field = None
            return
        if not self.fields.get(name):
            self.fields[name] = value
            self.field_lines[name] = line.no
        self.last_field = name

    # -- rows without a key

    def _read_keyless(self, toks: list[_Tok], line: SourceLine) -> None:
        texts = [t.text for t in toks]
        if self.state == "goals":
            # The goal row printed without its 总体目标 label.
            self._set_goals("总体目标", texts, line)
        elif self.state == "fields" and self.last_field in _LONG_TEXT:
            # A long text wrapped onto the next line.
            self.fields[self.last_field] += "".join(texts)
        # Elsewhere (fragments such as the "金" of a split "市县（区）财政资金" label) carry
        # nothing of their own.

    # -- result

    def result(self, lines: list[SourceLine]) -> ProjectForm:
        both = set(PERIODS)
        covered = self.periods_seen & both
        single_periods = [p for p in PERIODS if p in covered] if covered and covered != both \
            else list(PERIODS)
        if self.unit != "元":
            amounts = {k: None if v is None else convert(v, self.unit, "元")
                       for k, v in self.amounts.items()}
        else:
            amounts = dict(self.amounts)
        return ProjectForm(
            project=self.fields.get("项目名称", ""),
            fields=_ordered(self.fields),
            field_lines={k: self.field_lines[k] for k in _ordered(self.fields)},
            amounts=amounts,
            amount_lines=dict(self.amount_lines),
            indicators=self.grid.indicators(single_periods),
            line_start=lines[0].no if lines else 0,
            line_end=lines[-1].no if lines else 0,
            unit="元",
        )


def _ordered(fields: dict[str, str]) -> dict[str, str]:
    rank = {name: i for i, name in enumerate(FIELD_ORDER)}
    return dict(sorted(fields.items(), key=lambda kv: rank.get(kv[0], len(rank))))


def parse_form(lines: list[SourceLine]) -> ProjectForm:
    """Read one form block (as cut by :func:`find_form_blocks`)."""
    reader = _FormReader()
    for line in lines:
        reader.feed(line)
    return reader.result(lines)


# ---------------------------------------------------------------- merging printed copies


def _completeness(form: ProjectForm) -> tuple[int, int]:
    return len(form.indicators), len(form.fields)


def _vote(readings: list[tuple[int, object, int]], support: Counter | None = None):
    """Pick a reading by majority. ``readings`` are (rank, value, line) with rank 0 for the
    most complete copy; ties go to readings printed elsewhere in the document (``support``),
    then to the most complete copy. Returns the winning (rank, value, line)."""
    groups: dict[object, list[tuple[int, object, int]]] = {}
    for reading in readings:
        key = _vote_key(reading[1]) if isinstance(reading[1], str) else reading[1]
        groups.setdefault(key, []).append(reading)

    def score(item):
        key, members = item
        backing = support[key] if support is not None and isinstance(key, str) else 0
        return (len(members), backing, -min(r[0] for r in members))

    _, members = max(groups.items(), key=score)
    return min(members, key=lambda r: r[0])


def _merge(copies: list[ProjectForm], support: dict[str, Counter]) -> ProjectForm:
    """One form from its printed copies (in document order).

    Indicators come from the most complete copy (most indicators, then most fields) so a
    damaged copy never replaces them; each field and amount is the majority reading.
    """
    order = sorted(range(len(copies)), key=lambda i: (-_completeness(copies[i])[0],
                                                      -_completeness(copies[i])[1], i))
    rank = {copy_index: r for r, copy_index in enumerate(order)}
    base = copies[order[0]]

    fields: dict[str, str] = {}
    field_lines: dict[str, int] = {}
    for name in FIELD_ORDER + tuple(k for c in copies for k in c.fields if k not in FIELD_ORDER):
        if name in fields:
            continue
        readings = [(rank[i], c.fields[name], c.field_lines[name])
                    for i, c in enumerate(copies) if c.fields.get(name)]
        if readings:
            _, fields[name], field_lines[name] = _vote(readings, support.get(name))

    amounts: dict[str, Decimal | None] = {}
    amount_lines: dict[str, int] = {}
    for key in dict.fromkeys(k for c in copies for k in c.amounts):
        readings = [(rank[i], c.amounts[key], c.amount_lines[key])
                    for i, c in enumerate(copies) if key in c.amounts]
        _, amounts[key], amount_lines[key] = _vote(readings)

    return ProjectForm(
        project=fields.get("项目名称", base.project),
        fields=fields,
        field_lines=field_lines,
        amounts=amounts,
        amount_lines=amount_lines,
        indicators=list(base.indicators),
        line_start=min(c.line_start for c in copies),
        line_end=max(c.line_end for c in copies),
        unit=base.unit,
        variants=[FormVariant(c.line_start, c.line_end, dict(c.fields), len(c.indicators))
                  for c in copies],
    )


def parse_forms(lines: list[SourceLine]) -> tuple[list[ProjectForm], list[tuple[int, int]]]:
    """All forms of a disclosure, copies of one project merged, in document order; and the
    blocks (index ranges into ``lines``) they were read from."""
    blocks = find_form_blocks(lines)
    copies = [parse_form(lines[s:e]) for s, e in blocks]

    groups: dict[str, list[int]] = {}
    for i, form in enumerate(copies):
        groups.setdefault(_vote_key(form.project) or f"#{i}", []).append(i)

    # How often each reading of each field is printed anywhere in the document: a tie between
    # copies of one form goes to the reading other forms confirm (OCR errors rarely repeat).
    printed: dict[str, Counter] = {}
    for form in copies:
        for name, value in form.fields.items():
            printed.setdefault(name, Counter())[_vote_key(value)] += 1

    merged = []
    for members in groups.values():
        own: dict[str, Counter] = {}
        for i in members:
            for name, value in copies[i].fields.items():
                own.setdefault(name, Counter())[_vote_key(value)] += 1
        elsewhere = {name: printed[name] - own.get(name, Counter()) for name in printed}
        merged.append(_merge([copies[i] for i in members], elsewhere))
    return merged, blocks
