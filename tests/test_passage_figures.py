"""A figure taken from the narrative: only the one the question's words anchor, the whole
before its parts, and none when two figures are anchored equally well."""

from decimal import Decimal

from budgetqa.answering.passage_figures import figure_in_passages
from budgetqa.model import Passage


def _passage(text: str) -> Passage:
    return Passage("doc", "其他重要事项说明", 1, 3, text)


PURCHASE = _passage("（二）政府采购情况 2026 年，某市商务局政府采购预算总额 822.55 万元，其中：政府采购货物预算"
                    " 10.05 万元、政府采购工程预算 0万元、政府采购服务预算 812.5 万元。")


def test_the_total_before_the_parts_listed_after_qizhong():
    found = figure_in_passages("政府采购预算总额是多少", [PURCHASE], "money")
    assert found is not None and found.value == Decimal("822.55")


def test_a_part_named_in_the_question_is_that_part():
    found = figure_in_passages("政府采购服务预算是多少", [PURCHASE], "money")
    assert found is not None and found.value == Decimal("812.5")


def test_two_counts_anchored_equally_well_give_no_figure():
    vehicles = _passage("截至2023年底，机关共有车辆 7辆，所属中心共有车辆 3辆。")
    assert figure_in_passages("共有几辆车", [vehicles], "辆") is None


def test_a_count_bought_answers_only_a_question_about_buying_and_a_count_held_only_one_about_holding():
    vehicles = _passage("2026 年部门预算安排购置车辆 6辆。截至 2025 年 12 月 31 日，本部门共有车辆 56 辆。")
    assert figure_in_passages("一共有多少辆车", [vehicles], "辆").value == 56
    assert figure_in_passages("今年还要买几辆", [vehicles], "辆").value == 6
    assert figure_in_passages("安排购置几辆车", [vehicles], "辆").value == 6


def test_a_one_character_noun_asked_right_after_the_count_anchors_it():
    offices = _passage("某市人力资源和社会保障局共设置 18 个处（室），行政编制 91 人。预算单位共有13个，包括：")
    assert figure_in_passages("机关一共设了多少个处（室）", [offices], "个").value == 18


def test_a_part_asked_by_a_short_name_is_that_part_not_the_whole():
    # "政府采购中货物类": the anchor that says more of the question wins over the total
    found = figure_in_passages("政府采购预算中货物类是多少", [PURCHASE], "money")
    assert found is not None and found.value == Decimal("10.05")


def test_the_whole_a_part_is_listed_under():
    from budgetqa.answering.passage_figures import whole_of

    part = figure_in_passages("政府采购服务预算是多少", [PURCHASE], "money")
    whole = whole_of(part)
    assert whole is not None and whole.value == Decimal("822.55")
    assert whole_of(figure_in_passages("政府采购预算总额是多少", [PURCHASE], "money")) is None


def test_a_share_and_a_difference_of_stated_figures_are_worked_out_and_shown(tmp_path):
    from budgetqa.model import ParsedDocument, Section
    from budgetqa.service import BudgetQA
    from budgetqa.settings import Settings
    from budgetqa.store import Store
    from budgetqa.answering.router import parse_question

    doc = ParsedDocument("shangwu", "x.pdf", "某市商务局2026年部门预算", "某市商务局", 2026, "预算", "部门", "h")
    doc.sections = [Section(["其他重要事项说明"], "政府采购情况", PURCHASE.text, 1, 3, 9)]
    store = Store(tmp_path / "s.sqlite3")
    store.save(doc)
    qa = BudgetQA(Settings(home=tmp_path), store)
    share = qa._narrative_computation(parse_question("政府采购中服务类占采购总额的比例"), "shangwu", "share")
    assert share.figures[0].value == Decimal("98.78") and share.figures[0].unit == "%"
    assert share.figures[0].arithmetic == "812.5 ÷ 822.55 × 100% = 98.78%"
    diff = qa._narrative_computation(parse_question("政府采购中服务类比货物类多多少"), "shangwu", "diff")
    assert diff.figures[0].value == Decimal("802.45") and diff.figures[0].unit == "万元"
    assert qa._narrative_computation(parse_question("政府采购中服务类占部门预算的比例"), "shangwu", "share") is None
    asked = qa._narrative_computation(parse_question("政府采购预算中服务类占多大比例"), "shangwu", "share")
    assert asked.figures[0].value == Decimal("98.78")  # "多大" names no other whole


