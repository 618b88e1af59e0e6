"""Rules of completeness and form: the tables the 目录 lists are printed (once), an empty table
says why, and the words carry no placeholder, wrong year, wrong unit or doubled punctuation.

These read the printed lines (``ParsedDocument.lines``), not only the parsed tables, and are
written to stay quiet on what the document family legitimately prints: dot leaders, 上年
comparisons, document numbers in 【】, plan names such as "2021-2025年".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..model import ParsedDocument, Table
from ..parsing.lines import ORDINAL, strip_markup
from ..parsing.vocabulary import VOCABULARY, squeeze
from .findings import Evidence, Finding
from .registry import rule

GROUP = "完整与格式"


# ---------------------------------------------------------------- the printed lines


@dataclass(frozen=True)
class Printed:
    """One printed line as the form rules read it."""

    no: int
    text: str
    page: int | None

    def evidence(self, **kw) -> Evidence:
        return Evidence(page=self.page, line=self.no, text=self.text.strip(), **kw)


def _printed(doc: ParsedDocument) -> list[Printed]:
    """The printed lines, without the markdown marks an OCR'd text carries ("# 目 录")."""
    return [Printed(ln.no, strip_markup(ln.text), ln.page) for ln in doc.lines]


_TOC_HEAD = re.compile(r"^(?:报表)?目录$")
_LEADER = re.compile(r"(?:\.{2,}|…+|·{2,}|-{3,}|—{4,}|_{3,}).*$")
# A 目录 line: words, a dot leader and a page number (not a sentence with an ellipsis).
_TOC_LINE = re.compile(r"(?:\.{3,}|…{2,}|·{3,}|-{4,}|_{4,})\s*\d{1,3}\s*$")
_PAGE_LINE = re.compile(r"^[\s\-—－]*(?:第\s*)?\d{1,4}\s*(?:页)?[\s\-—－]*$")
_PAGE_NO = re.compile(r"[\s\-—－]*\d{1,3}[\s\-—－]*$")


def _entry_text(text: str) -> str:
    """A 目录 line without its dot leader and page number (or the 是否空表 columns of a
    报表目录: "表8 …决算表 是 本部门不涉及")."""
    t = _LEADER.sub("", text.strip())
    t = re.sub(r"(表)\s+(?:是|否)(?:\s.*)?$", r"\1", t)
    return _PAGE_NO.sub("", t).strip() if re.search(r"\D", _PAGE_NO.sub("", t)) else t.strip()


def _toc_regions(doc: ParsedDocument, lines: list[Printed]) -> list[list[Printed]]:
    """The lines of each 目录 (a document may print one for the whole and a 报表目录 before
    the tables), without the heading: to the end of its page, continuing over pages that hold
    no table of figures (at most two more), and never past a line that repeats its first entry
    (the body starting over)."""
    table_pages = {t.page for t in doc.tables if not t.empty and t.page is not None}
    by_page: dict[int | None, list[Printed]] = {}
    for ln in lines:
        by_page.setdefault(ln.page, []).append(ln)
    regions: list[list[Printed]] = []
    for head in (i for i, ln in enumerate(lines) if _TOC_HEAD.match(squeeze(ln.text))):
        first_page = lines[head].page
        first_key = None
        region: list[Printed] = []
        for k, ln in enumerate(lines[head + 1:]):
            if first_page is None:
                if k >= 60:
                    break
            elif ln.page != first_page and (ln.page is None or ln.page > first_page + 2
                                            or ln.page in table_pages
                                            or not _toc_like(by_page.get(ln.page, []))):
                break
            if _TOC_HEAD.match(squeeze(ln.text)):
                break
            key = squeeze(_entry_text(ln.text))
            if first_key is None and key and not key.isdigit():
                first_key = key
            elif key and key == first_key:
                break
            region.append(ln)
        regions.append(region)
    return regions


def _toc_like(page: list[Printed]) -> bool:
    """A page that goes on with the 目录: most lines are entries (a dot leader, or short words
    without the commas and full stops of sentences)."""
    entries = [ln for ln in page if _LEADER.search(ln.text)
               or (len(squeeze(ln.text)) <= 40 and not re.search(r"[。，；]", ln.text))]
    return len(entries) >= 0.7 * len(page)


def _toc_region(doc: ParsedDocument, lines: list[Printed]) -> list[Printed]:
    """The lines of all the 目录s."""
    return [ln for region in _toc_regions(doc, lines) for ln in region]


