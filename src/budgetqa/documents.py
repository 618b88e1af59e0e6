"""The listing of a store's documents every edge shows: each document with its body's places,
level and aliases (read from its name), filtered by body, year, kind and place.

    >>> [d["id"] for d in list_documents(store.documents(), body="统计局", place="北京")]
    ['beijing-stats-2026-budget']
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from .errors import ParameterError
from .parsing.bodies import describe_body, squeeze
from .store import DocumentInfo

KINDS = ("预算", "决算")
MAX_FILTER_CHARS = 100


def check_filters(body: Any = None, year: Any = None, kind: Any = None,
                  place: Any = None) -> tuple[str, int | None, str, str]:
    """The filters as used (an empty one filters nothing), or :class:`ParameterError` saying
    which cannot be used and why."""
    texts = []
    for name, value in (("body", body), ("place", place)):
        if value is None:
            texts.append("")
            continue
        if not isinstance(value, str):
            raise ParameterError(f"{name} 必须是文字 ({name} must be text)")
        value = squeeze(value)
        if len(value) > MAX_FILTER_CHARS:
            raise ParameterError(f"{name} 太长（{len(value)} 字），最多 {MAX_FILTER_CHARS} 字")
        texts.append(value)
    wanted_year = None
    if year is not None and year != "":
        text = str(year).strip()
        if isinstance(year, bool) or not re.fullmatch(r"\d{4}", text) or not 1990 <= int(text) <= 2100:
            raise ParameterError(f"year 必须是四位年份，例如 2026（收到“{year}”）")
        wanted_year = int(text)
    wanted_kind = ""
    if kind is not None and kind != "":
        if kind not in KINDS:
            raise ParameterError(f"kind 只能是 预算 或 决算（收到“{kind}”）")
        wanted_kind = kind
    return texts[0], wanted_year, wanted_kind, texts[1]


def list_documents(infos: Iterable[DocumentInfo], body: Any = None, year: Any = None,
                   kind: Any = None, place: Any = None) -> list[dict[str, Any]]:
    """The documents that match every filter given: ``body`` a part of one of the body's names
    (统计局, 市统计局, 卫健委), ``place`` a way of writing its places (上海, 普陀区, 福州市)."""
    body, year, kind, place = check_filters(body, year, kind, place)
    out = []
    for info in infos:
        b = describe_body(info.department)
        if (year is not None and info.year != year) or (kind and info.kind != kind) or \
                (body and not b.matches_name(body)) or (place and not b.matches_place(place)):
            continue
        out.append({**info.to_dict(), **b.to_dict()})
    return out
