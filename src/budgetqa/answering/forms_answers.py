"""Project forms (项目支出绩效目标申报表): a project's amount, its form's fields, amounts and
performance indicators, and counts of forms by a field's value.

Mixed into :class:`~budgetqa.answering.engine.DocumentAnswerer`.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..model import Answer, Figure, Passage, Provenance
from ..parsing.pdf_tables import UNIT_OF_ROW
from .catalogue import Entity, clean_name
from .cells import Cell, _common_chars, _without, fmt
from .normalize import ASKS_COUNT, ASKS_INDICATOR_COUNT, normalize_question
from .passage_figures import figure_in_passages, longest_common, measure_asked
from .router import Intent


# Form fields and the words people use for them (general vocabulary of the 绩效目标 form).
FORM_FIELDS: tuple[tuple[str, str], ...] = (
    ("实施单位", r"实施单位|执行单位|谁(来)?(实施|负责|执行)|哪个单位.{0,4}(实施|负责|执行|承担)|由谁|由哪个单位|哪个单位"),
    ("主管部门", r"主管部门|主管单位|归谁管"),
    ("项目属性", r"项目属性|什么性质|属性|经常性|一次性|延续性"),
    ("项目期", r"项目期|几年|多少年|周期|期限|实施期限"),
    ("经办人", r"经办人|谁经办|经手"),
    ("负责人", r"负责人"),
    ("联系电话", r"联系电话|电话|联系方式|号码"),
    ("填报日期", r"填报日期|填报时间|什么时候填"),
    ("立项依据", r"立项依据|依据|根据什么|文件"),
    ("项目设立必要性", r"必要性|为什么要(设|搞|做|立)|为什么设|为何设|设立.{0,4}(原因|理由)"),
    ("保证项目实施的制度、措施", r"制度|措施|保障措施"),
    ("项目实施计划", r"实施计划|计划|怎么实施|进度安排"),
    ("年度目标", r"年度(?:总体|绩效)?目标|今年目标|本年目标|绩效目标(?!表)"),
    ("实施期目标", r"实施期目标|总体目标|长期目标|目标"),
    ("年度目标", r"总体目标|目标"),  # (a form printing the year's target only: the one it has)
    ("项目概况", r"概况|简介|介绍|干什么|做什么|是干嘛|建什么|具体是|内容|用途|用来"),
)


# The fields that say what a project is for, in the order they say it best.
PURPOSE_FIELDS = ("项目概况", "年度目标", "实施期目标", "项目设立必要性")


AMOUNT_FIELDS: tuple[tuple[str, str], ...] = (
    ("实施期资金总额", r"实施期.{0,6}(资金|总额|金额|多少)|总投资|实施期资金"),
    ("年度资金总额", r"年度资金|年度.{0,4}(总额|金额)|今年.{0,4}资金"),
)


_INDICATOR_VALUE = re.compile(r"^\s*(?:[≥≤><=]=?|不低于|不少于|不高于|不超过|大于|小于|达到|约)?\s*"
                              r"(\d[\d,]*(?:\.\d+)?)\s*([^\d\s，,。；;≥≤><=]{1,6})?\s*$")


_UNIT_FIRST = re.compile(r"^\s*([^\d\s≥≤><=.,，%]{1,6}?)\s*(?:[≥≤><=]=?|不低于|不少于|不高于|不超过|大于|小于|达到|约)\s*"
                         r"(\d[\d,]*(?:\.\d+)?)\s*$")


def indicator_figure(value: str) -> tuple[Decimal, str] | None:
    """(number, unit) of an indicator value printed as one number with its unit ("≥20家",
    "101套", "6人次", "5388.88元/月", "95%"); None for words or several numbers."""
    m = _INDICATOR_VALUE.match(value or "")
    if m:
        return Decimal(m.group(1).replace(",", "")), (m.group(2) or "")
    m = _UNIT_FIRST.match(value or "")  # "吨≥1000", "个≥7": a 度量单位 printed before the value
    if m:
        return Decimal(m.group(2).replace(",", "")), m.group(1)
    return None


# The words that ask a project's money and nothing else ("这个项目安排了多少钱", "折合多少元").
MONEY_ASKED = re.compile(r"项目|这个|该|安排了?|多少|资金|总额|金额|预算|钱|经费|折合成?|换算成?|折成|合(?=多少|计)|用|表示|是|为|"
                         r"当年|本年度?|财政拨款|拨款|"
                         r"的|了|一共|总共|大约|大概|约|有|共计?|元|万元|亿元|今年|本年|年度|\d+年|那么?|呢|吗|"
                         r"[？?，,。（）()“”\"\s]")


# A count asked in one counter may be printed in another: 几个人 ~ 3名, 几名员工 ~ 3人.
COUNTER_WORDS = {"个人": "人名", "名": "名人", "人": "人名"}


class FormAnswers:
    """What a project's form says: its fields, amounts and indicators."""

    def answer_project(self, intent: Intent, e: Entity) -> Answer | None:
        q = intent.q
        form = e.form
        rest = _without(q, e.name)  # what the question asks about the project
        counter = re.search(r"(多少|几)(家|次|人|个|套|名|项|场|台|户|所|起|条|件)|率|满意度|指标|覆盖|目标值", rest)
        money_words = re.search(r"多少钱|预算|金额|资金|万元|元|花|拨|经费|钱", rest)
        money = money_words or not self.has_content(rest, e.name)
        # "安排了多少": the project's money and nothing else (never an indicator's value)
        only_money = not counter and not MONEY_ASKED.sub("", _without_bodies(rest))
        part = None if counter or re.search(r"标准|指标|目标|人数|户数|人次|(?:多少|几)[人户名个套家次]", rest) \
            else _part_named(rest, e.name)  # (an indicator's 补贴标准 is no part of the money)
        if part is not None and not any(part in f"{t.title}{''.join(t.columns)}" for t in self.doc.tables) \
                and not any(x.kind == "measure" and part in x.name for x in self.cat.entities):
            # "信访大厅运行项目里律师服务支出": a part of the project, which no table prints (the
            # narrative may state it), never the project's amount nor a sentence of its form
            return None
        if form is not None and re.search(r"权重|分值", rest):
            # an indicator's weight is read from no form: never its target value instead
            return Answer(intent.raw, f"“{form.project}”的绩效目标申报表中没有读出指标的权重（分值），"
                          f"所以不给出数字。", False, "refusal", [], document=self.doc.doc_id)
        if form is not None:
            if not counter:
                for name, pattern in FORM_FIELDS:
                    if name.endswith("目标") and re.search(r"多少|几", rest):
                        continue  # "绩效目标里…要达到多少": an indicator's value, not the target's text
                    if re.search(pattern, rest) and form.fields.get(name):
                        return self.answer_form_field(intent, e, form, name)
                if "purpose" in intent.ops and not money_words:
                    # what the project is for, on a form printing no 项目概况: its target says it
                    said = next((n for n in PURPOSE_FIELDS if form.fields.get(n)), None)
                    if said is not None:
                        return self.answer_form_field(intent, e, form, said)
            for name, pattern in AMOUNT_FIELDS:
                if re.search(pattern, q) and form.amounts.get(name) is not None:
                    return self.answer_form_amount(intent, e, form, name)
            ind = None if only_money else (self.match_indicator(intent, form) or self.indicators_by_level2(intent, form))
            if ind is not None:  # ("安排了多少": the project's money, never an indicator's value)
                return ind
            if (counter or not money) and not only_money:
                found = self.search_form_text(intent, form)
                if found:
                    return found
            if re.search(r"指标|目标值", rest):
                return Answer(intent.raw, f"在“{form.project}”的绩效目标申报表中没有找到这项指标。", False,
                              "refusal", [], document=self.doc.doc_id)
        elif (target := self._target_in_table(intent, e, rest, money_words)) is not None:
            return target  # 广东's project table: a 绩效目标 column beside each project's amount
        elif (counter or any(re.search(p, rest) for _, p in FORM_FIELDS + AMOUNT_FIELDS)) and not money:
            text = (f"“{e.name}”没有印出项目支出绩效目标申报表，公开文件未说明它的这项信息。"
                    f"它在项目支出预算表中列示。")
            return Answer(intent.raw, text, False, "refusal", [], document=self.doc.doc_id)
        got = self.entity_cell(intent, e)
        if got is None:
            if form is not None and form.amounts.get("年度资金总额") is not None and \
                    not MONEY_ASKED.sub("", _without_bodies(rest)):
                # a project printed only in its form (no project table): the money asked of it
                # is the form's 年度资金总额
                return self.answer_form_amount(intent, e, form, "年度资金总额")
            return None
        c, arithmetic, parts = got
        fig = self.figure(c, f"{e.name}", intent.unit)
        if arithmetic:  # the project on several rows (each unit's), asked as a whole
            text = (f"{e.name}{self.doc.year}年预算共{fmt(fig.value, fig.unit)}{self._unit_note(c, fig)}："
                    f"{c.prov.table}中“{e.name}”共{len(parts)}行，{arithmetic}。")
        else:
            t = next((t for t, r in e.rows if t.title == c.prov.table), None)
            r = next((r for tt, r in e.rows if tt is t), None)
            own = t is not None and r is not None and c.prov.column == self.default_column(t, r)
            what = "预算" if own or not c.prov.column else f"的{c.prov.column}"  # (上年结余、结转: a part)
            # (a project printed once per unit: whose row it is)
            whose = next((r.texts.get(UNIT_OF_ROW) for tt, r in e.rows
                          if tt.title == c.prov.table and r.line == c.prov.line and r.texts.get(UNIT_OF_ROW)), None)
            units = {r.texts.get(UNIT_OF_ROW) for _, r in e.rows} - {None}
            text = (f"{f'{whose}的' if whose and len(units) > 1 else ''}{e.name}{self.doc.year}年{what}{fmt(fig.value, fig.unit)}{self._unit_note(c, fig)}。"
                    f"{self.where(c)}。")
        if form is not None and form.amounts.get("年度资金总额") is not None:
            text += f"其绩效目标申报表的年度资金总额为{fmt(form.amounts['年度资金总额'], form.unit)}。"
        return Answer(intent.raw, text, True, "lookup", [fig], document=self.doc.doc_id)

    def _target_in_table(self, intent: Intent, e: Entity, rest: str, money_words) -> Answer | None:
        """"社工服务外包项目主要干什么": a project with no form whose table prints its 绩效目标 in a
        column of its own: that text (each unit's, when units print it differently)."""
        if money_words or not (re.search(r"目标|干什么|做什么|干嘛|内容|用途|用于|要求|达到|多大|效果", rest)
                               or "purpose" in intent.ops):
            return None
        printed = [(t, r) for t, r in e.rows if r.texts.get("绩效目标")]
        if not printed:
            return None
        targets = list(dict.fromkeys((r.texts.get(UNIT_OF_ROW, ""), r.texts["绩效目标"], t.title, r.line)
                                     for t, r in printed))
        shown = "；".join(f"{unit + '：' if unit and len(targets) > 1 else ''}{text}" for unit, text, _, _ in targets[:3])
        _, _, title, line = targets[0]
        return Answer(intent.raw, f"{e.name}的绩效目标（{title}“绩效目标”栏）：{shown}（来源：第{line}行）", True,
                      "lookup", [], [Passage(self.doc.doc_id, title, line, line, shown)], document=self.doc.doc_id)

    def search_form_text(self, intent: Intent, form) -> Answer | None:
        """The form sentence or indicator that best answers a question about the project."""
        from .retrieval import overlap

        q = _without(intent.q, form.project)
        if len(q) < 2:
            return None
        candidates = [(f"{i.level3}：{i.value}", i.line, f"{i.period}绩效指标") for i in form.indicators if i.level3]
        for name, value in form.fields.items():
            for sentence in re.split(r"(?<=[。；;])", value):
                if sentence.strip():
                    candidates.append((sentence.strip(), form.field_lines.get(name, form.line_start), name))
        best, best_score = None, 0.0
        for text, line, where in candidates:
            score = overlap(q, text)
            if score > best_score:
                best, best_score = (text, line, where), score
        counted = ASKS_COUNT.search(intent.q)
        if (best is None or best_score < 0.5) and counted:
            # "扶持多少个项目" of a target "2.扶持项目数量8个及以上；": the one count in the counter
            # asked, anchored on the question's words, in any of the form's sentences
            plain = [Passage(self.doc.doc_id, where, line, line, text.replace("：", "")) for text, line, where in candidates]
            found = figure_in_passages(q, plain, counted.group(1), min_anchor=3)
            if found is not None:
                best, best_score = (found.passage.text, found.passage.line_start, found.passage.section), 1.0
        if best is None or best_score < 0.5:
            return None
        text, line, where = best
        passage = Passage(self.doc.doc_id, f"绩效目标申报表：{form.project}", line, line, text)
        asked, found = ASKS_COUNT.search(intent.q), None
        if asked:
            # "聘请常驻律师至少多少名": the one count the sentence states in that counter, after
            # the question's words; a sentence with none or several (社工23名、社工8名) states no
            # single answer, and quoting its other numbers would state figures not asked for
            counters = COUNTER_WORDS.get(asked.group(0)[-1] + intent.q[asked.end():asked.end() + 1],
                                        asked.group(1))
            plain = Passage(passage.document, passage.section, line, line, text.replace("：", ""))
            found = next((f for c in counters if (f := figure_in_passages(q, [plain], c, min_anchor=3))), None)
            several = len(re.findall(rf"\d[\d,]*(?:\.\d+)?\s*[{counters}]", text)) > 1
            if several and re.search(r"一共|总共|合计|共计|总数", q):
                return Answer(intent.raw, f"“{form.project}”的绩效目标申报表（{where}，第{line}行）分几项写出，"
                              f"没有写出问题所问的总数。", False, "refusal", [], [passage], document=self.doc.doc_id)
        elif (measure := measure_asked(intent.q)) is not None:
            # "租用办公楼面积是多少平方米": the one area (length, weight) the sentence states
            plain = Passage(passage.document, passage.section, line, line, text.replace("：", ""))
            found = figure_in_passages(q, [plain], measure, min_anchor=3)
            asked = found is not None
        elif re.search(r"率|%|百分|占比|比例|比重", intent.q):
            # "满意率的目标是多少": the one rate the sentence states right after the question's words
            plain = Passage(passage.document, passage.section, line, line, text.replace("：", "").replace("％", "%"))
            found = figure_in_passages(q, [plain], "%", min_anchor=3)
            asked = found is not None
        elif re.search(r"多少|几[亿万]", intent.q) and re.search(r"\d\s*(?:亿元|万元|元)", text):
            # "年度加工贸易进出口要达到多少": the one amount the target states after those words
            plain = Passage(passage.document, passage.section, line, line, text.replace("：", ""))
            found = figure_in_passages(q, [plain], "money", min_anchor=3)
            if found is not None and re.match(r"[\d,.]*\s*(?:亿元|万元|元)\s*[/／每]", plain.text[found.start:]):
                found = None  # "1000元/人、月": a rate, quoted whole in the sentence below
            asked = found is not None
        if asked and found is not None:
            shown = found.counter or found.unit or ""
            fig = Figure(f"{form.project} {found.anchor}", found.value, shown,
                         self.form_prov(form, where, line))
            return Answer(intent.raw, f"{form.project}（{where}）写明：{found.anchor}{found.value}{shown}"
                          f"（来源：该项目绩效目标申报表，第{line}行）。", True, "lookup", [fig], [passage],
                          document=self.doc.doc_id)
        if re.search(r"安排了?多少|多少钱|(?:支出|经费|资金|金额|预算)[^，,]{0,4}多少", intent.q) and \
                re.search(r"\d", text) and not re.search(r"\d\s*(?:亿元|万元|元)", text):
            # money asked ("大厅律师服务支出安排了多少") of a sentence stating counts and rates only:
            # its numbers are not the answer, nor is the project's whole amount
            return Answer(intent.raw, f"“{form.project}”的绩效目标申报表没有写出问题所问的金额，所以不给出数字。",
                          False, "refusal", [], [passage], document=self.doc.doc_id)
        return Answer(intent.raw, f"{form.project}（{where}）：{text}（来源：该项目绩效目标申报表，第{line}行）",
                      True, "lookup", [], [passage], document=self.doc.doc_id)

    def form_prov(self, form, field: str, line: int | None) -> Provenance:
        return Provenance(self.doc.doc_id, f"项目支出绩效目标申报表：{form.project}", form.project,
                          field, line or form.line_start)

    def answer_form_amount(self, intent: Intent, e: Entity, form, name: str) -> Answer:
        v = form.amounts[name]
        c = Cell(v, form.unit, self.form_prov(form, name, form.amount_lines.get(name)), e.name)
        fig = self.figure(c, f"{e.name} {name}", intent.unit)
        text = (f"{e.name}的{name}为{fmt(fig.value, fig.unit)}{self._unit_note(c, fig)}。"
                f"来源：该项目绩效目标申报表（第{c.prov.line}行）。")
        return Answer(intent.raw, text, True, "lookup", [fig], document=self.doc.doc_id)

    def answer_form_field(self, intent: Intent, e: Entity, form, name: str) -> Answer:
        value = form.fields[name]
        line = form.field_lines.get(name, form.line_start)
        text = f"{e.name}的{name}：{value}（来源：该项目绩效目标申报表，第{line}行）。"
        figures = []
        m = re.fullmatch(r"(\d+)年", value.strip())
        if name == "项目期" and m:
            figures.append(Figure(f"{e.name} 项目期", Decimal(m.group(1)), "年",
                                  self.form_prov(form, name, line)))
        return Answer(intent.raw, text, True, "lookup", figures,
                      [Passage(self.doc.doc_id, f"绩效目标申报表：{form.project}", line, line,
                               f"{name}：{value}")], document=self.doc.doc_id)

    def indicators_by_level2(self, intent: Intent, form) -> Answer | None:
        """'成本指标是多少': the indicators filed under the 二级指标 the question names."""
        q = intent.q
        period = "实施期" if "实施期" in q else "年度"
        level2 = {i.level2 for i in form.indicators if i.level2}
        named = [l2 for l2 in level2 if l2 and (l2 in q or l2.replace("指标", "") + "指标" in q)]
        if not named:
            return None
        inds = [i for i in form.indicators if i.level2 in named and i.period == period and i.level3] or \
               [i for i in form.indicators if i.level2 in named and i.level3]
        if not inds:
            return None
        listing = "；".join(f"{i.level3}：{i.value}" for i in inds)
        text = f"{form.project}的{period}{'、'.join(named)}：{listing}（来源：绩效目标申报表第{inds[0].line}行）。"
        return Answer(intent.raw, text, True, "lookup", self._indicator_figures(form, inds[:1]) if len(inds) == 1 else [],
                      [Passage(self.doc.doc_id, f"绩效目标申报表：{form.project}", inds[0].line, inds[-1].line,
                               listing)], document=self.doc.doc_id)

    def _indicator_figures(self, form, inds) -> list[Figure]:
        """The figures of indicators printed as one number with its unit ("≥20家", "101套",
        "5388.88元/人、月"), each with its cell; words give none."""
        figures = []
        for ind in inds:
            value = indicator_figure(ind.value)
            if value is not None:
                amount, unit = value
                figures.append(Figure(f"{ind.level3}（{ind.period}指标值：{ind.value}）", amount, unit,
                                      Provenance(self.doc.doc_id, f"绩效目标申报表：{form.project}",
                                                 ind.level3, "指标值", ind.line)))
        return figures

    def match_indicator(self, intent: Intent, form) -> Answer | None:
        if not form.indicators or INDICATOR_ATTRIBUTE.search(intent.q):
            return None  # (its 权重 or 分值 is not its value, and is not read)
        q = _without(intent.q, form.project)  # the project's own name says nothing of the indicator
        # (nor the words asking for its value; and the name said once, not its every word: the 房屋
        # of 房屋出租率 after 驻沪办房屋修缮项目 names the indicator)
        scored = re.sub(r"(?:目标值|指标值)(?=是|为|要|应|多少|[？?]|$)", "", _name_said_out(intent.q, form.project))
        period = "实施期" if "实施期" in q else "年度"
        named_period = re.search(r"年度|实施期", q)
        # "计划招录多少名辅警" of an indicator 招录辅警人员数量 ≥500人: a count asked in the
        # indicator's own counter (名 ~ 人) asks for it as surely as the word 数量 would, and
        # before an indicator of the same words in another unit (聘请专家费 for 聘请多少名专家)
        asked = ASKS_INDICATOR_COUNT.search(q)

        def in_counter(ind) -> bool:
            value = indicator_figure(ind.value) if asked else None
            return bool(value and value[1] and value[1][:1] in COUNTER_WORDS.get(asked.group(1), asked.group(1)))
        best, best_score, best_run = None, 0.0, 0.0
        for ind in form.indicators:
            if named_period and ind.period != period:
                continue
            name = clean_name(ind.level3)
            if len(name) < 2:
                continue
            # (nor of the indicator's name: "毕业生一次性入职奖励第三年奖励标准" of the project
            # "…毕业生一次性入职奖励方向" is told from its neighbours by 第三年 and 标准)
            own = _without(name, form.project)  # (of four characters or more: 次数 of 活动次数 says little)
            names = [n for n in {name, own} if n == name or len(n) >= 4]
            score = max(_common_chars(n, q, self.cat) / max(sum(self.cat.weight(ch) for ch in n), 1e-6) for n in names)
            # the indicator named in full where the question says a word of the project's name again
            # (房屋出租率 after 驻沪办房屋修缮项目): as sure as a score of 0.75
            whole = any(_common_chars(n, scored, self.cat) >= 0.999 * sum(self.cat.weight(ch) for ch in n)
                        and longest_common(n, scored) == len(n) for n in names)
            score = max(score, 0.75 if whole else 0.0)
            if ind.period == period:
                score += 0.3 if re.search(r"年度|实施期", intent.q) else 0.01
            if in_counter(ind):
                score += 0.2
            # (said as one run breaks a tie: 目标完成率, not 项目…完成率)
            run = max(longest_common(n, scored) for n in names) / len(name)
            if (round(score, 2), run) > (round(best_score, 2), best_run):
                best, best_score, best_run = ind, score, run
        quoted = [re.sub(r"\W", "", x) for x in re.findall(r"[“\"「『]([^”\"」』]{2,30})[”\"」』]", intent.raw)]
        said = [ind for ind in form.indicators if (not named_period or ind.period == period)
                and any(x and x == re.sub(r"\W", "", clean_name(ind.level3)) for x in quoted)]
        if said:
            best, best_score = said[0], 1.0  # “房屋出租率”: the indicator the question quotes by name
        if best is not None:
            best = _qualified(best, form.indicators, intent.q)
        wants_indicator = re.search(r"指标|绩效|目标值|满意度|完成率|达标|次数|数量|合格率|覆盖率", q)
        counted = best is not None and in_counter(best)
        if best is None or best_score < (0.5 if wants_indicator or counted else 0.75):
            if wants_indicator and re.search(r"指标(有哪些|是什么|都有|列表)|绩效指标$|哪些指标", q):
                # (of the one period the form prints, when the question names none)
                inds = [i for i in form.indicators if i.period == period] or \
                    ([] if named_period else [i for i in form.indicators])
                # "满意度指标是什么": the indicators under the level the question names
                inds = [i for i in inds if any(lv and lv in q for lv in (i.level1, i.level2))] or inds
                period = inds[0].period if inds else period
                listing = "；".join(f"{i.level3}：{i.value}" for i in inds if i.level3)
                return Answer(intent.raw, f"{form.project}的{period}绩效指标：{listing}。", True, "lookup",
                              [], [Passage(self.doc.doc_id, f"绩效目标申报表：{form.project}",
                                           inds[0].line if inds else form.line_start,
                                           inds[-1].line if inds else form.line_end, listing)],
                              document=self.doc.doc_id)
            return None
        levels = "/".join(x for x in (best.level1, best.level2) if x)
        text = (f"{form.project}的{best.period}绩效指标“{best.level3}”{f'（{levels}）' if levels else ''}"
                f"指标值为：{best.value}（来源：绩效目标申报表第{best.line}行）。")
        return Answer(intent.raw, text, True, "lookup", self._indicator_figures(form, [best]),
                      [Passage(self.doc.doc_id, f"绩效目标申报表：{form.project}", best.line, best.line,
                               f"{best.level3}：{best.value}")], document=self.doc.doc_id)

    def indicator_anywhere(self, intent: Intent) -> Answer | None:
        """An indicator named nearly in full, of no project named ("门户网站和政务新媒体访问量的绩效
        目标是多少"): the form printing it, or the first of several printing it alike; none when
        forms print it with different values."""
        # (as asked too: a body's short name, stripped as the scope, may begin the indicator's)
        # (and without its punctuation: 民呼我为（“12345”）… is printed with brackets and quotes)
        said = [re.sub(r"\W", "", q) for q in (intent.q, normalize_question(intent.raw))]
        hits = []
        for form in self.doc.forms:
            for ind in form.indicators:
                name = re.sub(r"\W", "", re.sub(r"^指标\d*[：:]", "", clean_name(ind.level3)))
                if len(name) >= 6 and max(longest_common(name, q) for q in said) >= max(6, 0.85 * len(name)):
                    hits.append((len(name), form, ind))
        if not hits:
            return None
        longest = max(n for n, _, _ in hits)
        hits = [(f, i) for n, f, i in hits if n == longest]
        if len({(i.level3, i.value) for _, i in hits}) > 1:
            return None  # printed with different values: which one is asked is not said
        form, ind = hits[0]
        named = PROJECT_SAID.search(intent.q)
        if named and longest_common(re.sub(PROJECT_SUFFIX + "$", "", named.group(1)), form.project) < 4:
            return None  # (科技发展专项's 布局关键技术 is never 部门整体支出's, though printed alike)
        answer = self.match_indicator(intent, form)
        if answer is None or not any(ind.level3 in p.text for p in answer.sources):
            return None
        return answer

    def count_by_form_field(self, intent: Intent) -> Answer | None:
        """'项目属性是经常性项目的有几个': count forms whose field holds the value named."""
        q = intent.q
        for name, pattern in FORM_FIELDS:
            if not re.search(pattern, q):
                continue
            # (a category a field holds, 经常性项目; never a sentence of free text that happens
            # to share four characters with the question, 项目绩效目标)
            values = {f.fields.get(name, "") for f in self.doc.forms if len(f.fields.get(name, "")) <= 15} - {""}
            hits = [v for v in values if any(v[i:i + 4] in q for i in range(max(1, len(v) - 3)))]
            if not hits:
                continue
            forms = [f for f in self.doc.forms if f.fields.get(name) in hits]
            prov = Provenance(self.doc.doc_id, "项目支出绩效目标申报表", name, name, forms[0].line_start)
            fig = Figure(f"{name}为{'/'.join(sorted(hits))}的项目个数", Decimal(len(forms)), "个", prov,
                         f"逐个计数：{'、'.join(f.project for f in forms)}",
                         [Provenance(self.doc.doc_id, f"项目支出绩效目标申报表：{f.project}", f.project, name,
                                     f.field_lines.get(name, f.line_start)) for f in forms])
            text = (f"在{len(self.doc.forms)}份绩效目标申报表中，{name}为“{'”或“'.join(sorted(hits))}”的有"
                    f"{len(forms)}个：{'、'.join(f.project for f in forms)}。")
            return Answer(intent.raw, text, True, "computation", [fig], document=self.doc.doc_id)
        return None

    def form_amount_pair(self, intent: Intent) -> list[tuple[Entity, Cell]]:
        """Two amounts of one project's form named together (实施期资金总额 vs 年度资金总额)."""
        named = [name for name, pattern in AMOUNT_FIELDS if re.search(pattern, intent.q)]
        if len(named) < 2:
            return []
        m = next((m for m in self.confident(intent.q, self.cat.match(intent.q))
                  if m.entity.kind == "project" and m.entity.form is not None), None)
        if m is None:
            return []
        form = m.entity.form
        order = sorted(named, key=lambda n: re.search(dict(AMOUNT_FIELDS)[n], intent.q).start())
        out = []
        for name in order:
            v = form.amounts.get(name)
            if v is None:
                return []
            c = Cell(v, form.unit, self.form_prov(form, name, form.amount_lines.get(name)), name)
            out.append((Entity("row", name, name), c))
        return out