def _outside(lines: list[Printed], region: list[Printed]) -> list[Printed]:
    skip = {ln.no for ln in region}
    return [ln for ln in lines if ln.no not in skip]


# ---------------------------------------------------------------- toc_tables

# Words that name the publisher or the template rather than the table, dropped before a 目录
# entry is compared with a printed title ("2026年市级部门收支预算总表" ~ "收支预算总表").
_TITLE_NOISE = re.compile(r"20\d{2}年度?|市级|区级|县级|预算单位|部门综合|部门|单位|（[^（）]*）|[“”\"'《》：:、，,.．]")


def title_key(text: str) -> str:
    return _TITLE_NOISE.sub("", VOCABULARY.clean_title(ORDINAL.sub("", _entry_text(text))))


@dataclass(frozen=True)
class Title:
    """A table title as printed: where, which kind, and the key it is compared by."""

    line: Printed
    kind: str
    key: str
    text: str
    number: str | None = None  # the printed 表 number: "表11", "预算07表", "公开表4"


_NUMBER = re.compile(r"(?:^|表|[^\d])(\d{1,2})表|表\s*(\d{1,2})(?!\d)")
_NUMBER_LINE = re.compile(r"^(?:[\u4e00-\u9fa5]{0,4}表\s*\d{1,2}|[\u4e00-\u9fa5]{0,4}\d{1,2}表)$")


def _number(text: str) -> str | None:
    m = _NUMBER.search(squeeze(text))
    return str(int(m.group(1) or m.group(2))) if m else None


def _titles(lines: list[Printed]) -> list[Title]:
    """Every line that is a table title by the vocabulary. A title wrapped over two lines is
    read joined: a short first line of words only (no figures, no sentence), whose next line
    is not a title by itself."""
    out: list[Title] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        text = ORDINAL.sub("", _entry_text(ln.text))
        kind = VOCABULARY.table_kind(text)
        nxt = lines[i + 1] if i + 1 < len(lines) and lines[i + 1].page == ln.page else None
        if nxt is not None and _starts_title(text, kind) \
                and VOCABULARY.table_kind(ORDINAL.sub("", _entry_text(nxt.text))) is None:
            joined = text + _entry_text(nxt.text)
            joined_kind = VOCABULARY.table_kind(joined)
            if joined_kind is not None and re.search(r"表(?:（[^（）]*）)?$", squeeze(joined)):
                out.append(Title(ln, joined_kind.kind, title_key(joined), joined.strip(), _numbered(lines, i)))
                i += 2
                continue
        if kind is not None:
            out.append(Title(ln, kind.kind, title_key(text), text.strip(), _numbered(lines, i)))
        i += 1
    return out


def _starts_title(text: str, kind) -> bool:
    """Could this line be the first half of a wrapped title? Not one already complete (unless
    a bracket is left open), and words only."""
    t = squeeze(text)
    if not t or len(t) > 40 or "\t" in text or _AMOUNT.search(text) or re.search(r"[。；：:，]", t):
        return False
    return kind is None and not t.endswith("表") or t.count("（") > t.count("）")


def _parsed_titles(tables: list[Table], lines: list[Printed], known: set[int]) -> list[Title]:
    """The titles the table reader put together where the lines alone do not read as one (a
    title broken over three lines around its quote marks)."""
    by_no = {ln.no: ln for ln in lines}
    out = []
    for t in tables:
        if t.line_start in known or t.line_start not in by_no:
            continue
        kind = VOCABULARY.table_kind(ORDINAL.sub("", t.title))
        out.append(Title(by_no[t.line_start], kind.kind if kind else t.kind, title_key(t.title),
                         t.title, _number(t.title)))
    return out


def _numbered(lines: list[Printed], i: int) -> str | None:
    """The 表 number printed in the title or on the line just above it ("表11" / "公开表4")."""
    own = _number(ORDINAL.sub("", lines[i].text))
    if own is None and i and lines[i - 1].page == lines[i].page \
            and _NUMBER_LINE.match(squeeze(lines[i - 1].text)):
        return _number(lines[i - 1].text)
    return own


def _similar(a: str, b: str, ratio: float = 0.8) -> bool:
    return bool(a and b) and SequenceMatcher(None, a, b).ratio() >= ratio