def test_a_reason_printed_after_the_change_is_part_of_the_answer(tmp_path):
    from budgetqa.answering.router import parse_question
    from budgetqa.model import ParsedDocument, Section
    from budgetqa.service import BudgetQA
    from budgetqa.settings import Settings
    from budgetqa.store import Store

    doc = ParsedDocument("tj", "x.pdf", "某市统计局2026年部门预算", "某市统计局", 2026, "预算", "部门", "h")
    doc.sections = [Section(["情况说明"], "三、机关运行经费情况",
                            "2026年本部门机关运行经费安排92.4万元，比上年增加0.78万元，增长0.85%。"
                            "主要原因是：增加离退休干部党组织工作补助。", 1, 3, 9),
                    Section(["情况说明"], "四、委托业务费情况",
                            "2026年本部门委托业务费预算为17.5万元，比上年增加14万元。主要原因是开展普查。", 4, 6, 9)]
    store = Store(tmp_path / "s.sqlite3")
    store.save(doc)
    qa = BudgetQA(Settings(home=tmp_path), store)
    a = qa.answerer("tj").answer_reason(parse_question("机关运行经费比上年增加的原因是什么？"), [])
    assert "离退休干部党组织工作补助" in a.text and "开展普查" not in a.text


def test_a_part_named_after_li_is_the_part_not_its_whole():
    running = _passage("2020 年机关运行经费预算总计82万元，其中：办公经费41.47万元，公务接待费2万元，"
                       "委托业务费7.28万元。")
    found = figure_in_passages("机关运行经费里的办公经费是多少元", [running], "money")
    assert found is not None and found.value == Decimal("41.47")
    whole = figure_in_passages("机关运行经费是多少", [running], "money")
    assert whole is not None and whole.value == Decimal("82")


def test_the_money_a_question_names_picks_the_sentence_that_names_it():
    purchase = _passage("政府采购预算总额 110,390.99 万元：政府采购货物预算 6,005.76 万元、政府采购工程预算 6,599.5 万元；"
                        "其中一般公共预算拨款政府采购 50,106.43 万元：政府采购货物预算 664.38 万元、政府采购工程预算 0 万元。")
    found = figure_in_passages("一般公共预算拨款安排的政府采购工程预算是多少", [purchase], "money")
    assert found is not None and found.value == Decimal("0")
    found = figure_in_passages("政府采购工程预算是多少", [purchase], "money")
    assert found is not None and found.value == Decimal("6599.5")


def test_a_part_named_that_no_sentence_states_gives_no_figure_not_the_whole():
    purchase = _passage("2017年我部门政府采购预算总金额为 2,889.8万元。")
    assert figure_in_passages("政府采购里工程类预算多少", [purchase], "money") is None
    found = figure_in_passages("政府采购预算总金额是多少", [purchase], "money")
    assert found is not None and found.value == Decimal("2889.8")


def test_a_numbered_heading_names_the_first_figure_of_the_sentence_after_it():
    running = _passage("（一）机关运行经费。2026 年一般公共预算财政拨款运行经费 5,590.43 万元，比 2025年减少 919.7 万元。"
                       "（二）政府采购情况。所属各预算单位政府采购预算总额 110,390.99 万元。")
    found = figure_in_passages("机关运行经费是多少", [running], "money")
    assert found is not None and found.value == Decimal("5590.43")
    assert "机关运行经费" in found.anchor  # quoted with its heading, as printed


def test_a_category_said_before_the_whole_is_the_part_asked():
    # "服务类政府采购预算": 服务类 names the part, written before the whole it belongs to
    said = _passage("（四）政府采购情况：2025 年本单位政府采购预算总额16476.85 万元，其中，货物类采购预算 "
                    "2,716.09 万元；工程类采购预算 9,021.25 万元；服务类采购预算 4,739.51 万元。")
    found = figure_in_passages("长沙市公安局2025年服务类政府采购预算是多少", [said], "money")
    assert found is not None and found.value == Decimal("4739.51")
    found = figure_in_passages("按经济分类政府采购预算总额是多少", [said], "money")  # 分类 names no part
    assert found is not None and found.value == Decimal("16476.85")


def test_a_count_in_a_target_sentence_is_anchored_by_the_noun_after_it_or_the_clause_before_its_bound():
    target = _passage("2026年，做好18个财政系统的运维、信息安全维护和平台的开发。"
                      "排查全市气象灾害防御和防雷重点单位安全隐患，不低于800家，制定雷电防御措施。"
                      "完成法律援助案件指派，民事案件200件，刑事案件 510件，行政案件30件。")
    assert figure_in_passages("项目绩效目标里要运维多少个财政系统", [target], "个").value == Decimal("18")
    assert figure_in_passages("绩效目标要求排查多少家气象灾害防御和防雷重点单位", [target], "家").value == Decimal("800")
    assert figure_in_passages("计划完成多少件刑事案件", [target], "件").value == Decimal("510")
    # a bound after a generic word of the form (数量指标) anchors nothing
    listed = _passage("产出指标·数量指标「财政评审项目数量」：≥420个；产出指标·数量指标「聘请专家评审人数」：≥100人")
    assert figure_in_passages("计划开展财政事前绩效评估的数量指标是多少个", [listed], "个") is None


def test_a_part_of_a_stated_list_asked_as_a_class_is_that_part():
    procurement = _passage("政府采购支出预算总额2744.84万元，其中：拟采购货物支出303.4万元、拟购买服务支出2441.44万元。")
    assert figure_in_passages("政府采购中服务类", [procurement], "money").value == Decimal("2441.44")


