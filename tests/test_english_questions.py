"""Questions in English: the body named in English is read as a stored body's Chinese name (or
refused as another body), and a Chinese name glossed in English is what is asked."""

from decimal import Decimal as D

import pytest

from budgetqa.answering.english_names import EnglishNames
from budgetqa.answering.normalize import normalize_question, unexplained_english

STORED = {"mz": "北京市民政局", "tj": "北京市统计局", "cq": "中共重庆市委宣传部",
          "pt": "上海市普陀区规划和自然资源局", "qz": "泉州市人民政府办公室"}


@pytest.mark.parametrize("english, chinese", [
    ("the Beijing Municipal Civil Affairs Bureau's budget", "北京市民政局"),
    ("the Beijing Municipal Bureau of Statistics", "北京市统计局"),
    ("the Publicity Department of the CPC Chongqing Municipal Committee", "中共重庆市委宣传部"),
    ("the Putuo District Planning and Natural Resources Bureau's", "上海市普陀区规划和自然资源局"),
    ("the Quanzhou Municipal People's Government General Office", "泉州市人民政府办公室"),
])
def test_an_english_body_name_is_the_stored_body(english, chinese):
    asked, other = EnglishNames(STORED).translate(f"What is {english} total budget?")
    assert chinese in asked and not other


@pytest.mark.parametrize("english", [
    "the Beijing Municipal Finance Bureau",  # a place held, a kind not held
    "the Nanjing Municipal Bureau of Statistics",  # a kind held, a place not held
    "the Chongqing Municipal Government",  # a place alone names no body
])
def test_an_english_name_of_no_stored_body_is_another_body(english):
    asked, other = EnglishNames(STORED).translate(f"What is {english}'s total budget?")
    assert other and not any(name in asked for name in STORED.values())


def test_words_that_are_not_a_body_name_are_left_alone():
    assert EnglishNames(STORED).translate("What is the Total Budget?") == ("What is the Total Budget?", False)


@pytest.mark.parametrize("question, asked", [
    ("What is the budget for official vehicle purchases (公务用车购置费)?", "公务用车购置费"),
    ("What is the budget for the 普法宣传 (legal publicity) item?", "普法宣传"),
    ("What was the final expenditure on housing security (住房保障支出, code 221)?", "住房保障支出221"),
])
def test_the_english_gloss_of_a_chinese_name_adds_no_words(question, asked):
    assert asked in normalize_question(question)
    assert unexplained_english(question) == []


def test_what_is_before_a_figure_is_not_a_definition():
    assert "什么是" not in normalize_question("What is the 2026 budget for goods procurement?")
    assert "什么是" in normalize_question("What is three public expenses?")


def test_a_letter_before_a_category_is_not_an_unknown_word():
    assert unexplained_english("政府采购预算中B-工程是多少") == []


def test_english_questions_about_the_seed(seed_qa):
    a = seed_qa.answer("What is the Yangquan Municipal Big Data Application Bureau's travel expense budget?")
    assert a.figures and (a.figures[0].value, a.figures[0].unit) == (D("4.63"), "万元")
    glossed = seed_qa.answer("What is the travel expense budget (差旅费) of the Yangquan Big Data Bureau?")
    assert glossed.figures and glossed.figures[0].value == D("4.63")
    other = seed_qa.answer("What is the Taiyuan Municipal Big Data Bureau's travel expense budget?")
    assert not other.answerable and not other.figures
