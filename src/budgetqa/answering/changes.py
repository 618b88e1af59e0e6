"""Year on year: the figures the narrative states per item (本年预算, 上年执行数, 增减), the
change asked for (stated, or worked out and shown), and last year's figure derived from it.

Mixed into :class:`~budgetqa.answering.engine.DocumentAnswerer`.
"""

from __future__ import annotations

import re

from ..model import Answer, Figure, Passage, Provenance, convert
from .catalogue import Entity, Match, clean_name
from .cells import _common_chars, fmt, q2
from .previous_year import last_year
from .router import Intent


_MONEY_SOURCE = re.compile(r"一般公共预算|政府性基金|国有资本经营|财政拨款|财政专户")


def _of_money_asked(q: str, facts: list) -> list:
    """One subject stated twice with different amounts (所属各预算单位政府采购服务预算 97,785.73万元;
    其中一般公共预算拨款政府采购…服务预算 49,442.05万元): the sentence naming the source of money
    the question names, else the one naming none (the whole); the facts as they are when that
    leaves none, or when no measure is stated twice."""
    by: dict[str, set] = {}
    for f in facts:
        by.setdefault(f.measure, set()).add(f.value)
    if all(len(v) == 1 for v in by.values()):
        return facts
    asked = set(_MONEY_SOURCE.findall(q))
    kept = [f for f in facts if set(_MONEY_SOURCE.findall(f.sentence)) <= asked] if not asked else \
        [f for f in facts if asked <= set(_MONEY_SOURCE.findall(f.sentence))]
    return kept or facts


