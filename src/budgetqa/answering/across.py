"""Questions across documents: one measure asked of several bodies (or years) and compared.

"这几个信访部门里哪个三公经费最多", "广州市统计局和无锡市统计局收入总计相差多少", "列出所有审计局
的机关运行经费". The members are the documents the question names (by body, in full or short),
or a group it names (a kind of body such as 信访/审计, a place's own bodies, 各区/各县, a year,
预算/决算), each body once, in its latest year, unless the question names years or asks across
them; the measure is the question with those names taken out, answered in each member by the
single-document answerer under all its rules. Each operation is a small unit with its own test of when it
applies (:data:`OPERATIONS`, checked in order): a ranking, a difference, a sum, a listing. A
member whose document does not give the figure is named as missing, never counted as zero.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable

from ..model import Answer, Figure, convert

MONEY = ("元", "万元", "亿元")

# Words that make a question about several bodies: a group of them, or "which of them".
GROUP = re.compile(r"哪个(部门|单位|局|机关|区|市)|哪家|哪一家|谁的|谁(更|最)|各(个)?(部门|单位|局|区|县)|所有(的)?(部门|单位|局)|"
                   r"这几个|这些(部门|单位|局)|几个(部门|单位|局)|几家|全部(部门|单位)|分别是多少|分别多少|两个(部门|单位|局)|"
                   r"两家|两者|二者|三者|[两三四五六七八九十\d]+(个|家|份)(部门|单位|局|机关|文件)?|各是多少|逐一|哪一年|哪年|两年")
# Kinds of body, as their names end or say (a general list of Chinese government functions).
KINDS = ("信访", "审计", "统计", "商务", "财政", "民政", "公安", "住房和城乡建设", "住建", "交通运输", "交通",
         "气象", "司法", "检察", "宣传", "科学技术", "科技", "卫生健康", "卫健", "生态环境", "水务",
         "规划和自然资源", "自然资源", "人力资源和社会保障", "人社", "政府办公", "数据", "社会工作")


# A group's level: 各区统计局 are the 统计局 of districts, 各县 those of counties.
LEVEL_GROUP = re.compile(r"各个?(区|县|市)")
# A question about the same bodies in several years; otherwise each body counts once, in the
# latest year the store holds (a ranking of 哪个部门 is not one of body-years).
ACROSS_YEARS = re.compile(r"哪一年|哪年|两年|历年|每年|各年|逐年|这几年|近几年|几年来|\d{4}\s*年?(和|与|到|至|-|—)\s*\d{4}\s*年")


@dataclass
class Member:
    doc_id: str
    label: str  # 广州市信访局2026年预算
    answer: Answer | None
    department: str = ""
    year: int = 0
    kind: str = ""

    @property
    def figure(self) -> Figure | None:
        a = self.answer
        if a is None or not a.answerable or not a.figures:
            return None
        f = a.figures[0]
        return f if f.unit in MONEY else None

    def wan(self) -> Decimal | None:
        f = self.figure
        return None if f is None else convert(f.value, f.unit, "万元")


def _kind_words(q: str) -> list[str]:
    return [k for k in KINDS if k in q]


def _is_kind(body, kinds: list[str]) -> bool:
    """Is the body (its own name, without places) one of these kinds? 民政 in 人民政府 is not."""
    own = body.own.replace("人民政府", "政府")
    return any(k in own for k in kinds)


def _place_level(place) -> str:
    """区, 县 or 市: the level a 各区/各县/各市 group means."""
    if place.kind != "district":
        return "市" if place.kind == "city" else "省"
    return {"旗": "县", "县": "县", "市": "市"}.get(place.printed[-1], "区")


def _places_of(bodies) -> set[str]:
    """The places these bodies print (澜川市, 南浦区, 白石县): what a group's places are read from."""
    return {p.printed for b in bodies for p in b.places}