def test_a_figure_the_question_itself_gives_is_not_its_answer(tmp_path):
    from budgetqa.model import ParsedDocument, Section
    from budgetqa.service import BudgetQA
    from budgetqa.settings import Settings
    from budgetqa.store import Store
    from budgetqa.answering.router import parse_question

    doc = ParsedDocument("d", "x.pdf", "某局2026年部门预算", "某局", 2026, "预算", "部门", "h")
    doc.sections = [Section(["绩效目标"], "绩效目标", "成本指标「聘用人员工资等费用」， 5,388.88元。", 1, 3, 9)]
    store = Store(tmp_path / "s.sqlite3")
    store.save(doc)
    qa = BudgetQA(Settings(home=tmp_path), store)
    passage = Passage("d", "绩效目标", 1, 3, doc.sections[0].text)
    from budgetqa.model import Answer
    said = Answer("q", "", True, "retrieval", [], [passage], document="d")
    assert qa.stated_figure(parse_question("聘用人员工资等费用的成本指标是多少元"), "d", said).figures[0].value == \
        Decimal("5388.88")
    again = Answer("q", "", True, "retrieval", [], [passage], document="d")
    assert not qa.stated_figure(parse_question("按每人每月5388.88元、6个人、12个月算，聘用人员工资等费用一年是多少元"),
                                "d", again).figures


def test_a_date_the_narrative_counts_holdings_at_is_not_another_year(tmp_path):
    from budgetqa.model import ParsedDocument, Section
    from budgetqa.service import BudgetQA
    from budgetqa.settings import Settings
    from budgetqa.store import Store

    doc = ParsedDocument("d", "x.pdf", "某市司法局2026年部门预算", "某市司法局", 2026, "预算", "部门", "h")
    doc.sections = [Section(["国有资产占有使用情况"], "国有资产占有使用情况",
                            "截至2025年12月31日，本部门共有车辆56辆。2026年部门预算安排购置车辆6辆。", 1, 3, 9)]
    store = Store(tmp_path / "s.sqlite3")
    store.save(doc)
    qa = BudgetQA(Settings(home=tmp_path), store)
    # 截至2025年底 of a 2026 budget that counts its cars 截至2025年12月31日: the document's date
    assert "这一年" not in qa.answer("截至2025年底市司法局一共有多少辆车？").text
    # another year, or a date the document does not count at, is another year's figures
    assert "这一年" in qa.answer("2025年市司法局有多少辆车？").text
    assert "这一年" in qa.answer("截至2024年底市司法局一共有多少辆车？").text


def test_the_bodys_own_name_anchors_no_figure():
    from budgetqa.service import _content_of
    from budgetqa.model import ParsedDocument

    doc = ParsedDocument("d", "x.pdf", "中共某某市委宣传部2021年部门预算", "中共某某市委宣传部", 2021, "预算", "部门", "h")
    staff = _passage("本部门人员编制105人，其中市委宣传部行政编制87人，事业编制18人。")
    asked = _content_of("截至2020年底，市委宣传部的人员编制是多少人？", doc)
    assert "宣传部" not in asked
    assert figure_in_passages(asked, [staff], "人").value == 105


def test_a_count_in_batches_is_a_count():
    hosted = _passage("3、公务接待费支出 0.39 万元。主要用于调研考察，列明公务接待 2 批次、26 人次，其中：接待外宾 0 批次、0 人次。")
    found = figure_in_passages("一共接待了几批次", [hosted], "批")
    assert found is not None and (found.value, found.counter) == (Decimal("2"), "批")


def test_a_target_asked_is_not_a_count_anchored_on_a_word_or_two():
    staff = _passage("北京市统计局下属全额拨款事业单位 8个，行政编制 120 名。")
    assert figure_in_passages("法人单位经营情况调查项目设定的调查单位数量目标是多少个", [staff], "个") is None


def test_the_words_after_the_counted_noun_anchor_the_count():
    targets = _passage("本部门整体支出纳入绩效目标管理，涉及财政性资金 3,210.1 万元；本部门共 12 个项目纳入绩效目标管理，")
    assert figure_in_passages("2026年纳入绩效目标管理的项目有几个", [targets], "个").value == 12


def test_an_item_named_whole_anchors_its_figure_though_its_words_are_general():
    # "人员经费" is two general words (人员, 经费); said whole, and printed whole before the figure
    # ("（一）人员经费 13,452.12 万元"), it is the item asked
    p = Passage("d", "基本支出", 1, 3, "基本支出预算15,844.04万元。其中：\n（一）人员经费 13,452.12 万元。主要包括：基本工资。\n"
                "（二）公用经费 2391.92 万元。")
    found = figure_in_passages("人员经费是多少亿元", [p], "money")
    assert found is not None and found.value == Decimal("13452.12")
    assert figure_in_passages("公用经费是多少", [p], "money").value == Decimal("2391.92")
