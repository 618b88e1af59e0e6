"""The narrative vocabulary of PDF disclosures: headings, 名词解释 items, notes under tables,
and the statements whose figures the narrative reader takes (本年预算, 上年执行数, 增减额, 增减%).

This is data only; :mod:`budgetqa.parsing.pdf_narrative` reads it. Tables are described in
``vocabulary.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Mapping

NUM = r"\d[\d,]*(?:\.\d+)?"  # a printed amount: 1,202.95 / 25 / 0.00


def _p(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern.replace("NUM", NUM))


@dataclass(frozen=True)
class FactPattern:
    """A narrative statement that yields one figure.

    ``pattern`` has a ``value`` group (optional when it has a ``dir`` group that can read
    持平, which means zero) and optionally ``dir`` (增加/增长 positive, 减少/下降 negative) and
    ``subject`` (otherwise the subject comes from the enclosing statement).
    """

    measure: str
    pattern: re.Pattern[str]
    unit: str = "万元"


@dataclass(frozen=True)
class NarrativeVocabulary:
    """How the narrative of a disclosure is printed: headings, definitions, statements."""

    name: str
    # Narrative: top-level headings (each starts a section tree), headings to skip with their
    # body, numbered subheadings, notes under tables.
    headings: tuple[re.Pattern[str], ...]
    skip_headings: tuple[re.Pattern[str], ...]
    subheading: re.Pattern[str]
    definitions_heading: re.Pattern[str]
    definition_item: re.Pattern[str]  # groups term, text
    table_note: re.Pattern[str]
    # Per-item statements of the 编制说明: group ``path`` (the quoted subject) and ``amount``;
    # ``item_path_split`` cuts the path into 类/款/项 names; ``item_facts`` read the rest, up
    # to ``item_reason``.
    item_statement: re.Pattern[str]
    item_path_split: re.Pattern[str]
    item_facts: tuple[FactPattern, ...]
    item_reason: re.Pattern[str]  # where the stated reason starts; no figures read after it
    # Statements anywhere in the narrative: "X 47.91万元，比2023年预算增加25万元".
    comparisons: tuple[re.Pattern[str], ...]  # groups subject, value, dir, delta
    statements: tuple[FactPattern, ...]
    # Prefixes and suffixes stripped from a subject read out of prose.
    subject_noise: re.Pattern[str]


_FULLWIDTH = str.maketrans({"(": "（", ")": "）", '"': "“", ":": "："})


def normalise_header(text: str | None) -> str:
    """A header or title as the template keys it: no spaces or line breaks, no leading year,
    full-width brackets. '2024年机关运行经\\n费预算数' -> '机关运行经费预算数'."""
    t = re.sub(r"\s+", "", text or "").translate(_FULLWIDTH)
    return re.sub(r"^\d{4}年度?", "", t)


# ---------------------------------------------------------------- the narrative vocabulary

NARRATIVE = NarrativeVocabulary(
    name="narrative",
    headings=(
        _p(r"^第[一二三四五六七八九十]+部分"),
        _p(r"主要职能$"),
        _p(r"主要职责$"),
        _p(r"机构设置$"),
        _p(r"(?:部门|单位)概况$"),
        _p(r"^名词解释$"),
        _p(r"预算编制说明$"),
        _p(r"^其他相关情况说明$"),
        _p(r"项目经费情况说明$"),
    ),
    skip_headings=(_p(r"^目录$"),),
    subheading=_p(r"^[一二三四五六七八九十]+、[^，。；…]{1,30}$"),
    definitions_heading=_p(r"名词解释$"),
    definition_item=_p(
        r"^(?:（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d{1,2}[.．、])\s*"
        r"(?P<term>[^：:。，；]{1,40}?)(?:[：:]|(?<=[^：:])(?=是指))(?:是指)?(?P<text>.*)$"),
    table_note=_p(r"^注[：:]"),
    item_statement=_p(
        r"(?:^|(?<=[。\n]))\s*\d{1,3}[.．、]\s*[“\"](?P<path>[^”\"]{2,80})[”\"](?:科目)?"
        r"(?P<amount>NUM)万元"
    ),
    item_path_split=_p(r"（[类款项]）|-"),
    item_facts=(
        FactPattern("上年执行数", _p(r"\d{4}年(?:当年)?(?:预算)?执行数为(?P<value>NUM)万元")),
        FactPattern("本年预算", _p(r"\d{4}年预算(?:安排|为)(?P<value>NUM)万元")),
        FactPattern("增减额", _p(r"比\d{4}年(?:预算)?执行数(?P<dir>增加|减少)(?P<value>NUM)万元")),
        FactPattern("增减额", _p(r"比\d{4}年(?:预算)?执行数(?P<dir>持平)")),
        FactPattern("增减%", _p(
            r"比\d{4}年(?:预算)?执行数(?:(?:增加|减少)NUM万元[，,]?)?"
            r"(?P<dir>增加|减少|增长|下降)(?P<value>NUM)%"), "%"),
        FactPattern("增减%", _p(r"比\d{4}年(?:预算)?执行数(?P<dir>持平)"), "%"),
    ),
    item_reason=_p(r"主要原因"),
    comparisons=(
        _p(r"(?P<subject>[^，。；：:\d\n]{2,40}?)(?:预算数)?为?\s*(?P<value>NUM)\s*万元[，,。]?\s*"
           r"(?:比|与|较)\s*\d{4}\s*年(?:年初)?预算\s*(?P<dir>增加|减少|持平)\s*(?:(?P<delta>NUM)\s*万元)?"),
    ),
    statements=(
        FactPattern("本年预算", _p(r"(?P<subject>机关运行经费)预算(?:数)?为\s*(?P<value>NUM)\s*万元")),
        FactPattern("本年预算", _p(r"(?P<subject>政府采购(?:货物|工程|服务)?预算)(?:总额|总计|合计)?(?:为|是)?\s*(?P<value>NUM)\s*万元")),
    ),
    subject_noise=_p(r"^(?:年|其中|（[一二三四五六七八九十]+）|\d+[.．、])+|(?:预算数为|预算数|预算|为)+$"),
)

