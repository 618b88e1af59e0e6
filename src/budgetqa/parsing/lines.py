"""Source lines of a disclosure: cleaning OCR noise and splitting a line into cells.

Watermarks and blank lines are dropped, but every kept line keeps its original 1-based
line number (and page, for PDFs) so provenance points at the file the user has.
"""

from __future__ import annotations

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