def _in_group(body, kinds: list[str], places: list[str], levels: list[str]) -> bool:
    """Is the body in the group: of these kinds, of these places (the last one named its own
    place, unless a level is named: 澜川市 are the city's own bodies, 澜川市各区 its districts'),
    at this level?"""
    if kinds and not _is_kind(body, kinds):
        return False
    chain = [p.printed for p in body.places]
    if places and (any(p not in chain for p in places) or (not levels and chain[-1] != places[-1])):
        return False
    return not levels or bool(body.places) and _place_level(body.places[-1]) in levels


def named_bodies(qa, q: str) -> list[str]:
    """The bodies (as :func:`describe_body` reads them, without a scope note such as （本级）) the
    question names: in full, else each mention's best-covered bodies."""
    from ..parsing.bodies import describe_body
    from .mentions import cover_ratio, org_mentions

    body_of = {d: describe_body(a.doc.department).body for d, a in qa._answerers.items()}
    found, rest = [], q
    for name in sorted({b for b in body_of.values() if b in q}, key=len, reverse=True):
        if name in rest:
            found.append(name)
            rest = rest.replace(name, "，")
    for mention in org_mentions(rest):
        # the name index gives every body the mention may cover (a body is its name less a note)
        near = {body_of[d] for d, _ in qa._names.departments_near(mention, [mention]) if d in body_of}
        ratios = {b: cover_ratio(mention, b) for b in near}
        best = max(ratios.values(), default=0.0)
        if best >= 0.75:  # mentions.covers
            found += [b for b, r in ratios.items() if r >= best - 1e-9]
    return list(dict.fromkeys(found))


def members_of(qa, q: str, years: list[int]) -> list[str]:
    """The documents a cross-document question is about: the bodies it names, else the group
    it names (kinds of body, places, 各区/各县, years, 预算/决算); [] when it names none. Each
    body counts once, in its latest year, unless the question names years or asks across them."""
    from ..parsing.bodies import describe_body, places_in

    docs = qa._answerers
    body_of = {d: describe_body(a.doc.department) for d, a in docs.items()}
    named = set(named_bodies(qa, q))
    pool = [d for d, b in body_of.items() if b.body in named]
    if not (len(pool) >= 2 or (pool and ACROSS_YEARS.search(q))):
        kinds = _kind_words(q)
        places = places_in(q, _places_of(body_of.values()))
        levels = LEVEL_GROUP.findall(q)
        if not kinds and not places and not levels:
            return []
        pool = [d for d, b in body_of.items() if _in_group(b, kinds, places, levels)]
    if years:
        pool = [d for d in pool if docs[d].doc.year in years] or pool
    if EXECUTION.search(q):
        pass  # a budget against its final accounts: both kinds are members
    elif "决算" in q:
        pool = [d for d in pool if docs[d].doc.kind == "决算"]
    elif re.search(r"预算", q) and not re.search(r"决算", q):
        pool = [d for d in pool if docs[d].doc.kind == "预算"] or pool
    if not years and not ACROSS_YEARS.search(q):
        latest: dict[tuple[str, str], int] = {}
        for d in pool:
            key = (docs[d].doc.department, docs[d].doc.kind)
            latest[key] = max(latest.get(key, 0), docs[d].doc.year)
        pool = [d for d in pool if docs[d].doc.year == latest[(docs[d].doc.department, docs[d].doc.kind)]]
    return list(dict.fromkeys(pool))


