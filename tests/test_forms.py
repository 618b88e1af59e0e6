"""项目支出绩效目标申报表: finding, reading and merging the forms.

The seed pins exact values for all eleven distinct forms (fourteen printed copies); hand-written
forms in other layouts and the synthetic disclosures of ``builders`` show the parser is generic.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budgetqa.model import ProjectForm
from budgetqa.parsing.forms import FORM_TITLE, find_form_blocks, parse_form, parse_forms
from budgetqa.parsing.lines import clean_lines
from builders import LAYOUTS, render, sample_health_commission_2024, sample_transport_bureau_2022

SEED = Path(__file__).resolve().parents[1] / "corpus" / "yangquan-bigdata-bureau-2023-budget.txt"

BUREAU = "阳泉市大数据应用局"
CENTRE = "阳泉市大数据管理服务中心"
REPEATED = "政府投资信息化项目2022年度未形成支付专项资金"


@pytest.fixture(scope="module")
def seed_lines():
    return clean_lines(SEED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed(seed_lines):
    return parse_forms(seed_lines)


@pytest.fixture(scope="module")
def forms(seed) -> dict[str, ProjectForm]:
    return {f.project: f for f in seed[0]}


def indicator(form: ProjectForm, period: str, level3: str):
    """The (level1, level2, value) of the first indicator named ``level3`` in ``period``."""
    hits = [i for i in form.indicators if i.period == period and i.level3 == level3]
    assert hits, f"{form.project}: no {period} indicator {level3!r}"
    return hits[0].level1, hits[0].level2, hits[0].value


# ---------------------------------------------------------------- blocks


def test_blocks_are_the_fourteen_printed_forms(seed, seed_lines):
    blocks = seed[1]
    spans = [(seed_lines[s].no, seed_lines[e - 1].no) for s, e in blocks]
    assert spans == [(546, 577), (591, 623), (625, 656), (658, 688), (690, 722), (724, 755),
                     (759, 791), (793, 815), (817, 850), (852, 873), (875, 905), (907, 942),
                     (944, 980), (982, 1015)]
    assert blocks == find_form_blocks(seed_lines)
    # Every block opens on the title; the narrative resumes at "## 十一、国有资产占有使用情况".
    assert all(FORM_TITLE in seed_lines[s].text for s, _ in blocks)
    after_last = seed_lines[blocks[-1][1]]
    assert after_last.no == 1017 and "十一、国有资产占有使用情况" in after_last.text


def test_a_project_expenditure_table_is_not_a_form(seed_lines):
    # Line 444 "项目名称\t合计\t2023年财政拨款..." heads the 项目支出预算表, not a form.
    starts = {seed_lines[s].no for s, _ in find_form_blocks(seed_lines)}
    assert min(starts) == 546


# ---------------------------------------------------------------- the eleven seed forms


EXPECTED = [
    # project, 实施单位, 年度资金总额 (元), 项目期, 经办人
    ("2022年专业人员聘用补贴", CENTRE, 388_000, "2年", "周彤"),
    ("大数据与智能物联网应用基地体验中心运行费", BUREAU, 100_000, "3年", "段物超"),
    ("精准扶贫干部驻村生活补贴", CENTRE, 25_000, "2年", "周彤"),
    ("认定数字经济企业专项资金", BUREAU, 2_650_000, "3年", "段杨超"),
    ("市级数字经济项目奖励资金", BUREAU, 3_603_900, "3年", "段杨超"),
    ("数字经济领域活动费用", BUREAU, 500_000, "3年", "段杨超"),
    (REPEATED, BUREAU, 33_832_000, "1年", "段杨超"),
    ("政府投资信息化项目2022年未形成支付管理费", BUREAU, 2_000, "1年", "段杨超"),
    ("政府投资信息化项目管理费", BUREAU, 600_000, "3年", "段杨超"),
    ("政府投资信息化项目专项资金", BUREAU, 50_000_000, "3年", "殷杨超"),
    ("智慧教育平台项目", BUREAU, 10_000_000, "1年", "段杨超"),
]


def test_eleven_distinct_forms_in_document_order(seed):
    assert [f.project for f in seed[0]] == [e[0] for e in EXPECTED]


@pytest.mark.parametrize("project,unit,annual,period,handler", EXPECTED, ids=[e[0] for e in EXPECTED])
def test_form_key_fields(forms, project, unit, annual, period, handler):
    f = forms[project]
    assert f.fields["项目名称"] == project
    assert f.fields["主管部门"] == "054-阳泉市大数据应用局"
    assert f.fields["实施单位"] == unit
    assert f.fields["项目期"] == period
    assert f.fields["经办人"] == handler
    assert f.amounts["年度资金总额"] == Decimal(annual)
    assert f.amounts["年度:市县（区）财政资金"] == Decimal(annual)
    assert f.amounts["年度:中央财政资金"] == 0 and f.amounts["年度:其他资金"] is None
    assert f.unit == "元"
    assert f.line_start <= f.amount_lines["年度资金总额"] <= f.line_end


INDICATORS = [
    # project, period, level1, level2, level3, value
    ("2022年专业人员聘用补贴", "实施期", "产出指标", "数量指标", "聘用人员数量", "6人次"),
    ("2022年专业人员聘用补贴", "年度", "产出指标", "数量指标", "聘用人员数量", "6人次"),
    ("2022年专业人员聘用补贴", "年度", "产出指标", "成本指标", "聘用人员工资等费用", "5388.88元/人、月"),
    ("2022年专业人员聘用补贴", "实施期", "效益指标", "社会效益指标", "工作水平提升率", ">80百分比"),
    ("大数据与智能物联网应用基地体验中心运行费", "实施期", "产出指标", "数量指标", "委托机构", "电信"),
    ("大数据与智能物联网应用基地体验中心运行费", "年度", "产出指标", "数量指标", "委托机构", "电信"),
    ("大数据与智能物联网应用基地体验中心运行费", "年度", "满意度指标", "服务对象满意度指标",
     "体验用户满意度", "≥95百分比"),
    ("精准扶贫干部驻村生活补贴", "实施期", "产出指标", "时效指标", "报销驻村工作补贴及时率", "100百分比"),
    ("精准扶贫干部驻村生活补贴", "年度", "产出指标", "时效指标", "报销驻村工作补", "100百分比"),
    ("精准扶贫干部驻村生活补贴", "年度", "效益指标", "社会效益指标", "驻村工作人员工作效率提升度", "提升提升"),
    ("认定数字经济企业专项资金", "实施期", "产出指标", "数量指标", "认定数字经济企业数量", "≥20家"),
    ("认定数字经济企业专项资金", "年度", "效益指标", "经济效益指标",
     "逐步提高数字经济企业收入，发展阳泉经济", "提高"),
    ("市级数字经济项目奖励资金", "实施期", "产出指标", "数量指标", "应奖尽奖率", "100%"),
    ("市级数字经济项目奖励资金", "年度", "产出指标", "质量指标", "应奖尽奖率", "100%"),
    ("市级数字经济项目奖励资金", "年度", "满意度指标", "服务对象满意度指标", "受益企业满意度", "≥90%"),
    ("数字经济领域活动费用", "实施期", "产出指标", "数量指标", "组织论坛次数", "≥3次"),
    ("数字经济领域活动费用", "年度", "产出指标", "数量指标", "活动次数", "≥5次"),
    (REPEATED, "实施期", "产出指标", "数量指标", "硬件（软件）运维次数", "≥90次/年"),
    (REPEATED, "年度", "产出指标", "数量指标", "硬件（软件）运维次数", "≥90次"),
    (REPEATED, "年度", "产出指标", "时效指标", "运维时间", "2022年全年"),
    ("政府投资信息化项目2022年未形成支付管理费", "实施期", "产出指标", "数量指标", "聘请专家人数", "≥20人"),
    ("政府投资信息化项目2022年未形成支付管理费", "年度", "满意度指标", "服务对象满意度指标",
     "公众满意度", "≥90百分比"),
    ("政府投资信息化项目管理费", "实施期", "产出指标", "数量指标", "评审项目个数", "≥20个"),
    ("政府投资信息化项目管理费", "年度", "产出指标", "数量指标", "调研次数", "≥10次"),
    ("政府投资信息化项目管理费", "年度", "产出指标", "成本指标", "误工费", "100元/时/人"),
    ("政府投资信息化项目专项资金", "实施期", "产出指标", "时效指标", "运维时间", "每年1-12月"),
    ("政府投资信息化项目专项资金", "年度", "产出指标", "时效指标", "运维时间", "2023年1-12月"),
    ("政府投资信息化项目专项资金", "年度", "产出指标", "时效指标", "当年建设任务完成时间", "2023年年底前"),
    ("智慧教育平台项目", "实施期", "产出指标", "数量指标", "覆盖率", "≥80百分比"),
    ("智慧教育平台项目", "年度", "产出指标", "数量指标", "平台模块", "3个"),
    ("智慧教育平台项目", "年度", "满意度指标", "服务对象满意度指标", "教职工满意度", "≥80%"),
    ("智慧教育平台项目", "实施期", "满意度指标", "服务对象满意度指标", "教职工满意度", "≥80百分比"),
]


@pytest.mark.parametrize("project,period,level1,level2,level3,value", INDICATORS)
def test_indicators(forms, project, period, level1, level2, level3, value):
    assert indicator(forms[project], period, level3) == (level1, level2, value)


def test_every_seed_form_has_indicators_for_both_periods(forms):
    for f in forms.values():
        periods = {i.period for i in f.indicators}
        assert periods == {"实施期", "年度"}, f.project
        assert all(i.level1 and i.level2 and (i.level3 or i.value) for i in f.indicators)
        assert all(f.line_start <= i.line <= f.line_end for i in f.indicators)


def test_empty_placeholder_rows_are_skipped(forms):
    # "经济效益指标" / "生态效益指标" rows with no content produce no indicator.
    f = forms["2022年专业人员聘用补贴"]
    assert {i.level2 for i in f.indicators} == {
        "数量指标", "质量指标", "时效指标", "成本指标", "社会效益指标", "可持续影响指标", "服务对象满意度指标"}
    assert len(f.indicators) == 14  # 7 rows, one half printed, read for both periods


def test_indicator_line_numbers(forms):
    f = forms["2022年专业人员聘用补贴"]
    assert [i.line for i in f.indicators if i.period == "年度"] == [568, 569, 570, 571, 573, 575, 576]


# ---------------------------------------------------------------- fields and amounts


def test_first_form_fields_and_lines(forms):
    f = forms["2022年专业人员聘用补贴"]
    assert list(f.fields) == ["项目名称", "主管部门", "实施单位", "项目属性", "项目期", "项目概况", "立项依据",
                              "项目设立必要性", "保证项目实施的制度、措施", "项目实施计划", "实施期目标",
                              "年度目标", "经办人", "联系电话", "填报日期"]
    assert f.fields["项目属性"] == "延续性项目（阶段开展）"
    assert f.fields["保证项目实施的制度、措施"] == "按照签订的《劳务派遣协议》要求执行。"
    assert f.fields["联系电话"] == "2297560"
    assert f.fields["填报日期"] == "20230117093859"
    assert "负责人" not in f.fields  # printed as a label with no name
    assert f.field_lines["项目名称"] == 550
    assert f.field_lines["实施单位"] == 551
    assert f.field_lines["经办人"] == 577
    assert f.fields["实施期目标"] == f.fields["年度目标"]
    assert f.field_lines["年度目标"] == 566


def test_first_form_amounts_with_a_label_split_over_two_lines(forms):
    f = forms["2022年专业人员聘用补贴"]
    assert f.amounts == {
        "实施期资金总额": Decimal(757000), "年度资金总额": Decimal(388000),
        "实施期:中央财政资金": Decimal(0), "年度:中央财政资金": Decimal(0),
        "实施期:省级财政资金": Decimal(0), "年度:省级财政资金": Decimal(0),
        "实施期:市县（区）财政资金": Decimal(757000), "年度:市县（区）财政资金": Decimal(388000),
        "实施期:单位自筹": Decimal(0), "年度:单位自筹": Decimal(0),
        "实施期:其他资金": None, "年度:其他资金": None,
    }
    assert f.amount_lines["实施期资金总额"] == 553
    assert f.amount_lines["年度:市县（区）财政资金"] == 556  # "市县（区）财政资" + "金" on 557
    assert f.amount_lines["年度:其他资金"] == 559


def test_ascii_colons_and_spaced_labels(forms):
    f = forms["数字经济领域活动费用"]  # "实施期资金总额:", "市县(区)财政资金"
    assert f.amounts["实施期资金总额"] == Decimal(1_500_000)
    assert f.amounts["实施期:市县（区）财政资金"] == Decimal(1_500_000)
    assert f.fields["经办人"] == "段杨超" and f.field_lines["经办人"] == 755
    g = forms["政府投资信息化项目专项资金"]  # "市县(区)财政资 金" / "财政 资金"
    assert g.amounts["实施期:市县（区）财政资金"] == Decimal(170_000_000)
    assert g.amounts["年度:市县（区）财政资金"] == Decimal(50_000_000)
    assert "部署和工作要求" in g.fields["项目概况"]  # OCR space inside Chinese text dropped


def test_overview_and_distinct_goals(forms):
    assert "平定县柏井镇东山村" in forms["精准扶贫干部驻村生活补贴"].fields["项目概况"]
    f = forms["市级数字经济项目奖励资金"]
    assert "2023年计划奖励企业数量15家以上" in f.fields["年度目标"]
    assert "2023年计划奖励企业数量15家以上" not in f.fields["实施期目标"]
    # 认定数字经济企业专项资金 prints one goal text: it serves both periods.
    g = forms["认定数字经济企业专项资金"]
    assert g.fields["实施期目标"] == g.fields["年度目标"]
    assert g.fields["年度目标"].startswith("加快推进我市数字经济产业发展")


# ---------------------------------------------------------------- the four copies of one form


def test_four_copies_merge_into_one_form(forms, seed):
    f = forms[REPEATED]
    assert sum(g.project == REPEATED for g in seed[0]) == 1
    assert [(v.line_start, v.line_end) for v in f.variants] == [
        (759, 791), (793, 815), (817, 850), (852, 873)]
    # Copies 2 and 4 lost their indicator rows; they must not replace the complete copies'.
    assert [v.indicator_count for v in f.variants] == [21, 0, 22, 0]
    assert len(f.indicators) == 22
    assert (f.line_start, f.line_end) == (759, 873)


def test_copies_vote_on_each_field(forms):
    f = forms[REPEATED]
    copies = f.variants
    # Only copies 2 and 4 print a 经办人 (殷杨超 vs 段杨超); the tie goes to the reading the
    # other forms of the document confirm.
    assert [v.fields.get("经办人") for v in copies] == [None, "殷杨超", None, "段杨超"]
    assert f.fields["经办人"] == "段杨超" and f.field_lines["经办人"] == 873
    # 立项依据: 88号 (copies 1, 2; also printed by 政府投资信息化项目专项资金) vs 188号 (3, 4).
    assert ["188号" in v.fields["立项依据"] for v in copies] == [False, False, True, True]
    assert "阳政办发〔2020〕88号" in f.fields["立项依据"] and "188号" not in f.fields["立项依据"]
    assert f.field_lines["立项依据"] == 773
    # 项目概况: "落实全市政府…" (copy 1) loses to "落实市政府…" (copies 2-4).
    assert "落实市政府投资信息化项目" in f.fields["项目概况"]
    assert "加大数据资源整合共享力度" in f.fields["项目设立必要性"]
    assert f.fields["年度目标"].startswith("2023年支付2022年度未形成支付")
    assert f.fields["实施期目标"].startswith("每年负责对全市20多家党政机关部门")
    assert f.fields["联系电话"] == "6663501"
    assert f.amounts["实施期资金总额"] == f.amounts["年度资金总额"] == Decimal(33_832_000)


def test_damaged_copies_parse_on_their_own(seed, seed_lines):
    blocks = seed[1]
    copy3 = parse_form(seed_lines[blocks[8][0]:blocks[8][1]])
    # "论证项目实施的制度、措施" maps to the canonical key; the goal row has no 总体目标 label
    # and its texts are wrapped in <p>.
    assert copy3.field_lines["保证项目实施的制度、措施"] == 833
    assert copy3.field_lines["实施期目标"] == 836
    assert not copy3.fields["年度目标"].startswith("<p>")
    assert "经办人" not in copy3.fields
    copy2 = parse_form(seed_lines[blocks[7][0]:blocks[7][1]])
    assert copy2.indicators == []
    assert copy2.fields["经办人"] == "殷杨超" and copy2.fields["填报日期"] == "20230118100254"


# ---------------------------------------------------------------- other layouts


PIPES_FORM = """\
第三部分 情况说明
各项目绩效目标详见项目支出绩效目标申报表。
某区民政局项目支出绩效目标申报表
| 项目名称 | 社区居家养老助餐补贴 |  |  |
|---|---|---|---|
| 主管部门 | 215-某区民政局 | 实施单位 | 某区养老服务指导中心 |
| 项目资金（万元） | 年度资金总额： | 12.5 |  |
|  | 其中：市县（区）财政资金 | 12.5 |  |
|  | 其他资金 |  |  |
| 项目概况 | 为辖区80岁以上老人提供助餐服务， |  |  |
|  | 每餐补贴3元。 |  |  |
| 年度目标 | 全年助餐不少于1万人次。 |  |  |
| 一级指标 | 二级指标 | 三级指标 | 指标值 |
| 产出指标 | 数量指标 | 助餐人次 | ≥10000人次 |
|  | 质量指标 | 餐食抽检合格率 | 100% |
| 效益指标 | 经济效益指标 |  |  |
|  | 社会效益指标 | 老人就餐便利度 | 明显提高 |
| 满意度指标 | 服务对象满意度指标 | 老人满意度 | ≥90% |
| 经办人： | 王小红 | 联系电话： | 0351-1234567 |
第四部分 名词解释
"""


def test_hand_written_pipes_form_with_fields_missing():
    lines = clean_lines(PIPES_FORM)
    forms, blocks = parse_forms(lines)
    assert [(lines[s].no, lines[e - 1].no) for s, e in blocks] == [(3, 19)]
    (f,) = forms
    assert f.project == "社区居家养老助餐补贴"
    assert f.fields == {
        "项目名称": "社区居家养老助餐补贴", "主管部门": "215-某区民政局", "实施单位": "某区养老服务指导中心",
        "项目概况": "为辖区80岁以上老人提供助餐服务，每餐补贴3元。", "年度目标": "全年助餐不少于1万人次。",
        "经办人": "王小红", "联系电话": "0351-1234567"}
    # 万元 on the form, 元 in the model; only the 年度 column is printed.
    assert f.amounts == {"年度资金总额": Decimal(125000), "年度:市县（区）财政资金": Decimal(125000),
                         "年度:其他资金": None}
    assert f.amount_lines["年度资金总额"] == 7
    assert [(i.period, i.level1, i.level2, i.level3, i.value, i.line) for i in f.indicators] == [
        ("年度", "产出指标", "数量指标", "助餐人次", "≥10000人次", 14),
        ("年度", "产出指标", "质量指标", "餐食抽检合格率", "100%", 15),
        ("年度", "效益指标", "社会效益指标", "老人就餐便利度", "明显提高", 17),
        ("年度", "满意度指标", "服务对象满意度指标", "老人满意度", "≥90%", 18),
    ]
    assert len(f.variants) == 1 and f.variants[0].indicator_count == 4


SPACES_FORM = """\
一、部门职责
负责全县公路养护。
项目名称：乡村道路安全设施改造    实施单位：某县公路段
项目属性：一次性项目（1年结束）    项目期：1年
实施期资金总额：300,000    年度资金总额：300,000
总体目标    完成20公里道路护栏安装。
绩效指标    一级指标    二级指标    三级指标    指标值    二级指标    三级指标    指标值
产出指标    数量指标    护栏安装里程    20公里    数量指标    护栏安装里程    20公里
满意度指标    服务对象满意度指标    沿线群众满意度    ≥90%    服务对象满意度指标    沿线群众满意度    ≥95%
经办人：李四    联系电话：0359-7654321
二、其他说明
"""


def test_form_without_title_in_a_spaces_layout():
    lines = clean_lines(SPACES_FORM)
    forms, blocks = parse_forms(lines)
    assert [(lines[s].no, lines[e - 1].no) for s, e in blocks] == [(3, 10)]
    (f,) = forms
    assert f.fields["实施单位"] == "某县公路段" and f.fields["项目期"] == "1年"
    assert f.fields["实施期目标"] == f.fields["年度目标"] == "完成20公里道路护栏安装。"
    assert f.amounts == {"实施期资金总额": Decimal(300000), "年度资金总额": Decimal(300000)}
    assert indicator(f, "实施期", "沿线群众满意度") == ("满意度指标", "服务对象满意度指标", "≥90%")
    assert indicator(f, "年度", "沿线群众满意度") == ("满意度指标", "服务对象满意度指标", "≥95%")
    assert f.fields["经办人"] == "李四"


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("make", [sample_health_commission_2024, sample_transport_bureau_2022],
                         ids=lambda m: m.__name__)
def test_synthetic_disclosures_in_every_layout(make, layout):
    d = make()
    forms, _ = parse_forms(clean_lines(render(d, layout=layout)))
    assert [f.project for f in forms] == [p.name for p in d.forms]
    for f, p in zip(forms, d.forms):
        expected = {"实施单位": p.unit_name, "项目属性": p.attribute, "项目期": f"{p.period_years}年",
                    "项目概况": p.overview, "立项依据": p.basis, "经办人": p.handler, "联系电话": p.phone}
        for name, value in expected.items():
            if name in p.form_missing_fields:
                assert name not in f.fields
            else:
                assert f.fields[name] == value
        assert f.amounts["实施期资金总额"] == p.total_yuan
        assert f.amounts["年度资金总额"] == p.annual_yuan
        for period in ("实施期", "年度"):
            got = sorted((i.level1, i.level2, i.level3, i.value)
                         for i in f.indicators if i.period == period)
            assert got == sorted(p.indicators)


def test_a_count_asked_in_an_indicators_counter_reads_that_indicator(seed_qa):
    # "聘请多少名专家": 聘请专家人数 ≥20人 (名 ~ 人), not 聘请专家费, whose words are the same
    a = seed_qa.answer("政府投资信息化项目2022年未形成支付管理费计划聘请多少名专家？")
    assert a.figures and (a.figures[0].value, a.figures[0].unit) == (Decimal("20"), "人"), a.text
