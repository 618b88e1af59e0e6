"""What a publishing body's own name shows: its places (province-level division, city, district
or county, street or town), its level of government, and the names people call it by.

Only the name is read, with a general vocabulary (``bodies.toml``: the 34 province-level names
and usual short forms such as 卫健委); 福州市公安局巡特警支队 shows 福州市, not 福建.

    >>> b = describe_body("上海市普陀区规划和自然资源局")
    >>> (b.province, b.city, b.district, b.level, b.own)
    ('上海', '上海', '普陀区', '区县级', '规划和自然资源局')
    >>> "区规划资源局" in b.aliases and b.matches_place("普陀") and b.matches_name("规划资源局")
    True
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# A note after the name saying which part of the body the document covers: 深圳市气象局（本级）
# is the same body as 深圳市气象局.
SCOPE_NOTE = re.compile(r"[（(](?:本级|汇总|本部|机关|部门|单位)[）)]$")
PARTY = "中共"
_HAN = r"[\u4e00-\u9fa5]"
# A prefecture-level place: 福州市, 恩施土家族苗族自治州, 阿里地区, 锡林郭勒盟 (followed by more name).
CITY = re.compile(rf"^({_HAN}{{2,9}}?)(自治州|地区|盟|市)(?=.)")
# A district or county: 普陀区, 浦东新区, 青禾县, 长阳土家族自治县, 额济纳旗, or a county-level
# city under its prefecture (福州市长乐区, 苏州市昆山市).
DISTRICT = re.compile(rf"^({_HAN}{{1,8}}?)(自治县|自治旗|新区|区|县|旗|市)(?=.)")
# One character before 区 is an area word, not a district: 社区, 园区, 景区, 城区, 片区, 校区…
NOT_A_DISTRICT = re.compile(r"^[社小园景片校营专城厂矿库林地辖市县省街]$")
# Words of a body's name, never of a place's: 国家税务总局福州市税务局 begins with no city.
BODY_WORD = re.compile(r"[局委厅部办院会处所司署团队站馆]")
# A street or town body: （人民政府）万里街道办事处, 某某镇人民政府, 某某乡.
TOWN = re.compile(rf"^(?:人民政府)?({_HAN}{{1,6}}?(?:街道|镇|乡))(办事处|人民政府|党工委)?$")
# What a sub-unit's name ends with when it follows its parent bureau (公安局|交通管理局).
UNIT_END = re.compile(r"(局|支队|大队|中队|中心|所|站|队|院|处|室|馆|场)$")

LEVELS = ("省级", "市级", "区县级", "乡镇级")


@dataclass(frozen=True)
class Place:
    """One place a name shows: as printed (普陀区) and its short form (普陀)."""

    printed: str
    short: str
    kind: str  # 'province' | 'city' | 'district'


@dataclass(frozen=True)
class Province:
    name: str
    short: str
    municipality: bool = False


@dataclass(frozen=True)
class Body:
    """A publishing body as its name shows it.

    ``name`` is as printed (深圳市气象局（本级）), ``body`` without the scope note; ``province`` and
    ``city`` are short forms ('' when the name does not show one; a municipality is its own
    city); ``district`` and ``town`` as printed; ``own`` the name without its places.
    """

    name: str
    body: str
    places: tuple[Place, ...]
    town: str
    own: str
    level: str
    aliases: tuple[str, ...]

    def _place(self, kind: str) -> str:
        return next((p.short for p in self.places if p.kind == kind), "")

    @property
    def province(self) -> str:
        return self._place("province")

    @property
    def city(self) -> str:
        city = self._place("city")
        if not city and self.places and self.places[0].kind == "province" and \
                _provinces().get(self.places[0].printed, _provinces().get(self.places[0].short)).municipality:
            return self.places[0].short
        return city

    @property
    def district(self) -> str:
        return next((p.printed for p in self.places if p.kind == "district"), "")

    @property
    def place(self) -> str:
        """The places as printed: 上海市普陀区万里街道."""
        return "".join(p.printed for p in self.places) + self.town

    def place_names(self) -> tuple[str, ...]:
        """Every way of writing the places: 上海市普陀区, 上海普陀, 普陀区, 普陀, 上海…"""
        out: list[str] = []
        ps = list(self.places)
        for i in range(len(ps)):
            for j in range(i, len(ps)):
                part = ps[i:j + 1]
                out += ["".join(p.printed for p in part), "".join(p.short for p in part),
                        "".join(p.short for p in part[:-1]) + part[-1].printed]
        if self.town:
            towns = [self.town, re.sub(r"街道$", "", self.town)]
            out += towns + [o + t for o in list(out) for t in towns]
        return tuple(dict.fromkeys(o for o in out if o))

    def region_names(self) -> tuple[str, ...]:
        """The place names and the province of its city when the name does not print one
        (深圳市审计局: 深圳市, 深圳, 广东省, 广东)."""
        if self.province or not self.city:
            return self.place_names()
        p = _province_of_city().get(self.city)
        return self.place_names() + ((p.name, p.short) if p else ())

    def matches_place(self, text: str) -> bool:
        """Is ``text`` (上海, 普陀区, 上海市普陀, 福州) a way of writing this body's places?"""
        text = squeeze(text)
        return bool(text) and any(text in p for p in self.place_names())

    def matches_name(self, text: str) -> bool:
        """Is ``text`` part of one of the body's names (统计局, 市统计局, 卫健委, 北京市统计局)?"""
        text = squeeze(text)
        return bool(text) and any(text in a for a in self.aliases)

    def short_names(self) -> tuple[str, ...]:
        """The names people call the body by that its printed name does not contain, without its
        places, the longest where one contains another: 市卫健委 (and so 卫健委) of
        广州市卫生健康委员会; 区政府办公室 and 区府办 of 上海市普陀区人民政府办公室; none of 北京市统计局."""
        places = self.place_names()
        found = [a for a in self.aliases if a not in self.name and not any(p in a for p in places)]
        return tuple(a for a in found if not any(a != o and a in o for o in found))

    def to_dict(self) -> dict:
        return {"body": self.body, "province": self.province, "city": self.city,
                "district": self.district, "town": self.town, "place": self.place,
                "level": self.level, "aliases": list(self.aliases)}