_QUALIFIER = re.compile(r"[（(]([^（）()]+)[）)]\s*$")


def _name_said_out(q: str, name: str) -> str:
    """``q`` without the longest run of two or more characters it shares with ``name`` (the
    name as said), and nothing else of it."""
    best = max((q[i:j] for i in range(len(q)) for j in range(i + 2, len(q) + 1) if q[i:j] in name), key=len, default="")
    return q.replace(best, " ", 1) if best else q


def _part_named(rest: str, project: str) -> str | None:
    """An item of spending the question names besides the project ("律师服务支出" in "信访大厅运行
    项目里律师服务支出"): two characters or more before 支出/费/补助…, not the project's own."""
    words = re.sub(r"项目|预算|财政拨款|一般公共|年度|本年|今年|全年|当年|资金|总|该|这个|那个|里面?|中的?|的|其中|"
                   r"安排了?|多少|是|有|为|在|于|按|[\d年\W]", " ", rest)
    for hit in re.finditer(r"([\u4e00-\u9fff]{2,8}?)(?:支出|经费|费用|费|补助|补贴)", words):
        if len([ch for ch in hit.group(1) if ch not in project]) >= 2:
            return hit.group(0)
    return None


# What an indicator row prints besides its value: asked, the value is not the answer.
INDICATOR_ATTRIBUTE = re.compile(r"权重|分值|是否(?:为)?核心|指标性质")

