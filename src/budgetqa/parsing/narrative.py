"""The narrative: sections under their headings, 名词解释 definitions, and figures in prose.

Headings follow the template's numbering (第一部分 > 一、 > （一） > 1、); a figure stated in
a sentence ("比上年增加5108.42万元，增加77.63%") becomes a :class:`NarrativeFact`.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..model import Definition, NarrativeFact, Section
from .lines import SourceLine, strip_markup, to_fullwidth_free

CN_NUM = "一二三四五六七八九十百零〇"
HEADING_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(r"^第[一二三四五六七八九十]+部分")),
    (2, re.compile(rf"^[{CN_NUM}]+、")),
    (3, re.compile(rf"^[（(][{CN_NUM}]+[）)]")),
    (4, re.compile(r"^\d{1,2}[、.．](?!\d)")),
)


def heading_level(line: SourceLine) -> int | None:
    """The heading level of a line, or None for body text."""
    raw = line.text.strip()
    if raw.startswith(("- ", "* ", "• ")):
        return None  # list items such as '- 1、贯彻执行…' are body text
    text = strip_markup(raw)
    if not text or len(text) > 40 or text.endswith(("。", "；", ";")):
        return None
    for level, pattern in HEADING_PATTERNS:
        if pattern.match(text):
            return level
    return None


def split_sections(lines: list[SourceLine], document_title: str = "") -> list[Section]:
    """Group body lines under the nearest heading path."""
    sections: list[Section] = []
    stack: list[tuple[int, str]] = []
    body: list[SourceLine] = []
    heading_line: SourceLine | None = None

    def flush() -> None:
        if heading_line is None and not body:
            return
        text = "\n".join(strip_markup(b.text) for b in body).strip()
        path = [h for _, h in stack]
        title = path[-1] if path else (document_title or "概况")
        first = heading_line or body[0]
        last = body[-1] if body else first
        sections.append(Section(path=path or [title], title=title, text=text,
                                line_start=first.no, line_end=last.no, page=first.page))

    for line in lines:
        level = heading_level(line)
        if level is None:
            body.append(line)
            continue
        flush()
        body = []
        heading_line = line
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, strip_markup(line.text)))
    flush()
    return sections


_DEF_ITEM = re.compile(rf"^[{CN_NUM}]+、\s*(.+)$")
_DEF_VERB = re.compile(r"^(.{2,16}?)(?:[：:]|(?=是指|指|是对|专指|是))(.*)$")


def parse_definitions(lines: list[SourceLine]) -> list[Definition]:
    """名词解释 items like '一、基本支出：指…' or '九、一般公共预算是指…'."""
    defs: list[Definition] = []
    current: Definition | None = None
    for line in lines:
        text = strip_markup(line.text)
        m = _DEF_ITEM.match(text)
        if m:
            if current:
                defs.append(current)
            dm = _DEF_VERB.match(m.group(1))
            if dm:
                term, rest = dm.group(1), dm.group(2)
            else:
                term, rest = m.group(1), ""
            term = term.strip("：: ")
            current = Definition(term=term, text=rest.strip(), line=line.no)
        elif current is not None:
            current.text = (current.text + text).strip()
    if current:
        defs.append(current)
    return [d for d in defs if d.term]


# ---------------------------------------------------------------- figures in prose

_NUMBER = r"(\d[\d,]*(?:\.\d+)?)"
_FIGURE = re.compile(_NUMBER + r"\s*(万元|亿元|元|%|个)")
_CLAUSE_SPLIT = re.compile(r"[，；;。:：]|(?<!\d),|,(?!\d)")
_LEAD = re.compile(r"^(其中|主要包括|主要用于以下方面|主要用于|包括|收入为|支出包括|以及|和|及|、)+")
_YEAR = re.compile(r"^\d{4}年度?")


def _subject(prefix: str) -> str:
    s = prefix.strip(" 、")
    s = _LEAD.sub("", s)
    s = _YEAR.sub("", s)
    return s.strip(" 、的为是")


def extract_facts(lines: list[SourceLine]) -> list[NarrativeFact]:
    """Every amount, percentage and count stated in the narrative, with what it is about."""
    facts: list[NarrativeFact] = []
    for line in _join_wrapped(lines):
        text = to_fullwidth_free(strip_markup(line.text))
        line_subject = ""  # "…预算20.30万元，其中…。较上年减少1.20万元": the change is the total's
        for sentence in re.split(r"[。；;]", text):
            main_subject = ""
            last_subject = ""
            for clause in _CLAUSE_SPLIT.split(sentence):
                pos = 0
                for m in _FIGURE.finditer(clause):
                    prefix = clause[pos:m.start()]
                    pos = m.end()
                    value = Decimal(m.group(1).replace(",", ""))
                    unit = m.group(2)
                    change = re.search(r"(比上年|较上年|同比)?(增加|减少|增长|下降)$", prefix)
                    if prefix.endswith("占") or (prefix.startswith("占") and unit == "%"):
                        subject, measure = last_subject, "占比"  # "…600万元，占X的70.06%": the share of 600万元
                        prefix = prefix[:-1]
                    elif change and (change.group(1) or unit == "%" or "比上年" in clause
                                     or re.search(r"与上年相比|同上年相比|比上年|较上年", sentence)):
                        # "收、支总计各增加…": a subject named in the clause itself comes first
                        own = _subject(re.sub(r"(与|同)上年相比", "", prefix[:change.start()])).rstrip("各均")
                        subject = own if re.search(r"[\u4e00-\u9fa5]{2}", own) else \
                            (main_subject or last_subject or line_subject)
                        measure = "比上年增减%" if unit == "%" else "比上年增减额"
                        if change.group(2) in ("减少", "下降"):
                            value = -value
                    else:
                        subject = _subject(prefix) or last_subject
                        measure = "金额" if unit in ("万元", "亿元", "元") else (
                            "数量" if unit == "个" else "比例")
                        last_subject = subject
                        if not main_subject:
                            main_subject = subject
                        if not line_subject:
                            line_subject = subject
                    # "收、支总计各增加342.25万元" states the change of both totals
                    both = re.match(r"^(.*?)收、?支(总计|合计)$", subject)
                    for name in ([f"{both.group(1)}收入{both.group(2)}", f"{both.group(1)}支出{both.group(2)}"]
                                 if both else [subject]):
                        if name:
                            facts.append(NarrativeFact(subject=name, measure=measure, value=value,
                                                       unit=unit, line=line.no,
                                                       sentence=sentence.strip(), page=line.page))
    return facts


def _join_wrapped(lines: list[SourceLine]) -> list[SourceLine]:
    """OCR wraps sentences over lines ('涉及一般公共' / '预算当年拨款…'): join a line that ends
    mid-sentence with the next, keeping the first line's number."""
    out: list[SourceLine] = []
    pending: SourceLine | None = None
    for line in lines:
        text = strip_markup(line.text)
        if pending is not None and heading_level(line) is None:
            pending = SourceLine(pending.no, pending.text + text, pending.page)
        else:
            if pending is not None:
                out.append(pending)
            pending = SourceLine(line.no, text, line.page)
        if re.search(r"[。；;:：!！?？]$", pending.text) or heading_level(pending) is not None:
            out.append(pending)
            pending = None
    if pending is not None:
        out.append(pending)
    return out