def squeeze(text: str) -> str:
    """A name as matched: no whitespace, full-width brackets."""
    return re.sub(r"\s+", "", text or "").replace("(", "（").replace(")", "）")


@lru_cache(maxsize=1)
def _vocabulary() -> dict:
    return tomllib.loads(resources.files(__package__).joinpath("bodies.toml").read_text("utf-8"))


@lru_cache(maxsize=1)
def _provinces() -> dict[str, Province]:
    """Each province-level division by its full name and by its short form."""
    out: dict[str, Province] = {}
    for entry in _vocabulary()["province"]:
        p = Province(entry["name"], entry["short"], entry.get("municipality", False))
        out[p.name] = out[p.short] = p
    return out


@lru_cache(maxsize=1)
def _province_of_city() -> dict[str, Province]:
    """Each prefecture-level city's short form, to its province."""
    out: dict[str, Province] = {}
    for entry in _vocabulary()["province"]:
        for city in entry.get("cities", ()):
            out[city] = Province(entry["name"], entry["short"], entry.get("municipality", False))
    return out


@lru_cache(maxsize=1)
def vocabulary_places() -> frozenset[str]:
    """Every way the vocabulary writes a province-level division or a prefecture-level city:
    广东省, 广东, 深圳市, 深圳."""
    cities = _province_of_city()
    return frozenset(set(_provinces()) | set(cities) | {c + "市" for c in cities})


def places_in(text: str, names: Iterable[str] | None = None) -> list[str]:
    """The places ``text`` names, in its order, each once, the longest where two would overlap
    (广东省, not also 广东 inside it): looked for among ``names`` (the places the stored bodies
    print: 澜川市, 南浦区, 白石县), or the vocabulary's provinces and cities when none are given.

        >>> places_in("库里有几份2026年的部门预算来自广东省")
        ['广东省']
        >>> places_in("澜川市南浦区和白石县哪个部门…", ["澜川市", "南浦区", "白石县", "东湖区"])
        ['澜川市', '南浦区', '白石县']
    """
    found: list[tuple[int, str]] = []
    taken: set[int] = set()
    for name in sorted(set(vocabulary_places() if names is None else names), key=len, reverse=True):
        at = text.find(name) if name else -1
        while at >= 0:
            span = set(range(at, at + len(name)))
            if not span & taken:
                found.append((at, name))
                taken |= span
            at = text.find(name, at + 1)
    return list(dict.fromkeys(name for _, name in sorted(found)))


