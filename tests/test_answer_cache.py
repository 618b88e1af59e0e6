"""The per-process answer cache: a repeated question gets the very answer worked out the first
time, a different history or document is a different answer, and an ingest forgets them all,
so a changed figure is never served stale. Real SQLite store, no search index."""

from __future__ import annotations

import pytest

from budgetqa.errors import QuestionError, UnknownDocumentError
from budgetqa.service import BudgetQA
from budgetqa.settings import Settings

from conftest import SEED

DOC = "yangquan-bigdata-bureau-2023-budget"
QUESTION = "智慧教育平台项目预算多少"


@pytest.fixture
def qa(tmp_path):
    service = BudgetQA.open(Settings(home=tmp_path / "home"), with_index=False)
    service.ingest([SEED])
    return service


def test_a_repeated_question_is_answered_from_the_cache(qa):
    first = qa.answer(QUESTION)
    assert qa.cached_answer(QUESTION) is first
    assert qa.answer(" " + QUESTION + " ") is first  # the same question once stripped
    assert first.text.startswith("智慧教育平台项目2023年预算1,000.00万元。")


def test_a_cached_answer_equals_a_fresh_one(qa, tmp_path):
    fresh = BudgetQA.open(Settings(home=tmp_path / "home"), with_index=False)
    for question, history in [(QUESTION, None), ("哪个项目钱最多", ["三公经费有吗"]), ("元呢？", [QUESTION])]:
        qa.answer(question, history)
        assert qa.cached_answer(question, history).to_dict() == fresh.answer(question, history).to_dict()
        fresh.clear_caches()


def test_history_and_document_are_part_of_the_key(qa):
    alone = qa.answer("元呢？")
    follow_up = qa.answer("元呢？", [QUESTION])
    assert follow_up is not alone
    assert follow_up.to_dict() != alone.to_dict()
    assert qa.cached_answer("元呢？", [QUESTION]) is follow_up
    assert qa.cached_answer("元呢？", [{"question": QUESTION}]) is follow_up  # same earlier text
    assert qa.cached_answer("元呢？", ["三公经费有吗"]) is None
    assert qa.cached_answer(QUESTION, None, DOC) is None
    assert qa.answer(QUESTION, None, DOC) is not qa.answer(QUESTION)


def test_the_cache_checks_questions_like_answer_does(qa):
    qa.answer(QUESTION)
    with pytest.raises(QuestionError):
        qa.cached_answer("x" * 501)
    with pytest.raises(QuestionError):
        qa.cached_answer("\ud800")
    with pytest.raises(UnknownDocumentError):
        qa.cached_answer(QUESTION, None, "no-such-document")


def test_an_ingest_forgets_every_answer(tmp_path):
    qa = BudgetQA.open(Settings(home=tmp_path / "home"), with_index=False)
    empty = qa.answer(QUESTION)
    assert empty.text == "语料库是空的：请先运行 budgetqa ingest。"
    qa.ingest([SEED])
    assert qa.cached_answer(QUESTION) is None
    assert qa.answer(QUESTION).figures[0].value == 1000

    changed = tmp_path / SEED.name  # the same document, one project's figure changed
    text = SEED.read_text(encoding="utf-8")
    assert text.count("智慧教育平台项目\t1,000.00\t1,000.00") == 1
    changed.write_text(text.replace("智慧教育平台项目\t1,000.00\t1,000.00", "智慧教育平台项目\t1,200.00\t1,200.00"),
                       encoding="utf-8")
    qa.ingest([changed])
    assert qa.answer(QUESTION).figures[0].value == 1200


def test_an_answer_worked_out_across_a_reload_is_not_kept(qa, monkeypatch):
    original = BudgetQA._answer

    def reload_meanwhile(self, *args):
        a = original(self, *args)
        self.reload()  # an ingest finishing while this answer was being worked out
        return a

    monkeypatch.setattr(BudgetQA, "_answer", reload_meanwhile)
    qa.answer(QUESTION)
    assert qa.cached_answer(QUESTION) is None


def test_the_cache_is_bounded(qa, monkeypatch):
    monkeypatch.setattr(BudgetQA, "ANSWER_CACHE_SIZE", 3)
    for n in range(5):
        qa.answer(f"第{n}个项目预算多少")
    assert len(qa._answers) == 3
    assert qa.cached_answer("第0个项目预算多少") is None
    assert qa.cached_answer("第4个项目预算多少") is not None
