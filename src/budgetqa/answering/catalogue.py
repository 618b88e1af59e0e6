"""What a question can refer to, derived from one parsed document at load time.

An :class:`Entity` is a table row group, a project, an economic item (ledger rows summed), a
form, a definition, a narrative fact or a section. Matching is character-level and weighted
by how rare each character is among the document's own names, so generic words (项目, 支出)
count little and a typo still finds its row.
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter
from functools import cached_property, lru_cache
from dataclasses import dataclass, field

from ..parsing.lines import strip_ordinal
from ..parsing.vocabulary import VOCABULARY, squeeze
from ..model import Definition, NarrativeFact, ParsedDocument, ProjectForm, Row, Section, Table

# Tables people name by their topic rather than by a row (general template vocabulary).
TABLE_TOPICS = {"office_running": "机关运行经费", "three_public": "三公经费", "gp_expense": "一般公共预算支出",
                "fund_expense": "政府性基金预算支出", "soe": "国有资本经营预算支出",
                "gp_basic_economic": "一般公共预算基本支出", "gov_purchase": "政府采购预算",
                "gov_service": "政府购买服务预算"}
KIND_PRIORITY = {"project": 6, "subject": 5, "econ": 5, "measure": 4, "row": 3, "fact": 2, "definition": 1,
                 "section": 1}

PUNCT = re.compile(r"[\s（）()“”\"'、，,。：:；;？?！!·《》<>【】\[\]{}+\-—_/]")


_TOP_ORDINAL = re.compile(r"^[一二三四五六七八九十]+、")
_SUB_ORDINAL = re.compile(r"^[（(][一二三四五六七八九十\d]+[）)]|^\d+[.、]")


def _carryover_parts(t: Table) -> dict[int, str]:
    """Rows of a two-sided table printed under a carry-over heading of their side (二、上年结转 >
    （一）一般公共预算拨款): id(row) -> the heading's name."""
    out: dict[int, str] = {}
    heading: dict[str | None, str | None] = {}
    for r in t.rows:
        if not r.side:
            continue
        label = r.label.replace(" ", "")
        if _TOP_ORDINAL.match(label) or clean_name(label) in ("收入合计", "支出合计", "合计", "总计"):
            name = clean_name(_TOP_ORDINAL.sub("", label))
            heading[r.side] = name if "结转" in name or "结余" in name else None
        elif heading.get(r.side) and _SUB_ORDINAL.match(label):
            out[id(r)] = heading[r.side]
    return out


def _government_item(label: str) -> bool:
    return squeeze(label) in VOCABULARY.government_economic_items


# The three categories of government purchases (A 货物, B 工程, C 服务), as people name them.
PURCHASE_CATEGORY = re.compile(r"^[A-C]?(货物|工程|服务)(类)?$")


def _purchase_keys(t: Table, key: str) -> list[str]:
    """A row of the 政府采购 table printed as its category (A-货物, 服务/C) answers to 货物类,
    never to a bare 货物 inside another name (购买考试服务)."""
    m = PURCHASE_CATEGORY.match(key) if t.kind == "gov_purchase" else None
    return [f"{m.group(1)}类"] if m else []


# "基本支出：指为保障机构正常运转…。 项目支出：指在基本支出之外…": a 名词解释 section's entries
# when the reader kept it as prose (北京's, under another heading), each a term and its colon.
_GLOSSARY_ENTRY = re.compile(r"(?:^|(?<=[。；;\s]))([“”\"\u4e00-\u9fff（）()]{2,24})[：:]")


def glossary(doc: ParsedDocument) -> list[Definition]:
    """The document's 名词解释: as read, else its entries in a section so titled."""
    if doc.definitions:
        return doc.definitions
    out: list[Definition] = []
    for sec in doc.sections:
        if "名词解释" not in sec.title or not sec.text:
            continue
        starts = list(_GLOSSARY_ENTRY.finditer(sec.text))
        for m, nxt in zip(starts, starts[1:] + [None]):
            text = sec.text[m.end():nxt.start() if nxt else len(sec.text)].strip()
            if len(text) >= 6:
                out.append(Definition(m.group(1).strip(), text, sec.line_start))
    return out