def measure_of(q: str, departments: list[str], places: list[str] = ()) -> str:
    """The question with the members' names, the group's places and words taken out: what to
    ask each."""
    from .mentions import org_mentions

    m = re.sub(r"[（(][^）)]*[）)]", "", q)  # （广东两市表中称“行政经费”）, （本级）, （2026年）
    m = re.sub(r"[“”\"]", "", m)
    for name in sorted({re.sub(r"[（(][^）)]*[）)]", "", d) for d in departments} | set(departments),
                       key=len, reverse=True):
        m = m.replace(name, "")
    for org in sorted(org_mentions(q, weak_too=True), key=len, reverse=True):
        m = m.replace(org, "")
    for place in sorted(places, key=len, reverse=True):  # after the bodies: 深圳市 of 深圳市信访局
        m = m.replace(place, "")
    m = GROUP.sub("", m)
    m = re.sub(r"这几个|这些|所有|全部|各个|各|两个|两家|之间|中|里|当中|之中|和|与|跟|相比|比较|对比|"
               r"更多|更少|最多|最少|最高|最低|最大|最小|相差|差多少|差额|多多少|少多少|(?<!收入)(?<!支出)合计|一共|总共|加起来|"
               r"列出来?|列一下|逐一|排名|排序|排个名|分别|各是|是多少|多少|谁|哪个|哪家|哪一年|哪年|更多|库里|"
               r"[两三四五六七八九十\d]+(个|家|份|者)|并注明年份|注明年份|[省市区县]级|的是|这|那|[，,。？?、\s—-]", "", m)
    m = re.sub(r"(从|由)?(20\d{2})年?度?(到|至|比|较|相比|和)?|((增加|减少|增长|下降|降低|提高|变化|变动)了?|(多|少)了)"
               r"(多少|几成|%之几|百分之几|百分比|%)?|增幅|降幅|增长率|更|比|较|相比", "", m)
    for k in sorted(KINDS, key=len, reverse=True):
        m = m.replace(k, "")
    # the documents' kinds (部门预算, 本级单位预算), pronouns for a member, the unit asked
    m = re.sub(r"(?:本级)?(?:部门|单位)(?:预算|决算)|它们?的|其|本级|万元|亿元", "", m)
    m = re.sub(r"部门|单位|机关(?!运行)|\d{4}年度?", "", m)
    return re.sub(r"^(的|各|级)+|(多|少|高|低|的)+$", "", m)


def _answer_each(qa, members: list[str], measure: str) -> list[Member]:
    from .router import parse_question

    asked = parse_question(f"{measure}是多少")  # read once; each member routes its own copy
    out = []
    for d in members:
        doc = qa._answerers[d].doc
        label = f"{doc.department}{doc.year}年{doc.kind}"
        intent = dataclasses.replace(asked, ops=list(asked.ops), years=list(asked.years),
                                     unexplained=list(asked.unexplained))
        try:
            a = qa.route(intent, d)
        except Exception:  # noqa: BLE001 - one member's failure is that member's missing figure
            a = None
        out.append(Member(d, label, a, doc.department, doc.year, doc.kind))
    return out


def _missing(members: list[Member]) -> str:
    gone = [m.label for m in members if m.wan() is None]
    return f"（{'、'.join(gone)}的公开文件没有给出这个数字，未计入）" if gone else ""


def _line(m: Member) -> str:
    f = m.figure
    src = f.source
    return (f"{m.label}：{f.value:,}{f.unit}（{src.table or ''}“{src.row or ''}”行“{src.column or ''}”列"
            f"{f'，第{src.page}页' if src.page else ''}）")


def _answer(question: str, text: str, figures: list[Figure], members: list[Member]) -> Answer:
    return Answer(question, text, True, "computation", figures, document=None,
                  alternatives=[m.doc_id for m in members])


def rank(question: str, measure: str, members: list[Member]) -> Answer | None:
    have = [m for m in members if m.wan() is not None]
    if len(have) < 2:
        return None
    low = bool(re.search(r"最少|最低|最小|更少|少的", question))
    ordered = sorted(have, key=lambda m: m.wan(), reverse=not low)
    best = ordered[0]
    f = best.figure
    text = (f"{measure}{'最少' if low else '最多'}的是{best.label}，{f.value:,}{f.unit}。"
            f"在{len(have)}个文件中比较：" + "；".join(_line(m) for m in ordered) + "。" + _missing(members))
    fig = Figure(f"{best.label}{measure}", f.value, f.unit, f.source, cells=[m.figure.source for m in ordered])
    return _answer(question, text, [fig], members)


