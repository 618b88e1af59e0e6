"""Counts of what the narrative lists: "纳入编制范围的单位包括：1.… 2.…", "内设机构包括：办公室、
综合处、…。" A question asking how many (几个单位, 多少个内设机构) is answered by counting the list
the narrative gives after the noun asked, the items shown, when the narrative states no count.

Only organisational lists are counted (单位, 机构, 处室, 科室, 部门…): the items of such a list are
names, one per number or between 、, so the count is the list's own. A numbered list counts its
consecutive numbers from 1; a list in words counts the names between 、 up to the sentence's end.

>>> text = "纳入本部门预算编制范围的二级预算单位包括：\\n1.甲局\\n2.乙中心\\n十、基本支出：指…"
>>> listed_count("二级预算单位有几个", [Passage("d", "机构设置", 10, 14, text)]).value
Decimal('2')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..model import Answer, Figure, Passage, Provenance

# The nouns a list of names is given for: a body's parts and units.
LISTED = r"(?:预算单位|下属单位|所属单位|二级单位|单位|内设机构|派出机构|机构|处室|科室|职能处室|部门|中心|分局|支队|大队)"
# "二级预算单位有几个", "单位一共有几家": the noun before the count asked
_NOUN_BEFORE = re.compile(rf"([\u4e00-\u9fff]{{0,6}}?{LISTED})(?:一共|总共|共|总计)?(?:有|包括|包含|是)?(?:几|多少)(个|家|处|所)")
# "一共有多少个内设机构": the noun after it
_NOUN_AFTER = re.compile(rf"(?:几|多少)(个|家|处|所)([\u4e00-\u9fff]{{0,6}}?{LISTED})")
_INTRO = r"(?:共计|共有|共)?[^。：:\n]{0,6}?(?:(?:包括|包含|分别是|分别为|如下)[：:]?|(?:有|为)[：:])\s*"
# "从预算单位构成看，湖州市财政局预算包括：局本级预算、…": the list introduced by the make-up
_INTRO_MAKEUP = r"构成(?:看|来看|上看)?[，,][^。：:\n]{0,16}?(?:包括|包含|由)[：:]?\s*"
# A name of a body or of a part of one ends so (办公室, 综合处, …服务中心, …局（本级）).
_NAME_END = re.compile(r"(?:局|委|厅|办|室|处|科|股|组|中心|院|所|站|队|馆|部|会|社|场|园|校|村|府|街道|本级)$")
_NUMBER = re.compile(r"^\s*(?:[（(]?(\d{1,2})[）)]?[.、．]?|第(\d{1,2})[个项])\s*[\u4e00-\u9fff“\"]")
_STATED = re.compile(r"\d+\s*[个家处所]")
# The names of a body's own divisions, one list whichever is said.
_DIVISIONS = ("内设机构", "处室", "科室", "职能处室", "内设处室", "内设科室")


@dataclass
class ListedCount:
    value: Decimal
    counter: str
    noun: str
    items: list[str]
    passage: Passage
    line: int


def _asked(question: str) -> tuple[str, str] | None:
    """(noun, counter) of a count asked of listed names, if any."""
    if m := _NOUN_AFTER.search(question):
        return m.group(2), m.group(1)
    if m := _NOUN_BEFORE.search(question):
        noun = re.sub(r"^.*?(?:的|了|中|里)", "", m.group(1))
        return noun, m.group(2)
    return None


def _numbered(lines: list[str]) -> list[str]:
    """The items of a list numbered 1, 2, 3… from its first line, up to the first line that is
    neither the next number nor page furniture (—4—)."""
    items: list[str] = []
    for line in lines:
        if not line.strip() or re.fullmatch(r"[—\-\s\d]+", line.strip()):
            continue
        m = _NUMBER.match(line)
        if m is None or int(m.group(1) or m.group(2)) != len(items) + 1:
            break
        items.append(line[m.end() - 1:].strip())
    return items


def _unit_of(item: str) -> str:
    """A listed name without the 预算 (决算) it is listed as, nor the kind of body noted after it:
    局本级预算 -> 局本级, 某某局本级预算（行政单位） -> 某某局本级."""
    kind = r"[（(](?:参公)?(?:行政|事业|企业|参照公务员法管理的?事业)?单位[）)]$"
    item = re.sub(kind, "", item.strip())
    return re.sub(kind, "", re.sub(r"(?<=[\u4e00-\u9fff）)]{2})(?:部门|单位)?(?:预算|决算)$", "", item))


def _tidy(text: str) -> str:
    """A passage's text as a list is read: page numbers (—5—) dropped, a line break before
    包括 joined, and the spaces a justified line puts between characters removed."""
    text = re.sub(r"\s*[—－]+\s*\d+\s*[—－]+\s*", "\n", text)
    text = re.sub(r"\s*\n\s*(?=包括|包含)", "", text)
    # (a numbered list run together on one line: "…监督站3.烟台市…中心4.…")
    text = re.sub(r"(?<=[\u4e00-\u9fff）)])(?=\d{1,2}[.、．][\u4e00-\u9fff])", "\n", text)
    return re.sub(r"(?<=[\u4e00-\u9fff（）()、])[ \t]+(?=[\u4e00-\u9fff（）()、])", "", text)


def _in_words(text: str) -> list[str]:
    """The names between 、 up to the sentence's end (brackets kept inside their name)."""
    end = re.search(r"[。；;]", text)
    if end is None or end.start() > 400:
        return []
    body = text[:end.start()]
    if "\n" in body and "、" not in body:
        return []  # (a line that is not a sentence: a table's header, a heading)
    body = body.replace("\n", "")
    items, depth, cur = [], 0, ""
    for ch in body:
        depth += ch in "（("
        depth -= ch in "）)"
        if ch == "、" and depth <= 0:
            items.append(cur)
            cur = ""
        else:
            cur += ch
    items.append(cur)
    # (the last two joined by 和: "…中心预算和局属…中心预算"; each unit's 预算 named by the unit)
    last = re.split(r"和|及|以及", items[-1])
    if len(items) > 1 and len(last) == 2 and all(
            _NAME_END.search(re.sub(r"[（(][^）)]*[）)]$", "", _unit_of(x))) for x in last):
        items[-1:] = last
    items = [_unit_of(i.strip()) for i in items]
    if not all(2 <= len(i) <= 30 and re.search(r"[\u4e00-\u9fff]", i) for i in items):
        return []
    return items


