"""A figure the narrative states for what the question names: "政府采购预算总额 4,542.69 万元",
"机关运行经费预算安排 124 万元", "共有车辆 46 辆".

When no table holds the figure, the 情况说明 often does. A figure is taken from a retrieved
narrative passage only when the words printed right before it (in the same clause) share a long
run of characters with the question, and no other figure in the passage is anchored as well:
otherwise the answer states no figure at all, never the nearest one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..model import Answer, Figure, Passage, Provenance, convert
from .normalize import COUNTERS

# A measure and the units it is printed in: "建筑面积约为13459平方米", "全长12.5公里".
MEASURES = {"area": ("平方公里", "平方米", "公顷", "亩"), "length": ("公里", "千米", "米"),
            "weight": ("吨", "千克"), "duration": ("个工作日", "个小时", "工作日", "小时", "分钟", "天")}
# How a question asks each measure: "建筑面积多大", "多少平方米", "线路多长", "多少吨".
MEASURE_ASKED = {
    "area": re.compile(r"面积.{0,6}(?:多大|多少|几)|(?:多少|几)(?:平方米|平方公里|公顷|亩)|多大(?:的)?面积|㎡"),
    "length": re.compile(r"(?:长度|里程|全长|总长).{0,4}(?:多少|多长)|(?<!周期)(?<!时间)(?<!期限)多长(?!时间)|"
                         r"(?:多少|几)(?:公里|千米|米)"),
    "weight": re.compile(r"(?:多少|几)(?:吨|千克)|重量.{0,4}多少"),
    "duration": re.compile(r"(?:多少|几)个?(?:小时|工作日|分钟)|(?:多少|几)天|时效.{0,4}(?:多少|多长|几)"),
}


def measure_asked(question: str) -> str | None:
    """The measure a question asks ('area' for 建筑面积多大), or None."""
    return next((kind for kind, asked in MEASURE_ASKED.items() if asked.search(question)), None)
# A number and its unit: money, a percent, a counter or a measure (the longer unit first).
_FIGURE = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(亿元|万元|元|%|平方公里|平方米|公顷|千米|公里|千克|个工作日|个小时|工作日|小时|分钟|天|"
                     r"个|家|辆|人|项|套|次|名|所|台|起|条|件|户|场|份|张|篇|批|座|亩|吨|米)")
_CLAUSE_END = re.compile(r"[，。；;：:、（）()]")
GENERIC = re.compile(r"(?:产出|效益|成本|数量|质量|时效|满意度|经济成本|社会效益|一级|二级|三级|绩效)指标|"
                     r"预算|经费|安排|资金|支出|收入|总额|合计|总计|本部门|本单位|各单位|全年|年度|当年|年初|"
                     r"财政拨款|一般公共|现在|目前|共|为|是|有|了|的|在|\d+年?|多少|亿元|万元|元|"
                     r"折合成?|换算成?|折成|转换成?")  # (a conversion asked: 合 of 折合 names nothing)


@dataclass(frozen=True)
class PassageFigure:
    value: Decimal
    unit: str | None  # None for a bare count
    counter: str | None
    anchor: str  # the words printed before the figure
    passage: Passage
    start: int = 0  # where the figure is printed in the passage's text


def longest_common(a: str, b: str) -> int:
    """Length of the longest run of characters of ``a`` found in ``b``."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


# A bound printed right before a figure, and nothing else ('不低于', '≥').
BOUND_ONLY = re.compile(r"\s*(?:不低于|不少于|不超过|不高于|不多于|达到|超过|约|大于|小于|至少|控制在|[≥≤><＞＜=＝])?\s*")

# The words a clause with no subject of its own begins with (…，涉及资金…万元; …，共计…万元).
SUBJECT_BEFORE = re.compile(r"(?:涉及|共计|合计|总计|累计|总金额|金额)")

# A figure printed right after these words is a change (减少3,840万元), which only a question
# asking a change is answered with.
CHANGE_BEFORE = re.compile(r"(?:增加|减少|增长|下降|上升|降低|提高|增|减)了?(?:约)?$")
CHANGE_ASKED = re.compile(r"增|减|变化|变动|比上年|较上年|比去年|多了|少了|下降|上升|降低|提高|差")

