"""The bodies a question names (教育局, 区府办, 普陀区政府办公室) and how well a mention names a
department: what scoping a question to a document, and a figure to the body asked, read."""

from __future__ import annotations

import re
from typing import Sequence, TYPE_CHECKING

from .catalogue import _lcs_positions

if TYPE_CHECKING:
    from .engine import DocumentAnswerer

PLACE = re.compile(r"^([\u4e00-\u9fa5]{1,6}?(?<![社小园景片校营专城])(?:省|市|县|区|镇|乡))")
FUNCTION_WORDS = re.compile(r"的|了|是|在|和|与|及|对应|给|向|把|被|从|由|为|\d+年(?:度|底|末|初)?|[，,。？?、\s“”\"（）()：:\d]")


def org_mentions(q: str, weak_too: bool = False) -> list[str]:
    """Names of bodies in a question: 教育局, 太原市大数据应用局, 区府办, 普陀区政府办公室.

    Every stretch ending in an organisation suffix is a candidate (scoring trims leading
    words). Weak suffixes (政府, 中心, 委, 办公室) count only after a place name, so 数字政府
    or 体验中心 inside a project name are not departments."""
    out = []
    for chunk in FUNCTION_WORDS.split(q):
        for m in ORG_END.finditer(chunk):
            end = m.end()
            # (the end of a date before it, 8月31日学院, is no part of a name)
            name = re.sub(r"^(年度|年|度|月|日|号|底|末|初)", "", chunk[max(0, end - 14):end])
            # "内设多少个处室": what a question asks of the body, not another body's name
            name = re.split(r"多少|几个|几家|哪些|哪个|什么|内设|下设|设有|共有|今年|去年|本年|明年|纳入|包括|属于|隶属|"
                            r"表[中里内]|"  # "收入总表中泉州市…中心": the table is not the body's name
                            r"占",  # "项目支出占泉州市政府办…": the part of a share before the body
                            name)[-1]
            if DEICTIC.match(name):
                continue  # 你们局, 贵局, 本单位: the body asked
            weak = re.search(r"(政府|中心|委|办公室|办|院|馆|所|站|队|部|室)$", name) and \
                not re.search(r"委员会$|医院$|学院$|研究院$|法院$|检察院$", name)
            if len(name) < 3 or (weak and not weak_too and
                                 not (PLACE.match(name) or re.search(r"(省|市|县|区)(政府|府)", name))):
                continue
            out.append(name)
    return out


ORG_END = re.compile(r"府办|委员会|办公室|办事处|街道|(?<![布格结大开全棋骗饭赌时终残僵战变])局|委|厅|中心|政府|医院|学校|幼儿园|监狱|杂志社|报社|出版社|"
                     r"大学|学院|院(?!校)|馆|所(?![属有在以得需述谓])|(?<![集社])团(?![队体结购拜伙费])|站(?!点)|队(?![伍列])|(?<![全内外局干])部(?![门分署])|室(?![内外])|"
                     r"办$")  # 信访办, 外事办: at the end of a run, and only after a place (weak)
# "该局", "这个单位", "贵委" anywhere in a question: the body in scope, said again.
BODY_IN_SCOPE = re.compile(r"(?:该|此|这个|这家|贵|我们|你们|您们|咱们)(?:部门|单位|机关|委员会|局|委|厅|办|院|中心)(?:的)?")

# "你们局", "贵单位", "本部门": the body in scope, not another one.
DEICTIC = re.compile(r"^(?:你们|您们|咱们|我们|贵|本|该|此|这个|这家)(?:单位|部门|机关)?")