def _match(listed: list[Title], printed: list[Title]) -> dict[int, Title]:
    """Pair each 目录 entry with a printed title: first by the same words (or the one inside the
    other), then by the same kind among those left over."""
    pairs: dict[int, Title] = {}
    free = list(printed)
    for close in (lambda a, b: a.key == b.key,
                  lambda a, b: a.kind == b.kind and a.key and b.key and (a.key in b.key or b.key in a.key),
                  lambda a, b: a.kind == b.kind,
                  lambda a, b: a.number is not None and a.number == b.number and _similar(a.key, b.key, 0.5),
                  lambda a, b: _similar(a.key, b.key)):
        for i, entry in enumerate(listed):
            if i in pairs:
                continue
            hit = next((t for t in free if close(entry, t)), None)
            if hit is not None:
                pairs[i] = hit
                free = [t for t in free if t is not hit]
    return pairs


def _has_toc(doc: ParsedDocument) -> bool:
    return any(_TOC_HEAD.match(squeeze(strip_markup(ln.text))) for ln in doc.lines)


@rule("toc_tables", GROUP, "目录列出的每张表都已印出，且没有一张表印了两次", _has_toc)
def check_toc_tables(doc: ParsedDocument):
    lines = _printed(doc)
    regions = _toc_regions(doc, lines)
    in_region = {ln.no for region in regions for ln in region}
    body = _titles([ln for ln in lines if ln.no not in in_region])
    printed_tables = [t for t in doc.tables if t.line_start not in in_region]
    body += _parsed_titles(printed_tables, lines, {b.line.no for b in body})
    if not body and not printed_tables:
        return  # the tables are published in a file of their own
    problems: list[Finding] = []
    listed_all: list[Title] = []
    unchecked = False
    pairs_all: list[tuple[Title, Title]] = []
    for region in regions:  # each 目录 is checked against the body on its own
        listed = _titles(region)
        pairs = _match(listed, body)
        listed_all += listed
        pairs_all += [(listed[i], p) for i, p in pairs.items()]
        missing = [entry for i, entry in enumerate(listed) if i not in pairs]
        # A table printed as a picture cannot be seen; most of the listed tables missing means
        # they are published in a file of their own.
        if missing and (_textless_pages(doc, lines) or len(missing) >= 3 and 2 * len(missing) > len(listed)):
            unchecked = True
        else:
            problems += [Finding("toc_tables", "warning", f"目录列出「{entry.text}」，但文件中没有印出这张表",
                                 [entry.line.evidence(table=entry.text)]) for entry in missing]
    if not listed_all:
        return
    problems += _duplicates(printed_tables, lines, pairs_all)
    if problems:
        yield from problems
    elif not unchecked:
        yield Finding("toc_tables", "ok", f"目录列出的 {len(listed_all)} 张表都已印出，且各印一次",
                      [entry.line.evidence(table=entry.text) for entry in listed_all])


def _textless_pages(doc: ParsedDocument, lines: list[Printed]) -> list[int]:
    """Pages of a PDF without a text layer (a scanned page, an image)."""
    printed = {ln.page for ln in lines}
    return [p for p in range(1, doc.pages + 1) if p not in printed] if doc.source_type == "pdf" else []


def _duplicates(tables: list[Table], lines: list[Printed],
                pairs: list[tuple[Title, Title]]) -> list[Finding]:
    """A table printed again: the same title over the same rows. The same title over other rows
    is the table's next page, or the same table for another unit of the department."""
    by_no = {ln.no: ln for ln in lines}
    printed: list[Table] = []
    out = []
    for t in tables:
        if t.empty or not _has_figures(t):
            continue
        first = next((p for p in printed if p.kind == t.kind and title_key(p.title) == title_key(t.title)
                      and _same_rows(p, t)), None)
        if first is None:
            printed.append(t)
            continue
        entry = next((e for e, p in pairs if p.line.no in (first.line_start, t.line_start)), None)
        figures = ([entry.line.evidence(table=entry.text)] if entry else []) + [
            _title_evidence(x, by_no) for x in (first, t)]
        out.append(Finding("toc_tables", "warning",
                           f"「{t.title}」印了两次：第{first.page}页和第{t.page}页", figures))
    return out


def _same_rows(a: Table, b: Table) -> bool:
    """The first rows of ``b`` repeat those of ``a``: a table printed again, not continued."""
    def head(t: Table):
        return [(r.label, tuple(sorted((k, str(v)) for k, v in r.values.items()))) for r in t.rows[:3]]
    return bool(a.rows) and head(a) == head(b)