def difference(question: str, measure: str, members: list[Member]) -> Answer | None:
    have = [m for m in members if m.wan() is not None]
    if len(members) != 2 or len(have) != 2:
        return None
    a, b = have
    value = abs(a.wan() - b.wan())
    more = a if a.wan() >= b.wan() else b
    arithmetic = f"{max(a.wan(), b.wan())} − {min(a.wan(), b.wan())} = {value}"
    text = (f"{_line(a)}；{_line(b)}。{more.label}多，相差{value:,}万元（{arithmetic}）。")
    fig = Figure(f"{measure}之差", value, "万元", a.figure.source, arithmetic, [a.figure.source, b.figure.source])
    return _answer(question, text, [fig], members)


def total(question: str, measure: str, members: list[Member]) -> Answer | None:
    have = [m for m in members if m.wan() is not None]
    if len(have) < 2:
        return None
    value = sum((m.wan() for m in have), Decimal(0))
    arithmetic = " + ".join(str(m.wan()) for m in have) + f" = {value}"
    text = f"{len(have)}个文件的{measure}合计{value:,}万元（{arithmetic}）：" + "；".join(_line(m) for m in have) + \
        "。" + _missing(members)
    fig = Figure(f"{measure}合计", value, "万元", have[0].figure.source, arithmetic, [m.figure.source for m in have])
    return _answer(question, text, [fig], members)


def listing(question: str, measure: str, members: list[Member]) -> Answer | None:
    have = [m for m in members if m.wan() is not None]
    if not have:
        return None
    text = f"{measure}：" + "；".join(_line(m) for m in have) + "。" + _missing(members)
    return _answer(question, text, [], members)


EXECUTION = re.compile(r"执行率|执行得(怎么样|如何|好)|执行情况|执行了多少|完成率|完成(了)?(年初|全年)?预算")
YEAR_CHANGE = re.compile(r"(比|较|相比|到|至)(20\d{2})年?|(20\d{2})年?(到|至)(20\d{2})")
_PERCENT = re.compile(r"百分之几|%之几|百分比|增长率|增幅|降幅|多少%|(增长|下降|减少|增加)了?几成")


def change_over_years(question: str, measure: str, members: list[Member]) -> Answer | None:
    """'江苏省人民检察院2019年的收入总计比2017年增加了多少', '从2017年到2019年…增长了百分之几':
    one body's figure in two years' documents, the later less the earlier (or that as a share of
    the earlier), the direction said in words."""
    bodies = {m.department for m in members}
    have = [m for m in members if m.wan() is not None]
    if len(bodies) != 1 or len(members) != 2 or len({m.year for m in members}) != 2:
        return None
    if len(have) != 2:
        return listing(question, measure, members) if have else None
    early, late = sorted(have, key=lambda m: m.year)
    change = late.wan() - early.wan()
    word = "增加" if change > 0 else "减少" if change < 0 else "持平"
    if _PERCENT.search(question):
        if early.wan() == 0:
            return None
        value = (abs(change) / early.wan() * 100).quantize(Decimal("0.01"))
        arithmetic = f"({late.wan()} − {early.wan()}) ÷ {early.wan()} × 100% = {'' if change >= 0 else '−'}{value}%"
        unit, said = "%", f"{value}%"
    else:
        value = abs(change)
        arithmetic = f"{late.wan()} − {early.wan()} = {change}"
        unit, said = "万元", f"{value:,}万元"
    text = (f"{_line(early)}；{_line(late)}。{late.year}年比{early.year}年{word}{said}（{arithmetic}）。")
    fig = Figure(f"{measure}{late.year}年比{early.year}年{word}", value, unit, late.figure.source, arithmetic,
                 [early.figure.source, late.figure.source])
    return _answer(question, text, [fig], members)