def clean_name(name: str) -> str:
    return PUNCT.sub("", strip_ordinal(name))


TABLE_TOPIC_KEYS = frozenset(clean_name(t) for t in TABLE_TOPICS.values())


@dataclass
class Entity:
    kind: str  # 'subject' | 'project' | 'econ' | 'row' | 'definition' | 'fact' | 'section'
    name: str  # display name
    key: str  # cleaned name used for matching
    rows: list[tuple[Table, Row]] = field(default_factory=list)
    form: ProjectForm | None = None
    definition: Definition | None = None
    facts: list[NarrativeFact] = field(default_factory=list)
    section: Section | None = None
    code: str | None = None
    extra_keys: list[str] = field(default_factory=list)
    column: str | None = None  # for 'measure' entities: the column of a 合计 row


@dataclass
class Match:
    entity: Entity
    score: float  # matched rarity weight
    coverage: float  # share of the entity's name weight that matched
    exact: bool
    span: set[int]  # question positions matched


@lru_cache(maxsize=65536)
def _lcs_positions(a: str, b: str) -> tuple[int, ...]:
    """Positions in ``b`` of a longest common subsequence of a and b (memoised: the same name
    is compared with the same question in every document that prints it)."""
    n, m = len(a), len(b)
    dp = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        ai = a[i]
        row, nxt = dp[i], dp[i + 1]
        for j in range(m - 1, -1, -1):
            row[j] = nxt[j + 1] + 1 if ai == b[j] else max(nxt[j], row[j + 1])
    i = j = 0
    out = []
    while i < n and j < m:
        if a[i] == b[j]:
            out.append(j)
            i += 1
            j += 1
        elif dp[i + 1][j] >= dp[i][j + 1]:
            i += 1
        else:
            j += 1
    return tuple(out)


@lru_cache(maxsize=4096)
def _plain_positions(q: str) -> tuple[str, tuple[int, ...]]:
    """``q`` without punctuation, and where each of its characters is in ``q``."""
    kept = [(i, ch) for i, ch in enumerate(q) if not PUNCT.match(ch)]
    return "".join(ch for _, ch in kept), tuple(i for i, _ in kept)


def _unbracketed(name: str) -> str:
    """A name without its bracketed notes: 某某局（本级） -> 某某局."""
    return re.sub(r"[（(][^）)]*[）)]", "", name)


def _last_part(name: str) -> str:
    """The last part of a project named by its path (A-B-C), if it is long enough to name it."""
    parts = [clean_name(x) for x in re.split(r"[-－—]", name) if clean_name(x)]
    last = parts[-1] if len(parts) > 1 else ""
    # (a year, a date or a batch names no project: 东西部协作资金-2025年)
    return last if len(last) >= 4 and len(re.findall(r"[\u4e00-\u9fff]", re.sub(r"\d+年度?|\d+月|\d+日", "", last))) >= 2 \
        else ""


AS_AT = re.compile(r"截[至止]到?\s*(20\d{2})\s*年")