def _title_evidence(t: Table, by_no: dict[int, Printed]) -> Evidence:
    ln = by_no.get(t.line_start)
    return Evidence(page=t.page, line=t.line_start, table=t.title,
                    text=ln.text.strip() if ln else t.title)


def _has_figures(t: Table) -> bool:
    return any(v is not None for r in t.rows for v in r.values.values())


# ---------------------------------------------------------------- empty_table_note

# What a note under an empty table says: no data, none of this money, not applicable.
_EMPTY_NOTE = re.compile(
    r"本表无数据|无数据|空表|本(?:部门|单位)(?:本年|今年|\d{4}年度?)?(?:无|没有|未)|没有|不涉及|无相关|"
    r"无此|未安排|无.{0,12}(?:收入|支出|经费|预算|安排|资金|项目)|为零|均为0|为0")


# An amount as tables print it: with decimals or thousands separators (not a 栏次 1 2 3, a
# year or a page number).
_AMOUNT = re.compile(r"(?<![\d.])\d[\d,]*\.\d{1,2}(?![\d.])|(?<!\d)\d{1,3}(?:,\d{3})+(?!\d)"
                     r"|(?<![\d.])\d{3,}(?![\d.年])")  # a code or an amount in 元 prints a row too
# The money a table is about, as a sentence of the narrative names it when there is none.
_SUBJECT_WORDS = {"fund_expense": "政府性基金", "fund_income": "政府性基金", "soe": "国有资本经营",
                  "three_public": "三公", "office_running": "机关运行经费", "gov_purchase": "政府采购",
                  "carryover": "上年结转", "project_carryover": "上年结转"}
_NONE_SAID = re.compile(r"无|没有|未安排|未使用|不涉及|为零|(?<![\d.,])0(?:\.0+)?\s*(?:万元|元|$)|为0(?![.\d])")


@rule("empty_table_note", GROUP, "没有数字的表附有说明（本表无数据、没有…）", lambda doc: bool(doc.tables))
def check_empty_table_notes(doc: ParsedDocument):
    lines = _printed(doc)
    region = _toc_region(doc, lines)
    in_region = {ln.no for ln in region}
    tables = sorted((t for t in doc.tables if t.line_start not in in_region), key=lambda t: t.line_start)
    marked = _marked_in_toc(region)
    general = _general_empty_note(lines)
    for i, t in enumerate(tables):
        nxt = tables[i + 1].line_start if i + 1 < len(tables) else None
        span = _span(t, lines, nxt)
        if _prints_figures(t, span) or (i and _continues(tables[i - 1], t)):
            continue
        note = next((ln for ln in span if _EMPTY_NOTE.search(squeeze(ln.text))), None)
        title = next((ln for ln in lines if ln.no == t.line_start), None)
        where = title.evidence(table=t.title) if title else Evidence(page=t.page, line=t.line_start,
                                                                      table=t.title, text=t.title)
        if note is not None or (t.note and _EMPTY_NOTE.search(squeeze(t.note))):
            shown = note.evidence(table=t.title) if note else Evidence(page=t.page, table=t.title, text=t.note)
            yield Finding("empty_table_note", "ok", f"「{t.title}」没有数字，并附说明", [where, shown])
            continue
        said = marked.get(t.kind) or general or _said_in_narrative(t, lines, in_region, tables)
        if said is not None:
            yield Finding("empty_table_note", "ok", f"「{t.title}」没有数字，目录或说明已交代",
                          [where, said.evidence(table=t.title)])
        else:
            yield Finding("empty_table_note", "warning",
                          f"「{t.title}」没有数字，也没有“本表无数据”之类的说明", [where])


def _prints_figures(t: Table, span: list[Printed]) -> bool:
    """Figures read into the table, or amounts printed in its lines (a layout the reader did
    not take apart still prints its figures)."""
    return _has_figures(t) or any(
        (_AMOUNT.search(ln.text) or _ZERO_TOTAL.match(ln.text)) for ln in span[1:]
        if not _NOTE_START.match(ln.text) and not _PAGE_LINE.match(ln.text))


# A total row printing zeros or dashes ("合计 0 0 0", "合 计 - -") prints its figures.
_ZERO_TOTAL = re.compile(r"^\s*(?:合\s*计|总\s*计)(?:\s+(?:0|-|—|－))+\s*$")


