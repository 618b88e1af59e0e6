"""The narrative of a PDF disclosure: sections under the template's headings, 名词解释
definitions, and the figures its statements give (本年预算, 上年执行数, 增减额, 增减%).

Lines wrapped by the PDF layout are rejoined into paragraphs before reading sentences, so a
figure split over two printed lines ("减少\\n876.75万元") is still read, with its first line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from ..model import Definition, NarrativeFact, Section
from .lines import SourceLine, to_fullwidth_free
from .narrative_vocabulary import NarrativeVocabulary as PdfTemplate

if TYPE_CHECKING:
    from .pdf import PdfContent, PdfTable

_NEGATIVE = ("减少", "下降")
_PARAGRAPH_GAP = 24.0  # points short of the right margin that end a paragraph


@dataclass
class _Block:
    """The lines under one heading path."""

    path: list[str]
    heading: SourceLine
    lines: list[SourceLine]


class _Prose:
    """Lines joined into paragraphs, with a map from character offsets back to lines."""

    def __init__(self, lines: list[SourceLine], paragraph_ends: set[int]):
        self.lines = lines
        self.starts: list[int] = []
        parts: list[str] = []
        offset = 0
        for line in lines:
            self.starts.append(offset)
            text = line.text.strip() + ("\n" if line.no in paragraph_ends else "")
            parts.append(text)
            offset += len(text)
        self.text = "".join(parts)

    def line_at(self, offset: int) -> SourceLine:
        return self.lines[max(0, bisect_right(self.starts, offset) - 1)]


def read_narrative(content: PdfContent, template: PdfTemplate
                   ) -> tuple[list[Section], list[Definition], list[NarrativeFact]]:
    """Sections, definitions and narrative facts of the text outside tables."""
    lines = _narrative_lines(content)
    ends = _paragraph_ends(content)
    blocks = _blocks(lines, template)
    sections: list[Section] = []
    facts: list[NarrativeFact] = []
    glossary: list[SourceLine] = []
    for block in blocks:
        prose = _Prose(block.lines, ends)
        sections.append(_section(block, prose))
        glossary.extend(_glossary_lines(block, template))
        facts.extend(_facts(prose, template))
    definitions = _definitions(glossary, template)
    return sections, definitions, _dedupe(facts)


def _glossary_lines(block: _Block, template: PdfTemplate) -> list[SourceLine]:
    """The lines of a 名词解释 block, wherever the heading sits ('第四部分名词解释', or
    '六、专业性名词解释' under another part). A numbered item read as a subheading
    ('二、财政专户管理资金：…') is an item of the glossary, so its heading line is kept."""
    at = next((i for i, p in enumerate(block.path) if template.definitions_heading.search(p)), None)
    if at is None:
        return []
    head = [block.heading] if at < len(block.path) - 1 else []
    return head + block.lines


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _narrative_lines(content: PdfContent) -> list[SourceLine]:
    """Lines that are neither in a table grid nor a table's title, unit line or note."""
    texts = {ln.no: ln.text for page in content.pages for ln in page.lines}
    lists = [t for t in content.tables if _is_name_list(t) or _is_prose_line(t, texts)]
    in_lists = {id(t) for t in lists}
    around = {ln.no for t in content.tables if id(t) not in in_lists
              for ln in t.before[-_TITLE_LINES:] + t.after[:_NOTE_LINES]}
    listed = {no for t in lists for no in t.row_lines if no is not None}
    return [ln for page in content.pages for ln in page.lines
            if (ln.no not in page.table_lines or ln.no in listed) and ln.no not in around]


_TITLE_LINES = 4  # a table's title, its number, the unit line and a header above the grid
_NOTE_LINES = 3
_AMOUNT = re.compile(r"\d\.\d{2}|\d,\d{3}")


def _is_name_list(table: PdfTable) -> bool:
    """A grid that lists names rather than amounts (序号 | 单位名称 | 备注: the units a
    部门预算 covers) belongs to the prose around it."""
    cells = [c for row in table.rows for c in row if c]
    header = "".join(c for c in (table.rows[0] if table.rows else []) if c)
    return bool(re.search(r"名称", header)) and len(table.rows) <= 40 and \
        not any(_AMOUNT.search(c) for c in cells)


