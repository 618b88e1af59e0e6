"""Source lines of a disclosure: cleaning OCR noise and splitting a line into cells.

Watermarks and blank lines are dropped, but every kept line keeps its original 1-based
line number (and page, for PDFs) so provenance points at the file the user has.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

WATERMARKS = ("仅供内部审核", "内部审核", "仅供审核")


@dataclass(frozen=True)
class SourceLine:
    """One non-blank, non-watermark line of the source, with its position."""

    no: int
    text: str
    page: int | None = None

    @property
    def plain(self) -> str:
        """The text without markdown heading/bold markers and surrounding space."""
        return strip_markup(self.text)


_MARKUP = re.compile(r"^\s*(#{1,6}\s*|[-*]\s+)|\*\*|</?p>|</?b>")


def strip_markup(text: str) -> str:
    return _MARKUP.sub("", text).strip()


ORDINAL = re.compile(r"^([一二三四五六七八九十]+、|[（(]([一二三四五六七八九十]+|\d+)[）)]|[①②③④⑤⑥⑦⑧⑨⑩]|\d+[、.．])\s*")
_NAME_NOISE = re.compile(r"[\s（）()“”\"'·・]")


def strip_ordinal(label: str) -> str:
    """'六、科学技术支出' -> '科学技术支出'; also （一）, （2）, ①, 1、."""
    return ORDINAL.sub("", label.strip()).strip()


def name_key(name: str) -> str:
    """A name as compared across tables and forms: no spaces, brackets or quotes."""
    return _NAME_NOISE.sub("", name)


def is_watermark(text: str) -> bool:
    t = text.strip()
    return bool(t) and len(t) <= 12 and any(w in t for w in WATERMARKS)


def clean_lines(text: str, page: int | None = None, first_line: int = 1) -> list[SourceLine]:
    """Split a text into kept lines: no blanks, no watermark lines."""
    out: list[SourceLine] = []
    for i, raw in enumerate(text.splitlines(), start=first_line):
        line = raw.rstrip("\r\n")
        if not line.strip() or is_watermark(line):
            continue
        out.append(SourceLine(i, line, page))
    return out


_PIPE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def is_pipe_separator(text: str) -> bool:
    return bool(_PIPE_SEP.match(text))


def split_cells(text: str) -> list[str]:
    """Split a table line into cells, keeping blank cells where the layout marks them.

    Tabs and pipes keep positions (``a\\t\\tb`` has a blank middle cell); runs of two or
    more spaces separate cells when there is neither.
    """
    if "\t" in text:
        cells = text.split("\t")
    elif text.strip().startswith("|") or text.count("|") >= 2:
        t = text.strip()
        if t.startswith("|"):
            t = t[1:]
        if t.endswith("|"):
            t = t[:-1]
        cells = t.split("|")
    else:
        cells = re.split(r"\s{2,}|\u3000+", text.strip())
    return [strip_markup(c) for c in cells]


# ---------------------------------------------------------------- space-aligned (fixed-width) text

# A cell of a space-aligned line: text whose words are at most one space apart.
_SPACE_CELL = re.compile(r"[^ \u3000\t]+(?: [^ \u3000\t]+)*")
# Cells wider than this may push the rest of their row to the right (fixed-width printers and
# PDF-to-text converters give up aligning a column after an over-wide cell).
ALIGN_CAP = 40


def display_width(text: str) -> int:
    """Columns ``text`` takes in a fixed-width rendering: a CJK (wide) character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def is_space_aligned(text: str) -> bool:
    """A table line laid out with spaces only (no tab, no pipe)."""
    return "\t" not in text and "|" not in text


def space_spans(text: str, wide: bool = True) -> list[tuple[int, int, str]]:
    """``(start, end, cell)`` of each cell of a space-aligned line, in display columns
    (``wide``: a CJK character counts two) or in characters; indentation counts."""
    out = []
    for m in _SPACE_CELL.finditer(text):
        if wide:
            start = display_width(text[:m.start()])
            out.append((start, start + display_width(m.group()), m.group()))
        else:
            out.append((m.start(), m.end(), m.group()))
    return out


def column_starts(texts: list[str], wide: bool = True) -> list[int]:
    """The start column of every column of a block of space-aligned lines: each cell's start,
    up to (and including) the first over-wide cell of its line, whose followers may be pushed."""
    starts: set[int] = set()
    for text in texts:
        for start, end, _ in space_spans(text, wide):
            starts.add(start)
            if end - start > ALIGN_CAP:
                break
    return sorted(starts)


def pick_metric(texts: list[str]) -> bool:
    """Whether the block is aligned in display columns (True) or in characters (False): the
    metric under which the cells line up on fewer distinct columns."""
    return len(column_starts(texts, True)) <= len(column_starts(texts, False))


def align_space_cells(texts: list[str]) -> list[list[str]]:
    """Split a block of space-aligned table lines into cells *by position*, so blank cells are
    kept as ``''`` as a tab or pipe layout keeps them.

    Runs of spaces alone cannot tell which of two columns a lone value sits in; the character
    offsets can: every line of the block shares the column starts. A cell that runs into the
    next column (an over-wide label) pushes the cell after it right, to just past its end; a
    cell sitting there takes the next column, any other cell the column it starts in.
    """
    wide = pick_metric(texts)
    starts = column_starts(texts, wide)
    if not starts:
        return [[] for _ in texts]
    rows: list[list[str]] = []
    for text in texts:
        cells = [""] * len(starts)
        prev, prev_end = -1, 0
        for start, end, cell in space_spans(text, wide):
            crowded = prev >= 0 and (prev + 1 >= len(starts) or prev_end + 2 > starts[prev + 1])
            if crowded and start <= prev_end + 2:
                idx = prev + 1  # pushed right by the cell before it
            else:
                idx = max(bisect.bisect_right(starts, start) - 1, prev + 1)
            if idx >= len(cells):
                cells.extend([""] * (idx + 1 - len(cells)))
            cells[idx] = strip_markup(cell)
            prev, prev_end = idx, end
        rows.append(cells)
    return rows


def trim_trailing(cells: list[str]) -> list[str]:
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return cells[:end]


_NUM = re.compile(r"^[-−]?\d{1,3}(,\d{3})+(\.\d+)?$|^[-−]?\d+(\.\d+)?$")


def to_fullwidth_free(text: str) -> str:
    """Full-width digits and punctuation to ASCII (NFKC), keeping Chinese as is."""
    return unicodedata.normalize("NFKC", text)


def parse_amount(text: str) -> Decimal | None:
    """'11,689.17' -> Decimal('11689.17'); '' -> None; anything non-numeric -> None."""
    t = to_fullwidth_free(text).strip().replace(" ", "")
    if not t or t in {"-", "—", "--"}:
        return None
    t = t.replace("−", "-")
    if not _NUM.match(t):
        return None
    try:
        return Decimal(t.replace(",", ""))
    except InvalidOperation:
        return None


def is_amount(text: str) -> bool:
    return parse_amount(text) is not None