def _continues(before: Table, t: Table) -> bool:
    """``t`` is the next page of ``before``: the same title printed again on the following page
    (a wide or long table repeats its title and header)."""
    return (before.kind == t.kind and title_key(before.title) == title_key(t.title)
            and before.page is not None and t.page is not None and 0 <= t.page - before.page <= 2)


def _said_in_narrative(t: Table, lines: list[Printed], skip: set[int], tables: list[Table]) -> Printed | None:
    """A sentence outside the tables saying there is none of the money the table is about
    ("本部门2026年没有使用政府性基金预算拨款安排的支出")."""
    word = _SUBJECT_WORDS.get(t.kind)
    if word is None:
        return None
    inside = {n for x in tables for n in range(x.line_start, x.line_end + 1)} | skip
    for ln in lines:
        if ln.no in inside:
            continue
        for sentence in re.split(r"[。；]", ln.text):
            if word in sentence and _NONE_SAID.search(sentence):
                return ln
    return None


def _span(t: Table, lines: list[Printed], next_start: int | None) -> list[Printed]:
    """The lines of a table and the notes under it: to the next table, within the pages the
    table is printed on."""
    last_page = next((ln.page for ln in lines if ln.no == t.line_end), t.page)
    out = []
    for ln in lines:
        if ln.no < t.line_start:
            continue
        if next_start is not None and ln.no >= next_start:
            break
        if ln.page is not None and last_page is not None and ln.page > last_page:
            break
        if ln.page is None and ln.no > t.line_end + 8:
            break
        out.append(ln)
    return out


def _marked_in_toc(region: list[Printed]) -> dict[str, Printed]:
    """Tables a 报表目录 marks as empty ("表9 政府性基金收支表 是 不涉及")."""
    out = {}
    for ln in region:
        m = re.search(r"表\s+(?:是|空表)(?:\s|$)|不涉及|无数据", ln.text)
        kind = VOCABULARY.table_kind(ORDINAL.sub("", ln.text[:m.start() + 1])) if m else None
        if kind is not None:
            out[kind.kind] = ln
    return out


_GENERAL_NOTE = re.compile(r"空表(?:表示|说明|的?原因|即|为)|(?:无数据|为空)的(?:表|报表)")


def _general_empty_note(lines: list[Printed]) -> Printed | None:
    """A note that speaks for every empty table ("空表表示本部门无相关收支情况")."""
    return next((ln for ln in lines if _GENERAL_NOTE.search(squeeze(ln.text))), None)


# ---------------------------------------------------------------- placeholder

_PLACEHOLDER = re.compile(
    r"(?<![A-Za-z])(?:[XxＸｘ]{2,}|×{2,})(?![A-Za-z])|某某|【\s*】|【[^】]{0,20}(?:待|填|[XxＸｘ×]{2})[^】]{0,20}】"
    r"|[_＿]{2,}")


@rule("placeholder", GROUP, "没有未填的占位符（XX、××、某某、【】、＿＿）")
def check_placeholders(doc: ParsedDocument):
    lines = _printed(doc)
    for ln in _outside(lines, _toc_region(doc, lines)):
        if _TOC_LINE.search(ln.text):
            continue  # a 目录 line of its own, leader and page number
        for m in _PLACEHOLDER.finditer(ln.text):
            yield Finding("placeholder", "warning",
                          f"第{ln.page or '-'}页有未填写的占位符「{m.group(0)}」", [ln.evidence()])


# ---------------------------------------------------------------- wrong_year

# A year not part of a range ("2021-2025年", "2025至2027年") nor of a date ("2026年1月").
_YEAR = r"(?<![\d\-－—～~至到])(20\d{2})\s*年(?!\s*\d{1,2}\s*月)(?![\-－—～~至到])"
# "2025年部门预算…" as the subject of the statement: the words after say what of it is told.
# A heading or 目录 line naming this document: "二、2026年××局部门预算安排情况说明".
_TITLE_OF_DOC = re.compile(_YEAR + r"\s*度?\s*(?:[^\s，。；：,]{0,16}?)(?:部门|单位)(?:综合)?(预算|决算)"
                           r"(?=\s*(?:收入|支出|收支|安排|情况|公开|编制|报表|表|说明))")
