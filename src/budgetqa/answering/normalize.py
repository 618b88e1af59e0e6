"""Question normalisation and general budget vocabulary (no document-specific words).

Traditional -> simplified, full-width -> ASCII, Chinese numerals -> digits, English budget
words -> Chinese, and citizens' colloquial names -> the template's terms.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from functools import lru_cache

# Colloquial -> template term. General vocabulary of Chinese budget disclosures (DOMAIN.md).
ALIASES: tuple[tuple[str, str], ...] = (
    ("公积金", "住房公积金"),
    ("养老保险", "机关事业单位基本养老保险缴费"),
    ("养老金", "机关事业单位基本养老保险缴费"),
    ("医保", "职工基本医疗保险缴费"),
    ("医疗保险", "职工基本医疗保险缴费"),
    ("年金", "职业年金缴费"),
    ("退休金", "退休费"),
    ("离退休费", "退休费"),
    ("三公费", "三公经费"),
    ("三公开支", "三公经费"),
    ("出国经费", "因公出国（境）费"),
    ("出国费", "因公出国（境）费"),
    ("出国", "因公出国（境）费"),
    ("招待费", "公务接待费"),
    ("接待费", "公务接待费"),
    ("公车", "公务用车购置及运行费"),
    ("车辆运行", "公务用车运行维护费"),
    ("购买公务车", "公务用车购置费"),
    ("买公务车", "公务用车购置费"),
    ("买车", "公务用车购置费"),
    ("购车", "公务用车购置费"),
    ("办公经费", "办公费"),
    ("出差", "差旅费"),
    ("开会", "会议费"),
    ("培训", "培训费"),
    ("人头费", "人员经费"),
    ("运转经费", "公用经费"),
    ("日常运转", "基本支出"),
    ("收入支出总计", "收入总计"),
    ("收支总计", "收入总计"),
    ("收入预算总额", "收入总计"),
    ("收入预算总计", "收入总计"),
    ("收入预算合计", "收入总计"),
    ("支出预算总额", "支出总计"),
    ("支出预算总计", "支出总计"),
    ("收入预算总数", "收入总计"),
    ("支出预算总数", "支出总计"),
    ("预算总规模", "支出总计"),
    ("收支总规模", "收入总计"),
    ("总规模", "支出总计"),
    ("收入预算", "收入总计"),  # alone (部门收入预算, 收入预算是多少), not 事业收入预算
    ("支出预算", "支出总计"),  # alone, not 项目支出预算
    ("人员类经费", "人员经费"),
    ("公用类经费", "公用经费"),
    ("人员支出", "人员经费"),
    ("日常公用支出", "公用经费"),
    ("公用支出", "公用经费"),
    ("总预算", "支出总计"),
    ("预算总额", "支出总计"),
    ("总支出", "支出总计"),
    ("支出总额", "支出总计"),
    ("总收入", "收入总计"),
    ("收入总额", "收入总计"),
    ("总盘子", "支出总计"),
)

ENGLISH: tuple[tuple[str, str], ...] = (
    ("general public budget", "一般公共预算"), ("government procurement", "政府采购"),
    ("procurement", "政府采购"), ("purchases of goods", "货物类"), ("goods", "货物类"),
    ("services", "服务类"), ("engineering", "工程类"), ("official receptions", "公务接待费"),
    ("official reception", "公务接待费"), ("official hospitality", "公务接待费"),
    ("official vehicle purchases", "公务用车购置费"), ("official vehicle purchase", "公务用车购置费"),
    ("vehicle purchases", "公务用车购置费"), ("vehicle purchase", "公务用车购置费"),
    ("official vehicle operation and maintenance", "公务用车运行维护费"),
    ("vehicle operation and maintenance", "公务用车运行维护费"), ("vehicle operation", "公务用车运行维护费"),
    ("official vehicles", "公务用车"), ("official vehicle", "公务用车"),
    ("overseas trips", "因公出国（境）费"), ("going abroad", "因公出国（境）费"),
    ("trips abroad", "因公出国（境）费"), ("final accounts", "决算"), ("final", "决算"),
    ("housing security", "住房保障支出"), ("social security and employment", "社会保障和就业支出"),
    ("general public services", "一般公共服务支出"), ("public safety", "公共安全支出"),
    ("fiscal appropriations", "财政拨款"), ("fiscal appropriation", "财政拨款"),
    ("financial appropriations", "财政拨款"), ("financial appropriation", "财政拨款"),
    ("carried over", "上年结转"), ("carry-over", "上年结转"),
    ("three public", "三公经费"), ("three-public", "三公经费"),
    ("total budget", "支出总计"), ("total expenditure", "支出总计"), ("total income", "收入总计"),
    ("total revenue", "收入总计"), ("basic expenditure", "基本支出"), ("basic spending", "基本支出"),
    ("project expenditure", "项目支出"), ("project spending", "项目支出"),
    ("personnel", "人员经费"), ("public expenses", "公用经费"), ("office running", "机关运行经费"),
    ("operating costs", "机关运行经费"), ("housing provident fund", "住房公积金"),
    ("provident fund", "住房公积金"), ("pension", "养老保险"), ("medical insurance", "医保"),
    ("government fund", "政府性基金"), ("state capital", "国有资本经营"),
    ("how many projects", "几个项目"), ("how many", "多少"), ("how much", "多少"),
    ("which project", "哪个项目"), ("largest", "最多"), ("biggest", "最多"), ("most", "最多"),
    ("smallest", "最少"), ("least", "最少"), ("percentage", "占比"), ("share", "占比"),
    ("what is", "什么是"), ("definition", "定义"), ("implementing unit", "实施单位"),
    ("implementing agency", "实施单位"), ("contact", "联系电话"), ("phone", "联系电话"),
    ("project", "项目"), ("budget", "预算"), ("expenditure", "支出"), ("spending", "支出"),
    ("income", "收入"), ("revenue", "收入"), ("wages", "工资"), ("salary", "工资"),
    ("yuan", "元"), ("total", "总"), ("ten thousand", "万元"), ("why", "为什么"), ("increase", "增加"),
    ("actual spending", "实际支出"), ("actually spent", "实际支出"), ("actual", "实际"),
    ("travel expenses", "差旅费"), ("travel expense", "差旅费"), ("travel", "差旅费"),
    ("meeting", "会议费"), ("conference", "会议费"), ("training", "培训费"), ("office expenses", "办公费"),
    ("internal divisions", "内设科室"), ("divisions", "科室"), ("departments inside", "内设科室"),
    ("responsibilities", "职责"), ("duties", "职责"), ("retirement", "退休费"),
    ("last year", "上年"), ("previous year", "上年"), ("department", "部门"),
)

# English words that carry the form of a question, not its subject.
ENGLISH_FORM_WORDS = frozenset("""
a an the of is are was were be been what whats what's how much many which who whom whose when
where why does do did there this that these those it its their they for in on at to by with from
and or not no please tell me us about give show list can could would you your our we i my
year years yuan rmb total amount number figure value sum budgeted planned allocated allocation
spent spend cost costs money fund funds funding department bureau commission office
s has have had any some all each per expense expenses budgets internal its' there's
item items code line row column table
""".split())

# Counters a count is said in (5 家, 46 辆), and a question asking for a count of things.
COUNTERS = "个家辆人项套次名所台起条件户场份张篇批座"
_THINGS = "个家辆人次名套所台起条件户场批座"  # (项 left out: 几项目 asks of projects)
# 几个 before a span of time or a percentage point asks a duration or a change, never a count
# (几个小时, 几个工作日, 几个月, 几个百分点)
_NO_COUNT = r"(?!个(?:小时|工作日|月|星期|季度|钟头|百分点))"
ASKS_COUNT = re.compile(rf"(?<!哪)(?:几|多少){_NO_COUNT}([{_THINGS}])")  # (哪几个 asks which ones)
# ... or of items (几项 but not 几项目), as a passage would state them
ASKS_COUNT_OR_ITEMS = re.compile(rf"(?<!哪)(?:几|多少){_NO_COUNT}([{_THINGS}]|项(?!目))")
# ... or an indicator's value in its own counter or physical unit (多少份, 多少吨)
ASKS_INDICATOR_COUNT = re.compile(rf"(?:多少|几){_NO_COUNT}([{_THINGS}项份吨])")

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
_CN_NUMBER = re.compile(r"[零〇一二两三四五六七八九十百千万亿]+")


def cn_to_int(text: str) -> int | None:
    """'一千' -> 1000, '三' -> 3, '十二' -> 12, '一万五千' -> 15000."""
    total, section, number = 0, 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            number = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            unit = _CN_UNITS[ch]
            if unit >= 10_000:
                section = (section + number) * unit
                total += section
                section = 0
            else:
                section += (number or 1) * unit
            number = 0
        else:
            return None
    return total + section + number


_CN_YEAR = re.compile(r"([零〇○一二三四五六七八九]{4})(?=年)")
# '22年' as a year: two digits before 年, not a duration ('为期10年', '10年内')
_SHORT_YEAR = re.compile(r"(?<![\d第为期共近满用历时连续])([1-3]\d)(?=年(?!内|以|来|间|期|的时间))")


def _years(q: str) -> str:
    """Years written in Chinese numerals or with two digits: 二〇二二年 and 22年 -> 2022年."""
    digits = {ch: str(v) for ch, v in _CN_DIGITS.items()} | {"○": "0"}
    q = _CN_YEAR.sub(lambda m: "".join(digits[ch] for ch in m.group(1)), q)
    return _SHORT_YEAR.sub(lambda m: f"20{m.group(1)}", q)


# "official receptions (公务接待费)", "the 普法宣传 (legal publicity) item": a Chinese name and the
# English words that gloss it. The Chinese is what is asked; its gloss adds nothing to it.
_GLOSSED = re.compile(r"([A-Za-z0-9%'’-]+(?:\s+[A-Za-z0-9%'’-]+)*)\s*[(（]([^()（）]*[\u4e00-\u9fff][^()（）]*)[)）]")
_GLOSS_AFTER = re.compile(r"(?<=[\u4e00-\u9fff])\s*[(（]\s*[A-Za-z][A-Za-z\s'’-]*[)）]")


_PHRASE_START = frozenset("""for of on the in to a an with by about is are was were what how much many
which and its their our your from at per as does do did""".split())


def drop_glosses(question: str) -> str:
    """The English words glossing a Chinese name the question gives beside them, dropped."""
    def before(m: re.Match[str]) -> str:
        words = m.group(1).split()
        while words and words[-1].lower().strip("'’") not in _PHRASE_START and \
                not re.fullmatch(r"(?:19|20)\d\d", words[-1]):
            words.pop()  # back to the word that starts the phrase ("for", "the", "of") or a year
        return " ".join(words) + " " + m.group(2).replace(",", " ").replace("，", " ") + " "
    return _GLOSSED.sub(before, _GLOSS_AFTER.sub(" ", question))


# "What is the … budget": a figure asked, not a definition; "the total budget for X": X's total.
_FIGURE_WORDS = re.compile(r"\b(?:budget\w*|amount|total|expenditure|spen[dt]\w*|allocat\w*|cost\w*|income|"
                           r"revenue|how much|how many)\b")
_WHAT_IS = re.compile(r"\bwhat(?:\s+is|\s+was|\s+are|\s+were|['’]s)\b")
_TOTAL_OF = re.compile(r"\btotal\s+(?:\d{4}\s+)?(budget|expenditure|spending)\s+(?=for|on|of)\b")


def _english_form(lowered: str) -> str:
    lowered = re.sub(r"(?<![a-z])['‘’]|['‘’](?![a-z])", " ", lowered)  # 'quoted' words
    if _FIGURE_WORDS.search(lowered):
        lowered = _WHAT_IS.sub(" ", lowered)
    return _TOTAL_OF.sub(lambda m: m.group(0).replace("total", " ", 1), lowered)


def unexplained_english(question: str) -> list[str]:
    """English content words of a question that the lexicon does not translate ('smart',
    'asdfgh'): a question about them cannot be answered from what is understood of it."""
    lowered = drop_glosses(_english_form(unicodedata.normalize("NFKC", question).lower()))
    for en, _ in ENGLISH:
        lowered = re.sub(rf"(?<![a-z]){re.escape(en)}(?![a-z])", " ", lowered)
    words = (w.strip("-'’") for w in re.findall(r"(?<![a-z])[a-z][a-z'’-]*(?![a-z])", lowered))
    return [w for w in words if len(w) > 1 and w not in ENGLISH_FORM_WORDS]  # A-货物: a letter


def _replace_cn_numbers(text: str) -> str:
    """Chinese numerals next to a quantity word become digits; words like 一般 stay."""
    def repl(m: re.Match[str]) -> str:
        s = m.group(0)
        after = text[m.end():m.end() + 2]
        before = text[max(0, m.start() - 1):m.start()]
        if len(s) > 1 and s.endswith("一") and after[:1] and after[:1] in "般些样致直定起共切律同旦":
            return s  # 表五一般公共预算: the 一 begins a word (一般), the numeral before it is no count
        if len(s) == 1 and s not in "十百千" and not re.match(r"[个项家人次年月]|万元|元", after):
            return s
        if before.isdigit() and len(s) == 1:
            return s  # '2010399两个': a code, then a word
        if s == "一" and after == "次性":
            return s  # 一次性 (at once): a word, not a count
        if before in ("第", "上", "下", "前", "后", "同", "这", "每", "哪", "某", "唯", "统", "之") or s in ("万", "亿", "千", "百"):
            return s  # 上一年, 同一年, 每一项: words, not quantities
        if not re.match(r"万|亿|元|个|项|家|人|次|年|月|%|以|多|的", after) and len(s) == 1:
            return s
        value = cn_to_int(s)
        if value is None:
            return s
        # keep a trailing 万/亿 as a unit word when it ends the numeral: 一千万 -> 1000万
        for unit_ch, factor in (("亿", 100_000_000), ("万", 10_000)):
            if s.endswith(unit_ch) and len(s) > 1:
                inner = cn_to_int(s[:-1])
                if inner is not None:
                    return f"{inner}{unit_ch}"
        return str(value)
    return _CN_NUMBER.sub(repl, text)


@lru_cache(maxsize=1)
def _t2s():
    try:
        import opencc

        return opencc.OpenCC("t2s")
    except Exception:  # pragma: no cover - opencc is a hard dependency; degrade gracefully
        return None


# "A第一批和第二批": two batches (期, 次, 轮) of one name, the name said once
ELLIPTICAL_BATCH = re.compile(r"(?:(?<=\d{4}年)|(?<![\u4e00-\u9fff（）()\d]))([\u4e00-\u9fff（）()]{2,30})[（(]?(第[一二三四五六七八九十\d]+[批期次轮])[）)]?"
                              r"(和|与|、|及|以及)[（(]?(第[一二三四五六七八九十\d]+[批期次轮])[）)]?")
# "（保留两位小数）", "四舍五入保留1位小数": the precision asked, read by the router
ROUNDING = re.compile(r"[（(]?[，,]?(?:四舍五入)?[，,]?(?:保留|精确到)([一二两三四0-9])位小数[）)]?|[（(]四舍五入[）)]")


def normalize_question(question: str) -> str:
    """The canonical form every later step reads."""
    q = unicodedata.normalize("NFKC", question).strip()
    conv = _t2s()
    if conv is not None:
        q = conv.convert(q)
    lowered = q.lower()
    if re.search(r"[a-z]{3,}", lowered):
        # "What is the total … budget for …?": an amount asked, which the form words say
        amount_asked = bool(re.match(r"\s*(?:what(?:'s| is| was| are)|tell me)\b.*\b(?:total|budget|amount|"
                                     r"expenditure|spending|cost|funds?|revenue|income)\b", lowered)) and \
            not re.search(r"defin|mean|purpose|why|reason|used for|what kind|which", lowered)
        lowered = drop_glosses(_english_form(lowered))
        # a year inside an English phrase ("the total 2024 budget") moves to the front
        years = re.findall(r"\b((?:19|20)\d{2})\b", lowered)
        if years:
            lowered = " ".join(f"{y}年" for y in years) + " " + re.sub(r"\b(?:19|20)\d{2}\b", " ", lowered)
            lowered = re.sub(r"\s+", " ", lowered)
        for en, zh in ENGLISH:
            lowered = re.sub(rf"(?<![a-z]){re.escape(en)}(?![a-z])", zh, lowered)
        # English words left over: the question's form ("what is the … of") carries nothing;
        # a content word outside the lexicon ("smart") stays as 某, so nothing downstream
        # mistakes the question for one about less than it says
        q = re.sub(r"(?<![a-z])[a-z][a-z'’-]*(?![a-z])",
                   lambda m: " " if m.group(0).strip("-'’") in ENGLISH_FORM_WORDS | {""} else "某某", lowered)
        if amount_asked and "多少" not in q and "什么是" not in q:
            q = q.rstrip("?？ ") + "是多少?"
    q = re.sub(r"\s+", "", q) if not re.search(r"[a-z]{3,}", q) else \
        re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", q)
    q = q.replace("百分之", "%之").replace("％", "%")
    q = _years(q)
    q = _replace_cn_numbers(q)
    q = q.replace("“", "").replace("”", "").replace('"', "")
    # "…专项资金第一批和第二批": the name the second batch shares with the first, said again
    q = ELLIPTICAL_BATCH.sub(lambda m: f"{m.group(1)}{m.group(2)}{m.group(3)}{m.group(1)}{m.group(4)}", q)
    # "约为多少亿元？（保留两位小数）": how the figure is to be rounded says nothing of what it is
    q = ROUNDING.sub("", q)
    q = re.sub(r"(?:约为|约合|约是|大约是?|大概是?|约)(?=多少|几)", "", q)
    # "有几个亿": an amount in 亿元, not a count
    q = re.sub(r"几个亿(?:元)?", "多少亿元", q)
    # "30103-奖金", as 北京's tables print an item: its code and its name
    q = re.sub(r"(?<!\d)(\d{3,7})\s*[-—–－]\s*(?=[\u4e00-\u9fff])", r"\1", q)
    return q


TOTAL_TERMS = ("支出总计", "收入总计")
# Characters that may stand before a grand-total word without qualifying it (部门预算总额, 今年总预算).
_BODY_ENDS = set("局委厅院办室馆所站队心府")  # a body's name ends so (支队收入预算, 中心支出预算)
_TOTAL_LEAD = set("的年度门局部位今本全总个") | _BODY_ENDS | set("0123456789")
# Before a bare 收入预算 / 支出预算 only the body or the year may stand (部门收入预算, 2026年支出预算),
# never the name of a part (基本支出预算, 事业收入预算).
_BARE_LEAD = set("的年度门局位") | _BODY_ENDS | set("0123456789")


# Activities that are also the first half of compound names (培训项目, 出国考察): their alias
# applies only when the word stands alone.
ACTIVITY_WORDS = {"培训", "开会", "出差", "出国", "买车", "购车", "公车", "日常运转"}
_STANDS_ALONE_AFTER = set("的了是吗呢多少花用有几和与及、，,?？一共总要费钱") | {""}


def _writes_term(q: str, short: str, full: str) -> bool:
    """Does ``q`` write ``short`` as part of the template term ``full`` itself, with another
    ending (因公出国（境）经费, 出国（境）费用): then it is no colloquial name to expand."""
    at, i = full.find(short), q.find(short)
    if at < 0:
        return False
    before, after = full[:at], full[at + len(short):]
    return (len(before) >= 2 and q[:i].endswith(before[-2:])) or \
        (after[:1] in "(（" and len(after) >= 2 and q[i + len(short):].startswith(after[:2]))


def apply_aliases(q: str) -> str:
    """Colloquial names -> template terms, unless the full term is already there.

    A grand-total word qualified by what precedes it (项目支出总额, 政府采购预算总额) is not
    the grand total, so it is left alone."""
    for short, full in ALIASES:
        full = unicodedata.normalize("NFKC", full)  # questions are NFKC-normalised too
        if short not in q or full in q or _writes_term(q, short, full):
            continue
        if q[q.find(short) + len(short):].startswith("项目"):
            continue  # "民辅警意外险及健康警队运转经费项目": the name of a project, said in full
        if short in ACTIVITY_WORDS:
            i = q.find(short)
            after = q[i + len(short):i + len(short) + 1]
            if after not in _STANDS_ALONE_AFTER and "\u4e00" <= after <= "\u9fff":
                continue  # "教师培训项目" names a project, not 培训费
        if full in TOTAL_TERMS and re.search(r"哪.{0,16}(?:最|更)", q):
            continue  # "哪一家收入预算合计最多": each one's total ranked, not the grand total
        if full in TOTAL_TERMS:
            i = q.find(short)
            before = q[i - 1] if i > 0 else ""
            lead = _BARE_LEAD if short in ("收入预算", "支出预算") else _TOTAL_LEAD
            if lead is _TOTAL_LEAD and q[max(0, i - 2):i] == "预算":
                before = q[i - 3] if i >= 3 else ""  # "审计局2026年预算总支出": 预算 qualifies nothing
            if before and "\u4e00" <= before <= "\u9fff" and before not in lead:
                continue
            if short in ("收入预算", "支出预算") and re.match(r"总?表|明细|情况表", q[i + len(short):]):
                continue  # 支出预算总表: a table's name
        q = q.replace(short, full)
    return q


_UNIT_ASKED = re.compile(r"(多少|几)?(亿元|万元|元)|(亿元|万元|元)[呢吗?？]|以(亿元|万元|元)|按(亿元|万元|元)")


def asked_unit(q: str) -> str | None:
    """The money unit the question asks for, if any ('是多少元' -> '元')."""
    q2 = re.sub(r"\d[\d,.]*\s*(亿元|万元|元|万|亿)", "", q)  # units of figures in the question
    for m in re.finditer(r"(亿元|万元|元)", q2):
        return m.group(1)
    if re.search(r"多少万|几万|多少亿", q2):
        return "万元" if "万" in q2 else "亿元"
    return None


_AMOUNT_IN_Q = re.compile(r"(\d+(?:\.\d+)?)\s*(亿元|万元|元|亿|万)")


def amount_in_question(q: str) -> tuple[Decimal, str] | None:
    """A threshold such as '1000万以上' -> (1000, '万元')."""
    m = _AMOUNT_IN_Q.search(q)
    if not m:
        return None
    unit = {"万": "万元", "亿": "亿元"}.get(m.group(2), m.group(2))
    return Decimal(m.group(1)), unit
