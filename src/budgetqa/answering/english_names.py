"""English names of bodies, read as the stored bodies' Chinese names.

A question in English names its body in English ("the Beijing Municipal Civil Affairs Bureau's
2026 budget", "the Guangzhou Municipal Bureau of Statistics"). The place is matched by its
pinyin against the places the stored bodies print, and the kind of body by a vocabulary of the
words government bodies are named with (Civil Affairs → 民政, Bureau of Statistics → 统计). A
name that is a stored body's becomes that body's Chinese name, so the question is scoped as if
it were written in Chinese; a name that is no stored body's (another place, a kind the
vocabulary does not know) is another body, and the question is refused, never answered from
the body in scope.

    >>> names = EnglishNames({"d": "北京市民政局", "e": "北京市统计局"})
    >>> names.translate("What is the Beijing Municipal Civil Affairs Bureau's 2026 budget?")
    ('What is the 北京市民政局 2026 budget?', False)
    >>> names.translate("How much does the Nanjing Municipal Bureau of Statistics spend?")[1]
    True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..parsing.bodies import describe_body

# The words bodies are named with, each set to the part of the Chinese name it writes. A set
# matches when all its words are in the name; the longest sets are tried first.
KINDS: tuple[tuple[str, str], ...] = (
    ("civil affairs", "民政"), ("audit", "审计"), ("auditing", "审计"), ("statistics", "统计"),
    ("statistical", "统计"), ("justice", "司法"), ("planning natural resources", "规划和自然资源"),
    ("natural resources planning", "规划和自然资源"), ("natural resources", "自然资源"),
    ("planning", "规划"), ("public security", "公安"), ("police", "公安"), ("finance", "财政"),
    ("financial", "财政"), ("commerce", "商务"), ("health", "卫生健康"), ("ecology environment", "生态环境"),
    ("ecological environment", "生态环境"), ("ecology environmental", "生态环境"), ("environment", "环境"),
    ("environmental protection", "环境保护"), ("housing urban rural development", "住房和城乡建设"),
    ("housing urban-rural development", "住房和城乡建设"), ("housing construction", "住房和城乡建设"),
    ("transport", "交通"), ("transportation", "交通"), ("traffic management", "交通管理"),
    ("traffic", "交通"), ("meteorological", "气象"), ("meteorology", "气象"), ("weather", "气象"),
    ("letters calls", "信访"), ("petition", "信访"), ("petitions", "信访"), ("data", "数据"),
    ("big data", "大数据"), ("big data application", "大数据应用"), ("publicity", "宣传"), ("propaganda", "宣传"),
    ("human resources social security", "人力资源和社会保障"), ("science technology", "科学技术"),
    ("water resources", "水务"), ("water affairs", "水务"), ("water", "水"), ("education", "教育"),
    ("culture tourism", "文化和旅游"), ("agriculture rural affairs", "农业农村"),
    ("agriculture", "农业"), ("emergency management", "应急管理"), ("market regulation", "市场监督管理"),
    ("market supervision", "市场监督管理"), ("veterans affairs", "退役军人事务"), ("sports", "体育"),
    ("development reform", "发展和改革"), ("industry information technology", "工业和信息化"),
    ("urban management", "城市管理"), ("forestry", "林业"), ("procuratorate", "检察院"),
    ("court", "法院"), ("government general office", "政府办公"), ("general office", "办公"),
    ("social work", "社会工作"), ("organization", "组织"), ("united front", "统战"),
    ("discipline inspection", "纪律检查"), ("flower", "花卉"), ("seed", "良种"),
    ("vocational technical college", "职业技术学院"), ("special police", "特警"), ("swat", "特警"),
)
# Words that say what a body is without saying which (its level, its suffix, its party).
GENERIC = frozenset("""
municipal provincial province district county city people's peoples people the of and for in
bureau office commission department committee administration center centre detachment unit
government cpc communist party china chinese prc sar
""".split())
# The words that make a run of capitalised words a body's name.
SUFFIXES = ("bureau", "office", "commission", "department", "committee", "administration",
            "procuratorate", "court", "college", "farm", "center", "centre", "detachment",
            "brigade", "institute", "station", "academy", "hospital", "school", "government")
_WORD = r"[A-Z][A-Za-z'’.-]*"
_RUN = re.compile(rf"{_WORD}(?:\s+(?:{_WORD}|of|and|for|the|on))*")
_LEADS = frozenset("what how which who is are was were does do did the please tell show give list in of for".split())


def _pinyin(chinese: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(chinese))


def _token(word: str) -> str:
    return re.sub(r"['’]s$", "", word.lower()).replace("'", "").replace("’", "").replace("-", " ").strip(".")


@lru_cache(maxsize=1)
def _kinds() -> tuple[tuple[frozenset[str], str], ...]:
    return tuple(sorted(((frozenset(en.split()), zh) for en, zh in KINDS), key=lambda k: -len(k[0])))


@dataclass(frozen=True)
class Reading:
    """An English body name as read: its places (pinyin), the parts of a Chinese name its other
    words write, and whether every word was understood."""

    places: tuple[str, ...]
    parts: tuple[str, ...]
    understood: bool


class EnglishNames:
    """The stored bodies, by the pinyin of their places, to read English names against."""

    def __init__(self, departments: dict[str, str]):
        self.departments = dict(departments)
        self.places: dict[str, set[str]] = {}
        for doc_id, name in self.departments.items():
            body = describe_body(name)
            for p in body.places:
                for written in (p.short, p.printed):
                    self.places.setdefault(_pinyin(written), set()).add(doc_id)

    def read(self, run: str) -> Reading:
        words = [_token(w) for w in run.split()]
        words = [w for part in words for w in part.split()]
        places = tuple(w for w in words if w in self.places)
        parts: list[str] = []
        left = {w for w in words if w not in self.places}
        for en, zh in _kinds():
            if en <= left:
                parts.append(zh)
                left -= en
        left -= GENERIC | set(SUFFIXES)
        return Reading(places, tuple(parts), not left and bool(parts))

    def bodies(self, reading: Reading) -> list[str]:
        """The stored bodies the reading names: in every place it names, with every part."""
        if not reading.understood or not reading.places:
            return []
        docs = set.intersection(*(self.places[p] for p in reading.places))
        return sorted(d for d in docs if all(part in self.departments[d] for part in reading.parts))

    def translate(self, question: str, document: str | None = None) -> tuple[str, bool]:
        """``question`` with each English body name it holds written as the stored body's
        Chinese name, and whether it names a body none of the stored ones is."""
        other = False

        def repl(m: re.Match[str]) -> str:
            nonlocal other
            words = m.group(0).split()
            while words and words[0].lower() in _LEADS:
                words.pop(0)  # "What is the …": the question's words, not the name's
            while words and words[-1].lower() in ("of", "and", "for", "the", "on"):
                words.pop()
            if not words or not any(_token(w) in SUFFIXES for w in words):
                return m.group(0)
            lead = m.group(0)[:m.group(0).find(words[0])]
            reading = self.read(" ".join(words))
            found = self.bodies(reading)
            if not found:
                if reading.places or reading.parts or any(w[:1].isupper() and _token(w) not in GENERIC | set(SUFFIXES)
                                         for w in words):
                    other = True
                return m.group(0)
            doc = document if document in found else found[0]
            return lead + self.departments[doc] + " "

        out = _RUN.sub(repl, question)
        out = re.sub(r"\s+(?=[,.?!，。？！])", "", re.sub(r"[ \t]{2,}", " ", out))
        return out.strip(), other