# A sentence stating this document's totals: "2025年部门预算收入总计…",
# "2025年，本部门收入预算4000万元".
_STATEMENT = (
    re.compile(_YEAR + r"\s*度?\s*(?:部门|单位)(?:综合)?(预算|决算)(?=\s*(?:收入|支出|收支)\s*(?:总计|合计|总额|共计|为|\d))"),
    re.compile(r"(?:^|[。；])\s*" + _YEAR + r"\s*度?\s*[，,]\s*[^。；，]{0,20}?(?:收入|支出|收支)(预算|决算)"
               r"(?=\s*(?:总计|合计|总额|为|共|\d))"),
)
_COMPARED = re.compile(r"(?:比|较|与|同|对比|相比|较之|低于|高于|超过|上年|去年|上一年度?)\s*$")
_HEADING = re.compile(r"^\s*(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d{1,2}[、.．])")


@rule("wrong_year", GROUP, "标题、表名和说明里的年度与文件的年度一致",
      lambda doc: bool(doc.year))
def check_wrong_year(doc: ParsedDocument):
    lines = _printed(doc)
    region = _toc_region(doc, lines)
    titled: set[int] = set()
    dated = [t for t in doc.tables if re.search(_YEAR, t.title)]
    for t in doc.tables:
        years = {int(y) for y in re.findall(_YEAR, t.title)}
        # a title naming this year too compares it with another ("2026年与2025年…对比表")
        wrong = sorted(y for y in years if y != doc.year) if doc.year not in years else []
        titled.add(t.line_start)
        if wrong:
            ln = next((x for x in lines if x.no == t.line_start), None)
            ev = ln.evidence(table=t.title) if ln else Evidence(page=t.page, line=t.line_start,
                                                                  table=t.title, text=t.title)
            yield Finding("wrong_year", "error",
                          f"表名「{t.title}」写的是{wrong[0]}年，文件是{doc.year}年{doc.kind}", [ev])
    if dated and not any(set(map(int, re.findall(_YEAR, t.title))) - {doc.year} for t in dated):
        yield Finding("wrong_year", "ok", f"{len(dated)} 个表名写的年度都是{doc.year}年",
                      [Evidence(page=t.page, line=t.line_start, table=t.title, text=t.title) for t in dated])
    in_toc = {ln.no for ln in region}
    for ln in lines:
        if ln.no in titled:
            continue
        heading = ln.no in in_toc or _is_heading(ln.text)
        allowed = {doc.year}
        if not heading and doc.kind == "决算":
            allowed.add(doc.year - 1)  # a 决算 compares the year with the one before
        patterns = (_TITLE_OF_DOC,) if heading else _STATEMENT
        for m in (m for p in patterns for m in p.finditer(ln.text)):
            year = int(m.group(1))
            if year in allowed or _COMPARED.search(_sentence_before(ln.text, m.start())):
                continue
            what = "目录" if ln.no in in_toc else ("标题" if heading else "说明")
            yield Finding("wrong_year", "warning",
                          f"{what}「{m.group(0).strip(' 。；')}…」写的是{year}年{m.group(2)}，文件是{doc.year}年{doc.kind}",
                          [ln.evidence()])


def _sentence_before(text: str, at: int) -> str:
    return re.split(r"[。；!！?？]", text[:at])[-1]


def _is_heading(text: str) -> bool:
    """A numbered heading, without the punctuation of a sentence. (A short line standing alone
    is not enough: a PDF wraps its sentences into such lines.)"""
    return bool(_HEADING.match(text)) and not re.search(r"[。，；]", text)


# ---------------------------------------------------------------- unit_mismatch

_UNIT_LINE = re.compile(r"(?:金额)?单位\s*[:：]\s*(?:人民币)?\s*(亿\s*元|万\s*元|元)(?![/／每])")
_TITLE_UNIT = re.compile(r"[（(]\s*(?:单位[:：]\s*)?(亿元|万元|元)\s*[)）]")
_NOTE_UNIT = re.compile(r"(?:金额)?单位(?:为|是|[:：])\s*(?:人民币)?\s*(亿元|万元|元)(?![/／每])|以(亿元|万元|元)为单位")
_NOTE_START = re.compile(r"^\s*(?:注|备注|说明)")


