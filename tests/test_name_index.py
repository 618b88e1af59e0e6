"""The name index: choosing the document a question is about looks only at the documents whose
names could be the question's, and chooses exactly what scanning every document chooses."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from budgetqa.answering.name_index import CharIndex, NameIndex
from budgetqa.answering.router import parse_question
from budgetqa.parsing.bodies import describe_body
from budgetqa.answering.mentions import cover_ratio, covers, expand_abbreviation, org_mentions, org_names

from builders import sample_health_commission_2024, sample_transport_bureau_2022, write_disclosure
from conftest import ROOT, SEED

# Bodies' names of the kinds a store holds: real ones (the corpus of other provinces), the seed,
# the test builders' and a city with districts whose bodies share names.
NAMES = [
    "北京市民政局", "北京市公安局交通管理局", "北京市信访办公室", "长沙市公安局", "重庆市人民政府办公厅",
    "重庆市规划和自然资源局", "中共重庆市委宣传部", "福州市商务局", "福州市公安局巡特警支队", "广州市卫生健康委员会",
    "广州市统计局", "杭州市交通运输局", "江苏省人民检察院", "泉州市人民政府办公室（本级）", "上海交通职业技术学院",
    "深圳市气象局（本级）", "西安市人力资源和社会保障局", "中共西安市委宣传部", "烟台市住房和城乡建设局",
    "上海市普陀区规划和自然资源局", "中共上海市普陀区委社会工作部", "上海市普陀区人民政府万里街道办事处",
    "上海市普陀区人民政府办公室", "阳泉市大数据应用局", "云溪市卫生健康委员会", "青禾县交通运输局",
    "澜川市教育局", "澜川市东湖区教育局", "澜川市城市管理局", "澜川市东湖区市场监督管理局", "白石县应急管理局",
]


def test_char_index_finds_what_a_name_contains_shares_or_may_be_covered_by():
    idx = CharIndex(["上海市普陀区民政局", "杭州市司法局", "普陀区规划和自然资源局"], pairs=True)
    assert idx.containing("普陀区") == ["上海市普陀区民政局", "普陀区规划和自然资源局"]
    assert idx.containing("司法") == ["杭州市司法局"]
    assert idx.sharing("民政局普陀") == ["上海市普陀区民政局"]
    assert idx.covering("普陀规划资源局") == [("普陀区规划和自然资源局", 1.0)]
    assert [n for n, _ in idx.covering("司法局")] == ["杭州市司法局"]


def _mentions() -> list[str]:
    """Every body a question of the evaluation sets names, and every alias of NAMES."""
    texts = [json.loads(line)["question"] for f in sorted((ROOT / "eval").rglob("*.jsonl"))
             for line in f.read_text("utf-8").splitlines() if line.strip()]
    out = {m for t in texts for m in org_mentions(parse_question(t).q, weak_too=True)}
    out |= {a for n in NAMES for a in describe_body(n).aliases}
    return sorted(out)


def test_every_name_a_mention_covers_is_a_candidate_with_a_bound_no_lower_than_its_ratio():
    idx = CharIndex(NAMES)
    checked = 0
    for m in _mentions():
        near = dict(idx.covering(expand_abbreviation(m)))
        for name in NAMES:
            if covers(m, name):
                checked += 1
                assert name in near and near[name] >= cover_ratio(m, name), (m, name)
    assert checked > 300


class EveryName(NameIndex):
    """Every document and every name a candidate: scoping as it was, scanning them all."""

    def departments_near(self, q, mentions=()):
        return [(d, float("inf")) for d in self.order]

    def org_names_near(self, mention):
        return self._org_names.strings

    def entity_keys_near(self, org, tails):
        return self._keys.strings


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    """A store of 13 documents (no search index): the seed, the MoF-template and final-accounts
    test documents, and the builders' two bodies under other names and years, several of them
    sharing a city, a district or a department's name."""
    from budgetqa.service import BudgetQA
    from budgetqa.settings import Settings

    home = tmp_path_factory.mktemp("city")
    folder = home / "in"
    variants = [("澜川市教育局", "澜川市", 2024), ("澜川市东湖区教育局", "澜川市东湖区", 2024),
                ("澜川市东湖区教育局", "澜川市东湖区", 2025), ("澜川市城市管理局", "澜川市", 2024),
                ("澜川市东湖区市场监督管理局", "澜川市东湖区", 2024), ("白石县应急管理局", "白石县", 2023),
                ("云溪市卫生健康委员会", "云溪市", 2025), ("青禾县交通运输局", "青禾县", 2023)]
    paths = [SEED, ROOT / "tests" / "data" / "mof-county-education-2025-budget.txt",
             ROOT / "tests" / "data" / "final-accounts-city-culture-2023.txt",
             write_disclosure(folder, sample_health_commission_2024()),
             write_disclosure(folder, sample_transport_bureau_2022())]
    for n, (name, region, year) in enumerate(variants):
        base = (sample_health_commission_2024, sample_transport_bureau_2022)[n % 2]()
        paths.append(write_disclosure(folder, dataclasses.replace(base, department=name, region=region, year=year,
                                                                  slug=f"variant-{n}")))
    qa = BudgetQA.open(Settings(home=home, corpus=ROOT / "corpus"), with_index=False)
    qa.ingest(paths)
    assert len(qa._answerers) == 13
    return qa


def _questions(step: int) -> list[str]:
    texts = [json.loads(line)["question"] for f in sorted((ROOT / "eval").glob("*.jsonl"))
             for line in f.read_text("utf-8").splitlines() if line.strip()]
    texts += [f"{n}{y}年行政运行是多少" for n in NAMES for y in (2024, 2025)]
    texts += ["澜川市教育局的项目支出", "东湖区教育局2025年三公经费", "澜川东湖教育局", "澜川市卫健委预算总额",
              "松溪县教育局的预算", "澜川市西郊监狱的经费", "2100101行政运行的基本支出", "区府办人员经费",
              "普陀区民政局的预算", "澜川市东湖区城市管理局的预算是多少"]
    return texts[::step]


def _compare(qa, questions: list[str]) -> None:
    indexed = qa._names
    scanning = EveryName.build(qa._answerers, org_names)
    docs = list(qa._answerers.values())
    for q in questions:
        intent = parse_question(q)
        got = qa.scope(intent, None), qa._named(intent.q), qa._names_another_body(intent.q, docs, indexed)
        qa._names = scanning
        try:
            want = qa.scope(parse_question(q), None), qa._named(intent.q), \
                qa._names_another_body(intent.q, docs)
        finally:
            qa._names = indexed
        assert got == want, q
        affinity = indexed.affinity(intent.q)
        assert affinity == {d: a.cat.affinity(intent.q) for d, a in qa._answerers.items()}, q


def test_scoping_with_the_index_chooses_what_scanning_every_document_chooses(city):
    _compare(city, _questions(step=7))


@pytest.mark.slow
def test_scoping_with_the_index_chooses_what_scanning_chooses_for_every_evaluation_question(city):
    _compare(city, _questions(step=1))


def test_a_city_body_is_found_among_its_districts_bodies_without_scoring_them_all(city):
    near = city._names.departments_near("澜川市东湖区市场监督管理局2024年的预算",
                                        [expand_abbreviation(m) for m in org_mentions("澜川市东湖区市场监督管理局")])
    assert near[0] == ("variant-4-2024-budget", 13.0)
    doc_id, alternatives, reason = city.scope(parse_question("澜川市东湖区市场监督管理局2024年行政运行是多少"), None)
    assert (doc_id, alternatives, reason) == ("variant-4-2024-budget", [], None)