def _is_prose_line(table: PdfTable, texts: dict[int, str]) -> bool:
    """A "grid" of one or two rows cut out of justified prose: sentence punctuation in long
    words (1 | 、贯彻执行党和国家关于公安工作的方针… | 、), or one row that is only a piece of the
    line it sits on (163. | 46 out of "培训费预算 163.46 万元，拟开展…"). Its lines belong to the
    prose around it."""
    cells = [c for row in table.rows for c in row if c]
    text = "".join(cells)
    if len(table.rows) > 2:
        return False
    wordy = max((len(re.findall(r"[\u4e00-\u9fff]", c)) for c in cells), default=0) >= 6
    if (re.search(r"[，。；]", text) and (wordy or not _AMOUNT.search(text))) or \
            (text.count("、") >= 2 and not _AMOUNT.search(text)):
        return True
    if len(table.rows) == 1 and len(cells) <= 2 and not _AMOUNT.search(text) and \
            len(re.findall(r"[\u4e00-\u9fff]", text)) >= 12:
        return True  # one line of prose, whole, in a box of its own
    line = texts.get(table.row_lines[0]) if len(table.rows) == 1 and table.row_lines else None
    return line is not None and len(_plain(line)) >= 1.5 * len(_plain(text)) + 4


_ENUMERATED = re.compile(r"^(\d{1,3}[.．、]|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")


def _paragraph_ends(content: PdfContent) -> set[int]:
    """Lines that stop well short of their page's right margin end a paragraph, and so does
    a sentence end followed by a numbered line ('…增加。' then '9. “教育支出…')."""
    ends: set[int] = set()
    for page in content.pages:
        if not page.right_edges:
            continue
        margin = max(page.right_edges.values())
        ends.update(no for no, x1 in page.right_edges.items() if x1 < margin - _PARAGRAPH_GAP)
        for line, following in zip(page.lines, page.lines[1:]):
            if line.text.rstrip().endswith(("。", "；", "：")) and _ENUMERATED.match(following.text):
                ends.add(line.no)
    return ends


def _blocks(lines: list[SourceLine], template: PdfTemplate) -> list[_Block]:
    """Group lines under [top heading] or [top heading, subheading]; drop the cover and any
    skipped heading (目录) with its body."""
    blocks: list[_Block] = []
    top: str | None = None
    skipping = True
    for line in lines:
        plain = _plain(line.text)
        if _is_heading(plain, template.skip_headings):
            skipping, top = True, None
            continue
        if _is_heading(plain, template.headings):
            skipping, top = False, plain
            blocks.append(_Block([plain], line, []))
            continue
        if skipping or top is None:
            continue
        if template.subheading.match(plain):
            blocks.append(_Block([top, plain], line, []))
            continue
        blocks[-1].lines.append(line)
    return [b for b in blocks if b.lines or len(b.path) == 1]


def _is_heading(plain: str, patterns: tuple[re.Pattern[str], ...]) -> bool:
    if len(plain) > 50 or re.search(r"[，。；…]", plain):
        return False
    return any(p.search(plain) for p in patterns)


def _section(block: _Block, prose: _Prose) -> Section:
    last = block.lines[-1] if block.lines else block.heading
    return Section(path=block.path, title=block.path[-1], text=prose.text.strip(),
                   line_start=block.heading.no, line_end=last.no, page=block.heading.page)


def _definitions(lines: list[SourceLine], template: PdfTemplate) -> list[Definition]:
    """'（一）财政拨款收入：是…' items, continued over the following lines."""
    out: list[Definition] = []
    for line in lines:
        m = template.definition_item.match(line.text.strip())
        if m:
            out.append(Definition(m.group("term").strip(), m.group("text").strip(), line.no))
        elif out:
            out[-1].text += line.text.strip()
    return out


# ---------------------------------------------------------------- facts


def _facts(prose: _Prose, template: PdfTemplate) -> list[NarrativeFact]:
    text = _ascii_digits(prose.text)
    # a sentence wrapped onto the next line is read as one ("…服务预算" / "932.50万元。"); a
    # space keeps every position, so each figure's line is still found
    text = "".join(" " if ch == "\n" and not _ends_sentence(text, i) else ch for i, ch in enumerate(text))
    items = _items(text, template)
    facts = [f for match, end in items for f in _item_facts(text, match, end, prose, template)]
    for pattern in template.comparisons:
        for m in pattern.finditer(text):
            if any(item.start() <= m.start() < end for item, end in items):
                continue  # the per-item reader has it
            subject = _subject(m.group("subject"), template)
            if not subject:
                continue
            sentence, line = _sentence(text, m.start(), m.end(), prose)
            facts.append(_fact(subject, "本年预算", _number(m.group("value")), "万元", line,
                               sentence))
            delta = _signed(m.group("delta"), m.group("dir"))
            if delta is not None:
                facts.append(_fact(subject, "比上年增减额", delta, "万元", line, sentence))
    for fp in template.statements:
        for m in fp.pattern.finditer(text):
            sentence, line = _sentence(text, m.start(), m.end(), prose)
            subject = _subject(m.group("subject"), template)
            facts.append(_fact(subject, fp.measure, _number(m.group("value")), fp.unit, line,
                               sentence))
    return facts