def execution(question: str, measure: str, members: list[Member]) -> Answer | None:
    """'大数据局2023年预算执行得怎么样': one body's 决算 of a year against its 预算 of the same year,
    the final figure as a percentage of the budgeted one (执行率), both figures shown."""
    by_kind = {m.kind: m for m in members if m.wan() is not None}
    if len({m.department for m in members}) != 1 or len({m.year for m in members}) != 1 or \
            set(by_kind) != {"预算", "决算"} or len(members) != 2:
        return None
    plan, done = by_kind["预算"], by_kind["决算"]
    if plan.wan() == 0:
        return None
    value = (done.wan() / plan.wan() * 100).quantize(Decimal("0.01"))
    arithmetic = f"{done.wan()} ÷ {plan.wan()} × 100% = {value}%"
    text = (f"{_line(plan)}；{_line(done)}。{done.year}年{measure}的决算数是预算数的{value}%（{arithmetic}）。")
    fig = Figure(f"{measure}执行率", value, "%", done.figure.source, arithmetic, [plan.figure.source, done.figure.source])
    return _answer(question, text, [fig], members)


# Operations across documents, in the order their tests are tried: (test, answer).
OPERATIONS: tuple[tuple[str, Callable[[str], bool], Callable[..., Answer | None]], ...] = (
    ("execution", lambda q: bool(EXECUTION.search(q)), execution),
    ("change_over_years", lambda q: bool(YEAR_CHANGE.search(q)) and bool(
        re.search(r"增加|减少|增长|下降|变化|多了|少了|多多少|少多少|百分之几|增幅|降幅", q)), change_over_years),
    ("difference", lambda q: bool(re.search(r"相差|差多少|差额|多多少|少多少|多出|高出", q)), difference),
    ("total", lambda q: bool(re.search(r"合计|一共|总共|加起来|之和|共计", q)), total),
    ("rank", lambda q: bool(re.search(r"最多|最少|最高|最低|最大|最小|更多|更少|谁多|哪个多|排名|排序|排个名", q)), rank),
    ("listing", lambda q: bool(re.search(r"列出|列一下|分别|各(个)?(部门|单位|局)|所有|各(?:自|为|是)(?:多少|几)", q)), listing),
)


def answer_across(qa, intent) -> Answer | None:
    """The answer to a question across documents, or None when it is not one."""
    q = intent.q
    if len(qa._answerers) < 2:
        return None
    op = next(((name, run) for name, applies, run in OPERATIONS if applies(q)), None)
    if op is None or (intent.refusal == "actual" and op[0] != "execution"):
        return None  # what was actually spent is answered only by a 决算 against its 预算
    members = members_of(qa, q, intent.years)
    if len(members) < 2:
        return None
    names = [qa._answerers[d].doc.department for d in members]
    if not GROUP.search(q) and len(set(names)) < 2 and op[0] not in ("difference", "change_over_years", "execution"):
        return None
    from ..parsing.bodies import describe_body, places_in

    if op[0] == "total":
        # a total of the bodies named: one the store holds no document of (for the year asked)
        # leaves no total, never the total of the others
        held = {describe_body(n).body for n in names}
        lacking = [b for b in named_bodies(qa, q) if b not in held]
        if lacking:
            year = "、".join(f"{y}年" for y in intent.years)
            return Answer(intent.raw, f"库里没有{'、'.join(lacking)}{year}的文件，所以给不出问题所列各单位的合计。",
                          False, "refusal", [])
    measure = measure_of(q, names, places_in(q, _places_of(describe_body(n) for n in names)))
    if op[0] == "execution":
        measure = re.sub(r"执行率|执行得(怎么样|如何|好)|执行情况|执行了|完成率|完成了?(年初)?|预算|决算|怎么样|如何", "", measure)
        measure = measure if len(measure) >= 2 else "支出总计"  # the whole budget, when no item is named
    if len(measure) < 2:
        return None
    return op[1](intent.raw, measure, _answer_each(qa, members, measure))