# Parts of a body's money a question may ask: a figure said before none of them is not of it.
PARTS_NAMED = ("基本支出", "项目支出", "人员经费", "公用经费", "政府性基金", "国有资本经营")

# A short numbered heading ending a sentence of its own: "（一）机关运行经费".
HEADING = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、)\s*([\u4e00-\u9fff“”\"]{2,12})$")

# The money a figure is of, named in a question or in the sentence that states the figure.
# A count of things bought (购置车辆6辆) is not a count of things held (共有车辆56辆).
ACQUIRED = re.compile(r"购置|购买|新增|更新|配备|配置|采购|买")
# what is held at a date, not bought: 截至2025年10月…共有车辆3辆
HELD = re.compile(r"截至|截止|共有|现有|拥有|保有|实有|占有")
# the verbs that only ever say a purchase (配置, 更新 also name divisions and tasks)
BOUGHT = re.compile(r"购置|购买|采购")
MONEY_NAMED = re.compile(r"一般公共预算|政府性基金|国有资本经营|财政专户")


def figure_in_passages(question: str, passages: list[Passage], wants: str,
                       min_anchor: int = 4) -> PassageFigure | None:
    """The one figure of kind ``wants`` ('money', '%' or a counter character) the passages state
    right after words of the question; None if there is none, or more than one equally good."""
    found: list[tuple[tuple, PassageFigure]] = []
    # "机关运行经费里的办公经费": the part named after 里/中 anchors the figure, not its whole
    inner = re.split(r"其中|里面|里的|中的|之中|当中|里|中", question)
    part = GENERIC.sub("", inner[-1]) if len(inner) > 1 and len(re.findall(r"[\u4e00-\u9fff]", inner[-2])) >= 2 else ""
    part = re.sub(r"[的是多少吗呢？?。，,、\s]", "", part)
    part = re.sub(r"(?<=[\u4e00-\u9fff]{2})类$", "", part)  # 服务类: the 服务 the sentence names
    kind = re.search(r"([\u4e00-\u9fff]{2})(?<![分种门大])类(?![别型])", question)
    if not part and kind and not re.search(r"[各哪这那几每两三]", kind.group(1)):
        part = kind.group(1)  # "服务类政府采购预算": the category is the part asked, not the total
    # (a category the part names, 工程类采购: its kind, 工程, must be said of the figure)
    category = re.match(r"([\u4e00-\u9fff]{2})类(?![别型])", part) if part else None
    for p in passages:
        for m in _FIGURE.finditer(p.text):
            unit = m.group(2)
            if wants == "money" and unit not in ("亿元", "万元", "元"):
                continue
            if wants == "%" and unit != "%":
                continue
            if wants in MEASURES and unit not in MEASURES[wants]:
                continue
            if wants not in ("money", "%", *MEASURES) and (unit not in COUNTERS or (wants in COUNTERS and unit != wants)):
                continue
            counted, counted_weight = None, 0
            if unit in COUNTERS:
                # "12个下属单位": the noun after a count says what is counted; a question that
                # does not name it ("单位一共有几个") asks about something else, and one that
                # does ("有多少个内设机构") needs no other words
                after = re.sub(r"^(?:及以上|以上|以下|以内|左右|之多|余|多)", "", p.text[m.end():m.end() + 12])
                noun = re.match(r"[\u4e00-\u9fff]{2,8}", _CLAUSE_END.split(after)[0].split("的")[0])
                said = next((noun.group(0)[:k] for k in range(len(noun.group(0)), 1, -1)
                             if noun.group(0)[:k] in question), None) if noun else None
                if noun and said is None:
                    # "培养40名充分掌握先进会计理论人才" of 多少名会计理论人才: the noun's head, said
                    # in three characters or more, after the words that qualify it
                    whole = re.match(r"[\u4e00-\u9fff]{2,16}", _CLAUSE_END.split(after)[0].split("的")[-1])
                    head = max((whole.group(0)[k:] for k in range(len(whole.group(0)) - 2)
                                if whole.group(0)[k:] in question), key=len, default=None) if whole else None
                    said = head if head and len(head) >= 3 else None
                if noun and said is None:
                    continue  # (its head is enough: 论坛 for 论坛活动; 单位 is not 下属单位)
                counted = said
                if said:
                    # "共 12 个项目纳入绩效目标管理": the words after the counted noun anchor it too
                    counted_weight = longest_common(GENERIC.sub("", _CLAUSE_END.split(after)[0]),
                                                    GENERIC.sub("", question))
                asked = re.search(rf"(?:多少|几){unit}([\u4e00-\u9fff])", question)
                if counted is None and asked and re.sub(r"^[（(]", "", after).startswith(asked.group(1)):
                    counted = asked.group(1)  # "多少个处" ~ "18 个处（室）": the noun asked, said
                    counted_weight = 2  # right after both counts: as good as two words in common
            k = max(0, m.start() - 16)
            while k > 0 and p.text[k - 1].isdigit():
                k -= 1  # never quote half a number ("25 年" of "2025 年")
            before = p.text[k:m.start()]
            clauses = _CLAUSE_END.split(before)
            clause = clauses[-1].strip()
            if len(clause) <= 2 and re.search(r"[）)]\s*(?:为|是|共计?|达到?|约)\s*$", before):
                # "政府采购金额（以合同签订为准）为 2319.21 万元": the words before the bracketed
                # qualifier name the figure, the qualifier with them
                wide = re.sub(r"\s", "", p.text[max(0, m.start() - 60):m.start()])
                unbracketed = re.sub(r"[（(][^（）()]*[）)]", "", wide)
                named = _CLAUSE_END.split(unbracketed)[-1].strip()
                at = wide.rfind(named[:4]) if len(named) >= 4 else -1
                clause = wide[at:] if at >= 0 else clause  # (quoted as printed, its bracket kept)
            if SUBJECT_BEFORE.match(clause.replace(" ", "")):
                # "编报绩效目标的项目11个，涉及项目预算资金6626万元": a clause with no subject of
                # its own says its figure of the clause before
                wider = _CLAUSE_END.split(p.text[max(0, m.start() - 60):m.start()])
                if len(wider) >= 2 and wider[-2].strip():
                    clause = f"{wider[-2].strip()}，{clause}"
            if re.search(r"等\s*\d+\s*[个项家]", clause) and not re.search(r"\d+\s*[个项家]|这些|全部|所有|一共|总共", question):
                continue  # "机场入境人员核酸检测费用等82个一级项目…涉及资金": a group's, not one named
            if CHANGE_BEFORE.search(clause.replace(" ", "")) and not CHANGE_ASKED.search(question):
                continue  # "…服务费减少3,840万元": a change, not the item's amount asked
            bound_only = len(clauses) >= 2 and bool(BOUND_ONLY.fullmatch(clause))
            if bound_only:
                # "…防雷重点单位安全隐患，不低于800家": the bound says nothing of what is counted
                clause = f"{clauses[-2].strip()}，{clause}"
            # "（一）机关运行经费。2026 年一般公共预算财政拨款运行经费 5,590.43 万元": a heading
            # of its own right before the sentence names the sentence's first figure
            segments = re.split(r"[。；;]", p.text[:m.start()])
            heading = ""
            if len(segments) >= 2 and HEADING.match(segments[-2].strip()) and \
                    not _FIGURE.search(segments[-1]):
                heading = GENERIC.sub("", HEADING.match(segments[-2].strip()).group(1))
                if longest_common(heading, GENERIC.sub("", question)) > \
                        longest_common(GENERIC.sub("", clause.replace(" ", "")), GENERIC.sub("", question)):
                    clause = f"{segments[-2].strip()}。{segments[-1].strip()}"  # quoted as printed
            if unit in COUNTERS and counted is None:
                # "扶持项目数量8个及以上" of 扶持多少个项目: the noun asked, named before the count's
                # own name (数量, 个数), right before the count
                named = re.search(rf"(?:多少|几){unit}([\u4e00-\u9fff]{{2}})", question)
                plain = clause.replace(" ", "")
                if named and re.search(r"(?:数量|个数|总数)$", plain) and named.group(1) in plain:
                    counted, counted_weight = named.group(1), 3
            # what anchors a figure is the question's own words, not the words every
            # budget sentence has (预算, 安排, 经费, 财政拨款…)
            anchor = GENERIC.sub("", clause.replace(" ", ""))
            common = max(longest_common(anchor, GENERIC.sub("", question)),
                         longest_common(heading, GENERIC.sub("", question)) if heading else 0)
            if counted:
                common = max(common, len(counted), counted_weight)
            # "人员经费是多少": an item the question names whole, the clause's whole item too
            # ("（一）人员经费 13,452.12 万元"), anchors it though its words are general ones
            asked_item = re.sub(r"是多少|有多少|为多少|多少|是|有|为|的|亿元|万元|元|预算|[？?。，,\s]", "", question)
            printed_item = re.sub(r"^[（(]?[一二三四五六七八九十\d]+[）).、．]?|预算|\s", "", clause)
            if len(asked_item) >= 4 and printed_item == asked_item:
                common = max(common, 4)
            # a count in the counter asked for (几辆 ~ 46 辆) needs less anchoring
            # (a specific counter: 辆, 人, 套; 个 and 项 count anything, so they need the words)
            whole_part = len(part) >= 2 and longest_common(anchor, part) >= len(part)  # 其中：办公经费41.47万元
            if category and category.group(1) in anchor and "其中" in re.split(r"[。]", p.text[:m.start()])[-1]:
                whole_part = True  # "其中拟购买货物334万元；拟购买工程0万元" of 工程类采购
            # (a target asked, 调查单位数量目标是多少个: a count of anything, 个 or 项, anchored on
            # a word or two of the narrative, 事业单位 8个, is not it)
            if common < (1 if unit == wants and unit not in ("个", "项") else
                         # (nor is a project's: 消费者信心调查项目的样本量 anchored on 北京市)
                         3 if unit in ("个", "项") and re.search(r"目标|指标|项目", question) else
                         2 if unit in COUNTERS else min_anchor - 1) and not whole_part:
                continue
            left_out = re.search(r"除了?([\u4e00-\u9fff]{2,12}?)(?:之)?以?外", question)
            if left_out and "除" not in clause:
                continue  # (除业务用车外…一共多少辆: never the figure of what is left out, nor the whole's)
            if unit in COUNTERS and _kind_left_out(clause, question):
                continue  # (公务用车 102 辆 of "有多少辆执法执勤用车": all vehicles, not that kind)
            if bound_only and common < 3:
                continue  # anchored on the clause before the bound: on more than a word or two
            listing = re.split(r"[。；;]", p.text[:m.start()])[-1]
            listing = listing[:listing.rfind("其中")][-60:] if "其中" in listing else ""
            # (not the heading before it: "（五）国有资产占用使用及新增资产配置情况：截至…共有…")
            listing = re.split(r"[：:\n]", listing)[-1]
            said_of = clause + listing
            if unit in COUNTERS and not ACQUIRED.search(said_of) and not HELD.search(said_of):
                # "…计划购置车辆0辆；单价100万元以上设备0台": a clause with no verb of its own is
                # said under the verb of the nearest clause of its sentence that has one
                # (or under a verb its own clause says further back: 安排购置单位价值100万元以上设备0台)
                pieces = re.split(r"[；;]", re.split(r"。", p.text[:m.start()])[-1])
                # (only a verb of buying or holding: 配置 of 资源配置与管理处 names a division)
                said_of = next((x for x in reversed(pieces) if BOUGHT.search(x) or HELD.search(x)), "") + said_of
            if unit in COUNTERS and bool(ACQUIRED.search(question)) != bool(ACQUIRED.search(said_of)):
                # "共有车辆56辆" for 有几辆车, "安排购置车辆6辆" only for 购置几辆 (and its parts
                # listed after 其中, 执法执勤用车0辆, are purchases too)
                continue
            # between equally long runs, a figure before 其中 (the whole) before those after it
            # (its parts), and an anchor the question says in full (政府采购预算, the total)
            # before one with words it does not say (政府采购货物预算, a part)
            # and, between those, the anchor that says more of the question (政府采购货物预算
            # for "政府采购中货物类", a part the question names, over the total)
            sentence = re.split(r"[。；;]", p.text[:m.start()])[-1]
            said_before = re.sub(r"\s", "", (p.section or "").split(" > ")[-1] + (heading or "") + sentence)
            if any(w in question and w not in said_before for w in PARTS_NAMED):
                continue  # ("北湖管理局预算 1,409.94 万元" of 北湖管理局的政府性基金…项目支出: another part's)
            said = len(set(anchor) & set(GENERIC.sub("", question)))
            # and one whose sentence names the money the question names (其中一般公共预算拨款
            # 政府采购…工程预算 0 万元, for "一般公共预算拨款安排的政府采购工程预算")
            sources = set(MONEY_NAMED.findall(question)) <= set(MONEY_NAMED.findall(sentence))
            of_part = not part or longest_common(anchor, part) >= min(2, len(part)) or bool(counted and counted in part)
            if category and category.group(1) not in anchor:
                of_part = False  # "工程类采购" is 工程's, never the 政府采购 total sharing 采购 with it
            # (last, between anchors alike once general words are set aside: the one saying more of
            # the question as written, 政府采购支出总额 over 政府采购授予中小企业合同金额)
            verbatim = longest_common(clause.replace(" ", ""), question.replace(" ", ""))
            score = (of_part, common, said, sources, "其中" not in sentence, common == len(anchor), verbatim)
            value = Decimal(m.group(1).replace(",", ""))
            found.append((score, PassageFigure(value, unit if unit not in COUNTERS else None,
                                               unit if unit in COUNTERS else None, clause, p, m.start())))
    if not found or (part and not any(score[0] for score, _ in found)):
        return None  # ("政府采购里工程类": no figure said of 工程, so not the 政府采购 total either)
    found.sort(key=lambda x: x[0], reverse=True)
    best = found[0]
    rivals = [f for s, f in found[1:] if s == best[0] and f.value != best[1].value]
    return None if rivals or _part_unsaid(best[1], question) else best[1]


def _kind_left_out(anchor: str, question: str) -> bool:
    """A count anchored on the end of what the question counts (用车 of 执法执勤用车) whose own
    words say another kind before it (公务用车): the question's kind (执法执勤) is left out."""
    anchor = re.sub(r"\s", "", anchor)
    run = ""
    for i in range(len(anchor)):
        for j in range(len(anchor), i + len(run), -1):
            if anchor[i:j] in question:
                run = anchor[i:j]
                break
    if len(run) < 1 or not re.search(r"[\u4e00-\u9fff]", run):
        return False
    at = question.find(run)
    if re.search(r"[个辆台套家件名人次场期批项座所条份篇户几少有是的在了设：:，,、？?]$|^$", question[:at]):
        return False  # (多少个内设处室: the count said right before the noun, no kind of it)
    before = re.sub(r"截至|截止|年底|年末|月底|目前|现在|共有|拥有|现有|一共|总共|多少|本单位|本部门|单位|部门|"
                    r"下面|下属|所属|下设|旗下|里面|这个|那个|其中|哪些|哪几|什么|"
                    r"[有共几的是了个辆台套家人件名\d年月日底末，,、：:？?\s]", "", question[max(0, at - 6):at])
    kind = before[-2:]
    # (only the counted noun itself, said last on both sides: 公务用车 against 执法执勤用车？)
    noun_end = anchor.endswith(run) and re.match(r"[多几？?有的数是，,]|$", question[at + len(run):]) is not None
    return noun_end and len(kind) == 2 and kind not in anchor and anchor.find(run) >= 2


def _part_unsaid(figure: PassageFigure, question: str) -> bool:
    """"政府采购服务预算" of "政府采购预算983.05万元，其中：政府采购货物预算…": the figure is a whole
    whose parts the sentence goes on to list, and the question says a qualifier of its own right
    after the words it shares with the whole: a part, not the whole."""
    text = figure.passage.text
    rest = re.split(r"[。；;]", text[figure.start:])[0]
    if "其中" not in rest or figure.unit not in ("元", "万元", "亿元"):
        return False
    anchor, asked = GENERIC.sub("", figure.anchor.replace(" ", "")), GENERIC.sub("", question)
    stem = max((anchor[i:j] for i in range(len(anchor)) for j in range(i + 2, len(anchor) + 1)
                if anchor[i:j] in asked), key=len, default="")
    if not stem:
        return False
    after = asked[asked.index(stem) + len(stem):]
    after = re.sub(r"^(?:用|以|按|换算成?|折合成?|折成|换成|转换成?)?(?:亿元|万元|元|万|亿)?(?:表示|计算|计|算)?", "", after)
    return bool(re.match(r"[\u4e00-\u9fff]{2}", after)) and after[:2] not in anchor and \
        not re.match(r"[几多]|情况|是否|有没|怎么|什么|哪些|主要|具体|总共|一共|合计|总计|加起|换算|折合|大约|大概", after)


def whole_of(part: PassageFigure) -> PassageFigure | None:
    """The whole a part is listed under: "政府采购预算总额1012.10万元，其中：…服务预算801万元"
    gives the 1012.10 the 801 is part of; None when the part is not listed under 其中."""
    text = part.passage.text
    start = max(text.rfind(c, 0, part.start) for c in "。；;") + 1
    sentence = text[start:part.start]
    cut = sentence.find("其中")
    if cut < 0:
        return None
    head = sentence[:cut]
    money = [m for m in _FIGURE.finditer(head) if m.group(2) in ("亿元", "万元", "元")]
    if not money:
        return None
    m = money[-1]  # the amount printed right before 其中
    clause = _CLAUSE_END.split(head[max(0, m.start() - 16):m.start()])[-1].strip()
    return PassageFigure(Decimal(m.group(1).replace(",", "")), m.group(2), None, clause, part.passage,
                         start + m.start())


def narrative_passages(doc) -> list[Passage]:
    """Every section of a document's narrative as a passage (not the glossary), for a figure
    the retrieved passages may miss."""
    return [Passage(doc.doc_id, s.title, s.line_start, s.line_end, s.text, s.page)
            for s in doc.sections if s.text and s.title != "名词解释"]


def stated_answer(question: str, asked_unit: str | None, doc_id: str, found: PassageFigure,
                  sources: list[Passage]) -> Answer:
    """The answer that gives the one figure the narrative states (in the unit asked, if money),
    quoting the words it is said after and where."""
    prov = Provenance(doc_id, found.passage.section, found.anchor, "情况说明",
                      found.passage.line_start, found.passage.page)
    unit = found.unit or found.counter
    value = found.value
    if found.unit in ("元", "万元", "亿元") and asked_unit in ("元", "万元", "亿元"):
        value, unit = convert(value, found.unit, asked_unit), asked_unit
    figure = Figure(found.anchor or "情况说明", value, unit or "", prov)
    printed = f"{found.value:,}{found.unit or found.counter or ''}"
    if found.counter and re.search(r"哪些|哪几|分别是|都是|是什么", question):
        # "有几个…？都是哪些？": the names the sentence lists after its count, as printed
        rest = re.split(r"[。；;]", found.passage.text[found.start:])[0]
        listed = re.sub(r"^[\d,.]+\s*" + re.escape(found.counter), "", re.sub(r"\s*[-—]\s*\d+\s*[-—]\s*|\s+", "", rest))
        if re.match(r"[，,：:]?(?:即|分别是|包括|为)?[：:]?[\u4e00-\u9fff]", listed):
            printed += listed
    text = (f"{value:,}{unit or ''}。情况说明写道：“{found.anchor} {printed}”"
            f"（来源：{found.passage.section}，第{found.passage.line_start}–{found.passage.line_end}行）。")
    return Answer(question, text, True, "retrieval", [figure], sources, document=doc_id)


# A section whose whole text is that there is none ("### 1、车辆情况：\n\n无").
_NONE_PRINTED = re.compile(r"\s*(无|没有|暂无|本单位无|本部门无)[。.]?\s*")


def none_stated(question: str, passages: list[Passage], counter: str | None) -> Answer | None:
    """A count asked of a section that says only 无 ("车辆情况：无" for 单位有几辆公车): none,
    quoted with its heading, when the heading shares two of its own characters with the question
    (车辆情况 ~ 几辆公车)."""
    for p in passages:
        heading = re.sub(r"^[（(]?[一二三四五六七八九十\d]+[）)、.．]\s*", "", p.section.split(" > ")[-1]).rstrip("：:")
        if not _NONE_PRINTED.fullmatch(p.text) or len(set(heading) - set("情况说明的") & set(question)) < 2:
            continue
        prov = Provenance(p.document, p.section, heading, "情况说明", p.line_start, p.page)
        figure = Figure(heading, Decimal(0), counter or "", prov)
        return Answer(question, f"没有（0{counter or ''}）。情况说明写道：“{heading}：{p.text.strip()}”"
                                f"（来源：{p.section}，第{p.line_start}–{p.line_end}行）。", True, "retrieval",
                      [figure], [p], document=p.document)
    return None


def amounts_listed(question: str, passages: list[Passage], count: int, kind: str,
                   measure: str) -> list[PassageFigure] | None:
    """"四个季度用款计划加起来": the ``count`` amounts one passage states each of one ``kind``
    and ``measure`` (第一季度用款计划158.05万元，第二季度用款计划…), when exactly that many are
    printed there. Of several passages that list them, the one whose section names most of the
    question; None when that is not one passage."""
    said = re.compile(rf"{re.escape(kind)}.{{0,3}}{re.escape(measure)}")
    listed: list[tuple[int, list[PassageFigure]]] = []
    for p in passages:
        figures = []
        for m in _FIGURE.finditer(p.text):
            if m.group(2) not in ("亿元", "万元", "元"):
                continue
            clause = _CLAUSE_END.split(p.text[max(0, m.start() - 16):m.start()])[-1].strip()
            if said.search(clause.replace(" ", "")):
                figures.append(PassageFigure(Decimal(m.group(1).replace(",", "")), m.group(2), None, clause, p,
                                             m.start()))
        if len(figures) == count and len({f.unit for f in figures}) == 1:
            listed.append((longest_common(GENERIC.sub("", p.section), GENERIC.sub("", question)), figures))
    listed.sort(key=lambda x: x[0], reverse=True)
    if not listed or (len(listed) > 1 and listed[1][0] == listed[0][0]):
        return None
    return listed[0][1]


_SCORE_SAID = re.compile(r"(?:得分|评分|分数)(?:为|是|达到?|共计?)?\s*(\d{1,3}(?:\.\d+)?)\s*(分)?(?![\d.%])")


def score_in_passages(question: str, passages: list[Passage]) -> PassageFigure | None:
    """The one score (自评得分99.5, 平均得分99.33分) the passages state after words of the
    question (four characters in a row or more in its sentence, 得分 counting; the clause right
    before it first); None if none, or several equally well anchored with other values."""
    asked = GENERIC.sub("", question)
    found: list[tuple[tuple[int, int], PassageFigure]] = []
    for p in passages:
        for m in _SCORE_SAID.finditer(p.text):
            start = max(p.text.rfind(c, 0, m.start()) for c in "。；;\n") + 1
            anchor = re.sub(r"\s", "", p.text[start:m.start()]) + p.text[m.start():m.start(1)].strip()
            anchor = re.sub(r"(?:为|是|达到?|共计?)$", "", anchor)
            common = longest_common(GENERIC.sub("", anchor), asked)
            # (the clause right before the score first: 部门整体支出自评得分 over a sentence's other words)
            near = longest_common(GENERIC.sub("", _CLAUSE_END.split(anchor)[-1]), asked)
            if common >= 4 and float(m.group(1)) <= 100:
                found.append(((near, common), PassageFigure(Decimal(m.group(1)), "分", None, anchor, p, m.start(1))))
    if not found:
        return None
    found.sort(key=lambda x: x[0], reverse=True)
    best = found[0]
    rivals = [f for c, f in found[1:] if c == best[0] and f.value != best[1].value]
    return None if rivals else best[1]