class Catalogue:
    """All entities of one document and a matcher over them."""

    def __init__(self, doc: ParsedDocument):
        self.doc = doc
        self.entities: list[Entity] = []
        self._build()
        counts: Counter[str] = Counter()
        for e in self.entities:
            for ch in set(e.key):
                counts[ch] += 1
        total = max(len(self.entities), 1)
        self.idf = {ch: math.log(1 + total / c) for ch, c in counts.items()}
        self._memo: dict = {}
        self._units_said: dict[str, dict[str, set[int]]] = {}
        self._keys: dict = {}
        self._by_char: dict[str, list[int]] = {}
        for n, e in enumerate(self.entities):
            chars = set(e.key).union(*[set(k) for k in e.extra_keys]) | set(e.code or "")
            for ch in chars:
                self._by_char.setdefault(ch, []).append(n)
        self._default_idf = math.log(1 + total)
        # For choosing among many documents cheaply: every pair of adjacent characters of a
        # name, and every code.
        self.bigrams = {k[i:i + 2] for e in self.entities for k in [e.key, *e.extra_keys]
                        for i in range(len(k) - 1)}
        self.codes = {e.code for e in self.entities if e.code}

    @cached_property
    def narrative_text(self) -> str:
        """The narrative's sections (not the glossary) without whitespace, and again without the
        general budget words a stated figure's anchor drops: whether it says some words at all,
        asked before scanning its sentences for a figure said after them."""
        from .passage_figures import GENERIC

        plain = "\n".join(re.sub(r"\s", "", s.text) for s in self.doc.sections
                          if s.text and s.title != "名词解释")
        return f"{plain}\n{GENERIC.sub('', plain)}"

    # ------------------------------------------------------------ facts of the narrative, read once

    @cached_property
    def as_at_years(self) -> set[int]:
        """The years the narrative dates a holding at (截至2025年12月31日): a question dated so
        asks the document's own figure, not another year's."""
        return {int(y) for sec in self.doc.sections for y in AS_AT.findall(sec.text)}

    @cached_property
    def printed_words(self) -> str:
        """The narrative's text and every row's label, without whitespace: a word printed here is
        one of the document's own, never a slip of the pen for another (信访工作经费 is no 工会经费)."""
        return "\n".join([re.sub(r"\s+", "", sec.text) for sec in self.doc.sections] +
                         [re.sub(r"\s+", "", r.label) for t in self.doc.tables for r in t.rows])

    @cached_property
    def unit_names(self) -> list[str]:
        """The units the income and expense tables print a row for (泉州市人民政府发展研究中心):
        names of their own, which the body's name they begin with does not scope away."""
        ends = re.compile(r"(?:局|委|厅|办|室|处|中心|院|所|站|队|馆|部|会|社|场|校|监狱|团)(?:[（(][^）)]*[）)])?$")
        # (a unit's own code, 201002 of 中共西安市委理论讲师团: six digits, no subject's length)
        return sorted({r.label.strip() for t in self.doc.tables if t.kind in ("income", "expense")
                       for r in t.rows if len(r.label.strip()) >= 6 and ends.search(r.label.strip())
                       and (not r.code or r.code.startswith("1") or len(r.code) == 6)}, key=len, reverse=True)

    @cached_property
    def names_kept(self) -> list[str]:
        """Names a question may say whole that begin with the body's own (its units, and projects
        such as 广州市统计局2026年信息化运维项目): never scoped away, longest first."""
        dept = self.doc.department
        projects = {e.name for e in self.entities if e.kind == "project" and dept in e.name and e.name != dept}
        return sorted(set(self.unit_names) | projects, key=len, reverse=True)

    def units_as_printed(self, q: str) -> str:
        """A unit of the body said in full but with its other name shortened or left out
        (杭州市气象服务中心（预警信息发布中心） for 杭州市气象服务中心（杭州市预警信息发布中心）)
        written as printed."""
        dept = re.sub(r"[（(][^）)]*[）)]$", "", self.doc.department)
        for unit in self.unit_names:
            base = re.sub(r"[（(][^）)]*[）)]$", "", unit)
            if unit in q or base == unit or base == dept or base in dept or len(base) < 6:
                continue  # (the body itself, 无锡市信访局（本级）: its own name scopes the question)
            said = re.search(re.escape(base) + r"(?:[（(][^）)]*[）)])?", q)
            if said is not None:
                q = q[:said.start()] + unit + q[said.end():]
        return q

    def unit_said(self, unit: str, q: str) -> bool:
        """Does the question name the unit: in full, without the place the body's name begins
        with (西郊监狱 of 杭州市西郊监狱 in 杭州市司法局's document), or without its own place?"""
        if unit in q:
            return True
        shorts = set()
        for name in {unit, re.sub(r"[（(][^）)]*[）)]$", "", unit)}:  # (…中心（…发布中心）: without its other name)
            if name != unit and name == self.doc.department and "本级" not in q:
                continue  # 某某局 said is the body, not its own level 某某局（本级）
            shorts |= {name, name[len(os.path.commonprefix([name, self.doc.department])):],
                       re.sub(r"^[\u4e00-\u9fff]{1,6}?[省市区县](?=[\u4e00-\u9fff]{3})", "", name)}
        return any(len(short) >= 3 and short != unit and short in q for short in shorts)

    def units_said(self, q: str) -> dict[str, set[int]]:
        """Every unit the question names, in :attr:`unit_names` order, and where (see
        :meth:`unit_said_at`): worked out once per question, as lookups and answers of the
        narrative both ask it."""
        if q not in self._units_said:
            if len(self._units_said) > 256:
                self._units_said.clear()
            self._units_said[q] = {u: at for u in self.unit_names if (at := self.unit_said_at(u, q))}
        return self._units_said[q]

    def unit_said_at(self, unit: str, q: str) -> set[int]:
        """Where the question names the unit (as :meth:`unit_said` reads it): the positions of
        the longest way it is said, or none."""
        if not self.unit_said(unit, q):
            return set()
        base = re.sub(r"[（(][^）)]*[）)]$", "", unit)  # (…中心（…）: its other name left out)
        said = max((name[k:] for name in {unit, base} for k in range(len(name) - 2) if name[k:] in q),
                   key=len, default="")
        at = q.find(said) if said else -1
        return set(range(at, at + len(said))) if at >= 0 else set()

    @cached_property
    def last_year_statements(self) -> list:
        """The narrative's comparisons with the year before (every last-year question reads them)."""
        from .previous_year import statements_of
        return list(statements_of(self.doc))

    def affinity(self, q: str) -> int:
        """How many of the question's adjacent character pairs some name here has (cheap)."""
        return sum(1 for i in range(len(q) - 1) if q[i:i + 2] in self.bigrams)

    # ------------------------------------------------------------ building

    def _build(self) -> None:
        doc = self.doc
        subjects: dict[str, Entity] = {}
        econ: dict[str, Entity] = {}
        projects: dict[str, Entity] = {}
        for t in doc.tables:
            carried = _carryover_parts(t)
            for r in t.rows:
                if id(r) in carried:
                    # "（一）一般公共预算拨款" under "二、上年结转": the carry-over's part, by that name
                    self._add_row_entity(t, r, f"{carried[id(r)]}·{clean_name(r.label)}")
                    continue
                if t.kind == "project" or t.kind == "project_carryover":
                    if clean_name(r.label) in ("合计", "总计"):
                        self._add_row_entity(t, r)
                        continue
                    e = projects.setdefault(clean_name(r.label), Entity(
                        "project", r.label, clean_name(r.label)))
                    e.rows.append((t, r))
                elif r.code:
                    key = r.code
                    # Two economic classifications side by side (政府预算 | 部门预算, Shandong): a
                    # 3xxxx code is the 部门预算 item's, so its name is the second label
                    name = r.label2 if r.label2 and _government_item(r.label) and \
                        not _government_item(r.label2) else r.label
                    e = subjects.setdefault(key, Entity("subject", name, clean_name(name),
                                                        code=r.code))
                    e.rows.append((t, r))
                elif t.kind == "gp_basic_economic" and r.label2:
                    e = econ.setdefault(clean_name(r.label), Entity("econ", r.label, clean_name(r.label)))
                    e.rows.append((t, r))
                else:
                    self._add_row_entity(t, r)
        printed = Counter(clean_name(f.project) for f in doc.forms)
        for form in doc.forms:
            key = clean_name(form.project)
            if printed[key] > 1:
                continue  # one name, several units' projects (日常保障运行): no form is its
            e = projects.get(key)
            if e is None:
                e = projects.setdefault(key, Entity("project", form.project, key))
            e.form = form
        # Uncoded rows of summary tables (一、一般公共服务支出) are the same subjects as coded rows.
        by_name = {e.key: e for e in subjects.values()}
        kept = []
        for e in self.entities:
            target = by_name.get(e.key) if e.kind == "row" and all(
                t.kind in ("summary", "fiscal_summary", "soe") for t, _ in e.rows) else None
            if target is not None:
                target.rows.extend(e.rows)
            else:
                kept.append(e)
        self.entities = kept
        last_parts = Counter(_last_part(e.name) for e in projects.values())
        for e in projects.values():
            # "警务辅助人员经费（含市府机关大院30名）" is named without its bracketed note too
            short = clean_name(_unbracketed(e.name))
            if short != e.key and len(short) >= 4 and short not in projects:
                e.extra_keys.append(short)
            # "“泉州政务”新媒体号运营资金" is named without the brand it quotes first, and
            # "粤财工〔2025〕139号2025年…专项资金" without the number of the document that granted it
            unquoted = clean_name(re.sub(r"^[“\"「『][^”\"」』]{2,12}[”\"」』]|"
                                         r"^[\u4e00-\u9fff]{1,8}[〔【\[（(]\d{4}[〕】\]）)]\d{1,5}号(?:下达|提前下达)?",
                                         "", e.name.strip()))
            if unquoted != e.key and len(unquoted) >= 6 and unquoted not in projects and unquoted not in e.extra_keys:
                e.extra_keys.append(unquoted)
            # "…转移支付-养老服务补助-毕业生一次性入职奖励方向": named by its last part alone,
            # when no other project's path ends in it
            last = _last_part(e.name)
            if last and last_parts[last] == 1 and last not in projects and last not in e.extra_keys:
                e.extra_keys.append(last)
                # (and without the word 方向 a transfer payment's direction ends with)
                aimed = re.sub(r"方向$", "", last)
                if aimed != last and len(aimed) >= 4 and aimed not in projects:
                    e.extra_keys.append(aimed)
        self.entities += list(projects.values()) + list(subjects.values()) + list(econ.values())
        self._add_items_by_second_label(doc)
        self._add_purchases_by_project(doc)
        self._add_own_level(doc)
        self._add_measures()
        self._add_table_topics()
        self.glossary = glossary(doc)  # (read once: the definition answers read it too)
        for d in self.glossary:
            e = Entity("definition", d.term, clean_name(d.term), definition=d)
            parts = [clean_name(x) for x in re.split(r"[（(][类款项][）)]", d.term) if clean_name(x)]
            if len(parts) > 1:  # 一般公共服务支出(类)信访事务(款)信访业务(项): 信访业务 names it
                e.extra_keys = [parts[-1]]
            # 行政经费（机关运行经费）: the name in brackets is the term too
            e.extra_keys += [clean_name(x) for x in re.findall(r"[（(]([^）)]{4,})[）)]", d.term)
                             if not re.fullmatch(r"[类款项]", x)]
            self.entities.append(e)
        facts: dict[str, Entity] = {}
        for f in doc.facts:
            # "某县教育局机关运行经费预算": the department names the document, not the item
            key = clean_name(f.subject.replace(doc.department, "")) if doc.department else clean_name(f.subject)
            if len(key) < 2:
                continue
            e = facts.setdefault(key, Entity("fact", f.subject, key))
            e.facts.append(f)
            if "-" in f.subject and not e.extra_keys:
                # per-item narratives name an item by its path (类-款-项): the 项 alone names it too
                parts = [clean_name(x) for x in f.subject.split("-") if x.strip()]
                e.extra_keys = [parts[-1], "".join(parts[-2:])] if len(parts) > 1 else []
                e.name = f.subject.split("-")[-1]
        self.entities += list(facts.values())
        for s in doc.sections:
            key = clean_name(re.sub(r"情况说明$|情况$|说明$", "", s.title))
            if key and s.text:
                self.entities.append(Entity("section", s.title, key, section=s))

    def _add_own_level(self, doc) -> None:
        """The body's own level (本级) where a table of units prints it: the row named 本级
        (无锡市统计局（本级）), or the body's name printed again under the row of its whole
        (杭州市气象局 | 杭州市气象局): named 本级 too."""
        body = clean_name(_unbracketed(doc.department or ""))
        for t in doc.tables:
            if t.kind not in ("income", "expense") or not body or "本级" in (doc.department or ""):
                continue
            named = [r for r in t.rows if clean_name(_unbracketed(r.label)) == body]
            own = [r for r in named if "本级" in r.label]
            if not own and len(named) == 2 and named[0].values != named[1].values:
                own = [named[1]]  # (the first is the whole, with its units)
            if len(own) != 1:
                continue
            r = own[0]
            key = f"{body}本级"
            e = next((x for x in self.entities if x.kind == "row" and x.key == key), None)
            if e is None:
                e = Entity("row", f"{body}（本级）", key)
                self.entities.append(e)
            if "本级" not in e.extra_keys:
                e.extra_keys.append("本级")
            if (t, r) not in e.rows:
                e.rows.append((t, r))
            for other in self.entities:  # (no longer the body's whole as well)
                if other is not e and other.kind == "row":
                    other.rows = [(tt, rr) for tt, rr in other.rows if rr is not r]

    def _add_items_by_second_label(self, doc) -> None:
        """An economic item a table prints only as the second label of its subjects' rows
        (北京's 支出总表: 2014004 信访业务 | 委托业务费, once per subject and unit): the item, its
        amount the rows' sum. Only where no other name of the document is the item's."""
        known = {e.key for e in self.entities} | {k for e in self.entities for k in e.extra_keys}
        items: dict[str, Entity] = {}
        for t in doc.tables:
            if t.kind not in ("expense", "gp_expense"):
                continue
            for r in t.rows:
                key = clean_name(r.label2 or "")
                if r.code and r.code.startswith("2") and len(key) >= 3 and key not in known \
                        and (_government_item(r.label2) or re.search(r"(费|费用|补贴|补助|购置)$", key)):
                    items.setdefault(key, Entity("econ", r.label2, key)).rows.append((t, r))
        # (one table's rows only: the same item in two tables is two readings of one amount)
        for e in items.values():
            first = e.rows[0][0]
            e.rows = [(t, r) for t, r in e.rows if t is first]
        self.entities += list(items.values())

    def _add_purchases_by_project(self, doc) -> None:
        """A 政府采购 table naming each purchase's project as its second label (其他水利管理服务 |
        城区污水处理运营服务费): the project's purchase, by the project's name, where it is printed
        on one row only and no other name of the document is the project's."""
        known = {e.key for e in self.entities} | {k for e in self.entities for k in e.extra_keys}
        for t in doc.tables:
            if t.kind != "gov_purchase":
                continue
            rows = Counter(clean_name(r.label2 or "") for r in t.rows)
            for r in t.rows:
                key = clean_name(r.label2 or "")
                if len(re.findall(r"[\u4e00-\u9fff]", key)) >= 4 and rows[key] == 1 and key not in known:
                    # (a name, never a unit's code printed there: 253003)
                    self.entities.append(Entity("row", r.label2, key, rows=[(t, r)]))

    def _add_table_topics(self) -> None:
        """A table named by its topic (机关运行经费) stands for its total row."""
        for kind, topic in TABLE_TOPICS.items():
            t = self.doc.table(kind)
            if t is None or any(e.key == clean_name(topic) and e.kind != "definition" for e in self.entities):
                continue
            total = next((r for r in t.rows if clean_name(r.label) in ("合计", "部门合计", "总计")), None)
            if total is not None:
                self.entities.append(Entity("row", topic, clean_name(topic), rows=[(t, total)]))

    def _add_measures(self) -> None:
        """Columns of total rows people name alone: 基本支出, 项目支出, 人员经费, 公用经费."""
        # one entity per column, holding the total row of every table that prints it (the
        # first table's first): a question naming a table reads that table's total
        measures: dict[str, Entity] = {}
        for kind in ("expense", "gp_expense", "gp_basic_economic", "income"):
            t = self.doc.table(kind)
            if t is None:
                continue
            total = next((r for r in t.rows if clean_name(r.label) in ("合计", "总计")), None)
            if total is None:
                continue
            for col in t.columns:
                if col == "合计" or total.values.get(col) is None:
                    continue
                if col in measures:
                    measures[col].rows.append((t, total))
                    continue
                short = re.sub(r"^其中|\d{4}年度?", "", clean_name(col))  # 其中2026年政府采购项目中…
                measures[col] = Entity("measure", col, clean_name(col), rows=[(t, total)], column=col,
                                       extra_keys=[short] if short != clean_name(col) and len(short) >= 2 else [])
                self.entities.append(measures[col])
        for col, e in measures.items():
            if re.search(r"结转|结余|收入|拨款|一般公共预算|政府性基金|国有资本|财政专户|单位资金", col):
                # money by its source (上年结余、结转): the income table's total first, not a
                # spending table's part (a 基本支出总表's column of it)
                e.rows.sort(key=lambda tr: tr[0].kind != "income")

    def _add_row_entity(self, t: Table, r: Row, name: str | None = None) -> None:
        key = clean_name(name or r.label)
        if name:
            for e in self.entities:
                if e.kind == "row" and e.key == key:
                    e.rows.append((t, r))
                    return
            self.entities.append(Entity("row", name, key, rows=[(t, r)]))
            return
        if r.side and key in ("合计", "总计") and t.kind in ("summary", "fiscal_summary"):
            # a two-sided summary's bare 合计 is its side's: 收入合计 (收入总计), 支出合计 (支出总计);
            # a 政府性基金 or 国有资本经营 table's is that money's only, never the budget's
            key = f"{r.side}{key}"
            other = f"{r.side}{'总计' if key.endswith('合计') else '合计'}"
            for e in self.entities:
                if e.kind == "row" and e.key == key:
                    e.rows.append((t, r))
                    return
            self.entities.append(Entity("row", key, key, rows=[(t, r)], extra_keys=[other]))
            return
        for e in self.entities:
            if e.kind == "row" and e.key == key:
                e.rows.append((t, r))
                return
        self.entities.append(Entity("row", r.label, key, rows=[(t, r)], extra_keys=_purchase_keys(t, key)))

    # ------------------------------------------------------------ matching

    def weight(self, ch: str) -> float:
        return self.idf.get(ch, self._default_idf)

    def match(self, question: str, kinds: tuple[str, ...] | None = None,
              exclude: set[int] | None = None, limit: int = 8) -> list[Match]:
        """Entities the question names, best first (memoised: one question asks this often)."""
        key = (question, frozenset(exclude or ()))
        ranked = self._memo.get(key)
        if ranked is None:
            # Every entity's match is scored once per question; the kinds and the limit asked
            # only filter that ranking (the order of what is kept does not depend on them).
            ranked = self._match(question, set(exclude or ()))
            if len(self._memo) > 1024:
                self._memo.clear()
            self._memo[key] = ranked
        if kinds:
            return [m for m in ranked if m.entity.kind in kinds][:limit]
        return ranked[:limit]

    def _match(self, question: str, exclude: set[int]) -> list[Match]:
        q = question
        qchars = {ch for i, ch in enumerate(q) if i not in exclude}
        # The question's ordered character pairs, neighbours and one apart (for a typo).
        near1 = {(q[i], q[i + 1]) for i in range(len(q) - 1) if i not in exclude and i + 1 not in exclude}
        near2 = {(q[i], q[i + 2]) for i in range(len(q) - 2) if i not in exclude and i + 2 not in exclude}
        # Only names sharing two characters with the question (or a code in it) can match.
        shared_count: dict[int, int] = {}
        for ch in qchars:
            for n in self._by_char.get(ch, ()):
                shared_count[n] = shared_count.get(n, 0) + 1
        # a code is a whole run of digits, never part of a longer number or a year (2019年)
        digits = set(re.findall(r"(?<!\d)(\d{3,})(?!\d|\s*年)", q))
        candidates = []
        for n, e in enumerate(self.entities):
            if shared_count.get(n, 0) < 2 and not (e.code and e.code in digits):
                continue
            keys = [e.key] + e.extra_keys + ([e.code] if e.code else [])
            best: Match | None = None
            for key in keys:
                if not key:
                    continue
                shared = [ch for ch in set(key) if ch in qchars]
                if key.isdigit() and key not in digits:
                    continue
                if len(shared) < 2 and not key.isdigit():
                    continue  # one shared character can never make a run of two
                m = self._score(q, key, e, exclude, near1, near2)
                if m and (best is None or (m.exact, m.score, m.coverage) > (best.exact, best.score, best.coverage)):
                    best = m
            if best:
                candidates.append(best)
        # between names matched alike, the one whose code the question writes (工资福利支出（301）,
        # not the 30199 row printed under the same name)
        candidates.sort(key=lambda m: (m.exact, round(m.score * (0.5 + m.coverage), 6),
                                       bool(m.entity.code and m.entity.code in digits),
                                       KIND_PRIORITY.get(m.entity.kind, 0)), reverse=True)
        return candidates

    def _key_info(self, key: str) -> tuple[float, frozenset, frozenset]:
        """Per name, once: its total weight, its characters, and its ordered character pairs."""
        info = self._keys.get(key)
        if info is None:
            pairs = frozenset((key[i], key[j]) for i in range(len(key)) for j in range(i + 1, len(key)))
            info = (sum(self.weight(ch) for ch in key), frozenset(key), pairs)
            self._keys[key] = info
        return info

    def _score(self, q: str, key: str, e: Entity, exclude: set[int],
               near1: set | None = None, near2: set | None = None) -> Match | None:
        total, keyset, pairs = self._key_info(key)
        start = q.find(key)
        while start >= 0 and any(i in exclude for i in range(start, start + len(key))):
            start = q.find(key, start + 1)
        if start >= 0:
            span = set(range(start, start + len(key)))
            return Match(e, total + 1.0, 1.0, True, span)
        if key.isdigit():
            return None
        if len(key) >= 4:
            # a name written with its brackets or quotes ("经费（含市府机关大院30名）") against its
            # key without them: exact on the question's characters without punctuation
            plain, where = _plain_positions(q)
            at = plain.find(key)
            if at >= 0 and not any(where[k] in exclude for k in range(at, at + len(key))):
                return Match(e, total + 1.0, 1.0, True, {where[k] for k in range(at, at + len(key))})
        # A match needs two neighbouring question characters in the name's order (or one
        # character apart, for a typo); without such a pair the DP cannot succeed.
        if near1 is None:
            near1 = {(q[i], q[i + 1]) for i in range(len(q) - 1) if i not in exclude and i + 1 not in exclude}
            near2 = {(q[i], q[i + 2]) for i in range(len(q) - 2) if i not in exclude and i + 2 not in exclude}
        if pairs.isdisjoint(near1) and not (len(key) >= 3 and not pairs.isdisjoint(near2)):
            return None
        # Only the question's characters that occur in the name can take part: the DP runs on them.
        idx = [i for i, ch in enumerate(q) if ch in keyset and i not in exclude]
        pos = [idx[p] for p in _lcs_positions(key, "".join(q[i] for i in idx))]
        if len(pos) < 2:
            return None
        # Matched characters must cluster: count runs of adjacent positions.
        runs = sum(1 for i, p in enumerate(pos) if i == 0 or p != pos[i - 1] + 1)
        longest = max(_run_lengths(pos))
        one_typo = len(key) >= 3 and len(pos) == len(key) - 1 and pos[-1] - pos[0] + 1 == len(key)
        if longest < 2 and not one_typo:
            return None
        matched = sum(self.weight(q[p]) for p in pos)
        coverage = matched / total if total else 0
        score = matched / (1 + 0.15 * (runs - 1))
        return Match(e, score, coverage, False, set(pos))


def _run_lengths(pos: list[int]) -> list[int]:
    runs, cur = [], 1
    for a, b in zip(pos, pos[1:]):
        if b == a + 1:
            cur += 1
        else:
            runs.append(cur)
            cur = 1
    runs.append(cur)
    return runs