def cover_ratio(mention: str, name: str) -> float:
    """How well ``mention`` (大数据局, 区府办, 万里街道) names ``name`` (the full department):
    the best share of the mention's characters found in order in the name, over the mention
    with leading words trimmed. A place named in the mention (太原市) must be in the name."""
    mention = expand_abbreviation(mention)
    last = next((m.group(0) for m in ORG_END.finditer(mention) if m.end() == len(mention)), None)
    if last and last not in name and not (last == "委" and "委员会" in name):
        return 0.0  # 某市文化馆 is not 某市文化和旅游局: another kind of body
    best = 0.0
    for k in range(0, max(1, len(mention) - 2)):
        part = mention[k:]
        place = PLACE.search(part)
        if k == 0 and place and place.group(1) not in name and not name.startswith(place.group(1)[-1]):
            if not re.fullmatch(r"(省|市|县|区)", place.group(1)):
                return 0.0
        core = re.sub(r"^(市|县|区|省)", "", part)
        if len(core) < 2:
            continue
        ratio = len(_lcs_positions(core, name)) / len(core)
        # trimming costs a little, so the whole mention wins ties
        best = max(best, ratio - 0.01 * k)
    # The places two bodies share (上海市普陀区) do not make one the other: what follows them
    # (民政局 vs 规划和自然资源局) must be named too.
    own, name_own = _without_places(mention), _without_places(name)
    places = name[:len(name) - len(name_own)]
    while len(own) > 2 and own[0] in places:  # 普陀规划资源局: 普陀 is the name's place, unmarked
        own = own[1:]
    # Leading words are trimmed (其他科学技术支出|大数据局), but not after a place the mention
    # begins with: 西安市医疗保障局 names 医疗保障局, not 保障局.
    trims = 1 if PLACE.match(mention) else max(1, len(own) - 2)
    if len(own) >= 2 and not any(len(_lcs_positions(own[k:], name_own)) >= 0.75 * len(own[k:])
                                 for k in range(0, trims)):
        return min(best, 0.5)
    # Nor does a parent body both name (福州市公安局): the unit after it (交通警察支队 vs
    # 巡特警支队) must be named too.
    shared = 0
    while shared < min(len(mention), len(name)) and mention[shared] == name[shared]:
        shared += 1
    parent = next((m.end() for m in ORG_END.finditer(mention[:shared]) if m.end() <= shared), 0)
    if parent and parent < len(mention) and parent < len(name):
        tail, name_tail = mention[parent:], name[parent:]
        # a suffix both share (支队) names no unit: 交警|支队 is not 巡特警|支队
        end = next((m.group(0) for m in ORG_END.finditer(tail) if m.end() == len(tail)), "")
        if end and name_tail.endswith(end) and len(tail) - len(end) >= 2:
            tail, name_tail = tail[:-len(end)], name_tail[:-len(end)]
        if len(tail) >= 2 and len(_lcs_positions(tail, name_tail)) < 0.75 * len(tail):
            return min(best, 0.5)
    # Nor do a place and a kind of body both name (上海…职业技术学院): words of the mention the
    # name does not have, side by side (海事 of 上海海事职业技术学院), name another body.
    plain = re.sub(r"[（(][^）)]*[）)]", "", name)
    if last and plain.endswith(last) and len(_lcs_positions(name, mention)) >= 0.75 * len(mention) \
            and _unmatched_run(mention, name) >= 2:
        return min(best, 0.5)  # (a mention mostly of the name's words: not one with the question's)
    return best


def _unmatched_run(mention: str, name: str) -> int:
    """The longest run of the mention's characters (本级 aside) the name does not have, in order,
    after the first it has (the words before it are the question's: 项目支出占|审计局)."""
    matched = set(_lcs_positions(name, mention))
    longest = run = 0
    for i, ch in enumerate(mention):
        if i < min(matched, default=0):
            continue
        run = run + 1 if i not in matched and "\u4e00" <= ch <= "\u9fff" else 0
        longest = max(longest, run)
    return 0 if longest and re.search(r"本级|机关|本部", mention) and longest <= 2 else longest


def names_no_body(org: str, q: str) -> bool:
    """A mention that names no body: the one in scope said by its kind (这所学校, 全局, 本校), a
    hall (大厅), or 政府 of 政府采购 / 政府性基金 / 政府购买服务."""
    if re.search(r"(?:这所|这个|该|本|全|整个|我|贵|你们)(?:学校|学院|医院|局|委|院|中心|单位|部门)$", org):
        return True
    if org.endswith("大厅") or (len(org) <= 2 and org in ("学校", "学院", "医院")):
        return True
    bare = re.search(r"(.)(?:学校|学院|医院|局|委|院|中心|单位|部门)$", org)
    if bare and bare.group(1) in "占的给在和与比是所个":  # (收入占|学校: a word of the question, then the kind)
        return True
    at = q.find(org)
    return org.endswith("政府") and at >= 0 and bool(re.match(r"采购|性基金|购买", q[at + len(org):]))


