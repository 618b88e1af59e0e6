"""Who published a disclosure, for which year, and what it is (部门/单位, 预算/决算), read from
its cover, its headings and its table titles, with the page each fact was read on.

    >>> m = detect_metadata(["2026年度", "福州市商务局", "部门预算"], [1, 1, 1], [])
    >>> (m.department, m.year, m.scope, m.kind, m.evidence["department"])
    ('福州市商务局', 2026, '部门', '预算', 1)
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

# What the name of a publishing body ends with.
BODY_SUFFIX = (r"(?:局|委员会|委|办公室|办公厅|厅|院|部|中心|馆|站|所|场|队|支队|大队|学院|学校|大学|"
               r"政府|办事处|处|会|署|社|团|宫|台|园|室|法院|检察院|协会|联合会)")
_BODY = rf"(?P<dept>[\u4e00-\u9fa5（）()]{{2,40}}?{BODY_SUFFIX}(?:（(?:本级|汇总|本部|机关)）)?)"
_YEAR = r"(?P<year>20\d{2})年度?"
_KIND = r"(?P<scope>部门|单位)?(?:综合|财务)?(?P<kind>预算|决算)"

# Statements naming the body, in order of trust.
_PATTERNS = (
    re.compile(rf"(?:预算单位|预算主管部门|主管部门|编制单位|编制部门|单位名称|部门名称|部门（单位）|部门)[：:]{_BODY}"
               r"(?=$|单位[：:]|金额单位|[\s，。]|20\d{2})"),
    re.compile(rf"(?:单位名称|部门名称|部门（单位）名称)[：:]?{_BODY}(?=$|单位[：:]|金额单位|[\s，。（]|20\d{{2}})"),
    re.compile(rf"{_YEAR}{_BODY}(?P<scope>部门|单位)?(?:综合|财务)?(?P<kind>预算|决算)"),
    re.compile(rf"{_BODY}(?:部门|单位)?{_YEAR}(?P<scope>部门|单位)?(?:综合|财务)?(?P<kind>预算|决算)"),
    re.compile(rf"^{_BODY}年度?(?P<scope>部门|单位)(?P<kind>预算|决算)"),
)
_COVER_END = re.compile(r"^目录$|^第一部分|^一、")
_SCOPE = re.compile(r"(部门|单位)(?:综合|财务)?(预算|决算)")
_ANY_YEAR = re.compile(r"(20\d{2})年")


@dataclass
class Metadata:
    """What was detected, the page each field came from (None: not found), and the fields
    that could not be found."""

    department: str = ""
    year: int = 0
    kind: str = "预算"
    scope: str = "部门"
    evidence: dict[str, int | None] = field(default_factory=dict)

    @property
    def unknown(self) -> list[str]:
        return [f for f in ("department", "year") if not getattr(self, f)]


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("(", "（").replace(")", "）")


def detect_metadata(lines: list[str], pages: list[int], titles: list[tuple[str, int]]
                    ) -> Metadata:
    """Read the metadata from the document's text lines (with their pages) and its table
    titles. The cover (the lines before the 目录 or the first heading) is trusted first, then
    the first pages, then the whole text."""
    meta = Metadata()
    squeezed = [_squeeze(t) for t in lines]
    cover_end = next((i for i, t in enumerate(squeezed) if i >= 1 and _COVER_END.search(t)),
                     min(len(squeezed), 8))
    windows = [(0, max(cover_end, 1)), (0, min(len(squeezed), 200)), (0, len(squeezed))]
    for lo, hi in windows:
        found = _find(squeezed[lo:hi], pages[lo:hi])
        if found:
            meta.department, page, groups = found
            meta.evidence["department"] = page
            if groups.get("year"):
                meta.year, meta.evidence["year"] = int(groups["year"]), page
            if groups.get("kind"):
                meta.kind, meta.evidence["kind"] = groups["kind"], page
            if groups.get("scope"):
                meta.scope, meta.evidence["scope"] = groups["scope"], page
            break
    head = "".join(squeezed[:max(cover_end, 1)]) or "".join(squeezed[:200])
    m = _SCOPE.search(head) or _SCOPE.search("".join(squeezed[:200]))
    if m:
        if "scope" not in meta.evidence:
            meta.scope, meta.evidence["scope"] = m.group(1), _page_of(squeezed, pages, m.group(0))
        if "kind" not in meta.evidence:
            meta.kind, meta.evidence["kind"] = m.group(2), _page_of(squeezed, pages, m.group(0))
    if "kind" not in meta.evidence and titles:
        kinds = Counter("决算" if "决算" in t else "预算" for t, _ in titles
                        if re.search("预算|决算", t))
        if kinds:
            meta.kind = kinds.most_common(1)[0][0]
            meta.evidence["kind"] = next(p for t, p in titles if meta.kind in t)
    if not meta.year:
        alone = next(((int(t[:4]), p) for t, p in zip(squeezed[:max(cover_end, 1)], pages)
                      if re.fullmatch(r"20\d{2}(?:年度?)?", t)), None)
        if alone:
            meta.year, meta.evidence["year"] = alone
    if not meta.year:
        # The year the table titles name; else the one the text names most.
        years = [(int(m.group(1)), p) for t, p in titles for m in _ANY_YEAR.finditer(_squeeze(t))] \
            or [(int(m.group(1)), p) for t, p in zip(squeezed, pages)
                for m in _ANY_YEAR.finditer(t)]
        if years:
            year = Counter(y for y, _ in years).most_common(1)[0][0]
            meta.year = year
            meta.evidence["year"] = next(p for y, p in years if y == year)
    return meta


def _page_of(lines: list[str], pages: list[int], text: str) -> int | None:
    return next((p for t, p in zip(lines, pages) if text in t), pages[0] if pages else None)


def _find(lines: list[str], pages: list[int]) -> tuple[str, int, dict[str, str]] | None:
    """The first statement naming the body, over lines joined (a name may wrap)."""
    joined = "".join(lines)
    offsets = []  # offset in ``joined`` -> line index
    pos = 0
    for t in lines:
        offsets.append(pos)
        pos += len(t)
    for pattern in _PATTERNS:
        # Line by line first (exact), then across line breaks (a wrapped cover).
        for i, t in enumerate(lines):
            m = pattern.search(t)
            if m and _plausible(m.group("dept")):
                return _clean(m.group("dept")), pages[i], m.groupdict()
        for m in pattern.finditer(joined):
            if _plausible(m.group("dept")):
                i = max(k for k, o in enumerate(offsets) if o <= m.start("dept"))
                return _clean(m.group("dept")), pages[i], m.groupdict()
    return None


_NOT_A_NAME = re.compile(r"^(?:本|我|该|各|全|市级|省级|区级|县级|关于|部门|单位|预算|决算|年度|年)|"
                         r"预算|决算|说明|情况|公开|目录|部分|概况|职能|职责|收入|支出")


def _plausible(name: str) -> bool:
    return 3 <= len(name) <= 40 and not _NOT_A_NAME.search(name)


def _clean(name: str) -> str:
    name = re.sub(r"^(?:20\d{2}年度?)", "", name)
    return re.sub(r"部门$", "", name) or name