class ChangeAnswers:
    """Stated facts and changes against last year."""

    def pick_fact(self, intent: Intent, facts: list) -> object:
        """The stated figure the question asks for among one subject's facts."""
        q = intent.q
        facts = _of_money_asked(q, facts)
        measures = {f.measure: f for f in facts}
        if re.search(r"(比|较)(上年|去年|\d{4}年)|少了|多了|增加|减少|增长|下降|变化|变动|增减|持平", q):
            pct = re.search(r"%|百分|幅|比例|率|几成", q)
            order = ["增减%", "比上年增减%"] if pct else ["增减额", "比上年增减额", "增减%", "比上年增减%"]
        elif re.search(r"执行数|执行了|上年执行|去年执行", q):
            order = ["上年执行数"]
        elif "share" in intent.ops:
            order = ["占比"]
        elif re.search(r"%|百分|比例|完成率|完成.{0,6}预算", q):
            order = ["比例", "占比"]
        else:
            return next((measures[m] for m in ("本年预算", "金额", "数量", "比例") if m in measures), facts[0])
        # An executed figure or a change was asked: only that measure answers it.
        return next((measures[m] for m in order if m in measures), None)

    def answer_fact(self, intent: Intent, e: Entity) -> Answer | None:
        facts = e.facts
        pick = self.pick_fact(intent, facts)
        if pick is not None and "reason" in intent.ops and "原因" not in pick.sentence:
            return None  # "为什么比上年减少": the reason, which the sentence of the figure does not give
        pct = re.search(r"%|百分|幅|比例|率", intent.q)
        if pick is None or (pick.measure == "增减%" and not pct and
                            "增减额" not in {f.measure for f in facts}):
            derived = self.derived_change(intent, e, percent=bool(pct))
            if derived or pick is None:
                return derived
        prov = Provenance(self.doc.doc_id, "情况说明", pick.subject, pick.measure, pick.line, pick.page)
        unit = pick.unit
        value = abs(pick.value) if "增减" in pick.measure else pick.value
        if intent.unit and unit in ("元", "万元", "亿元"):
            value, unit = convert(value, unit, intent.unit), intent.unit
        fig = Figure(f"{pick.subject}（{pick.measure}）", value, unit, prov)
        level = f"{pick.subject}与上年持平。" if "增减" in pick.measure and pick.value == 0 else ""
        text = f"{level}{pick.sentence.rstrip('。；;，, ')}。（来源：情况说明第{pick.line}行）"
        return Answer(intent.raw, text, True, "lookup", [fig],
                      [Passage(self.doc.doc_id, "情况说明", pick.line, pick.line, pick.sentence)],
                      document=self.doc.doc_id)

    def change_fact(self, q: str, measure: str):
        facts = [f for f in self.doc.facts if f.measure == measure]
        if not facts:
            return None
        q = re.sub(r"[（(][^）)]*[）)]", "", q)
        rest = re.sub(r"(比|较|同)?(上年|去年|上一年|前一年)|增加|减少|增长|下降|了|多少|钱|万元|元|亿元|"
                      r"是|的|预算|总额|总计|合计|变化|变动|增减|幅度|百分之|%|几|为什么|原因|呢|吗|大概|大约|约|"
                      r"请问|一共|总共|整体|全部|那|这|今年|本年|之|长|了|部门|单位|本部门|根据|推算|倒推|计算|算|按照|按|金额|数额|额|请|"
                      r"说明|里|中|\d{4}年度?|[^\u4e00-\u9fa5]", "", q)
        if rest:
            # the subject must account for every word the question adds
            facts = [f for f in facts if all(ch in f.subject for ch in rest)]
            if not facts:
                return None
        # the subject most in common with the question, then the one adding fewest words of its own
        # (收入总计, not 财政拨款收入总计)
        scored = sorted(facts, key=lambda f: (_common_chars(clean_name(f.subject), q, self.cat),
                                              -sum(ch not in q for ch in clean_name(f.subject))), reverse=True)
        return scored[0]

    def derived_change(self, intent: Intent, e: Entity, percent: bool = False) -> Answer | None:
        """本年预算 − 上年执行数 (or the change in %), shown, when the narrative states both
        figures but not the change asked for."""
        by = {f.measure: f for f in e.facts}
        now, before = by.get("本年预算"), by.get("上年执行数")
        delta = by.get("比上年增减额") or by.get("增减额")
        if percent and now and not before and delta and now.unit == delta.unit and now.value != delta.value:
            # "比上年下降了百分之几" of 本年预算 and the change stated in amounts: the change over
            # last year's amount (本年 − 增减)
            last = now.value - delta.value
            pct = q2(delta.value / last * 100)
            arithmetic = (f"{delta.value} ÷ ({now.value} {'−' if delta.value >= 0 else '+'} {abs(delta.value)}) "
                          f"× 100% = {pct}%")
            prov = Provenance(self.doc.doc_id, "情况说明", now.subject, "增减%（推算）", now.line, now.page)
            cells = [prov, Provenance(self.doc.doc_id, "情况说明", delta.subject, delta.measure, delta.line, delta.page)]
            fig = Figure(f"{e.name}比上年增减%", abs(pct), "%", prov, arithmetic, cells)
            text = (f"{e.name}本年预算{fmt(now.value, now.unit)}，比上年{'增加' if delta.value >= 0 else '减少'}"
                    f"{fmt(abs(delta.value), delta.unit)}，{'增长' if pct >= 0 else '下降'}{abs(pct)}%（{arithmetic}）。"
                    f"（来源：情况说明第{now.line}行：“{now.sentence}”）")
            return Answer(intent.raw, text, True, "computation", [fig],
                          [Passage(self.doc.doc_id, "情况说明", now.line, now.line, now.sentence, now.page)],
                          document=self.doc.doc_id)
        if not now or not before or now.unit != before.unit:
            return None
        if percent:
            if before.value == 0:
                return None
            pct = q2((now.value - before.value) / before.value * 100)
            arithmetic = f"({now.value} − {before.value}) ÷ {before.value} × 100% = {pct}%"
            prov = Provenance(self.doc.doc_id, "情况说明", now.subject, "增减%（推算）", now.line, now.page)
            fig = Figure(f"{e.name}比上年增减%", abs(pct), "%", prov, arithmetic, [prov])
            text = (f"{e.name}本年预算{fmt(now.value, now.unit)}，上年执行数{fmt(before.value, before.unit)}，"
                    f"{'增长' if pct >= 0 else '下降'}{abs(pct)}%（{arithmetic}）。")
            return Answer(intent.raw, text, True, "computation", [fig],
                          [Passage(self.doc.doc_id, "情况说明", now.line, now.line, now.sentence, now.page)],
                          document=self.doc.doc_id)
        d = now.value - before.value
        arithmetic = f"{now.value} − {before.value} = {d}"
        prov = Provenance(self.doc.doc_id, "情况说明", now.subject, "本年预算 − 上年执行数", now.line, now.page)
        unit = now.unit
        value = abs(d)
        if intent.unit in ("元", "万元", "亿元") and unit in ("元", "万元", "亿元"):
            value, unit = convert(value, unit, intent.unit), intent.unit
        fig = Figure(f"{e.name}比上年{'增加' if d >= 0 else '减少'}", value, unit, prov, arithmetic,
                     [prov, Provenance(self.doc.doc_id, "情况说明", before.subject, "上年执行数", before.line,
                                       before.page)])
        text = (f"{e.name}本年预算{fmt(now.value, now.unit)}，上年执行数{fmt(before.value, before.unit)}，"
                f"比上年{'增加' if d >= 0 else '减少'}{fmt(value, unit)}（{arithmetic}）。"
                f"（来源：情况说明{'第' + str(now.page) + '页' if now.page else '第' + str(now.line) + '行'}：“{now.sentence}”）")
        return Answer(intent.raw, text, True, "computation", [fig],
                      [Passage(self.doc.doc_id, "情况说明", now.line, now.line, now.sentence, now.page)],
                      document=self.doc.doc_id)

    def answer_change(self, intent: Intent, matches: list[Match]) -> Answer | None:
        q = intent.q
        # A named item with stated year-on-year facts (per-item narratives)?
        asks_executed = re.search(r"执行数", q) and not re.search(r"(比|较)|增减|增长|下降|增加|减少|变化", q)
        for m in matches:
            if m.entity.kind != "fact":
                continue
            measures = {f.measure for f in m.entity.facts}
            if measures & {"增减额", "增减%", "上年执行数", "比上年增减额", "比上年增减%"}:
                pct = re.search(r"%|百分|幅|比例|率|几成", q)
                if asks_executed:
                    return self.answer_fact(intent, m.entity)
                if not pct and "增减额" not in measures and "比上年增减额" not in measures:
                    derived = self.derived_change(intent, m.entity)
                    if derived:
                        return derived
                stated = self.answer_fact(intent, m.entity)
                if stated is None and pct and "reason" not in intent.ops:
                    # a rate asked the narrative does not state: a table may print both years
                    return self.table_change(intent, matches, True)
                return stated
        pct = bool(re.search(r"%|百分|幅|比例|增长率|几成", q))
        f = self.change_fact(q, "比上年增减%" if pct else "比上年增减额")
        if f is None and "reason" not in intent.ops and (printed := self.table_change(intent, matches, pct)) is not None:
            return printed
        if f is None:
            if pct or "reason" in intent.ops:
                return None  # a reason asked is told in words, not by the amount
            return self.stated_change(intent)
        prov = Provenance(self.doc.doc_id, "情况说明", f.subject, f.measure, f.line, f.page)
        value, unit = f.value, f.unit
        if intent.unit and unit in ("元", "万元", "亿元"):
            value, unit = convert(value, unit, intent.unit), intent.unit
        fig = Figure(f"{f.subject}{f.measure}", abs(value), unit, prov)
        reason = re.search(r"(主要原因是[^。；]*)", f.sentence)
        text = (f"{f.subject}与上年持平（比上年增减{fmt(abs(value), unit)}）" if f.value == 0 else
                f"{f.subject}比上年{'增加' if f.value >= 0 else '减少'}{fmt(abs(value), unit)}")
        text = (f"{text}"
                f"{'，' + reason.group(1) if reason else ''}。（来源：情况说明第{f.line}行：“{f.sentence}”）")
        return Answer(intent.raw, text, True, "lookup", [fig],
                      [Passage(self.doc.doc_id, "情况说明", f.line, f.line, f.sentence)], document=self.doc.doc_id)

    def last_years_cell(self, t, r, column: str):
        """The cell a table prints for last year beside ``column`` of row ``r`` (上年一般公共预算
        beside 一般公共预算), if it prints one with a figure."""
        last = f"上年{column}"
        return self.cell(t, r, last) if last in t.columns and r.values.get(last) is not None else None

    def table_change(self, intent: Intent, matches: list[Match], pct: bool) -> Answer | None:
        """"三公经费比2025年增长了百分之多少": worked out from the row of a table that prints last
        year's figure beside this year's (上年一般公共预算 | 一般公共预算), with the arithmetic."""
        years = [int(y) for y in re.findall(r"(20\d{2})\s*年", intent.q)]
        if any(y not in (self.doc.year, self.doc.year - 1) for y in years):
            return None
        for m in matches[:3]:
            if not m.exact or m.entity.kind not in ("row", "subject", "econ"):
                continue
            for t, r in m.entity.rows:
                cols = [c for c in t.columns if not c.startswith("上年") and r.values.get(c) is not None
                        and self.last_years_cell(t, r, c) is not None]
                if not cols:
                    continue
                named = [c for c in cols if c in intent.q]
                default = self.default_column(t, r)
                col = named[0] if named else default if default in cols else cols[0]
                now, before = self.cell(t, r, col), self.last_years_cell(t, r, col)
                if now is None or before is None or (pct and before.value == 0):
                    continue
                change = now.value - before.value
                if pct:
                    value, unit = q2(change / before.value * 100), "%"
                    arithmetic = f"({now.value} − {before.value}) ÷ {before.value} × 100% = {value}%"
                else:
                    value, unit = change, t.unit
                    arithmetic = f"{now.value} − {before.value} = {change}"
                label = f"{m.entity.name}比上年{'增减' if pct else '增减额'}"
                fig = Figure(label, abs(value), unit, now.prov, arithmetic, [now.prov, before.prov])
                way = "增加" if change >= 0 else "减少"
                text = (f"{m.entity.name}（{t.title}“{col}”列）：{self.doc.year}年{fmt(now.value, t.unit)}，上年"
                        f"{fmt(before.value, t.unit)}，{way}{fmt(abs(value), unit)}（{arithmetic}）。")
                return Answer(intent.raw, text, True, "computation", [fig], document=self.doc.doc_id)
        return None

    def stated_change(self, intent: Intent) -> Answer | None:
        """The change a narrative sentence states right after the item's amount ("公务接待费
        54.96万元，比2025年减少25.3万元"), for the item the question names."""
        bare = re.sub(r"[（）()\[\]【】“”\"\s]|\d{3,9}", "", intent.q)
        named = [e.key for e in self.cat.entities if e.kind in ("row", "subject", "econ", "project")
                 and len(e.key) >= 3 and e.key in bare]
        ly = last_year(intent.q, self.doc, named, self.cat.last_year_statements)
        if ly is None:
            return None
        # ("较2025年预算198.27万元增加3.6万元": last year's amount printed, the change worked out)
        change = ly.change if ly.change is not None else ly.this_year - ly.value
        arithmetic = None if ly.change is not None else f"{ly.this_year} − {ly.value} = {change}"
        value, unit = abs(change), ly.unit
        if intent.unit in ("元", "万元", "亿元") and unit in ("元", "万元", "亿元"):
            value, unit = convert(value, unit, intent.unit), intent.unit
        source = Provenance(self.doc.doc_id, ly.passage.section, ly.item, "比上年增减额", ly.passage.line_start,
                            ly.passage.page)
        word = "增加" if change > 0 else "减少"
        fig = Figure(f"{ly.item}比上年{word}", value, unit, source, arithmetic)
        text = (f"{ly.item}比上年{word}{fmt(value, unit)}{f'（{arithmetic}）' if arithmetic else ''}。情况说明写道：“{ly.sentence}”"
                f"（来源：{ly.passage.section}，第{ly.passage.line_start}–{ly.passage.line_end}行）。")
        return Answer(intent.raw, text, True, "lookup", [fig], [ly.passage], document=self.doc.doc_id)

    def answer_prev_year(self, intent: Intent, matches: list[Match]) -> Answer | None:
        q = intent.q
        if intent.years and self.doc.year - 1 not in intent.years:
            return None
        if not re.search(r"上年|去年|上一年|前一年", q) and not intent.years:
            return None
        q = re.sub(r"[（(][^）)]*[）)]", "", q)  # "(按说明里的增长额倒推)" says how, not what
        if re.search(r"(比|较)(上年|去年|上一年)[^，,。]{0,6}(增加|减少|增长|下降|多|少|变化|变动)", q) or \
                re.search(r"增减|变化|变动", q):
            return None  # the change itself was asked, not last year's level
        f = self.change_fact(q, "比上年增减额")
        if f is None:
            return None
        same = [x for x in self.doc.facts if x.subject == f.subject and x.measure in ("金额", "本年预算")
                and x.unit == f.unit]
        current = min(same, key=lambda x: abs(x.line - f.line), default=None)
        if current is None or abs(current.line - f.line) > 3:
            return None
        prev = current.value - f.value
        arithmetic = (f"{current.value} − {f.value} = {prev}" if f.value >= 0
                      else f"{current.value} + {abs(f.value)} = {prev}")
        prov = Provenance(self.doc.doc_id, "情况说明", f.subject, "上年（推算）", f.line, f.page)
        fig = Figure(f"上年{f.subject}（推算）", convert(prev, f.unit, intent.unit) if intent.unit in ("元", "万元", "亿元") else prev,
                     intent.unit if intent.unit in ("元", "万元", "亿元") else f.unit, prov, arithmetic,
                     [prov])
        text = (f"公开文件没有直接列出上年数，但说明了{f.subject}{self.doc.year}年为{fmt(current.value, current.unit)}，"
                f"比上年{'增加' if f.value >= 0 else '减少'}{fmt(abs(f.value), f.unit)}，"
                f"可推算上年约为{fmt(prev, f.unit)}（{arithmetic}）。"
                f"（来源：情况说明第{f.line}行）")
        return Answer(intent.raw, text, True, "computation", [fig],
                      [Passage(self.doc.doc_id, "情况说明", f.line, f.line, f.sentence)], document=self.doc.doc_id)

    def change_not_stated(self, intent: Intent, matches: list[Match]) -> Answer:
        """A change against last year that no operation could state or work out: a refusal,
        with the reason the narrative gives, when it gives one without an amount."""
        reason = self.answer_reason(intent, matches)
        text = "公开文件没有给出这一项比上年的变化金额。"
        amount = re.compile(r"\d[\d,.]*\s*(?:万元|亿元|元|%)")
        said = re.sub(r"（来源：.*$", "", reason.text) if reason is not None else ""
        why = re.search(r"(?:主要)?原因[是为：:][^。；]*", said)
        if said and not amount.search(said):
            text += "它只说明了原因：" + reason.text
        elif why and not amount.search(why.group(0)):
            text += "它只说明了" + why.group(0) + "。"  # no amount of another item stated
        return Answer(intent.raw, text, False, "refusal", [], reason.sources if reason else [],
                      document=self.doc.doc_id)

    def fact_of_change(self, matches: list[Match]) -> Entity | None:
        """The first matched item whose narrative states last year's figure or the change."""
        for m in matches:
            if m.entity.kind == "fact" and {f.measure for f in m.entity.facts} & {
                    "上年执行数", "增减额", "增减%", "比上年增减额", "比上年增减%"}:
                return m.entity
        return None