def _without_places(name: str) -> str:
    """A body's name after the places it begins with: 上海市普陀区民政局 -> 民政局."""
    while (m := PLACE.match(name)) and len(name) > len(m.group(1)):
        name = name[len(m.group(1)):]
    return name


def _naming_part(mention: str, department: str) -> str:
    """The tail of a mention that names the department ('大数据局' of '其他科学技术支出大数据局')."""
    best, best_ratio = mention, -1.0
    for k in range(0, max(1, len(mention) - 1)):
        part = mention[k:]
        core = re.sub(r"^(市|县|区|省)", "", expand_abbreviation(part))
        if len(core) < 2:
            continue
        ratio = len(_lcs_positions(core, department)) / len(core)
        if ratio > best_ratio + 1e-9:
            best, best_ratio = part, ratio
    return best


def expand_abbreviation(mention: str) -> str:
    """区府办 -> 区政府办公室 (the usual short form of a government office)."""
    return re.sub(r"(?<!政)府办(?!公)", "政府办公室", mention)


def covers(mention: str, name: str) -> bool:
    """Whether ``mention`` names ``name`` well enough (:func:`cover_ratio` at least 0.75)."""
    return cover_ratio(mention, name) >= 0.75


def strip_scope(q: str, department: str, year: int, keep: Sequence[str] = ()) -> str:
    """The question without the department and year that scoped it. Names in ``keep`` (a unit's
    row, 泉州市人民政府发展研究中心 of 泉州市人民政府办公室) are names of their own, kept whole."""
    base = re.sub(r"[（(][^）)]*[）)]", "", department)
    kept = sorted((k for k in keep if k and k in q and not re.fullmatch(
        rf"{re.escape(base)}(?:本级|机关|[（(](?:本级|机关|汇总)[）)])?", k)), key=len, reverse=True)
    for n, name in enumerate(kept):
        q = q.replace(name, chr(0xE000 + n))
    out = _strip_scope(q, department, year)
    for n, name in enumerate(kept):
        out = out.replace(chr(0xE000 + n), name)
    return out


def _strip_scope(q: str, department: str, year: int) -> str:
    out = q.replace(department, "")
    for m in sorted(org_mentions(q, weak_too=True), key=len, reverse=True):  # 普陀区政府办公室 before 普陀区政府
        if covers(m, department):
            part = _naming_part(m, department)
            at = out.find(part)
            # the body's suffix the mention stopped short of (泉州市政府|办 of 泉州市人民政府办公室)
            while at >= 0 and at + len(part) < len(out) and out[at + len(part)] in "办局委厅署院室处" \
                    and out[at + len(part)] in department[-3:] and out[at + len(part) + 1:at + len(part) + 2] != "公":
                part += out[at + len(part)]
            out = out.replace(part, "")
    out = re.sub(rf"{year}\s*年度?", "", out)
    out = re.sub(r"^(本部门|本单位|该部门|这个部门|我局|贵局|你们|他们)", "", out)
    out = BODY_IN_SCOPE.sub("", out)
    if re.search(r"[（(]本级[）)]$", department):
        out = re.sub(r"^的?[（(]?本级[）)]?", "", out)  # "无锡市交通运输局本级…" of 无锡市交通运输局（本级）: the body
    return out if len(out.strip("？?。 ")) >= 2 else q


def org_names(a: DocumentAnswerer) -> list[str]:
    """The names a document's body goes by: its department, the one body its forms all name,
    the rows of its 机关运行经费 table."""
    names = [a.doc.department]
    # the bodies every form names (the body itself, its 主管部门); a unit that runs only some
    # projects (each 监狱 of a 司法局) is a unit inside the body, not another name of it
    for key in ("实施单位", "主管部门"):
        printed = {f.fields.get(key, "") for f in a.doc.forms} - {""}
        if len(printed) == 1:
            names += list(printed)
    t = a.doc.table("office_running")
    if t:
        names += [r.label for r in t.rows]
    return [n for n in names if n]
