"""Answers told in the narrative's words: a term's definition, the reason for a change, and a
topic the document budgets nothing for (an empty 三公 or 政府性基金 table).

Mixed into :class:`~budgetqa.answering.engine.DocumentAnswerer`.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..model import Answer, Figure, Passage, Provenance
from .catalogue import Match
from .cells import ABSENCE_LABELS, _longest_run
from .router import Intent


EMPTY_TOPICS: tuple[tuple[str, str], ...] = (
    ("three_public", r"三公|因公出国|公务接待|公务用车|公车"),
    ("fund_expense", r"政府性基金"),
    ("soe", r"国有资本经营|国有资本"),
    ("project_carryover", r"结转项目|上年结转.{0,4}项目"),
)


def _quoted_amounts(q: str) -> set[str]:
    """The amounts a question quotes (比上年增加了27.20万元, 12868万元), as printed without commas;
    not a year."""
    return {n for n in re.findall(r"\d[\d,]*\.\d+|\d{3,}", q.replace(",", "")) if not re.fullmatch(r"20\d\d", n)}


def _item_said(sentence: str, q: str, body: str = "") -> bool:
    """Does the question name the item the sentence is about: the words before its first amount
    ("（2）政府性基金预算拨款收入 44,003.26 万元…"), said (nearly) in full? (The body's own name
    before it, ``body``, is no part of the item: 泉州市人民政府办公室部门收入预算.)"""
    from .passage_figures import longest_common

    # (a heading run into its first sentence, "（二）关于某某局 2026 年收入预算情况说明…", is no item)
    sentence = re.sub(r"^\s*[（(]?[一二三四五六七八九十\d]{0,2}[)）、.．]?\s*关于[^。；]{2,40}?说明\s*", "", sentence)
    sentence = re.sub(r"^\s*20\d\d\s*年度?[,，]?", "", sentence)  # ("2026年,…部门收入预算为…": the year first)
    head = re.sub(r"^\s*[（(]?[一二三四五六七八九十\d]{1,2}[)）.、．]", "", sentence)
    head = re.split(r"\d", re.sub(r"(?:19|20)\d\d\s*年度?", "", head), maxsplit=1)[0]  # (某某局 2026 年收入预算 6838.41)
    head = re.sub(r"^\s*(?:其中|另外|此外|同时)\s*[：:，,]?", "", head)  # ("其中：基本支出…": the part, not the word before it)
    before_colon = re.split(r"[：:]", head, maxsplit=1)[0]
    if not re.search(r"原因|主要|说明|情况|如下|包括|具体", before_colon):
        head = before_colon  # ("因公出国（境）费用：根据…": the item before its colon)
    head = re.sub(r"[^\u4e00-\u9fff]|(?:20\d\d)?年度?|本单位|本部门", "", head)
    # (where its money comes from is no part of the item: 一般公共预算安排委托业务费)
    head = re.sub(r"^(?:一般公共预算|财政拨款|政府性基金预算|国有资本经营预算)(?:财政拨款|拨款)?(?:安排|支出)?(?=\w{3})(?!拨款|收入|支出|预算|资金|安排)", "", head)
    if body and head.startswith(body):
        head = re.sub(r"^(?:部门|单位)", "", head[len(body):])
    head = re.sub(r"(?:比|较|与|同).*$", "", head)  # ("支出比 2025 年增加": no item before the comparison)
    # (its source of money and the words of any amount are no part of the item: 机关运行经费财政拨款预算)
    bare = re.sub(r"(?:财政拨款|一般公共预算拨款|预算数?|安排|为|是|共计|合计)+$", "", head)
    head = bare if len(bare) >= 4 else head
    # (the question's brackets and digits are no part of the name either: 因公出国（境）费用)
    q = re.sub(r"[^\u4e00-\u9fff]", "", q)
    return len(head) >= 4 and longest_common(head, q) >= max(4, 0.8 * len(head))


def _changed_item(q: str, body: str) -> str:
    """What a question asks the change of, said before the change ("机关运行经费为什么比2025年
    下降了" -> 机关运行经费, "收入增加的原因" -> 收入), without the body's name, the year or where
    the money comes from; '' when it says none."""
    q = re.sub(r"为什么|为何|为啥|请问|[^\u4e00-\u9fff\d]", "", q)
    head = re.split(r"比|较|与上|同比|增加|减少|下降|上升|增长|降低|变化|的?主要原因|原因", q, maxsplit=1)[0]
    head = re.sub(r"(?:19|20)\d\d年度?|\d+", "", head)
    head = re.split(r"没有安排|没有编制|没有|未安排|未编制|不编制", head)[-1]  # (预算里没有因公出国费用)
    body = re.sub(r"[（(][^）)]*[）)]|[^\u4e00-\u9fff]", "", body)  # (西安市财政局（汇总）)
    from ..parsing.bodies import describe_body

    names = sorted(set(describe_body(body).aliases) | {body[k:] for k in range(len(body) - 1)}, key=len, reverse=True)
    said = next((n for n in names if head.startswith(n)), "")  # (民政局收支预算, 重庆市政府办公厅收入: the body first)
    head = head[len(said):]
    head = re.sub(r"^(?:本部门|本单位|部门的?|单位的?)(?=\w{4})", "", head)
    head = re.sub(r"^(?:一般公共预算|财政拨款)(?:拨款)?(?=\w{4})(?!拨款|收入|支出)", "", head)
    return re.sub(r"的?(?:预算数?|总额|金额)?$", "", head)  # (收入预算 is said 收入较去年减少)


# A sentence naming a change and then its reason: "（预算收支）减少（的）主要原因…".
CHANGE_REASON = r"(?:增加|减少|下降|增长|变化|变动|增减)的?(?:主要)?原因"


def _change_ways(text: str) -> set[str]:
    """Which ways a text says something changed: "up" (增加、增长…), "down" (减少、下降…)."""
    ways = set()
    if re.search(r"增加|增长|上升|提高|上涨|多了|增多|新增|大于|高于|超过", text):
        ways.add("up")  # (a 决算 against its budget: 决算数大于预算数)
    if re.search(r"减少|下降|降低|压减|缩减|少了|减小|调减|下调|小于|低于", text):
        ways.add("down")
    return ways


# How a sentence says what money is for, and how a question asks it.
USED_FOR = re.compile(r"(?:主要)?用于|用来|主要是|主要包括|目的是|为了|用以")
PURPOSE_WORDS = re.compile(r"主要|用于什么|用来干什么|用来做什么|干什么|做什么|干嘛|用途|目的|为了什么|是什么|哪些|[？?。，,]")


class NarrativeAnswers:
    """Definitions, reasons and empty topics, from the narrative."""

    def answer_definition(self, intent: Intent, matches: list[Match]) -> Answer | None:
        defs = [m for m in matches if m.entity.kind == "definition"]
        if not defs:
            defs = self.cat.match(intent.q, kinds=("definition",))
        defs = [m for m in defs if m.exact or (m.coverage >= 0.8 and len(_longest_run(m.span)) >= 3)]
        if not defs:
            return self.answer_definition_sentence(intent)
        d = defs[0].entity.definition
        text = f"{d.term}：{d.text}（来源：名词解释，第{d.line}行）"
        return Answer(intent.raw, text, True, "retrieval", [],
                      [Passage(self.doc.doc_id, "名词解释", d.line, d.line, f"{d.term}：{d.text}")],
                      document=self.doc.doc_id)

    def answer_definition_sentence(self, intent: Intent) -> Answer | None:
        """A term defined inside another term's definition (公务接待费 inside “三公”经费)."""
        from .retrieval import overlap

        term = re.sub(r"主要|花在|用在|用于|哪些方面|哪几个方面|哪几|包括哪些|包含哪些|包括什么|包含什么|都包含|都包括|反映的是什么|反映什么|什么是|什么叫|何为|何谓|是什么意思|"
                      r"什么意思|指什么|的含义|含义是|定义|解释一下|是指什么|是啥|是什么|费用|哪些|[？?。的]", "", intent.q)
        import unicodedata

        term = unicodedata.normalize("NFKC", term)
        candidates = [(d.text, f"名词解释“{d.term}”", d.line, "") for d in self.cat.glossary]
        candidates += [(sec.text, " > ".join(sec.path), sec.line_start, sec.title) for sec in self.doc.sections]
        best, best_score = None, 0.0
        for text, where, line, title in candidates:
            for sentence in re.split(r"(?<=[。；;])", text):
                plain = unicodedata.normalize("NFKC", sentence)
                if term and (term in plain or (title and term in unicodedata.normalize("NFKC", title))):
                    score = 2.0 + (1.0 if re.search(re.escape(term) + r".{0,12}(反映|是指|指|包括|包含|主要包括)", plain)
                                   or (term not in plain and re.search(r"包括|包含", plain)) else 0.0)
                    if term not in plain:
                        score -= 0.5
                else:
                    score = overlap(term, plain) if term else 0.0
                if score > best_score:
                    best, best_score = (where, line, sentence.strip()), score
        if best is None or best_score < 0.8:
            return None
        where, line, sentence = best
        return Answer(intent.raw, f"{sentence}（来源：{where}，第{line}行）", True, "retrieval", [],
                      [Passage(self.doc.doc_id, where, line, line, sentence)], document=self.doc.doc_id)

    def answer_reason(self, intent: Intent, matches: list[Match]) -> Answer | None:
        """Why something changed: the narrative sentence that states a reason."""
        from .passage_figures import longest_common
        from .retrieval import bigram_overlap

        # the amounts the question quotes (比上年增加了27.20万元, 下降10.1%): the sentence printing
        # them is the one about that change
        quoted = _quoted_amounts(intent.q)
        rates = re.findall(r"(\d+(?:\.\d+)?)\s*%", intent.raw)  # "增长了68%": the sentence printing 68.x%
        ways = _change_ways(intent.raw)
        said = _changed_item(intent.raw, self.doc.department)
        subject = said if len(said) >= 4 else ""
        # the item said as what changed ("收入比2025年增加…"), not only named in the sentence
        changed = re.compile(re.escape(said) + r"(?:预算数?|总计|合计|总额)?(?:比|较|同比)") if len(said) >= 2 else None
        asked_way = next(iter(ways)) if len(ways) == 1 else None
        best, best_score = None, 0.0
        for s in self.doc.sections:
            sentences = [x for x in re.split(r"(?<=[。；;])", s.text) if x.strip()]
            units, heading = [], ""
            for k, sentence in enumerate(sentences):
                if re.fullmatch(r"\s*(?:[（(][一二三四五六七八九十\d]{1,2}[)）]|[一二三四五六七八九十]{1,2}、|\d{1,2}[.、．])"
                                r"\s*[^，,。]{2,16}[。：:]\s*", sentence) and not re.search(r"情况|说明|明细|分析", sentence):
                    heading = sentence.strip()  # "1.因公出国（境）费用。": the item the next sentence is of
                    continue
                follow = re.sub(r"\s+", "", sentences[k + 1]) if k + 1 < len(sentences) else ""
                j = k + 1  # the next sentence not taken into this one
                if k and re.match(r"\s*(?:与上年相比|比上年|较上年|与上年|同比|[比较]\s*(?:19|20)\d\d\s*年)", sentence) and \
                        re.search(r"\d\s*(?:万元|元)", sentences[k - 1]) and \
                        not re.search(r"原因|因为|由于|增加|减少", sentences[k - 1]):
                    # "项目支出预算数为5533万元。与上年相比减少20万元…": the change of the sentence before
                    sentence = re.sub(r"\s+", "", sentences[k - 1]) + sentence
                if not re.search(r"原因|因为|由于", sentence) and (
                        re.match(r"(?:[一二三四五六七八九十\d]+[是、.．])?(?:主要)?(?:原因|是由于|由于|因为|系|主要是|一是)", follow)
                        # "…减少2.40万元，主要是用于…。较上年减少主要是因为…": the same change, its reason
                        or re.match(r"(?:较|比|与)[^。；]{0,20}?(?:增加|减少|持平)[^。；]{0,6}?(?:原因|因为|由于)", follow)
                        # "…较上年减少176.45万元。预算收支减少主要原因说明：…": the change named, then its reason
                        or re.match(r"[^。；，,]{0,8}?" + CHANGE_REASON, follow)):
                    sentence, j = sentence + follow, k + 2  # "…比上年增加0.78万元。主要原因是…": the reason follows
                elif not re.search(r"原因|因为|由于", sentence) and re.match(r"(?:主要)?用于", follow) and k + 2 < len(sentences) \
                        and re.match(r"(?:增加|减少|下降|增长|上升|变化|变动)的?(?:主要)?原因",
                                     after := re.sub(r"\s+", "", sentences[k + 2])):
                    # "…减少5.00万元。主要用于…。减少的主要原因是…": the reason after what it is for
                    sentence, j = sentence + follow + after, k + 3
                if not re.search(r"原因|因为|由于|主要是", sentence) and _change_ways(sentence):
                    # "…财政拨款收入833万元，比2025年预算减少136万元；…。财政拨款收入支出减少的主要原因
                    # 是项目预算调减。": the reason said a sentence or two later, of the same change
                    for later in sentences[k + 1:k + 5]:
                        plain = re.sub(r"\s+", "", later)
                        if re.match(r"[^。；，,]{0,12}?" + CHANGE_REASON, plain) and \
                                _change_ways(plain) <= _change_ways(sentence):
                            sentence += plain
                            break
                        if re.search(r"原因|因为|由于", plain):
                            break
                while re.search(r"原因|因为|由于", sentence) and sentence.rstrip().endswith(("；", ";")) and \
                        j < len(sentences) and not re.search(r"\d\s*(?:万元|元|%)|原因", sentences[j]):
                    # "主要原因是：…持平；本年车辆购置税预算减少。": the reason runs to the sentence's end
                    sentence, j = sentence + re.sub(r"\s+", "", sentences[j]), j + 1
                units.append(heading + sentence)
                heading = ""
            for sentence in units:
                if not re.search(r"原因|因为|由于|新增|增加|减少|不编制|未编制|未安排|没有安排|不安排", sentence):
                    continue
                printed = re.sub(r"[\s,]", "", sentence)
                # (an item said in the question as normalised or as asked: 收入预算 is read as 收入总计)
                score = bigram_overlap(intent.q, sentence) + bigram_overlap(intent.q, s.title) + \
                    (0.5 if re.search(r"原因|因为|由于", sentence + s.title) else 0.0) + \
                    (1.0 if (any(re.search(rf"(?<![\d.]){re.escape(n)}(?:\.\d+)?(?!\d)", printed) for n in quoted) or any(
                        re.search(rf"(?<![\d.]){re.escape(p)}(?:\.\d+)?%", printed) for p in rates))
                     and re.search(r"原因|因为|由于|主要是", sentence) else 0.0) + \
                    (1.0 if (_item_said(printed, intent.q, self.doc.department)
                             or _item_said(printed, intent.raw, self.doc.department))
                     and re.search(r"原因|因为|由于|主要是", sentence) else 0.0)  # (an item's reason, not its amount alone)
                if changed and changed.search(printed) and re.search(r"原因|因为|由于|主要是", sentence):
                    score += 1.0  # (asked why 收入 rose: "收入比2025年增加…，主要是…", not 运行经费's)
                if subject and longest_common(subject, re.sub(r"[^\u4e00-\u9fff]", "", printed)) < 0.75 * len(subject):
                    score -= 0.6  # (asked why 机关运行经费 fell: a sentence naming none of it is another's)
                if not re.search(r"原因|因为|由于|主要是|不编制|未编制|未安排|没有安排|不安排", sentence + s.title):
                    score -= 0.6  # (a change stated with no reason, the reasons said of its parts; under
                    # a title naming reasons, 增减变动原因说明, its sentences are the reasons)
                if asked_way and _change_ways(sentence) == {"up", "down"} - {asked_way}:
                    score -= 1.0  # (asked why it rose: a sentence only of a fall is another change)
                if score > best_score:
                    best, best_score = (s, sentence.strip()), score
        if best is None or best_score < 0.3:
            return None
        s, sentence = best
        text = f"{sentence}（来源：{' > '.join(s.path)}，第{s.line_start}–{s.line_end}行）"
        return Answer(intent.raw, text, True, "retrieval", [],
                      [Passage(self.doc.doc_id, " > ".join(s.path), s.line_start, s.line_end, s.text)],
                      document=self.doc.doc_id)

    def answer_purpose(self, intent: Intent, matches: list[Match]) -> Answer | None:
        """What an item or amount is for: the narrative sentence that names it (or prints the
        amount the question quotes) and says what it is used for (主要用于…). None when no
        sentence both names it and says so."""
        from .retrieval import bigram_overlap

        quoted = _quoted_amounts(intent.q)
        names = {re.sub(r"\W", "", m.entity.name) for m in matches
                 if m.entity.kind in ("row", "subject", "econ", "project") and (m.exact or m.coverage >= 0.8)}
        names = {n for n in names if len(n) >= 3}
        if not quoted and not names:
            return None
        asked = PURPOSE_WORDS.sub("", intent.q)
        best, best_score = None, 0.0
        for sec in self.doc.sections:
            if sec.title == "名词解释":
                continue
            sentences = [x for x in re.split(r"(?<=[。；;])", sec.text) if x.strip()]
            for k, sentence in enumerate(sentences):
                follow = sentences[k + 1] if k + 1 < len(sentences) else ""
                if not USED_FOR.search(sentence) and USED_FOR.match(re.sub(r"\s", "", follow)):
                    sentence += follow  # "…安排12868万元。主要用于…": what it is for follows
                printed = re.sub(r"[\s,]", "", sentence)
                used = USED_FOR.search(printed)
                if used is None:
                    continue
                # the item is what the sentence is about: named (or its amount printed) before
                # it says what for, not listed after it (…主要包括：办公费、…公务接待费)
                amount = any(0 <= printed.find(n) < used.start() for n in quoted)
                named = max((len(n) for n in names if 0 <= printed.find(n) < used.start()), default=0)
                if not (amount or named):
                    continue
                # (the longer name said, 其他社会工作事务支出 over the 社会工作事务 inside it)
                score = 2.0 * amount + 1.0 * bool(named) + 0.1 * named + bigram_overlap(asked, sentence)
                if score > best_score:
                    best, best_score = (sec, sentence.strip()), score
        if best is None:
            return None
        sec, sentence = best
        text = f"{sentence}（来源：{' > '.join(sec.path)}，第{sec.line_start}–{sec.line_end}行）"
        return Answer(intent.raw, text, True, "retrieval", [],
                      [Passage(self.doc.doc_id, " > ".join(sec.path), sec.line_start, sec.line_end, sentence.strip())],
                      document=self.doc.doc_id)

    def answer_empty_topic(self, intent: Intent, matches: list[Match]) -> Answer | None:
        if "definition" in intent.ops:
            return None
        for kind, pattern in EMPTY_TOPICS:
            if not re.search(pattern, intent.q):
                continue
            t = self.tables.get(kind) or (self.tables.get("fund_income") if kind == "fund_expense" else None)
            zeros = t is not None and not t.empty and bool(t.rows) and all(
                v is None or v == 0 for r in t.rows for v in r.values.values())
            if t is None or not (t.empty or zeros):
                continue
            said = self.narrative_saying(pattern)
            # a table marked empty, or one whose every cell is blank or 0.00 (西安's 政府性基金收支表)
            shown = f"注明“{t.note or '本表无数据'}”" if t.empty or t.note else f"各栏均为0.00{t.unit}"
            text = f"{self.doc.department}{self.doc.year}年没有这项预算：{t.title}{shown}。"
            sources = [Passage(self.doc.doc_id, t.title, t.line_start, t.line_end, t.note or shown)]
            if said:
                text += f"情况说明写道：“{said[1]}”（第{said[0]}行）。"
                sources.append(Passage(self.doc.doc_id, "情况说明", said[0], said[0], said[1]))
            # (asked whether there is any, 有没有…, the answer is the same 0: the table's)
            figures = [Figure(f"{t.title}{ABSENCE_LABELS[0]}", Decimal(0), intent.unit or t.unit,
                              Provenance(self.doc.doc_id, t.title, "合计", "合计", t.line_start))]
            return Answer(intent.raw, text, True, "lookup", figures, sources, document=self.doc.doc_id)
        return None

    def narrative_saying(self, pattern: str) -> tuple[int, str] | None:
        for s in self.doc.sections:
            for k, sentence in enumerate(re.split(r"(?<=[。；])|\n", s.text)):
                sentence = re.sub(r"[—-]\s*\d+\s*[—-]", "", sentence).strip()  # a page number
                if len(re.findall(r"\d+", sentence)) > 3 or len(sentence) > 160:
                    continue  # a chart's axis, a table read as text: not a sentence saying so
                if re.search(pattern, sentence) and re.search(r"无|没有|未安排|0\.00万元|为0", sentence):
                    return s.line_start + 1, sentence
        return None