def listed_count(question: str, passages: list[Passage]) -> ListedCount | None:
    """The count of the names the narrative lists for the noun asked, or None when no passage
    lists them, or when the sentence introducing the list states a count of its own."""
    asked = _asked(question)
    if asked is None:
        return None
    noun, counter = asked
    # a body's own divisions go by several names (几个处室 of a list of 内设机构)
    said = "|".join(re.escape(n) for n in ([noun] + [n for n in _DIVISIONS if n != noun and noun in _DIVISIONS]))
    found: list[ListedCount] = []
    for p in passages:
        p = Passage(p.document, p.section, p.line_start, p.line_end, _tidy(p.text), p.page)
        for m in re.finditer(rf"(?:{said})(?:{_INTRO}|{_INTRO_MAKEUP}|[：:]\s*)", p.text):
            before = p.text[max(0, m.start() - 30):m.start()]
            if _STATED.search(p.text[m.start():m.end()]) or re.search(r"下设|包括", before[-4:]):
                continue
            if re.fullmatch(rf"(?:{said})[：:]\s*", m.group(0)) and not re.search(r"设(?:有|置)?(?:下列|以下|如下)$", before):
                continue  # "设下列内设机构：办公室、…": the noun and a colon only after 设下列
            rest = p.text[m.end():]
            lines = rest.split("\n")
            while len(lines) > 1 and not _NUMBER.match(lines[0]) and (
                    not lines[0].strip() or re.fullmatch(r"[序号单位名称备注\s]+", lines[0].strip())):
                lines = lines[1:]  # (a blank line, a table's header: 序号 单位名称 备注)
            items = _numbered(lines) if _NUMBER.match(lines[0]) else _in_words(rest)
            if not items or not all(_NAME_END.search(re.sub(r"[（(][^）)]*[）)]$", "", i)) for i in items):
                continue  # (names of bodies and their parts, each of them, or no list of names)
            line = p.line_start + p.text[:m.start()].count("\n")
            found.append(ListedCount(Decimal(len(items)), counter, noun, items, p, line))
        found += _listed_before(noun, counter, p)
    if not found or any(f.value != found[0].value for f in found[1:]):
        return None  # no list, or two lists that disagree
    return found[0]


def _listed_before(noun: str, counter: str, p: Passage) -> list[ListedCount]:
    """A list of names the sentence gives before what they are ("拱北口岸分局、九洲港口岸分局…，
    为珠海市商务局派出机构"): counted when the words after the list name the noun asked, or when
    every name ends in it (几个口岸分局)."""
    out = []
    for m in re.finditer(r"[^。；;：:]+", p.text):
        sentence = m.group(0)
        tail = re.search(r"[，,]\s*(?:为|是|均为|均是|系|都是|同为)([^。，,]{0,16})$", sentence)
        listed = sentence[:tail.start()] if tail else sentence
        if "、" not in listed or _STATED.search(listed):
            continue
        items = _in_words(listed.strip() + "。")
        if len(items) < 2 or not all(_NAME_END.search(re.sub(r"[（(][^）)]*[）)]$", "", i)) for i in items):
            continue
        if not ((tail and noun in tail.group(1)) or (len(noun) >= 3 and all(i.endswith(noun) for i in items))):
            continue
        line = p.line_start + p.text[:m.start()].count("\n")
        out.append(ListedCount(Decimal(len(items)), counter, noun, items, p, line))
    return out


def listed_answer(question: str, doc_id: str, found: ListedCount) -> Answer:
    """The answer giving the count, with the names counted and where they are listed."""
    p = found.passage
    prov = Provenance(doc_id, p.section, found.noun, "情况说明", found.line, p.page)
    names = "、".join(found.items)
    arithmetic = f"情况说明列出的{found.noun}：{names}（共{found.value}{found.counter}）"
    figure = Figure(f"{found.noun}数量", found.value, found.counter, prov, arithmetic=arithmetic, cells=[prov])
    text = (f"{found.value}{found.counter}。情况说明列出的{found.noun}为：{names}"
            f"（来源：{p.section}，第{found.line}行起；按所列名称计数）。")
    return Answer(question, text, True, "retrieval", [figure], [p], document=doc_id)
