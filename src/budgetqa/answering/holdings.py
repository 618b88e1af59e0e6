"""Questions about the store's documents themselves: "库里有几份2026年的部门预算来自广东省",
"库里有哪些单位预算", "有哪些部门决算".

The answer is a count or a list of the stored documents that match what the question names: a
kind (预算/决算), a scope (部门/单位), a year, a place (any way of writing one of the body's places:
广东省, 广东, 深圳市) and a kind of body (统计局, 信访). Each document counted is a source of the
answer, so a count can be checked one document at a time.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..model import Answer, Figure, Provenance
from ..parsing.bodies import describe_body, places_in, vocabulary_places

# A question about what the store holds: "几份…预算", "哪些单位预算", "收录了多少个决算".
ASKS = re.compile(r"(几份|多少份|几个|多少个|哪些|哪几份|哪几个|列出|有什么)[^，。？?]{0,12}((部门|单位)?(预算|决算)(?!数|支出|收入|经费|拨款|资金|项目|表)|文件)|"
                  r"(预算|决算)(文件|公开|报告)?(一共|总共|共)?有(几份|多少份|哪些)")
# Words that say the question is about the collection, not one body's contents.
COLLECTION = re.compile(r"库里|库中|系统里|收录|已有|现有|一共有|总共有|有几份|有多少份|有哪些(部门|单位)?(预算|决算)|"
                        r"列出.{0,4}(所有|全部)?.{0,4}(部门|单位)?(预算|决算)")
COUNT = re.compile(r"几份|多少份|几个|多少个|数量")
NOT = re.compile(r"[（(]?(不是|不含|不包括|除了|并非)[^）)，,。？?]*[）)]?")


def _scope_and_kind(q: str) -> tuple[str | None, str | None]:
    m = re.search(r"(部门|单位)?(预算|决算)", q)
    scope = m.group(1) if m else None
    kind = m.group(2) if m else None
    return scope, kind


def answer_holdings(qa, intent) -> Answer | None:
    """The count or the list of stored documents a question asks for, or None when it is not
    about the store's documents."""
    raw = intent.raw
    q = NOT.sub("", intent.q)  # "单位预算（不是部门预算）": what is excluded is not a filter
    if not (ASKS.search(q) and COLLECTION.search(q)):
        return None
    scope, kind = _scope_and_kind(q)
    docs = [a.doc for a in qa._answerers.values()]
    if not docs:
        return None
    years = set(intent.years)
    # places and kinds of body the question names, as the documents' own names write them
    bodies = {d.doc_id: describe_body(d.department) for d in docs}
    written = {p for b in bodies.values() for p in b.region_names() if len(p) >= 2} | vocabulary_places()
    places = set(places_in(q, written))
    places = {p for p in places if not any(p != o and p in o for o in places)}  # 广东省 over 广东, each time
    from .across import KINDS

    kinds = [k for k in KINDS if k in re.sub(r"数据库|库里|库中|系统里", "", q)]
    chosen = [d for d in docs
              if (kind is None or d.kind == kind) and (scope is None or d.scope == scope)
              and (not years or d.year in years)
              and (not places or any(p in bodies[d.doc_id].region_names() for p in places))
              and (not kinds or any(k in d.department for k in kinds))]
    what = "".join([f"{'、'.join(sorted(map(str, years)))}年的" if years else "",
                    f"{'、'.join(sorted(places))}的" if places else "",
                    f"{'、'.join(kinds)}" if kinds else "", scope or "", kind or "文件"])
    chosen.sort(key=lambda d: (d.department, d.year))
    listed = "；".join(f"{d.department}{d.year}年{d.scope}{d.kind}（{d.doc_id}）" for d in chosen)
    cells = [Provenance(d.doc_id, table=d.title or None) for d in chosen]
    if COUNT.search(q) and not re.search(r"哪些|列出", q):
        text = f"库中共有{len(chosen)}份{what}" + (f"：{listed}。" if chosen else "。")
        source = cells[0] if cells else Provenance("", table="文档列表")
        fig = Figure(f"{what}的份数", Decimal(len(chosen)), "份", source,
                     " + ".join("1" for _ in chosen) + f" = {len(chosen)}" if chosen else None, cells)
        return Answer(raw, text, True, "lookup", [fig], document=None, alternatives=[d.doc_id for d in chosen])
    if not chosen:
        return Answer(raw, f"库中没有{what}。", True, "lookup", [], document=None)
    text = f"库中有{len(chosen)}份{what}：{listed}。"
    return Answer(raw, text, True, "lookup", [], document=None, alternatives=[d.doc_id for d in chosen])