@lru_cache(maxsize=1)
def _short_forms() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(full, shorts), the longest full first, so 住房和城乡建设委员会 is tried before 委员会."""
    entries = [(e["full"], tuple(e["short"])) for e in _vocabulary()["short"]]
    return tuple(sorted(entries, key=lambda e: len(e[0]), reverse=True))


def _province_at(name: str) -> tuple[str, Province] | None:
    """The province-level division a name begins with, as printed there."""
    provinces = _provinces()
    for p in sorted({v.name: v for v in provinces.values()}.values(), key=lambda v: len(v.name), reverse=True):
        if name.startswith(p.name) and len(name) > len(p.name):
            return p.name, p
    for p in sorted({v.name: v for v in provinces.values()}.values(), key=lambda v: len(v.short), reverse=True):
        rest = name[len(p.short):]
        # 吉林市 is a city of 吉林省: a short form followed by a place suffix is not the province
        if name.startswith(p.short) and rest and rest[0] not in "省市县区州盟":
            return p.short, p
    return None


def _district_at(rest: str, after_place: bool) -> re.Match | None:
    """The district or county ``rest`` begins with, if any (普陀区, 白石县, 昆山市)."""
    m = DISTRICT.match(rest)
    if not m or NOT_A_DISTRICT.match(m.group(1)) or BODY_WORD.search(m.group(1)):
        return None
    # a county-level city needs a prefecture or province before it (else it is the city)
    return m if m.group(2) != "市" or after_place else None


def _places(name: str) -> tuple[list[Place], str]:
    """The places at the front of ``name`` and what follows them."""
    places: list[Place] = []
    rest = name
    found = _province_at(rest)
    municipality = False
    if found:
        printed, p = found
        places.append(Place(printed, p.short, "province"))
        rest = rest[len(printed):]
        municipality = p.municipality
    if not municipality:
        m = CITY.match(rest)
        county = _district_at(rest, after_place=False)
        # 白石县市场监督管理局, 青禾县城市管理局: a county or district ends the place before that
        # 市, which begins the body's own name (市场, 市政, 市容, 城市…); no city follows a county
        if m and not BODY_WORD.search(m.group(1)) and not (county and county.end() < m.end()):
            places.append(Place(m.group(0), m.group(1), "city"))
            rest = rest[m.end():]
    m = _district_at(rest, after_place=bool(places))
    if m:
        short = m.group(1) if len(m.group(1)) >= 2 else m.group(0)
        places.append(Place(m.group(0), short, "district"))
        rest = rest[m.end():]
    return places, rest


def _level(places: list[Place], town: str) -> str:
    if town:
        return "乡镇级"
    if not places:
        return ""
    last = places[-1]
    if last.kind == "district":
        return "区县级"
    if last.kind == "city":
        return "市级"
    return "市级" if _provinces()[last.short].municipality else "省级"


def _level_word(places: list[Place]) -> str:
    """The one character a short form puts before the body (市统计局, 区民政局, 省检察院)."""
    if not places:
        return ""
    last = places[-1]
    if last.printed == last.short:
        return ""  # 上海交通职业技术学院: the place printed without a suffix has no such word
    if last.kind == "province":
        if _provinces()[last.short].municipality:
            return "市"
        return "省" if not last.printed.endswith("区") else ""  # 自治区, 特别行政区: no such word
    return {"自治州": "州", "地区": "", "盟": ""}.get(
        next((s for s in ("自治州", "地区", "盟") if last.printed.endswith(s)), ""), last.printed[-1])


def _contracted(alias: str) -> list[str]:
    """``alias`` with the usual short forms of its body's name: 广州市卫健委, 人社局, 区府办."""
    out = []
    for full, shorts in _short_forms():
        at = alias.rfind(full)
        if at < 0:
            continue
        after = alias[at + len(full):]
        if after and not UNIT_END.search(after):
            continue  # the long name must end the alias or come before a unit's name
        out += [alias[:at] + s + after for s in shorts]
        break
    if alias.endswith("委员会"):
        out += [o[:-3] + "委" for o in [alias] + out if o.endswith("委员会")]
    return out


@lru_cache(maxsize=4096)
def describe_body(name: str) -> Body:
    """Read a body's places, level and aliases from its name (remembered: a Body is frozen)."""
    printed = squeeze(name)
    body = SCOPE_NOTE.sub("", printed) or printed
    party = body.startswith(PARTY) and len(body) > 4
    core = body[len(PARTY):] if party else body
    places, rest = _places(core)
    town = ""
    m = TOWN.match(rest)
    if m:
        town = m.group(1)
        rest = m.group(1) + (m.group(2) or "")
    # the body standing alone: 宣传部 of 中共重庆市委宣传部, 民政局 of 上海市普陀区民政局
    alone = rest[1:] if party and rest.startswith("委") and len(rest) > 2 else rest
    forms: list[str] = [printed, body]
    if party:
        forms.append(core)
    for i in range(len(places)):  # the lower places only: 普陀区民政局
        forms.append("".join(p.printed for p in places[i:]) + rest)
    if places and not party:
        forms.append(places[-1].short + rest)  # 普陀民政局, 北京统计局
    if places and not town and _level_word(places):
        forms.append(_level_word(places) + rest)  # 区民政局, 市委宣传部
    forms.append(alone)
    sub = re.match(r"^(.+?局)(.{2,})$", alone)
    if sub and UNIT_END.search(sub.group(2)):
        forms.append(sub.group(2))  # 交通管理局 of 公安局交通管理局
    if town:
        forms.append(town)  # 万里街道
    forms += [c for f in list(forms) for c in _contracted(f)]
    aliases = tuple(dict.fromkeys(f for f in forms if len(f) >= 2))
    return Body(printed, body, tuple(places), town, alone, _level(places, town), aliases)