# A project named before what it is asked of ("科技发展专项绩效指标里…", "某某工程的…").
PROJECT_SUFFIX = r"(?:项目|专项资金|专项|工程|经费)"
PROJECT_SAID = re.compile(r"([\u4e00-\u9fff]{2,20}?" + PROJECT_SUFFIX + r")(?:的|绩效|里|中|在|有)")


def _qualified(best, indicators, question: str):
    """Of indicators printed alike but for a bracketed qualifier (…奖励标准（本科及以上）,
    …（专科/高职）, …（中职）), the one whose qualifier the question says in two characters or
    more (本科); None when it says none of them: a single character in common (中 of 奖励中) tells
    them apart by chance."""
    m = _QUALIFIER.search(best.level3)
    if m is None:
        return best
    stem = best.level3[:m.start()]
    twins = [i for i in indicators if (t := _QUALIFIER.search(i.level3)) and i.level3[:t.start()] == stem]
    if len({i.level3 for i in twins}) < 2:
        return best
    said = re.sub(r"\W", "", question)
    scored = sorted(((longest_common(re.sub(r"\W", "", _QUALIFIER.search(i.level3).group(1)), said), i) for i in twins),
                    key=lambda x: x[0], reverse=True)
    if scored[0][0] < 2 or (len(scored) > 1 and scored[1][0] == scored[0][0] and scored[1][1].level3 != scored[0][1].level3):
        return None
    return scored[0][1]


def _without_bodies(text: str) -> str:
    """``text`` without the bodies it names (泉州市政府办: the body in scope, said by its short name)."""
    from .mentions import org_mentions

    for org in sorted(org_mentions(text, weak_too=True), key=len, reverse=True):
        text = text.replace(org, "")
    return text
