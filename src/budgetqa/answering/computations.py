"""Computations over cells, each shown with its arithmetic: rank, count, share, difference,
sum, average, ratio, completion of the budget, and projects picked by their names.

Mixed into :class:`~budgetqa.answering.engine.DocumentAnswerer`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Callable

from ..model import Answer, Figure, Provenance, convert
from ..parsing.pdf_tables import UNIT_OF_ROW
from ..parsing.templates import TOTAL_LABELS as TOTAL_KEYS
from ..parsing.vocabulary import VOCABULARY
from .catalogue import Entity, Match, clean_name
from .cells import Cell, _longest_run, fmt, q2
from .lookup import CITED_TABLE, COLUMN_WORDS, TABLE_NAMES, _funding_source, table_named
from .router import INSIDE as _INSIDE
from .router import Intent

# "A和B两项加起来", "这两个合计": how many the list holds, said before the sum is asked
_LIST_COUNT = re.compile(r"(?:这)?[两二三四五六七八九十2-9](?:个|项|类|笔|部分|者)(?:的?(?:费用|支出|金额|经费|资金))?"
                         r"(?=加起来|合起来|一共|总共|合计|共计|之和|加在一起|加一起|相加)")
# "因公出国（境）费在三公经费中占比": the part, then the whole it is in, named after 在
_WITHIN = re.compile(r"^(.{2,}?)在(.{2,}?)(?:之中|当中|里面|中|里)的?所?$")


# "A比B多多少": the two sides compared, each up to the words that scope them (X中，A比B).
COMPARED = re.compile(r"([^，,。；;：:中里比]+)比([^，,。；;比]+?)(?:多|少|高|低|大|小|增加|减少|差|相差|超)")


# Words of a question counting the project table's rows that qualify nothing: the table, the
# asking, a threshold. What is left names a set of projects the table does not mark.
QUALIFIED = re.compile(r"\d{2,4}年度?|项目支出(预算|决算)?(明细)?表|项目(预算)?表|一共|总共|合计|共计|共|列出?了?|"
                       r"有|多少个?|几个?|项目|数量|个数|的|是|在|中|里|预算|安排|今年|本年|本部门|部门|单位|"
                       r"超过|以上|以下|不足|不到|低于|高于|大于|小于|多于|少于|不少于|不低于|万元|亿元|元|占|比例|"
                       r"严格|不含|正好|恰好|刚好|包含|包括|含|支出|金额|资金|[\d.,%≥≤<>＞＜？?，,。（）()\s]")



def _without_unit(text: str, unit: str) -> str:
    """``text`` less the unit's name as it says it: in full, or its longest ending of three
    characters or more (北郊监狱 of 杭州市北郊监狱), once."""
    for short in sorted({unit, *(unit[k:] for k in range(len(unit)) if len(unit) - k >= 3)}, key=len, reverse=True):
        if short in text:
            return text.replace(short, "", 1)
    return text

def _lone_characters(span, q: str, name: str) -> bool:
    """Whether a name was matched partly on a character standing alone inside another word of the
    question (一般公共预算基本支出 on 一般公共预算…基[建]…支出: 基 is followed by 建 there, by 本 in the
    name): such a name is not one the question says. (A name's last character standing alone,
    费 of 运行维护费, is its ending, not another word's.)"""
    at = sorted(span)
    for k, i in enumerate(at):
        alone = (k == 0 or at[k - 1] != i - 1) and (k == len(at) - 1 or at[k + 1] != i + 1)
        j = name.find(q[i]) if alone else -1
        if 0 <= j < len(name) - 1 and i + 1 < len(q) and "\u4e00" <= q[i + 1] <= "\u9fff" and q[i + 1] != name[j + 1]:
            return True
    return False


class Computations:
    """Figures worked out from several cells, never read off one."""

    def projects(self) -> list[tuple[Entity, Cell]]:
        """Every row of the project table, in its order: two units' projects of one name
        (综合交通运行保障) are two projects."""
        table = next((t for t in self.doc.tables if t.kind == "project"), None)
        rows = [(r.line, e, r) for e in self.cat.entities if e.kind == "project"
                for t, r in e.rows if t is table]
        out = []
        for _, e, r in sorted(rows, key=lambda x: x[0]):
            c = self.cell(table, r, self.default_column(table, r) or "合计")
            if c:
                out.append((e, c))
        return out

    def project_forms(self) -> list:
        """The projects' 绩效目标 forms (the body's own 部门整体支出 form is no project's); none
        when they were read from a list of every project (北京's 项目支出绩效目标表, one row per
        project and its 项目编号) whose amounts add up to less than the 项目支出 the tables
        print (or with no 项目支出 read to check them against): projects of that list may have
        gone unread, so no count or ranking over it is whole."""
        forms = [f for f in self.doc.forms if "部门整体" not in f.project]
        if any("项目编号" in f.fields for f in forms):
            spent = self.project_spending()
            listed = sum((f.amounts.get("年度资金总额") or Decimal(0) for f in forms), Decimal(0))
            if spent is None or listed < spent * Decimal("0.99"):
                return []  # (and with no 项目支出 read to check the list against, none either)
        return forms

    def project_spending(self) -> Decimal | None:
        """The body's 项目支出 as its summary tables print it (the largest, all funds'), in 万元."""
        found = []
        for t in self.doc.tables:
            if t.kind not in ("expense", "summary", "fiscal_summary"):
                continue
            for r in t.rows:
                label = re.sub(r"^[（(]?[一二三四五六七八九十\d]*[)）、.．]?\s*", "", r.label)
                if label == "项目支出":
                    values = [v for v in r.values.values() if v is not None]
                elif re.fullmatch(r"合计|总计|本年支出合计|支出合计", label):
                    values = [v for c, v in r.values.items() if v is not None and re.match(r"项目支出", c)]
                else:
                    continue
                found += [convert(v, t.unit, "万元") for v in values[:1]]
        return max(found) if found else None

    def projects_of_forms(self) -> list[tuple[Entity, Cell]]:
        """With no project table read: each project's 绩效目标 form and its 年度资金总额 (the body's
        部门整体支出 form is no project), or none unless every form prints that amount."""
        forms = self.project_forms()
        if not forms or any(f.amounts.get("年度资金总额") is None for f in forms):
            return []
        of_form = {id(e.form): e for e in self.cat.entities if e.kind == "project" and e.form is not None}
        return [(of_form.get(id(f)) or Entity("project", f.project, clean_name(f.project), form=f),
                 Cell(f.amounts["年度资金总额"], f.unit,
                      Provenance(self.doc.doc_id, f"项目支出绩效目标申报表：{f.project}", f.project, "年度资金总额",
                                 f.amount_lines.get("年度资金总额", f.line_start)), f.project))
                for f in forms]

    def children_named(self, intent: Intent) -> tuple[Entity, list[tuple[Entity, Cell]]] | None:
        """The subjects printed under a coded subject the question names as a parent
        ("工资福利支出下面哪个经济科目", "公安款(20402)下面几个项级科目"): by code, one level down."""
        q = intent.q
        for m in self.confident(q, self.cat.match(q, limit=5)):
            e = m.entity
            uncoded = not e.code and VOCABULARY.economic_class(e.name) is not None  # (工资福利支出, printed without codes)
            if not m.span or not (uncoded or (e.kind == "subject" and e.code and len(e.code) in (3, 5))):
                continue
            after = re.sub(r"^[（(]?\d*(?:款|类|项)?[）)]?", "", q[max(m.span) + 1:])
            # (下面, 的几个科目中, 的明细里, 的各明细科目中: the parent's own items)
            if not re.match(r"(?:的)?(?:各)?(款|类)?(的)?(?:几个|各个?|所有|全部)?(?:明细|经济)?(?:子?科目|子项|项目|项)?"
                            r"(下面|下属|之下|下的|下|里面|里|中|当中|之中|内)", after):
                continue
            kids = self.printed_under(e) if uncoded else \
                [k for k in self.cat.entities if k.kind == "subject" and k.code
                 and len(k.code) == len(e.code) + 2 and k.code.startswith(e.code)]
            out = [(k, got[0]) for k in kids if (got := self.entity_cell(intent, k))]
            if len(out) >= 2:
                return e, out
        return None

    def printed_under(self, e: Entity) -> list[Entity]:
        """The items a 基本支出 table without codes prints under an economic class (工资福利支出):
        its rows up to the next class or total, each the entity of its row."""
        for t, r in e.rows:
            if t.kind != "gp_basic_economic":
                continue
            at = next(k for k, x in enumerate(t.rows) if x is r)
            below = []
            for x in t.rows[at + 1:]:
                if VOCABULARY.economic_class(x.label) is not None or clean_name(x.label) in TOTAL_KEYS:
                    break
                below.append(x)
            wanted, owners = {id(x) for x in below}, {}
            for k in self.cat.entities:  # (each row's first entity, in one pass)
                for _, rr in k.rows:
                    if id(rr) in wanted:
                        owners.setdefault(id(rr), k)
            return list({id(k): k for x in below if (k := owners.get(id(x))) is not None}.values())
        return []

    def listed_items(self, intent: Intent) -> list[tuple[Entity, Cell]] | None:
        """The items a question lists ("货物、工程、服务三类", "A和B"), one per listed name, each
        named within its own stretch of the list; None unless every stretch names one."""
        q = intent.q
        spans = [(span, e, c) for span, e, c in self.amounts_at(intent) if span]
        scope = _scope_of_list(q, spans)
        if scope == "spread":
            return None
        end = re.search(r"哪一?(项|类|个|种|块)", q).start()
        start = max(scope) + 1 if isinstance(scope, set) else 0
        inside = re.search(r"(当中|之中|中|里面|里|内)的?[，,]?", q[start:end]) if start else None
        start += inside.end() if inside and inside.start() <= 2 else 0
        items = []
        for seg in re.finditer(r"[^、，,和与及]+", q[start:end]):
            lo, hi = start + seg.start(), start + seg.end()
            within = [(len(span), e, c) for span, e, c in spans if lo <= min(span) and max(span) < hi]
            if not within:
                if len(re.findall(r"[\u4e00-\u9fff]", re.sub(r"[两三四五六七八九十\d]+(个|项|类|种)", "", seg.group(0)))) >= 2:
                    return None  # a listed name not found: no ranking of the others
                continue
            _, e, c = max(within, key=lambda x: x[0])
            items.append((e, c))
        return items if len(items) >= 2 else None

    def three_public_items(self) -> list[tuple[Entity, Cell]]:
        """The three items of the “三公” table (因公出国（境）费, 公务接待费, 公务用车购置及运行费,
        or its two parts where the whole is not printed), each with its amount."""
        t = self.doc.table("three_public")
        if t is None:
            return []
        found: dict[str, tuple[Entity, Cell]] = {}
        for e in self.cat.entities:
            for tt, r in e.rows:
                name = clean_name(r.label)
                item = next((k for k in ("因公出国", "公务接待", "购置及运行", "公务用车购置费", "公务用车运行")
                             if k in name), None)
                if tt is not t or item is None or item in found:
                    continue
                col = self.default_column(t, r)
                c = self.cell(t, r, col) if col else None
                if c is not None:
                    found[item] = (e, c)
        if "购置及运行" in found:
            found.pop("公务用车购置费", None), found.pop("公务用车运行", None)
        return list(found.values()) if len(found) >= 2 else []

    def classes_by_name(self) -> list[tuple[Entity, Cell]]:
        """The 类 of spending by function as a table printed without codes names them
        (一、一般公共服务支出 on the 收支总表's 支出 side), each with its amount: from the first
        of the expense, 一般公共预算 and summary tables that prints two or more."""
        from ..audit.narrative import FUNCTION_CLASSES

        for kind in ("expense", "gp_expense", "summary"):
            t = self.doc.table(kind)
            if t is None:
                continue
            out = []
            for e in self.cat.entities:
                for tt, r in e.rows:
                    name = re.sub(r"^[一二三四五六七八九十\d]+[、.．]\s*", "", clean_name(r.label))
                    if tt is t and r.side in (None, "支出") and name in FUNCTION_CLASSES:
                        col = self.default_column(t, r)
                        c = self.cell(t, r, col) if col else None
                        if c is not None:
                            out.append((e, c))
                        break
            if len(out) >= 2:
                return out
        return []

    def units(self, intent: Intent) -> list[tuple[Entity, Cell]]:
        """The bodies the document's income (or, asked of spending, expense) table lists one per
        row (the body itself, its 本级, each unit under it), with each row's total; the body's
        own level left out when the question leaves it out (除本级外, 下属)."""
        from .mentions import ORG_END

        kind = "expense" if "支出" in intent.q and "收入" not in intent.q else "income"
        t = self.doc.table(kind)
        if t is None:
            return []
        own = re.search(r"除.{0,8}本级|不含本级|下属", intent.q)
        total = next((r for r in t.rows if re.fullmatch(r"合计|总计", clean_name(r.label))), None)
        out = []
        for e in self.cat.entities:
            for tt, r in e.rows:
                label = re.sub(r"[（(][^）)]*[）)]|\s", "", r.label)
                if tt is not t or r.code and not re.fullmatch(r"\d{6}", r.code) or \
                        not (re.search(rf"(?:{ORG_END.pattern})$", label) or "本级" in r.label):
                    continue
                if own and ("本级" in r.label or label == re.sub(r"[（(][^）)]*[）)]", "", self.doc.department)):
                    continue  # (西安市财政局 of 西安市财政局（汇总）: the body's own row)
                col = self.default_column(t, r)
                c = self.cell(t, r, col) if col else None
                if c is not None and not (total is not None and total.values.get(col) == c.value):
                    out.append((e, c))  # (the body's row that repeats the total is the whole)
        return out if len(out) >= 2 else []

    def rank_population(self, intent: Intent) -> tuple[str, list[tuple[Entity, Cell]]]:
        """What a ranking ranks (see :data:`POPULATIONS`): the first population that applies to the
        question and has members, or that settles it even empty."""
        for population in POPULATIONS:
            if not population.applies(intent.q):
                continue
            found = population.members(self, intent)
            if found is not None and (found[1] or population.final):
                return found
        # (no project table read: the projects whose 绩效目标 forms are printed, said so)
        # ("最多多少辆" asks a bound, not which: only a question of which project ranks them)
        projects = self.projects()
        if projects or not re.search(r"哪", intent.q):
            return "项目", projects
        return "有绩效目标表的项目", self.projects_of_forms()

    def functional_subjects(self, intent: Intent) -> tuple[str, list[tuple[Entity, Cell]]]:
        """The 类 (or 款, 项) of spending by function, each its amount."""
        level = 7 if re.search(r"项级|项科目", intent.q) else 5 if re.search(r"款级|款科目", intent.q) else 3
        out = []
        for e in self.cat.entities:
            functional = any(t.kind in ("expense", "gp_expense", "income", "fiscal_summary") for t, _ in e.rows)
            if e.kind == "subject" and e.code and len(e.code) == level and e.code[0] == "2" and functional:
                got = self.entity_cell(intent, e)
                if got:
                    out.append((e, got[0]))
        if level == 3 and len(out) < 2:
            out = self.classes_by_name()  # tables that print the 类 without codes
        return f"支出功能分类（{ {3: '类', 5: '款', 7: '项'}[level] }）", out

    def economic_items(self, intent: Intent) -> tuple[str, list[tuple[Entity, Cell]]]:
        """The economic items of 基本支出, each its amount."""
        out = []
        for e in self.cat.entities:
            coded_item = e.kind == "subject" and e.code and len(e.code) == 5 and \
                any(t.kind == "gp_basic_economic" for t, _ in e.rows)
            if e.kind == "econ" or coded_item:
                got = self.entity_cell(intent, e)
                if got:
                    out.append((e, got[0]))
        # "公用经费里哪一个经济科目": the items of 公用经费 only (商品和服务支出, 资本性支出: 302, 310),
        # "人员经费里": those of 人员经费 (工资福利支出, 对个人和家庭的补助: 301, 303)
        # "按部门经济分类" (30101…) or "按政府经济分类" (50101…): the items of the classification named
        named = "3" if "部门经济分类" in intent.q else "5" if "政府经济分类" in intent.q else None
        if named and any(e.code and e.code.startswith(named) for e, _ in out):
            out = [(e, c) for e, c in out if e.code and e.code.startswith(named)]
        part = next((w for w in ("公用经费", "人员经费") if w in intent.q), None)
        if part:
            heads = ("302", "310") if part == "公用经费" else ("301", "303")
            out = [(e, c) for e, c in out if e.code and e.code.startswith(heads)]
            return f"{part}的经济科目", out
        return "基本支出经济科目", out

    def children_population(self, intent: Intent) -> tuple[str, list[tuple[Entity, Cell]]] | None:
        under = self.children_named(intent)
        if under is None:
            return None
        parent, kids = under
        return f"{parent.name}{f'（{parent.code}）' if parent.code else ''}下的科目", kids

    def answer_rank(self, intent: Intent, matches: list[Match]) -> Answer | None:
        what, pop = self.rank_population(intent)
        if not pop:
            return None
        desc = "rank_min" not in intent.ops
        ranked = sorted(pop, key=lambda ec: ec[1].value, reverse=desc)
        nth = re.search(r"第([二三四五六七八九十\d]+)", intent.q) if "nth" in intent.ops else None
        if nth:
            from .normalize import cn_to_int
            k = int(nth.group(1)) if nth.group(1).isdigit() else (cn_to_int(nth.group(1)) or 1)
            if not 1 <= k <= len(ranked):
                return None
            e, c = ranked[k - 1]
            fig = self.figure(c, e.name, intent.unit)
            text = (f"{what}中金额第{k}{'高' if desc else '低'}的是“{e.name}”，{fmt(fig.value, fig.unit)}。"
                    f"（在{len(pop)}个{what}中排序；{self.where(c)}）")
            return Answer(intent.raw, text, True, "computation", [fig], document=self.doc.doc_id)
        n = intent.top_n or (len(ranked) if "top_n" in intent.ops and not intent.top_n else 1)
        n = max(1, min(n, len(ranked)))
        top = ranked[:n]
        figs = [self.figure(c, e.name, intent.unit) for e, c in top]
        word = "最多" if desc else "最少"
        if n == 1 and len(pop) <= 10:
            # the few compared are all shown, and the figure carries each one's cell
            compared = "；".join(f"{ee.name} {fmt(cc.value, cc.unit)}" for ee, cc in ranked)
            figs = [self.figure(top[0][1], top[0][0].name, intent.unit, f"比较：{compared}", [cc for _, cc in ranked])]
        if n == 1:
            e, c = top[0]
            text = (f"{what}中金额{word}的是“{e.name}”，{fmt(figs[0].value, figs[0].unit)}。"
                    f"（在{len(pop)}个{what}中比较{'：' + figs[0].arithmetic[3:] if len(pop) <= 10 else ''}；"
                    f"{self.where(c)}）")
        else:
            listing = "；".join(f"{i + 1}. {e.name} {fmt(f.value, f.unit)}" for i, ((e, c), f) in
                                enumerate(zip(top, figs)))
            text = f"{what}按金额从{'高到低' if desc else '低到高'}前{n}名：{listing}。（来源：{top[0][1].prov.table}）"
        return Answer(intent.raw, text, True, "computation", figs, document=self.doc.doc_id)

    def project_subset(self, intent: Intent) -> tuple[str, list[tuple[Entity, Cell]]] | None:
        """Projects picked by their name: '以政府投资信息化项目开头的', '名称带补贴的'."""
        q = intent.q
        m = re.search(r"以(.{2,20}?)(开头|打头|起头)", q)
        if m:
            word, test = m.group(1), (lambda name, w=m.group(1): clean_name(name).startswith(clean_name(w)))
        else:
            m = re.search(r"(名称|名字)?(包含|含有|带有|带)(.{1,12}?)(字样|二字|的)", q)
            if not m:
                return None
            word, test = m.group(3), (lambda name, w=m.group(3): clean_name(w) in clean_name(name))
        chosen = [(e, c) for e, c in self.projects() if test(e.name)]
        return (word, chosen) if chosen else None

    def answer_project_subset(self, intent: Intent) -> Answer | None:
        subset = self.project_subset(intent)
        if subset is None:
            return None
        word, chosen = subset
        names = "、".join(f"{e.name}（{fmt(c.value, c.unit)}）" for e, c in chosen)
        if re.search(r"(合计|总共|一共|加起来|共计|总额).{0,6}(多少|金额)|多少(万元|钱|元)|金额", intent.q):
            unit = chosen[0][1].unit
            total = sum((c.value for _, c in chosen), Decimal(0))
            arithmetic = " + ".join(str(c.value) for _, c in chosen) + f" = {total}"
            fig = self.figure(Cell(total, unit, chosen[0][1].prov, word), f"名称含“{word}”的项目合计", intent.unit,
                              arithmetic, [c for _, c in chosen])
            text = f"名称含“{word}”的项目有{len(chosen)}个：{names}，合计{fmt(fig.value, fig.unit)}（{arithmetic}）。"
            return Answer(intent.raw, text, True, "computation", [fig], document=self.doc.doc_id)
        prov = chosen[0][1].prov
        fig = Figure(f"名称含“{word}”的项目个数", Decimal(len(chosen)), "个", prov,
                     f"逐个计数：{'、'.join(e.name for e, _ in chosen)}", [c.prov for _, c in chosen])
        return Answer(intent.raw, f"名称含“{word}”的项目有{len(chosen)}个：{names}。", True, "computation",
                      [fig], document=self.doc.doc_id)

    def answer_count(self, intent: Intent, matches: list[Match]) -> Answer | None:
        q = intent.q
        subset = self.answer_project_subset(intent)
        if subset is not None:
            return subset
        forms = self.forms_counted(intent)
        if forms is not None:
            return forms
        by_field = self.count_by_form_field(intent)
        if by_field is not None:
            return by_field
        under = self.children_named(intent) if re.search(r"(几|多少)(个|项)?.{0,4}(科目|项|款)", q) else None
        if under is not None:
            parent, printed = under
            kids, cond = _meeting_threshold(intent, printed)  # "有几个科目超过50万元": those above it only
            names = "、".join(f"{k.name}（{fmt(c.value, c.unit)}）" if cond else k.name for k, c in kids)
            prov = Provenance(self.doc.doc_id, printed[0][1].prov.table, parent.name, "科目", printed[0][1].prov.line)
            fig = Figure(f"{parent.name}下{cond}的科目个数", Decimal(len(kids)), "个", prov, f"{names}：{len(kids)}个",
                         [c.prov for _, c in kids])
            listed = f"{parent.name}{f'（{parent.code}）' if parent.code else ''}下列出{len(printed)}个科目"
            text = (f"{listed}，其中{cond}的有{len(kids)}个：{names}。" if cond else f"{listed}：{names}。") + \
                f"（来源：{printed[0][1].prov.table}）"
            return Answer(intent.raw, text, True, "computation", [fig], document=self.doc.doc_id)
        if re.search(r"(几|多少)个?[^，,。？?]{0,8}?[（(]?(类|款|项)级|功能[类款项](?![目别]).{0,16}(几|多少)个?", q):
            # "涉及几个类级科目", "一共列了多少个项级功能科目", "支出功能类…有几个": the subjects
            # of that level printed
            level = re.sub(r"功能([类款项])(?![目别])", r"\1级", re.sub(r"[（(]?(类|款|项)级[）)]?", r"\1级", q))
            what, subjects = self.functional_subjects(replace(intent, q=level))
            if len(subjects) < 1:
                return None
            names = "、".join(e.name for e, _ in subjects)
            fig = Figure(f"{what}个数", Decimal(len(subjects)), "个", subjects[0][1].prov, f"{names}：{len(subjects)}个",
                         [c.prov for _, c in subjects])
            return Answer(intent.raw, f"{what}共{len(subjects)}个：{names}。（来源：{subjects[0][1].prov.table}）",
                          True, "computation", [fig], document=self.doc.doc_id)
        if not re.search(r"(几|多少)个?项目|项目.{0,6}(几|多少)个|项目数|项目的?(个数|数量)", q):
            return None
        if len(re.findall(r"[\u4e00-\u9fff]", QUALIFIED.sub("", q.replace(self.doc.department, "")))) >= 4:
            return None  # "全面实施绩效目标管理的一级预算项目": a set the table does not mark
        pop = self.projects()
        if not pop:
            return None
        chosen, cond = _meeting_threshold(intent, pop)
        prov = Provenance(self.doc.doc_id, pop[0][1].prov.table, "项目", pop[0][1].prov.column,
                          pop[0][1].prov.line)
        fig = Figure(f"项目个数{cond}", Decimal(len(chosen)), "个", prov,
                     f"逐个计数：{'、'.join(e.name for e, _ in chosen)}", [c.prov for _, c in chosen])
        names = "、".join(f"{e.name}（{fmt(c.value, c.unit)}）" for e, c in chosen)
        text = f"项目支出预算表共列{len(pop)}个项目" + (f"，其中{cond}的有{len(chosen)}个：{names}。" if cond
                                                    else f"：{names}。")
        return Answer(intent.raw, text, True, "computation", [fig], document=self.doc.doc_id)

    def forms_counted(self, intent: Intent) -> Answer | None:
        """"公开了几个项目的绩效目标表": the projects' 绩效目标 forms the document prints (each
        merged over its printed copies; the body's 部门整体支出 form is not a project's), counted
        and named; None unless that is what is asked."""
        q = intent.q
        if not (re.search(r"绩效目标(申报)?表", q) and re.search(r"(几|多少)(个|张|份|项)", q)) or \
                re.search(r"指标|目标值|(几|多少)(个|项)(指标|目标)", q):
            return None
        rest = re.sub(r"(?:项目支出)?绩效目标(?:申报)?表|这份|本|单位|部门|预算|一共|总共|共|公开了?|印有|列了?|列出|"
                      r"里面?|中|有|几个|多少个|几张|几份|多少|项目|的|是|了|[？?，,。\s]", "",
                      q.replace(self.doc.department, ""))
        if len(rest) >= 2:
            return None  # "重点项目绩效目标表中，某中心列了几个项目": a part of them, which is not counted here
        forms = self.project_forms()
        if not forms:
            return None
        names = "、".join(f.project for f in forms)
        prov = Provenance(self.doc.doc_id, "项目支出绩效目标申报表", forms[0].project, "项目名称", forms[0].line_start)
        fig = Figure("项目支出绩效目标表所列项目个数", Decimal(len(forms)), "个", prov, f"逐个计数：{names}",
                     [Provenance(self.doc.doc_id, "项目支出绩效目标申报表", f.project, "项目名称", f.line_start)
                      for f in forms])
        text = (f"公开文件印有{len(forms)}个项目的绩效目标表：{names}。"
                f"（来源：各表“项目名称”栏，第{forms[0].line_start}行起）")
        return Answer(intent.raw, text, True, "computation", [fig], document=self.doc.doc_id)

    def side_total(self, side: str, label: str) -> Cell | None:
        """A total row of one side of the 收支总表 (本年收入合计, 收入总计), by its printed name."""
        t = self.tables.get("summary")
        if t is None:
            return None
        names = {label, label.replace("合计", "总计"), label.replace("总计", "合计")}
        r = next((x for x in t.rows if x.side in (None, side) and clean_name(x.label) in names), None)
        if r is None and not label.startswith("本年"):
            # a two-sided table's bare 合计 on that side is its 收入总计
            r = next((x for x in t.rows if x.side == side and clean_name(x.label) in ("合计", "总计")), None)
        col = self.default_column(t, r) if r is not None else None
        return self.cell(t, r, col) if col and r.values.get(col) is not None else None

    def grand_total(self, q: str) -> Cell | None:
        """The expense table's total: its 项目支出 or 基本支出 column when ``q`` names one."""
        if re.search(r"项目支出", q):
            wanted = "项目支出"
        elif re.search(r"基本支出", q) and not re.search(r"基本支出(的)?(比例|比重|占)", q):
            wanted = "基本支出"
        else:
            wanted = "合计"
        # the expense table's total row; where it is not read (empty, or printed per unit),
        # the next functional table that prints one
        def total(kind: str) -> Cell | None:
            t = self.tables.get(kind)
            if t is None or t.empty:
                return None
            r = self.total_row(t)
            if r is None:
                return None
            col = wanted
            if r.values.get(col) is None and col == "合计":
                col = self.default_column(t, r) or col  # 决算 tables: 本年支出合计, 决算数合计
            return self.cell(t, r, col) if r.values.get(col) is not None else None

        found = total("expense")
        if found is not None or "expense" in self.tables and wanted != "合计":
            return found  # the 支出总表 is printed: its 基本/项目支出, or nothing
        if wanted == "合计":
            t = self.tables.get("summary")
            r = next((x for x in t.rows if x.side == "支出" and clean_name(x.label) in ("支出总计", "支出合计")),
                     None) if t is not None else None
            col = self.default_column(t, r) if r is not None else None
            if col and r.values.get(col) is not None:
                return self.cell(t, r, col)  # the 收支总表's 支出总计
            if t is not None:
                return None
        # no 支出总表 and no 收支总表: the functional table's total
        return total("gp_expense") or total("fiscal_expense")

    def amounts_in(self, intent: Intent, text: str | None = None, limit: int = 6) -> list[tuple[Entity, Cell]]:
        """The amounts a question names, in the order it names them (spans do not overlap)."""
        return [(e, c) for _, e, c in self.amounts_at(intent, text, limit)]

    def amounts_at(self, intent: Intent, text: str | None = None,
                   limit: int = 6) -> list[tuple[set[int], Entity, Cell]]:
        """``amounts_in`` with where in the question each amount's name was matched."""
        q = intent.q if text is None else text
        sub = intent if text is None else Intent(raw=intent.raw, q=text, unit=intent.unit, ops=intent.ops)
        used: set[int] = set()
        found: list[tuple[int, Entity, Cell]] = []

        naming: set[int] = set()  # the funding sources said as names, not as qualifiers

        def said_alone(span) -> bool:  # the name is all the text says
            return bool(span) and not self.has_content("".join(ch for i, ch in enumerate(q) if i not in span))

        # where the question names a unit of the body (北郊监狱 of 杭州市北郊监狱): a name matched
        # inside it (监狱) is not asked, only the unit itself
        units_at = [(u, at) for u, at in self.cat.units_said(q).items() if at]
        while len(found) < limit:
            ms = [m for m in self.confident(q, self.cat.match(q, exclude=used))
                  if m.entity.kind not in ("definition", "section", "fact")
                  and not any(m.span and set(m.span) <= at and m.entity.name != u for u, at in units_at)]
            others = [o for o in ms if o.span and not _funding_source(o.entity)]
            for m in ms:
                if _funding_source(m.entity) and m.span and any(set(o.span) < set(m.span) for o in others) \
                        and not any(0 < min(o.span) - max(m.span) <= 2 for o in others):
                    # 政府性基金预算财政拨款收入 holds 财政拨款收入, and qualifies no name said
                    # right after it (一般公共预算财政拨款基本支出): it names
                    naming.add(id(m.entity))
            ms.sort(key=lambda m: _funding_source(m.entity) and not said_alone(m.span) and id(m.entity) not in naming)
            ms = [m for m in ms
                  if clean_name(m.entity.name) not in TOTAL_KEYS
                  and not _a_side_total(clean_name(m.entity.name))
                  and (m.exact or m.entity.kind == "project" or not _lone_characters(m.span, q, m.entity.name))
                  and all(m.entity is not e for _, e, _ in found)]
            named = table_named(q)
            if named:  # "会议费和培训费": the rows of the table those words name (三公) first
                ms.sort(key=lambda m: not any(t.kind == named for t, _ in m.entity.rows))
            got = None
            for m in ms:
                cell = self.entity_cell(sub, m.entity)
                if cell:
                    got = (m, cell[0])
                    break
            if got is None:
                break
            m, c = got
            found.append((set(m.span), m.entity, c))
            used |= _longest_run(m.span)  # shared words (支出) stay available to the next name
        if not found:
            fa = self.first_amount(sub, [])
            return [(set(), *fa)] if fa else []
        if any(not _funding_source(e) for _, e, _ in found):
            # they qualify, not name (一般公共预算的项目支出); unless said alone (一般公共预算拨款占…)
            found = [x for x in found if not _funding_source(x[1]) or said_alone(x[0]) or id(x[1]) in naming]
        return sorted(found, key=lambda x: min(x[0]) if x[0] else 0)

    def income_whole(self, t) -> Row | None:
        """A two-sided table's income total, when it is one amount: 收入总计, and this year's
        income (本年收入) the same figure or not printed (else which is meant is not said)."""
        rows = {re.sub(r"^[一二三四五六七八九十]+、", "", clean_name(r.label)): r for r in t.rows if r.side != "支出"}
        total = rows.get("收入总计") or rows.get("收入合计")
        this_year = rows.get("本年收入") or rows.get("本年收入合计")
        if total is None or (this_year is not None and this_year.values != total.values):
            return None
        return total

    def answer_share(self, intent: Intent, matches: list[Match]) -> Answer | None:
        unit_share = self.unit_share(intent)
        if unit_share is not None:
            return unit_share
        q = intent.q
        head, _, tail = q.partition("占")
        denom = re.sub(r"(的)?(比例|比重|百分之几|百分比|%之几|%|多少|几成|份额|多大|是|呢|？|\?).*$", "", tail)
        denom = re.sub(r"^(比|了|的)+", "", denom)
        within = _WITHIN.match(head) if not denom else None
        if within:
            head, denom = within.group(1), within.group(2)  # "因公出国（境）费在三公经费中占比"
        inside = _INSIDE.match(head)
        if inside and not denom:
            denom, head = inside.group(1), inside.group(3)  # "三公经费里公务用车…占多大比例"
        elif inside and len(inside.group(3)) >= 2:
            head = inside.group(3)  # "基本支出中人员经费占基本支出": the part is what follows 中
        parts = self.amounts_at(intent, head) if head != q else self.amounts_at(intent)
        if not parts:
            return None
        span, e, c = parts[0]
        if "本级" in head and "本级" not in f"{e.name}{c.prov.row or ''}":
            return None  # "统计局本级收入": the body's own unit, not the department's whole
        said = "".join(head[i] for i in sorted(span) if i < len(head))
        if span and len(span) < 0.6 * len(e.key) and said not in e.extra_keys:  # (本级: a name of its own)
            return None  # 服务类项目 is a few words of 信息化服务类项目（非运维服务部分）, not its name
        whole = None
        if inside and re.fullmatch(r"(全部|整体|所有|全)?(总额|总数|合计|总计|总量)", denom or ""):
            denom = inside.group(1)  # "政府采购预算中服务类占总额": the total of what scopes the part
        if denom:
            from .mentions import strip_scope
            denom = strip_scope(denom, self.doc.department, self.doc.year)  # 巡特警支队支出预算总额
        if (denom or "").startswith("其"):
            return None  # "占其全年预算": a share of its own budget, never of the budget's total
        this_year = bool(re.match(r"^(本年|当年)", denom or ""))
        denom = re.sub(r"^(全部门|全局|全单位|全部|总|整体|所有|全|部门|本部门|整个|当年|本年)+", "", denom or "")
        if re.fullmatch(r"收入(合计|总计|总额)?", denom):
            # the income side's total: 本年收入合计 (this year's money) or 收入总计
            whole = self.side_total("收入", "本年收入合计" if this_year else "收入总计")
            if whole is None:
                return None
            denom = ""
        elif re.fullmatch(r"(支出|预算|部门预算|金额|资金|支出预算|预算支出)?(合计|总计|总额)?", denom):
            # the whole budget; 本年支出合计, where the 收支总表 prints it, is this year's spending
            # without what is carried over to the next
            whole = self.side_total("支出", "本年支出合计") if this_year and denom.startswith("支出") else None
            denom = ""
        gp = self.tables.get("gp_expense")
        if denom and gp is not None and re.search(r"一般公共预算", denom) and re.search(r"支出", denom) \
                and not re.search(r"基本|项目|人员|公用", denom):
            gp_total = self.total_row(gp)
            col = self.default_column(gp, gp_total) if gp_total else None
            whole = self.cell(gp, gp_total, col) if col else None
            denom = "" if whole is not None else denom
        if denom:
            found = [(span, e_w, c_w) for span, e_w, c_w in self.amounts_at(intent, denom)
                     if not (_funding_source(e_w) and re.search(
                         r"支出|基本|项目|人员|公用", "".join(ch for i, ch in enumerate(denom) if i not in span)))]
            # (一般公共预算财政拨款基本支出: the source of money qualifies the whole, never is it;
            # 基本支出的人员经费: the whole is the name said last, which the ones before it scope)
            if found:
                whole = max(found, key=lambda x: max(x[0], default=-1))[2]
            elif re.search(r"项目支出", denom):
                whole = self.grand_total("项目支出")
            elif re.search(r"基本支出", denom):
                whole = self.grand_total("基本支出")
        if whole is None and denom:
            # "政府采购预算中服务类占多少": the whole is the total of the table the part is printed in
            own = next((t for t in self.doc.tables if t.title == c.prov.table), None)
            named = re.sub(r"(总额|总计|合计|总数)?(明细|情况)?表?$", "", denom)
            # (财政拨款收入 of the 财政拨款收支总表, whose two sides balance)
            titled = own is not None and len(named) >= 2 and (
                named in own.title or (own.kind in ("summary", "fiscal_summary")
                                       and re.sub(r"收入$|支出$", "收支", named) in own.title))
            total = (self.total_row(own) or self.income_whole(own)) if titled else None
            whole = self.cell(own, total, c.prov.column) if total is not None else None
        if whole is None and re.search(r"收入", denom) and not re.search(r"支出", denom):
            return None  # an income whole not found: never the expense total
        if whole is None:
            whole = self.grand_total("基本支出") if e.kind == "econ" else self.grand_total("")
        if whole is None or whole.value == 0:
            return None
        within = next((t for t in self.doc.tables if t.title == whole.prov.table), None)
        # (its column printed as 其中：基本支出 too)
        column = next((x for x in within.columns if re.sub(r"^其中[:：]?", "", x) == e.column), None) \
            if e.kind == "measure" and within is not None else None
        if column is not None and c.prov.table != within.title:
            # "一般公共预算拨款支出中项目支出占比": the part from the table of the whole, not another
            total = self.total_row(within)
            c = (self.cell(within, total, column) if total is not None else None) or c
        wv = convert(whole.value, whole.unit, c.unit)
        if c.prov == whole.prov or (c.value == wv and clean_name(e.name) in clean_name(whole.label + whole.prov.column)):
            return None  # the part found is the whole itself: the part asked for is not printed
        pct = q2(c.value / wv * 100)
        of_itself = bool(denom) and re.sub(r"\W", "", denom) in re.sub(r"\W", "", head)
        if pct > 100 and (inside or not denom or of_itself):
            # a part of its whole above 100% ("执法队的三公经费占全部门三公经费"): the part or the
            # whole found is not the one meant
            return None
        arithmetic = f"{c.value} ÷ {wv} × 100% = {pct}%"
        fig = Figure(f"{e.name}占比", pct, "%", c.prov, arithmetic, [c.prov, whole.prov])
        text = (f"{e.name}{fmt(c.value, c.unit)}，占{whole.label}（{whole.prov.column}）"
                f"{fmt(whole.value, whole.unit)}的{pct}%（{arithmetic}）。{self.where(c)}。")
        return Answer(intent.raw, text, True, "computation", [fig], document=self.doc.doc_id)

    def _per_item(self, intent: Intent, matches: list[Match], counter: str) -> Answer:
        """An amount per item ("购置了5辆公务用车，平均每辆车的购置费"): the amount divided by the
        count the question itself states, shown; refused when it states none (the disclosure's
        counts are not read as the divisor)."""
        from .normalize import cn_to_int

        said = re.search(rf"(\d+|[一二三四五六七八九十两百]+)\s*{counter}", intent.q[:intent.q.find("平均")])
        n = (int(said.group(1)) if said.group(1).isdigit() else cn_to_int(said.group(1))) if said else None
        got = self.first_amount(intent, matches) if n else None
        if not n or got is None:
            return Answer(intent.raw, f"问题问的是平均每{counter}的金额，公开文件没有直接给出，问题也没有给出数量，"
                          f"所以不给出数字。", False, "refusal", [], document=self.doc.doc_id)
        e, c = got
        avg = q2(c.value / n)
        arithmetic = f"{c.value} ÷ {n} = {avg}"
        fig = self.figure(Cell(avg, c.unit, c.prov, "平均"), f"{e.name}平均每{counter}", intent.unit, arithmetic, [c])
        text = (f"{e.name}{fmt(c.value, c.unit)}，按问题所说的{n}{counter}计，平均每{counter}"
                f"{fmt(fig.value, fig.unit)}（{arithmetic}）。{self.where(c)}。")
        return Answer(intent.raw, text, True, "computation", [fig], document=self.doc.doc_id)

    def first_amount(self, intent: Intent, matches: list[Match], exclude_kinds=("definition", "section")):
        for m in matches:
            if m.entity.kind in exclude_kinds or m.entity.kind == "fact":
                continue
            got = self.entity_cell(intent, m.entity)
            if got:
                return m.entity, got[0]
        # A column named alone: '基本支出占比' -> the 合计 row of the expense table
        for col, pattern in COLUMN_WORDS[:4]:
            if re.search(pattern, intent.q):
                for kind in ("expense", "gp_expense", "gp_basic_economic"):
                    t = self.tables.get(kind)
                    if t and col in t.columns:
                        r = self.total_row(t)
                        c = self.cell(t, r, col) if r else None
                        if c:
                            return Entity("measure", col, col, rows=[(t, r)]), c
        return None

    def answer_completion(self, intent: Intent, matches: list[Match]) -> Answer | None:
        """决算数 ÷ 预算数 for a named row of a final-accounts table that prints both."""
        for m in matches:
            for t, r in m.entity.rows:
                done = next((c for c in t.columns if "决算" in c and r.values.get(c) is not None), None)
                plan = next((c for c in t.columns if "预算" in c and r.values.get(c)), None)
                if done and plan:
                    a, b = r.values[done], r.values[plan]
                    pct = q2(a / b * 100)
                    arithmetic = f"{a} ÷ {b} × 100% = {pct}%"
                    fig = Figure(f"{m.entity.name}完成预算的比例", pct, "%", self.prov(t, r, done), arithmetic,
                                 [self.prov(t, r, done), self.prov(t, r, plan)])
                    text = (f"{m.entity.name}{done}{fmt(a, t.unit)}，{plan}{fmt(b, t.unit)}，完成预算的{pct}%"
                            f"（{arithmetic}）。来源：{t.title}第{r.line}行。")
                    return Answer(intent.raw, text, True, "computation", [fig], document=self.doc.doc_id)
        return self.completion_of_stated_plan(intent, matches)

    def completion_of_stated_plan(self, intent: Intent, matches: list[Match]) -> Answer | None:
        """A 决算 whose tables print an item's outturn only: the outturn over the one plan its
        情况说明 states for the item ("全年预算为17.68万元，支出决算为11.31万元"), both shown."""
        if self.doc.kind != "决算":
            return None
        for m in matches:
            if not (m.exact and m.entity.kind in ("subject", "row") and m.entity.rows):
                continue
            plan = self.plan_in_narrative(intent, m.entity, computing=True)
            if plan is None or not plan.figures:
                return None
            t, r = self.pick_row(intent.q, m.entity)
            if "财政拨款" in (plan.figures[0].source.table or ""):
                # a plan the 财政拨款 支出决算情况说明 states: the outturn of the 财政拨款 table
                t, r = next(((tt, rr) for tt, rr in m.entity.rows if "财政拨款" in tt.title), (t, r))
            col = self.default_column(t, r) if r is not None else None
            if col is None or "预算" in col or t.unit not in ("万元", "元", "亿元"):
                return None
            done = self.cell(t, r, col)
            if done is None:
                return None
            b = convert(plan.figures[0].value, plan.figures[0].unit, done.unit)
            if not b:
                return None
            pct = q2(done.value / b * 100)
            arithmetic = f"{done.value} ÷ {b} × 100% = {pct}%"
            fig = Figure(f"{m.entity.name}完成预算的比例", pct, "%", done.prov, arithmetic,
                         [done.prov, plan.figures[0].source])
            where = plan.figures[0].source
            text = (f"{m.entity.name}支出决算{fmt(done.value, done.unit)}（{t.title}，第{r.line}行），"
                    f"情况说明所列预算{fmt(b, done.unit)}（{where.table}，第{where.line}行），"
                    f"完成预算的{pct}%（{arithmetic}）。")
            return Answer(intent.raw, text, True, "computation", [fig], document=self.doc.doc_id)
        return None

    def named_pair(self, intent: Intent) -> list[tuple[Entity, Cell]] | None:
        """The two amounts a difference or ratio is about, in the order the question names them.
        With "A比B" the two are the names inside A and B ("基本支出中，人员经费比公用经费多多少":
        人员经费 and 公用经费, not the 基本支出 that scopes them), or none."""
        pair = self.form_amount_pair(intent)
        if pair:
            return pair
        sides = COMPARED.search(intent.q)
        if sides:
            units = self.units_compared(intent, sides.group(1), sides.group(2), intent.q[sides.end():])
            if units is not None:
                return units or None  # (two units named: their own amounts, or none)
        found = self.amounts_at(intent)
        if sides and min(len(sides.group(1)), len(sides.group(2))) >= 2:
            def inside(k: int) -> tuple[Entity, Cell] | None:
                lo, hi = sides.span(k)
                here = [(e, c) for span, e, c in found if span and lo <= min(span) and max(span) < hi]
                # (政府采购货物预算: 货物, a row of the table whose total 政府采购预算 is, is the side)
                rows = [(e, c) for e, c in here if not any(
                    e2 is not e and c2.prov.table == c.prov.table and _total_label(c.prov.row) and not _total_label(c2.prov.row)
                    for e2, c2 in here)]
                return next(iter(rows or here), None)
            a, b = inside(1), inside(2)
            if a is None or b is None:
                return None
            scope = re.sub(r"(里面|里的|中的|里|中|的)$", "", re.sub(r"[，,。\s]", "", intent.q[:sides.start(1)]))
            from .lookup import GENERAL_WORDS
            if a[0].kind == b[0].kind == "measure" and len(re.findall(r"[\u4e00-\u9fff]", GENERAL_WORDS.sub("", scope))) >= 2 \
                    and not re.search(r"表$", scope):  # (a table named, or 一般公共预算基本支出, scopes no row)
                return self.columns_of_row(scope, a[0], b[0])  # "电费里项目支出比基本支出多多少"
            if self.outside_scope(scope, [a[1], b[1]]):
                return None  # "信访业务项目中，委托业务费比维修（护）费…": two amounts of that subject, or none
            return [a, b]
        pair = [(e, c) for _, e, c in found[:2]]
        return pair if len(pair) == 2 else None

    def outside_scope(self, scope: str, cells: list[Cell]) -> bool:
        """The question scopes its amounts by a subject or project it names in full (信访业务项目中),
        and a cell read is not of it: its table, row and name do not say the scope."""
        scope = re.sub(r"(项目|科目)$", "", scope)
        if len(scope) < 2:
            return False
        named = [m for m in self.cat.match(scope, kinds=("subject", "project"), limit=3)
                 if m.exact and len(m.span) >= len(scope) - 1]
        if not named:
            return False
        keys = {m.entity.key for m in named} | {m.entity.name for m in named}
        return any(not any(k in f"{c.prov.table}{c.prov.row}{c.prov.column}{c.label}" for k in keys) for c in cells)

    def units_compared(self, intent: Intent, a_text: str, b_text: str, tail: str = "") -> list[tuple[Entity, Cell]] | None:
        """"行政执法队的公务用车购置费比港航管理中心多多少": two units of the body, each side naming
        one, compared on the measure said with the first (the second's left unsaid): each unit's
        own amount of it (its row of the income or expense table for its whole budget, else the
        measure's cell of that unit: its column, or its row of a table printed by unit). None when
        the sides do not name two units; [] when a unit's amount is not printed."""
        units = [u for u in self.cat.unit_names if u != self.doc.department]

        def unit_of(text: str) -> str | None:
            said = [u for u in units if self.cat.unit_said(u, text)]
            if not said and re.search(r"本级|局机关|机关本级", text):
                said = [u for u in units if "本级" in u] or [self.doc.department]
            return said[0] if len(said) == 1 else None
        ua, ub = unit_of(a_text), unit_of(b_text)
        if ua is None or ub is None or ua == ub:
            return None
        measure = re.sub(r"^(?:本级|局机关|机关本级)?的?|的$", "", _without_unit(a_text, ua))
        if not measure and (said := re.search(r"收入|支出", tail)):
            measure = said.group(0)  # "…多安排了多少预算收入": the measure said after the comparison
        out = []
        for unit in (ua, ub):
            cell = self.unit_amount(intent, unit, measure)
            if cell is None:
                return []
            shown = f"{unit}本级" if unit == self.doc.department else unit  # (the body's own level)
            name = f"{shown}的{measure}" if measure else shown
            out.append((Entity("row", name, name), cell))
        return out

    def unit_share(self, intent: Intent) -> Answer | None:
        """"统计普查中心的收入预算占全局收入合计的比例": one unit's own amount (see
        :meth:`unit_amount`) over the total row of the same table and column; None unless the
        part names one unit of the body and the whole is the body's (全局, 整个部门, 合计)."""
        head, _, tail = intent.q.partition("占")
        if not tail or not re.search(r"全局|全部|整个|部门|单位|总额|总计|合计|总收入|总支出|总预算", tail):
            return None
        units = [u for u in self.cat.unit_names if u != self.doc.department and self.cat.unit_said(u, head)]
        if len(units) != 1:
            return None
        unit = units[0]
        measure = re.sub(r"^的|的$", "", _without_unit(head, unit))
        if not re.sub(r"预算|总额|合计|总计|收入|支出|的", "", measure) == "":
            return None  # (a measure other than the unit's whole budget: not worked out here)
        part = self.unit_amount(intent, unit, measure)
        if part is None:
            return None
        t = next((t for t in self.doc.tables if t.title == part.prov.table), None)
        total = self.total_row(t) if t is not None else None
        whole = self.cell(t, total, part.prov.column) if total is not None and part.prov.column else None
        if whole is None or whole.value == 0:
            return None
        pct = q2(part.value / whole.value * 100)
        arithmetic = f"{part.value} ÷ {whole.value} × 100% = {pct}%"
        fig = Figure(f"{unit}{measure}占{t.title}{total.label}的比例", pct, "%", part.prov, arithmetic,
                     [part.prov, whole.prov])
        text = (f"{unit}{fmt(part.value, part.unit)}，占{total.label}{fmt(whole.value, whole.unit)}的{pct}%"
                f"（{arithmetic}）。来源：{t.title}，“{unit}”行与“{total.label}”行“{part.prov.column}”列。")
        return Answer(intent.raw, text, True, "computation", [fig], document=self.doc.doc_id)

    def unit_amount(self, intent: Intent, unit: str, measure: str) -> Cell | None:
        """One unit's amount of ``measure``: its whole budget (收入/支出/预算) from its own row of
        the income or expense table; any other measure from the cell the lookup reads for the
        question "<unit>的<measure>", when that cell is the unit's (its column, its row, or a row
        printed as the unit's)."""
        general = re.sub(r"预算|总额|合计|总计|是|多少|的", "", measure)
        if general in ("", "收入", "支出"):
            kinds = ("income",) if general == "收入" else ("expense",) if general == "支出" else ("expense", "income")
            if len(kinds) == 2:
                # the budget said as neither: the two tables must agree on the body's total, or
                # the one the 收支总表's total is read from answers
                totals = {k: self.total_row(self.tables[k]) for k in kinds if self.tables.get(k) is not None}
                values = {k: (r.values.get(self.default_column(self.tables[k], r) or "") if r else None)
                          for k, r in totals.items()}
                if len(set(values.values())) > 1:
                    grand = self.answer_grand_total(replace(intent, q="预算总额是多少", ops=[]))
                    g = grand.figures[0] if grand is not None and grand.figures else None
                    kinds = tuple(k for k, v in values.items() if g is not None and v is not None and
                                  convert(v, self.tables[k].unit, g.unit) == g.value)
            for kind in kinds:
                t = self.tables.get(kind)
                rows = [r for r in (t.rows if t is not None else []) if r.label == unit]
                if len(rows) == 2 and (total := self.total_row(t)) is not None:
                    # the body printed twice (its department's total, then its own level): its own
                    rows = [r for r in rows if r.values != total.values] or rows
                if len(rows) == 1:
                    col = self.default_column(t, rows[0])
                    c = self.cell(t, rows[0], col) if col else None
                    if c is not None:
                        return Cell(c.value, c.unit, c.prov, unit)
            return None
        asked = replace(intent, q=f"{unit}的{measure}", ops=[])
        for m in self.confident(asked.q, self.cat.match(asked.q, limit=5)):
            if m.entity.kind not in ("subject", "econ", "row", "project") or m.entity.name == unit:
                continue
            got = self.entity_cell(asked, m.entity)
            if got is None:
                return None
            c = got[0]
            whose = {r.texts.get(UNIT_OF_ROW, "") for t, r in m.entity.rows if r.line == c.prov.line}
            if unit in (c.prov.column or "") or unit in (c.label or "") or unit in whose:
                return Cell(c.value, c.unit, c.prov, f"{unit}{m.entity.name}")
            return None
        return None

    def columns_of_row(self, scope: str, a: Entity, b: Entity) -> list[tuple[Entity, Cell]] | None:
        """Two columns (项目支出, 基本支出) of the row ``scope`` names (电费), from a table that
        prints both; None when no such row is named: never the columns' totals instead."""
        for m in self.cat.match(scope, kinds=("subject", "econ", "row"), limit=3):
            if not m.exact or len(m.span) < len(scope) - 1:
                continue
            for t, r in m.entity.rows:
                ca, cb = (self.cell(t, r, x.column) if x.column in t.columns else None for x in (a, b))
                if ca is not None and cb is not None:
                    return [(a, Cell(ca.value, ca.unit, ca.prov, f"{r.label}{a.column}")),
                            (b, Cell(cb.value, cb.unit, cb.prov, f"{r.label}{b.column}"))]
        return None

    def tables_named(self, q: str) -> list[str]:
        """The kinds of table the question names, in the order it names them (支出预算总表 …
        一般公共预算拨款支出表), each once, and only kinds the document prints."""
        held = {t.kind for t in self.doc.tables}
        found = sorted((m.start(), kind) for kind, pattern in TABLE_NAMES if kind in held
                       for m in re.finditer(pattern, q))
        kinds: list[str] = []
        for start, kind in found:
            if kind not in kinds:
                kinds.append(kind)
        return kinds

    def one_item_in_two_tables(self, intent: Intent) -> tuple[Cell, Cell] | None:
        """"科目2010399在支出总表中的数和一般公共预算支出表中的数": the item's cell in each of the
        two tables the question names (the default column of each), when it names one item."""
        kinds = self.tables_named(intent.q)
        sides = COMPARED.search(intent.q)
        all_against_one = len(kinds) != 2 and sides is not None and \
            bool(re.search(r"全部|所有|总预算|总计|总的|整个|全口径", sides.group(1))) and \
            bool(re.match(r"(?:一般公共预算|财政拨款)", sides.group(2))) and \
            {"expense", "gp_expense"} <= set(self.tables)
        if all_against_one:
            # "全部项目支出比一般公共预算安排的项目支出多多少": all funds' (the 支出总表) against the
            # 一般公共预算's own table
            kinds = ["expense", "gp_expense"]
        if len(kinds) != 2:
            return None
        column = next((c for c in ("项目支出", "基本支出") if all_against_one and c in sides.group(1) and c in sides.group(2)), None)
        if column:
            # (a column of both tables, 项目支出: their totals' cells)
            totals = [(t, self.total_row(t)) for t in (self.tables[k] for k in kinds)]
            cells = [self.cell(t, r, column) if r is not None and column in t.columns else None for t, r in totals]
            if any(c is None for c in cells):
                return None
            return replace(cells[0], label=column), replace(cells[1], label=column)
        items = [m for m in self.cat.match(intent.q) if m.exact and m.entity.kind in ("subject", "row", "econ")]
        if not items:
            return None
        key = items[0].entity.key
        rows = [(t, r) for m in items if m.entity.key == key for t, r in m.entity.rows]
        cells = []
        for kind in kinds:
            here = [(t, r) for t, r in rows if t.kind == kind]
            if len({id(r) for _, r in here}) != 1:
                return None  # printed there not at all, or more than once
            t, r = here[0]
            col = self.default_column(t, r)
            c = self.cell(t, r, col) if col else None
            if c is None:
                return None
            cells.append(c)
        return cells[0], cells[1]

    def answer_diff(self, intent: Intent, matches: list[Match]) -> Answer | None:
        across = self.one_item_in_two_tables(intent)
        if across is not None:
            ca, cb = across
            d = ca.value - convert(cb.value, cb.unit, ca.unit)
            arithmetic = f"{ca.value} − {cb.value} = {d}"
            fig = self.figure(Cell(abs(d), ca.unit, ca.prov, ca.label), f"{ca.label}在两张表中的数之差",
                              intent.unit, arithmetic, [ca, cb])
            text = (f"{ca.label}：{ca.prov.table}中为{fmt(ca.value, ca.unit)}，{cb.prov.table}中为"
                    f"{fmt(cb.value, cb.unit)}，相差{fmt(fig.value, fig.unit)}（{arithmetic} {ca.unit}）。")
            return Answer(intent.raw, text, True, "computation", [fig], document=self.doc.doc_id)
        pair = self.named_pair(intent)
        if pair is None:
            return None
        (ea, ca), (eb, cb) = pair
        if ca.prov == cb.prov:
            return None  # "全部项目支出比一般公共预算安排的项目支出": both sides read one cell, not told apart
        # a column of a named row (电费 项目支出) is named with its row
        na, nb = (c.label if (c.label or "").endswith(e.name) else e.name for e, c in pair)
        vb = convert(cb.value, cb.unit, ca.unit)
        d = ca.value - vb
        arithmetic = f"{ca.value} − {vb} = {d}"
        fig = self.figure(Cell(abs(d), ca.unit, ca.prov, na), f"{na}与{nb}之差", intent.unit,
                          arithmetic, [ca, cb])
        more = "多" if d >= 0 else "少"
        text = (f"{na}（{fmt(ca.value, ca.unit)}）比{nb}（{fmt(cb.value, cb.unit)}）"
                f"{more}{fmt(fig.value, fig.unit)}（{arithmetic} {ca.unit}）。")
        return Answer(intent.raw, text, True, "computation", [fig], document=self.doc.doc_id)

    def answer_ratio(self, intent: Intent, matches: list[Match]) -> Answer | None:
        pair = self.named_pair(intent)
        if pair is None:
            return None
        (ea, ca), (eb, cb) = pair
        vb = convert(cb.value, cb.unit, ca.unit)
        if vb == 0:
            return None
        r = q2(ca.value / vb)
        arithmetic = f"{ca.value} ÷ {vb} = {r}"
        fig = Figure(f"{ea.name}是{eb.name}的倍数", r, "倍", ca.prov, arithmetic, [ca.prov, cb.prov])
        text = f"{ea.name}（{fmt(ca.value, ca.unit)}）是{eb.name}（{fmt(cb.value, cb.unit)}）的{r}倍（{arithmetic}）。"
        return Answer(intent.raw, text, True, "computation", [fig], document=self.doc.doc_id)

    def answer_sum(self, intent: Intent, matches: list[Match]) -> Answer | None:
        subset = self.answer_project_subset(intent)
        if subset is not None:
            return subset
        got = self._answer_sum(intent)
        restated = _LIST_COUNT.sub("", intent.q)
        if restated != intent.q and (got is None or not got.answerable):
            # "A和B两项加起来": the list's count restates it, and may stand in the way of its names
            again = self._answer_sum(replace(intent, q=restated))
            return again if again is not None and again.answerable else got
        return got

    def both_parts(self, intent: Intent, item: Entity) -> Answer | None:
        """An item's 基本支出 and 项目支出 rows added up, shown; None unless each table prints it once."""
        both = self.basic_plus_project(intent.q, item, both_asked=True)
        if both is None:
            return None
        c, arithmetic, cells = both
        fig = self.figure(c, f"{item.name}（基本支出 + 项目支出）", intent.unit, arithmetic, cells)
        return Answer(intent.raw, f"{item.name}在基本支出和项目支出中合计{fmt(fig.value, fig.unit)}"
                      f"（{arithmetic} {c.unit}）。", True, "computation", [fig], document=self.doc.doc_id)

    def _answer_sum(self, intent: Intent) -> Answer | None:
        said = ITEM_IN_BOTH.search(intent.q)
        if said:
            # "委托业务费基本支出加项目支出一共多少": the item's two parts, whatever else matches
            item = next((m.entity for m in self.cat.match(said.group(1), kinds=("subject", "econ"), limit=3)
                         if m.exact and said.group(1).endswith(clean_name(m.entity.name))), None)
            both = self.both_parts(intent, item) if item is not None else None
            if both is not None:
                return both
        spans = self.amounts_at(intent)
        scope = _scope_of_list(intent.q, spans)
        if scope == "spread" and {_place(e.column) for _, e, _ in spans if e.kind == "measure"} >= {"基本支出", "项目支出"} \
                and len([e for _, e, _ in spans if e.kind != "measure"]) == 1:
            scope = None  # "基本支出和项目支出中的办公费": one item's two parts, read below
        if scope == "spread":
            return Answer(intent.raw, "问题要把一项分别在几处的金额加起来（如“A和B里的X”），公开文件没有直接给出，"
                          "请分别问每一处的金额。", False, "refusal", [], document=self.doc.doc_id)
        cited = CITED_TABLE.match(intent.q)
        if cited:  # "按一般公共预算支出表，…": the table's title names where to read, no part of the list
            spans = [(span, e, c) for span, e, c in spans if not (span and max(span) < cited.end())]
        # a name matched on a year or a character alone (东西部协作资金-2025年 on "2025年") is no part
        spans = [(span, e, c) for span, e, c in spans if not span or len(re.findall(
            r"[\u4e00-\u9fff\d]", re.sub(r"(?:19|20)\d{2}年", "", "".join(intent.q[i] for i in sorted(span))))) >= 2]
        parts = [(e, c) for span, e, c in spans if scope is None or span is not scope]
        places = {_place(e.column) for e, _ in parts if e.kind == "measure"}
        items = [e for e, _ in parts if e.kind != "measure"]
        if {"基本支出", "项目支出"} <= places and len(items) == 1:
            # "委托业务费在基本支出和项目支出里加起来": the item's two parts, never the places' totals
            # (None when one row prints both columns: 差旅费合计（基本支出加项目支出）)
            return self.both_parts(intent, items[0])
        if len(parts) < 2:
            return None
        units = set(self.cat.unit_names)
        if sum(e.name in units for e, _ in parts) >= 2 and any(e.name not in units for e, _ in parts):
            # "A中心和B中心的三公经费加起来": each unit's own item, never the units' totals and the
            # body's item added up
            return Answer(intent.raw, "问题要把几个单位各自的一项加起来，公开文件没有按单位列出这一项的合计，"
                          "请分别问每个单位的这一项。", False, "refusal", [], document=self.doc.doc_id)
        asked = intent.q
        first = min((min(span) for span, e, c in spans if span and (scope is None or span is not scope)), default=None)
        inside = re.search(r"((当中|之中|中|里面|里|内)的?|的)[，,]?$", intent.q[:first]) if first else None
        if inside and not re.search(r"[、和与及+＋]|加上|以及", intent.q[:inside.start()]):
            asked = intent.q[first:]  # "基本支出中水费和电费": the list is what follows 中
        listed = re.split(r"(加起来|合起来|一共|总共|合计|总计|共计|之和|加在一起|加一起|是多少|多少)", asked)[0]
        # "按支出总表，A和B两类合计": the table cited names where to read them, no item of the list
        listed = listed[lead.end():] if (lead := CITED_TABLE.match(listed)) else listed
        between = listed
        for e, _ in parts:
            between = between.replace(e.name, "").replace(e.key, "")
        # (and the words the parts were matched on: 公路与运输管理中心's 与 lists nothing)
        offset = intent.q.find(listed) if listed else -1
        if offset >= 0:
            matched = set().union(*[set(span) for span, _, _ in spans if span] or [set()])
            between = "".join(ch for i, ch in enumerate(listed) if offset + i not in matched)
        # (a comma after 中/里 closes the scope: "项目支出预算表中，某中心的某项目总计")
        if not re.search(r"[、+＋]|(?<![中里内])[，,]|加上|以及|还有|和|与|加|及|跟|同", between):
            return None  # "基本支出里的日常公用支出一共多少": one thing inside another, not a list
        found_chars = set("".join(e.name + e.key for e, _ in parts))
        listed = re.sub(r"[两三四五六七八九十\d]+(个|项|类|笔|部分)|科目|项目|支出|费用|经费|资金|这些|那些|的", "", listed)
        missing = [x for x in re.split(r"[、，,]|加上|以及|还有|和|与|加|\+", listed)
                   if self.has_content("".join(ch for ch in x if ch not in found_chars))]
        if missing:
            found = "、".join(e.name for e, _ in parts)
            return Answer(intent.raw, f"问题列出的“{'、'.join(missing)}”在公开文件中没有找到，只找到{found}，"
                          f"无法给出准确合计。请写出各项的全称。", False, "refusal", [],
                          document=self.doc.doc_id)
        unit = parts[0][1].unit
        parts = _without_their_whole(parts, unit)
        values = [convert(c.value, c.unit, unit) for _, c in parts]
        total = sum(values, Decimal(0))
        arithmetic = " + ".join(str(v) for v in values) + f" = {total}"
        names = "、".join(e.name for e, _ in parts)
        c0 = parts[0][1]
        fig = self.figure(Cell(total, unit, c0.prov, names), f"{names}之和", intent.unit, arithmetic,
                          [c for _, c in parts])
        text = f"{names}合计{fmt(fig.value, fig.unit)}（{arithmetic} {unit}）。"
        return Answer(intent.raw, text, True, "computation", [fig], document=self.doc.doc_id)

    def answer_avg(self, intent: Intent, matches: list[Match]) -> Answer | None:
        per = PER_ITEM.search(intent.q)
        if per is not None and not re.search(r"项目", intent.q):  # (平均每个项目: the projects' average below)
            return self._per_item(intent, matches, per.group(1))
        if not re.search(r"项目", intent.q):
            return None
        pop = self.projects()
        if not pop:
            return None
        total = sum((c.value for _, c in pop), Decimal(0))
        avg = q2(total / len(pop))
        arithmetic = f"{total} ÷ {len(pop)} = {avg}"
        c0 = pop[0][1]
        fig = self.figure(Cell(avg, c0.unit, c0.prov, "平均"), "项目平均金额", intent.unit, arithmetic,
                          [c for _, c in pop])
        text = f"{len(pop)}个项目合计{fmt(total, c0.unit)}，平均每个{fmt(fig.value, fig.unit)}（{arithmetic}）。"
        return Answer(intent.raw, text, True, "computation", [fig], document=self.doc.doc_id)


def _total_label(row: str | None) -> bool:
    """A row label that is its table's total (合计, 总计, 本年收入合计…)."""
    return clean_name((row or "").split("/")[0]) in TOTAL_KEYS


# "平均每辆车的购置费": an amount per item of a kind (never per month or year: see router.PER).
PER_ITEM = re.compile(r"平均每(?:一)?([辆台个人家项次名套户件所座])")


def _a_side_total(name: str) -> bool:
    """A total of a table or of one of its sides (本年收入合计, 支出总计), not an item's own
    subtotal (人员经费合计, which names 人员经费)."""
    m = re.fullmatch(r"(.*?)(合计|总计)", name)
    return m is not None and (len(m.group(1)) < 3 or bool(re.fullmatch(r"(本年|上年|全年)?(收入|支出|收支)(预算|决算)?", m.group(1))))


def _without_their_whole(parts: list[tuple[Entity, Cell]], unit: str) -> list[tuple[Entity, Cell]]:
    """The items listed without one that is the whole of the others ("工资奖金津补贴（基本工资、
    津贴补贴、奖金）四项加起来": the first is the sum of the rest, and adding it counts them twice)."""
    if len(parts) < 3:
        return parts
    values = [convert(c.value, c.unit, unit) for _, c in parts]
    total = sum(values, Decimal(0))
    for k, v in enumerate(values):
        if abs((total - v) - v) <= Decimal("0.01") * len(values):
            return parts[:k] + parts[k + 1:]
    return parts


def _scope_of_list(q: str, spans: list[tuple[set[int], Entity, Cell]]):
    """Where a sum's names are a list inside a scope: the span of the scope named before 中/里/内
    with the list after it ("基本支出中水费和电费加起来": 基本支出 is no addend); "spread" for a
    list of scopes before one item ("基本支出和项目支出里的委托业务费": one item in two places);
    None when the names are all addends."""
    for span, _, _ in spans:
        if not span:
            continue
        end = min(span)
        while end + 1 in span:
            end += 1
        end += 1  # the end of the name's first run (政府采购 of 政府采购…预算)
        marker = re.match(r"(当中|之中|中|里面|里|内)的?|的", q[end:end + 3])
        if not marker:
            continue
        before = [s for s, _, _ in spans if s and max(s) < min(span)]
        after = [s for s, _, _ in spans if s and min(s) > end]
        if marker.group(0) == "的" and (before or len(after) < 2):
            continue  # "A的B和C": A scopes only a list that follows it
        if before and after and re.search(r"[、和与及+＋]|加上|以及", q[max(before[-1]) + 1:min(span)]):
            return "spread"
        if len(after) >= 2 and not before:
            return span
    return None


@dataclass(frozen=True)
class Population:
    """What a ranking may rank: when it ``applies`` to the question, its ``members`` (how the
    answer names them, and each one's amount; None when it has none to offer); a ``final``
    population settles the ranking even when it has no member."""

    name: str
    applies: Callable[[str], bool]
    members: Callable[[Computations, Intent], tuple[str, list[tuple[Entity, Cell]]] | None]
    final: bool = False


# An item said before both parts of spending: "委托业务费基本支出加项目支出", "办公费的基本支出和项目支出".
ITEM_IN_BOTH = re.compile(r"([\u4e00-\u9fff]{2,16}?)(?:的|在)?基本支出(?:和|加上?|与|及|＋|\+|、)项目支出")


def _place(column: str | None) -> str:
    """A column as the part of spending it is ("其中：基本支出" is 基本支出)."""
    return re.sub(r"^其中[：:]?", "", column or "")


def _meeting_threshold(intent: Intent, pop: list[tuple[Entity, Cell]]) -> tuple[list[tuple[Entity, Cell]], str]:
    """The members of ``pop`` meeting the threshold the question states (超过50万元, 100万元以下),
    and the condition in words; all of them and "" when it states none."""
    if not intent.threshold or not pop:
        return pop, ""
    q = intent.q
    value, unit = intent.threshold
    th = convert(value, unit, pop[0][1].unit)
    if re.search(r"以下|小于|低于|不足|不到|少于|[≤<]", q) and not re.search(r"不少于|不低于", q):
        strict = not re.search(r"以下|不超过|≤|<=", q) or "不到" in q
        chosen = [ec for ec in pop if (ec[1].value < th if strict else ec[1].value <= th)]
        return chosen, f"{'低于' if strict else '不超过'}{fmt(value, unit)}"
    strict = bool(re.search(r"超过|大于|高于|多于|>(?!=)", q)) and not re.search(r"≥|>=|不少于|不低于", q)
    chosen = [ec for ec in pop if (ec[1].value > th if strict else ec[1].value >= th)]
    return chosen, f"{'超过' if strict else '达到或超过'}{fmt(value, unit)}"


# A table's title the question begins with ("部门预算项目支出及其他支出预算表中，").
TITLE_FIRST = re.compile(r"^[^，,。？?；;]{2,40}?表(?:中|里|内|上)[，,]?")

# The populations, in the order they are tried; the project table's rows when none applies.
POPULATIONS: tuple[Population, ...] = (
    # "哪个单位收入最多": the body's budget units
    Population("units", lambda q: bool(re.search(r"哪(个|家|一个)(预算|下属|所属|二级)?(单位|中心|机构)|"
                                                  r"(单位|中心|机构)里?[，,]?哪一?(个|家)|"
                                                  # "下属各预算单位中，…最高的是哪家"
                                                  r"(?:下属|所属|二级|各)各?(?:预算)?单位(?:中|里|当中|之中).*哪一?(个|家)", q)),
               lambda c, i: ("预算单位", c.units(i))),
    # "三公经费哪一项最多": its three items
    Population("three_public", lambda q: "三公" in q and bool(re.search(r"哪一?(项|个|类|种)", q)),
               lambda c, i: ("“三公”经费各项", c.three_public_items())),
    # "工资福利支出下面哪个科目最多": the subjects under a coded parent
    Population("children", lambda q: True, lambda c, i: c.children_population(i), final=True),
    # "货物、工程、服务三类哪一类最大": the items the question lists, inside its scope
    # (not the 及 of a table's title the question cites: 项目支出及其他支出预算表中，哪个项目…)
    Population("listed", lambda q: bool(re.search(r"哪一?(项|类|个|种|块)", q) and re.search(r"[、和与及]", TITLE_FIRST.sub("", q))),
               lambda c, i: ("所列各项", c.listed_items(i) or [])),
    # "哪一类支出最多": spending by function
    Population("functional", lambda q: bool(re.search(r"科目|功能|类|款|方面|领域|用途|花在", q)) and "项目" not in q
               and not re.search(r"经济科目|经济分类|人员经费|公用经费", q),
               lambda c, i: c.functional_subjects(i), final=True),
    # "哪项费用最多": the economic items of 基本支出
    Population("economic", lambda q: bool(re.search(r"经济科目|经济分类|开支|哪项费|哪种费|费用|人员经费|公用经费", q))
               and "项目" not in q,
               lambda c, i: c.economic_items(i), final=True),
)