@rule("unit_mismatch", GROUP, "表名、单位行和表注里的金额单位一致", lambda doc: bool(doc.tables))
def check_units(doc: ParsedDocument):
    lines = _printed(doc)
    in_region = {ln.no for ln in _toc_region(doc, lines)}
    tables = sorted((t for t in doc.tables if t.line_start not in in_region), key=lambda t: t.line_start)
    for i, t in enumerate(tables):
        nxt = tables[i + 1].line_start if i + 1 < len(tables) else None
        span = _span(t, lines, nxt)
        body_at = min((r.line for r in t.rows if r.line), default=t.line_start + 7)
        head = [ln for ln in span if ln.no < min(body_at, t.line_start + 8)]
        stated = next(((ln, _unit_of(m)) for ln in head if not _NOTE_START.match(ln.text)
                       for m in [_UNIT_LINE.search(ln.text)] if m), None)
        if stated is None:
            continue
        own_line, own = stated
        others: list[tuple[Printed, str, str]] = []
        title_ln = next((ln for ln in span if ln.no == t.line_start), None)
        if title_ln is not None:
            others += [(title_ln, _unit_of(m), "表名") for m in _TITLE_UNIT.finditer(title_ln.text)]
        # the notes printed right under the table (not a sentence further down the page)
        others += [(ln, _unit_of(m), "表注") for ln in span
                   if _NOTE_START.match(ln.text) and ln.no <= t.line_end + 6
                   for m in _NOTE_UNIT.finditer(ln.text)]
        wrong = [(ln, u, where) for ln, u, where in others if u != own]
        for ln, u, where in wrong:
            yield Finding("unit_mismatch", "error",
                          f"「{t.title}」单位行写{own}，{where}却写{u}",
                          [own_line.evidence(table=t.title, unit=own), ln.evidence(table=t.title, unit=u)])
        if others and not wrong:
            yield Finding("unit_mismatch", "ok", f"「{t.title}」的单位前后一致（{own}）",
                          [own_line.evidence(table=t.title, unit=own)])


def _unit_of(m: re.Match) -> str:
    return squeeze(next(g for g in m.groups() if g))


# ---------------------------------------------------------------- punctuation

_DOUBLE_MARK = re.compile(r"([。，；、：！])\1")  # not ？？, which OCR prints for unread glyphs
# Words that never stand twice in a row, with the words that end or begin with them and so
# legitimately stand beside them: 目的的, 的的确确, 总和和, 不了了之, 为了了解.
_DOUBLE_WORDS = {
    "的": (re.compile(r"目$"), re.compile(r"^[确士]")),
    "和": (re.compile(r"[总调缓平温祥柔饱附混共讲人谐]$"), re.compile(r"^[谐睦美]")),
    "了": (re.compile(r"[不为除罢]$"), re.compile(r"^[之解结如然却无断]")),
}
_DOUBLE_WORD = re.compile("([" + "".join(_DOUBLE_WORDS) + r"])\1")
_ANY_DOUBLE = re.compile(r"([\u4e00-\u9fa5])\1")


def _doubled_words(text: str) -> list[str]:
    """Doubled function words that are a slip of the keyboard, not two words meeting or an
    AABB reduplication (实实在在, 的的确确)."""
    out = []
    for m in _DOUBLE_WORD.finditer(text):
        before, after = text[:m.start()], text[m.end():]
        word_end, word_start = _DOUBLE_WORDS[m.group(1)]
        aabb = (len(before) >= 2 and before[-1] == before[-2]) or (len(after) >= 2 and after[0] == after[1])
        if not (aabb or word_end.search(before) or word_start.search(after)):
            out.append(m.group(0))
    return out


@rule("punctuation", GROUP, "说明文字里没有重复的标点（。。，，）或叠字（的的、和和）")
def check_punctuation(doc: ParsedDocument):
    lines = _printed(doc)
    for ln in _outside(lines, _toc_region(doc, lines)):
        if _TOC_LINE.search(ln.text):
            continue
        bare = re.sub(r"\s", "", ln.text)
        if len(set(_ANY_DOUBLE.findall(ln.text))) >= 3 or (len(bare) % 2 == 0 and bare[0::2] == bare[1::2]):
            continue  # every character printed twice: a PDF's fake bold, not the writer's
        for m in _DOUBLE_MARK.finditer(ln.text):
            yield Finding("punctuation", "warning", f"标点重复「{m.group(0)}」", [ln.evidence()])
        for word in _doubled_words(ln.text):
            yield Finding("punctuation", "warning", f"叠字「{word}」，疑为多打了一个字", [ln.evidence()])