def _ascii_digits(text: str) -> str:
    """Full-width digits and punctuation inside numbers to ASCII; keeps Chinese commas."""
    return re.sub(r"[０-９．％]+", lambda m: to_fullwidth_free(m.group(0)), text)


def _items(text: str, template: PdfTemplate) -> list[tuple[re.Match[str], int]]:
    """Each numbered per-item statement with where it ends: at the next one or the block end."""
    matches = list(template.item_statement.finditer(text))
    ends = [m.start() for m in matches[1:]] + [len(text)]
    return list(zip(matches, ends))


def _item_facts(text: str, item: re.Match[str], end: int, prose: _Prose,
                template: PdfTemplate) -> list[NarrativeFact]:
    """本年预算 from the item's heading amount, then every figure its wording gives."""
    statement = text[item.start():end].replace("\n", "").strip()
    parts = [p.strip() for p in template.item_path_split.split(item.group("path")) if p.strip()]
    subject = "-".join(parts)
    line = prose.line_at(item.start("path"))
    facts = [_fact(subject, "本年预算", _number(item.group("amount")), "万元", line, statement)]
    body = template.item_reason.split(text[item.end():end])[0]  # figures, not the reason
    for fp in template.item_facts:
        for m in fp.pattern.finditer(body):
            value = _signed(m.groupdict().get("value"), m.groupdict().get("dir"))
            if value is not None:
                facts.append(_fact(subject, fp.measure, value, fp.unit, line, statement))
    return facts


def _subject(raw: str, template: PdfTemplate) -> str:
    subject = raw.strip()
    for _ in range(3):  # noise can nest: '（一）其中：…预算数为'
        cleaned = template.subject_noise.sub("", subject).strip("：:，, ")
        if cleaned == subject:
            break
        subject = cleaned
    return subject


# A line that starts a heading or an item ("三、", "（一）", "1.", "2、"): a line break before it
# ends a sentence, as does one after a line that is itself a heading.
_LINE_OPENS = re.compile(r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[、.．](?!\d)|第[一二三四五六七八九十]+部分")


def _ends_sentence(text: str, i: int) -> bool:
    """Is the line break at text[i] the end of a sentence? Not when a sentence wraps onto the
    next line ("…政府采购服务预算" / "932.50万元。")."""
    before = text[text.rfind("\n", 0, i) + 1:i].strip()
    after = text[i + 1:i + 12].lstrip()
    return not before or not after or bool(_LINE_OPENS.match(after)) or bool(
        _LINE_OPENS.match(before) and len(before) <= 30) or before[-1] in "。；;：:!！?？"


def _sentence(text: str, start: int, end: int, prose: _Prose) -> tuple[str, SourceLine]:
    """The sentence around text[start:end] and the line where the match starts. A line break
    ends it only where the line ends a sentence (a heading, the end of a paragraph)."""
    breaks = [i for i in (text.rfind(p, 0, start) for p in "。；") if i != -1]
    k = start
    while (k := text.rfind("\n", 0, k)) != -1 and not _ends_sentence(text, k):
        pass
    left = max(breaks + [k]) + 1
    rights = [i for i in (text.find(p, end) for p in "。；") if i != -1]
    k = end - 1
    while (k := text.find("\n", k + 1)) != -1 and not _ends_sentence(text, k):
        pass
    if k != -1:
        rights.append(k)
    right = min(rights) + 1 if rights else len(text)
    first = len(text[left:start]) - len(text[left:start].lstrip())
    return text[left:right].replace("\n", "").strip(), prose.line_at(left + first)


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _signed(value: str | None, direction: str | None) -> Decimal | None:
    """'876.75' with '减少' -> -876.75; '持平' without a value -> 0."""
    if value is None:
        return Decimal(0) if direction == "持平" else None
    number = _number(value)
    return -number if direction in _NEGATIVE else number


def _fact(subject: str, measure: str, value: Decimal, unit: str, line: SourceLine,
          sentence: str) -> NarrativeFact:
    return NarrativeFact(subject=subject, measure=measure, value=value, unit=unit, line=line.no,
                         sentence=sentence, page=line.page)


def _dedupe(facts: list[NarrativeFact]) -> list[NarrativeFact]:
    """One fact per (subject, measure, value): an item's 本年预算 is often printed twice."""
    seen: set[tuple[str, str, Decimal]] = set()
    out = []
    for f in facts:
        key = (f.subject, f.measure, f.value)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out

