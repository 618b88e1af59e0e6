"""Last year's figure, worked out from what the 情况说明 says of this year's: "2026年“三公”经费
预算207.46万元，比2025年减少48.3万元" states 2025's as 207.46 + 48.3 = 255.76 万元.

A disclosure prints one year; its narrative often compares each item with the year before. A
question about that year is answered only from such a sentence: the item the question names,
this year's amount, and its change (or last year's amount) printed right after it, compared with
the year before the document's. Budget and executed figures are not mixed: "比上年执行数增加"
gives last year's 执行数, never its 预算. Two sentences giving the item different values mean no
answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..audit.narrative import Sentence, figures
from ..model import Figure, ParsedDocument, Passage, Provenance, convert
from .passage_figures import longest_common

_QUOTES = re.compile(r"[“”\"'‘’「」『』]")
_MONEY = ("元", "万元", "亿元")


@dataclass(frozen=True)
class LastYear:
    """Last year's figure of an item, and the sentence it is worked out from."""

    item: str
    value: Decimal
    unit: str
    executed: bool  # 上年执行数 rather than 上年预算
    this_year: Decimal
    change: Decimal | None  # signed; None when the sentence prints last year's amount itself
    sentence: str
    passage: Passage

    def arithmetic(self) -> str:
        if self.change is None:
            return f"情况说明直接写明上年为 {self.value:,}{self.unit}"
        op = "−" if self.change > 0 else "+"
        return f"{self.this_year:,} {op} {abs(self.change):,} = {self.value:,}"


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", _QUOTES.sub("", text))


def _bare(text: str) -> str:
    """Brackets and codes dropped: 行政运行（2080101） ~ 行政运行(2080101); 收入、支出 said as 收支."""
    text = re.sub(r"收入、?支出|收、支", "收支", text)
    text = re.sub(r"收支(?:预算)?总(?:计|额|预算)", "收支总计", text)  # 收支预算总计, 收支总预算
    return re.sub(r"[（）()\[\]【】、]|\d{3,9}", "", text)


# Words that say where money comes from, not what it is: 委托业务费财政拨款 is 委托业务费.
_SOURCE_WORDS = re.compile(r"一般公共预算拨款|一般公共预算|财政拨款|拨款|安排的?")
_SENTENCE_END = re.compile(r"[。；;]")


def _item(subject: str) -> str:
    """The item a sentence's amount is said of: the 项 of '某某（款）专项普查活动（项）支出'."""
    item = _plain(subject)
    # "（一）机关运行经费2026年本单位机关运行经费财政拨款": what follows the year, less the body
    after = re.split(r"\d{4}年度?", item)[-1]
    after = re.sub(r"^(?:本单位|本部门|我单位|我部门)", "", after)
    if len(after) >= 2:
        item = after
    item = re.sub(r"^.*?（[类款]）", "", item)
    # "机关运行经费支出情况机关运行经费支出": a heading naming the item, then the item
    if (m := re.match(r"^(.{2,}?)(?:情况|说明)(.{2,})$", item)) and (m.group(2) in m.group(1) or m.group(1) in m.group(2)):
        item = m.group(2)
    return re.sub(r"（[类款项]）", "", item)


def _said(item: str, q: str) -> tuple[bool, int] | None:
    """How well the question names the item: (in full, longest common run), or None."""
    best = None
    if re.search(r"总计|合计", item):
        # a total qualified by its money (财政拨款收支总计) is another total than the whole's
        forms = {_bare(item), *(("支出总计", "收入总计") if _bare(item) == "收支总计" else ())}
        for form in forms:
            common = longest_common(form, q)
            if form in q or (common >= 4 and common >= 0.6 * len(form)):
                best = max(best or (False, 0), (form in q, common))
        return best
    # 一般公共预算财政拨款支出 is 一般公共预算支出: 财政拨款 only says the money is the state's
    # (一般公共预算拨款安排的培训费支出 is the 培训费 of "上年培训费预算")
    # (…3家参公事业单位的机关运行经费财政拨款: whose it is said before 的, the item after it)
    for form in {_bare(item), _bare(_SOURCE_WORDS.sub("", item)), _bare(re.sub(r"财政拨款|(?<!预算)拨款", "", item)),
                 _bare(re.sub(r"^的|(?<=费)支出$", "", _SOURCE_WORDS.sub("", item))),
                 _bare(_SOURCE_WORDS.sub("", item.rsplit("的", 1)[-1])) if "的" in item else ""}:
        if len(form) < 2:
            continue
        common = longest_common(form, q)
        full = form in q
        if full or (common >= 4 and common >= 0.6 * len(form)):
            best = max(best or (False, 0), (full, common))
    return best


