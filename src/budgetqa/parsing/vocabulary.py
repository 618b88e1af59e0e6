"""The document family's vocabulary (``vocabulary.toml``) as typed, compiled data: table
kinds recognised by their titles, column roles by their headers, 三公 items by their names.

    >>> VOCABULARY.table_kind("预算05表 一般公共预算支出表").kind
    'gp_expense'
    >>> VOCABULARY.column(["预算数", "基本支出", "小计"])
    ('amount', '基本支出')
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources

_QUOTES = str.maketrans({"(": "（", ")": "）", '"': "“", "＂": "“", "”": "“", "‘": "“", "’": "“",
                         ":": "："})


def squeeze(text: str | None) -> str:
    """Text as the vocabulary matches it: no whitespace, full-width brackets, one quote mark."""
    return re.sub(r"\s+", "", text or "").translate(_QUOTES)


@dataclass(frozen=True)
class TableKind:
    """A canonical table kind and the titles that name it."""

    kind: str
    name: str
    titles: tuple[re.Pattern[str], ...]
    exclude: tuple[re.Pattern[str], ...] = ()
    core: bool = False
    two_sided: bool = False

    def matches(self, title: str) -> bool:
        """Does this (cleaned) title name this kind? A trailing bracket ('（不含上年结转）',
        '（功能科目）') may stand after the words a pattern anchors at the end."""
        bare = re.sub(r"（[^（）]*）?$", "", title)
        return any(p.search(title) or p.search(bare) for p in self.titles) and not any(
            p.search(bare) for p in self.exclude)


@dataclass(frozen=True)
class ColumnRule:
    role: str  # 'code_part' | 'code' | 'label' | 'amount'
    name: str  # canonical name; '' keeps the printed header
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class ItemRule:
    """A row of a table whose items are printed as columns (三公, 机关运行经费)."""

    kind: str
    name: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Vocabulary:
    tables: tuple[TableKind, ...]
    never_title: tuple[re.Pattern[str], ...]
    title_strip: tuple[re.Pattern[str], ...]
    columns: tuple[ColumnRule, ...]
    generic_column: re.Pattern[str]
    side_header: re.Pattern[str]
    body_row: re.Pattern[str]
    items: tuple[ItemRule, ...]
    economic_classes: dict[str, str] = field(default_factory=dict)
    government_economic_items: frozenset[str] = frozenset()

    @cached_property
    def by_kind(self) -> dict[str, TableKind]:
        return {t.kind: t for t in self.tables}

    @cached_property
    def core_kinds(self) -> tuple[str, ...]:
        return tuple(t.kind for t in self.tables if t.core)

    def clean_title(self, text: str) -> str:
        """The title without its numbering and year: '预算05表 一般公共预算支出表' ->
        '一般公共预算支出表'."""
        t = squeeze(text)
        for _ in range(3):
            before = t
            for p in self.title_strip:
                t = p.sub("", t)
            if t == before:
                break
        return t

    def table_kind(self, text: str) -> TableKind | None:
        """The kind of table this line is the title of, or None."""
        t = squeeze(text)
        if not t or len(t) > 70 or "表" not in t or any(p.search(t) for p in self.never_title):
            return None
        t = self.clean_title(t)
        return next((k for k in self.tables if k.matches(t)), None)

    def column(self, path: list[str]) -> tuple[str, str]:
        """(role, canonical name) of a column from its header path, top down. A generic
        header ('小计', '金额') under a group takes the group's name."""
        cells = [squeeze(p) for p in path if squeeze(p)]
        if not cells:
            return "amount", ""
        k = len(cells) - 1
        # A generic header names its group's own total ('基本支出 / 小计'), but not under a
        # half of a two-sided table ('支出 / 合计'). (A caption over the whole table is
        # dropped from the path before it gets here.)
        while k > 0 and self.generic_column.match(cells[k]) and not self.side_header.match(cells[k - 1]):
            k -= 1
        for rule in self.columns:
            if rule.pattern.search(cells[k]):
                return rule.role, rule.name or cells[k]
        return "amount", cells[k]

    def economic_class(self, text: str) -> str | None:
        """The code of the economic class (类) this row label names ('工资福利支出' -> '301'),
        or None for an item or anything else."""
        return self.economic_classes.get(squeeze(text).replace("(", "（").replace(")", "）"))

    def item(self, text: str) -> ItemRule | None:
        t = re.sub(r"^其中[：:]?", "", squeeze(text))
        return next((i for i in self.items if i.pattern.search(t)), None)


def _compile(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


def load_vocabulary(text: str | None = None) -> Vocabulary:
    """Read the vocabulary (the packaged ``vocabulary.toml`` unless ``text`` is given)."""
    if text is None:
        text = resources.files(__package__).joinpath("vocabulary.toml").read_text("utf-8")
    data = tomllib.loads(text)
    tables = tuple(
        TableKind(kind=t["kind"], name=t["name"], titles=_compile(t["titles"]),
                  exclude=_compile(t.get("exclude", [])), core=t.get("core", False),
                  two_sided=t.get("two_sided", False))
        for t in data["table"])
    columns = tuple(ColumnRule(c["role"], c.get("name", ""), re.compile(c["pattern"]))
                    for c in data["column"])
    items = tuple(ItemRule(i["kind"], i["name"], re.compile(i["pattern"])) for i in data["item"])
    return Vocabulary(
        tables=tables, never_title=_compile(data["titles"]["never"]),
        title_strip=_compile(data["titles"]["strip"]), columns=columns,
        generic_column=re.compile(data["columns"]["generic"]),
        side_header=re.compile(data["columns"]["sides"]),
        body_row=re.compile(data["columns"]["body_row"]), items=items,
        economic_classes=dict(data.get("economic_classes", {})),
        government_economic_items=frozenset(
            squeeze(n) for n in data.get("government_economic_items", {}).get("names", [])))


VOCABULARY = load_vocabulary()