_HEADING_BEFORE = re.compile(r"(?:^|[。；\n])\s*(?:[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.、．])\s*([\u4e00-\u9fff“”\"]{2,12})[。：:]?\s*$")


def _headed(item: str, before: str) -> str:
    """The name a heading printed right before the sentence gives its item, when both end alike
    ("（一）机关运行经费。2026年一般公共预算财政拨款运行经费…": 机关运行经费)."""
    m = _HEADING_BEFORE.search(before)
    heading = _item(m.group(1)) if m else ""
    if heading and len(heading) >= 4 and heading[-4:] == item[-4:]:
        return heading
    # "…3家参公事业单位的机关运行经费财政拨款": whose it is, said before 的, is not the item's name
    after = item.rsplit("的", 1)[-1]
    return after if "的" in item and len(after) >= 4 and re.search(r"\d", item.rsplit("的", 1)[0]) else item


def statements_of(doc: ParsedDocument):
    """(section, item, this year's amount, last year's figure, executed?, sentence) for every
    amount of the narrative followed by its comparison with the year before."""
    for sec in doc.sections:
        if not sec.text or sec.title == "名词解释":
            continue
        plain = _plain(sec.text)
        if not re.search(r"上年|上一年|去年|\d{4}年", plain):
            continue
        figs = [f for f in figures(Sentence(plain, [0], []), owner=doc.department) if f.unit in _MONEY]
        whole = last = None  # the last amount outside a 其中 list, and the last amount
        for f in figs:
            sentence_start = max((m.end() for m in _SENTENCE_END.finditer(plain, 0, f.start)), default=0)
            if f.role == "amount":
                if "其中" not in plain[sentence_start:f.start]:
                    whole = f
                last = f
                continue
            if f.role not in ("delta", "previous") or last is None:
                continue
            between = plain[last.end:f.start]
            if not re.search(rf"上年|上一年|去年|{doc.year - 1}年", between):
                continue
            owner, item = last, _item(last.subject)
            if _SENTENCE_END.search(between):
                # "…X万元，其中：A a万元。比上年增加D": said of the whole, not its last part;
                # "收入比2025年增加D" names what it is said of
                named = re.match(r"^(.{2,12}?)(?:比|较|与|同)", f.lead)
                if whole is None:
                    continue
                if named:
                    item = _item(named.group(1))
                    if whole.subject and not _said(item, _plain(whole.subject)):
                        continue
                elif last is not whole:
                    if "其中" not in plain[whole.end:last.start]:
                        continue
                owner, item = whole, item if named else _item(whole.subject)
            if not item:
                continue
            executed = "执行" in between
            sentence_end = _SENTENCE_END.search(plain, f.end)
            owner_start = max((m.end() for m in _SENTENCE_END.finditer(plain, 0, owner.start)), default=0)
            text = plain[owner_start:sentence_end.end() if sentence_end else len(plain)]
            said_before = text[:owner.start - owner_start]
            if re.fullmatch(r"支出总计|收入总计|支总|收总", item) and re.search(r"收入、?支出|收、?支", said_before):
                # "收入、支出预算总计…各增加": both sides' total (财政拨款收、支总预算: the state's money's)
                item = ("财政拨款" if "财政拨款" in said_before else "") + "收支总计"
            yield sec, _headed(item, plain[:owner_start]), owner, f, executed, text
            last = None  # one comparison per amount


def _rate_agrees(text: str, change: Decimal, before: Decimal) -> bool:
    """Whether the rate the sentence states for its change (增长8.0%, 下降1.6%), if any, is the
    change over last year's amount; a sentence stating none agrees."""
    rates = [Decimal(r) for r in re.findall(r"(?:增长|下降|减少|增加|上升|降低|增幅|降幅)了?(?:为|是)?\s*(\d+(?:\.\d+)?)\s*[%％]", text)]
    if not rates or before <= 0:
        return True
    worked = change / before * 100
    return any(abs(worked - r) <= max(Decimal("0.15"), r * Decimal("0.02")) for r in rates)


def last_year(question: str, doc: ParsedDocument, named: list[str] = (),
              statements: list | None = None) -> LastYear | None:
    """The one figure the narrative gives (or lets one work out) for the item ``question`` names,
    in the year before the document's; None when there is none, or two that disagree.
    ``named`` are the rows the question names exactly: an item less specific than one of them
    (支出 for 科学技术支出) is not what is asked. ``statements`` are the document's
    :func:`statements` when already read (the catalogue keeps them)."""
    if re.search(r"(?:百分|%)之?几|百分比|多少%|几成|(?:幅度|增幅|降幅)(?:是|为|有)?多[少大]|比例(?:是|为)?多少", question):
        return None  # a rate of change asked, not last year's amount
    q = _bare(_plain(question))
    # (what was actually spent, 实际完成, is a budget's 执行数: never its 上年预算)
    wants_executed = "执行" in q or (doc.kind != "决算" and re.search(r"实际(?:完成|支出|发生|执行|花|使用|用)|决算数?", q) is not None)
    found: list[tuple[tuple[bool, int], LastYear]] = []
    for sec, item, amount, other, executed, text in (statements if statements is not None else statements_of(doc)):
        if executed != wants_executed:
            continue
        said = _said(item, q)
        # (said in full, the longest run, then said as printed: 收入支出总计 before 财政拨款收入支出总计)
        score = None if said is None else (said[0], said[1], _bare(item) in q)
        if score is None or any(a in item and a not in q and b in q and b not in item
                                for a, b in (("收入", "支出"), ("支出", "收入"))):
            continue  # (一般公共预算拨款收入 is not 一般公共预算财政拨款支出)
        whole, own = _plain(sec.text), _plain(text)
        where = whole.find(own[:20]) if own else -1
        start = whole.rfind("。", 0, where) + 1 if where > 0 else where
        if where > 0 and whole[start:].startswith("其中"):
            start = whole.rfind("。", 0, start - 1) + 1  # (其中：… the whole's sentence before it)
        context = (whole[start:where] if where > 0 else "") + own
        if any(w in q and w not in item and w not in context for w in ("一般公共预算", "政府性基金", "国有资本经营", "财政拨款")):
            continue  # (the whole body's 支出 is not its 一般公共预算支出; a part after 其中 is its whole's)
        if any(len(n) >= 3 and n in q and _bare(item) != n and not _said(n, _bare(item))
               and not re.search(r"合计|总计", n) for n in named):
            continue
        parts = [_bare(_item(f.subject)) for f in figures(Sentence(text, [0], []), owner=doc.department)
                 if f.role == "amount" and "其中" in text[:f.start]]
        if any(len(p) > len(_bare(item)) and p in q for p in parts):
            continue  # a part listed under 其中 is asked: the change said is the whole's
        value = convert(other.value, other.unit, amount.unit)
        change = None if other.role == "previous" else value * other.sign
        passage = Passage(doc.doc_id, sec.title, sec.line_start, sec.line_end, text, sec.page)
        if (value if change is None else amount.value - change) <= 0:
            continue  # a year's amount is never zero or less: the sentence was misread (4107,573.11)
        if change is not None and not _rate_agrees(own, abs(change), amount.value - change):
            continue  # (增加37,331.92万元，增长8.0%: a page number run into the amount, or a misprint)
        found.append((score, LastYear(item, value if change is None else amount.value - change,
                                      amount.unit, executed, amount.value, change, text, passage)))
    if not found:
        return None
    found.sort(key=lambda x: x[0], reverse=True)
    best_score, best = found[0]
    if any(s == best_score and ly.value != best.value for s, ly in found[1:]):
        return None
    return best


def last_year_figure(ly: LastYear, doc: ParsedDocument, unit: str | None) -> tuple[Figure, str]:
    """The figure (in the unit asked, if money) and the answer's text."""
    value, shown_unit = ly.value, ly.unit
    if unit in _MONEY and unit != ly.unit:
        value, shown_unit = convert(ly.value, ly.unit, unit), unit
    what = "执行数" if ly.executed else ""
    label = f"{doc.year - 1}年{ly.item}{what}"
    source = Provenance(doc.doc_id, ly.passage.section, ly.item, "情况说明", ly.passage.line_start,
                        ly.passage.page)
    figure = Figure(label, value, shown_unit, source, arithmetic=ly.arithmetic(), cells=[source])
    text = (f"{label}为 {value:,}{shown_unit}（由情况说明推算：{ly.arithmetic()}{'' if shown_unit == ly.unit else ly.unit}）。"
            f"情况说明写道：“{ly.sentence}”（来源：{ly.passage.section}，第{ly.passage.line_start}–"
            f"{ly.passage.line_end}行）。")
    return figure, text
