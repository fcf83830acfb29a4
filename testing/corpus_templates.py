"""What varies between contracts derived from the five real ones, and what we can ask about it.

A template is one real contract (its normalised text); a slot is a literal in that text that a
derived contract rewrites from drawn values, together with the question it answers and the
substring the answer must contain. Literals are checked against the text at generation time, so a
change in normalisation that breaks a slot fails loudly instead of producing unanswerable questions.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

import cn2an


@dataclass(frozen=True)
class Slot:
    old: str  # literal in the template's normalised text; every occurrence is rewritten
    new: str  # format string over the contract's values
    contains: str = ""  # answer substring (format string); empty: a rewrite nobody asks about
    questions: tuple[str, ...] = ()  # format strings over {who}, {kind} and the values
    fill: float = 1.0  # chance the blank gets filled; an unfilled blank is never asked about
    truth: tuple[tuple[str, str], ...] = ()  # metadata fields the filled slot writes: (field, format string)


@dataclass(frozen=True)
class Template:
    source: str  # file stem under knowledge/contracts
    kinds: tuple[str, ...]  # how people name this kind of contract in a question
    slots: tuple[Slot, ...]
    header: bool  # the body names no parties: add a title + parties header like a cover page


CITIES = (
    "北京 上海 广州 深圳 杭州 南京 苏州 成都 重庆 武汉 西安 天津 长沙 郑州 青岛 厦门 宁波 合肥 福州 济南 "
    "沈阳 大连 昆明 南昌 贵阳 南宁 太原 石家庄 哈尔滨 长春 无锡 佛山 东莞 温州 珠海 烟台 兰州 海口 呼和浩特 乌鲁木齐 "
    "泉州 常州 嘉兴 绍兴 金华 台州 徐州 扬州 洛阳 芜湖"
).split()
BRANDS = (
    "启航 星辰 华信 汇通 博远 瑞达 智联 恒泰 天成 远景 鼎盛 宏图 金桥 银河 蓝海 云帆 正和 德润 信达 嘉禾 "
    "凯旋 锦程 昊天 明德 安泰 卓越 新锐 东方 海纳 长风 盛世 优联 众合 合力 聚源 泰和 永辉 华宇 中科 创新 "
    "易达 飞鸿 光华 丰登 通达 联创 百川 千里 万象 方圆 立信 诚泰 祥瑞 和顺 同舟 弘毅 致远 睿思 数智 云图 "
    "腾飞 雅诺 晨曦 朗润 奥拓 亿成 天润 佳讯 美联 鑫源 融达 华通 思远 金鹰 翔宇 润泽 广源 恒信 宝丰 九州"
).split()
SUFFIXES = (
    "科技有限公司 信息技术有限公司 网络科技有限公司 电子商务有限公司 实业有限公司 数据服务有限公司 "
    "通信技术有限公司 贸易有限公司 咨询服务有限公司 智能科技有限公司"
).split()


def _rmb_upper(amount: int) -> str:
    return cn2an.an2cn(amount, "rmb")


def _cn_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def draw_values(rng: random.Random) -> dict[str, str]:
    """Every value any slot may use; drawing them all keeps one contract's draws independent of its template."""
    year = rng.choice((2023, 2024, 2025, 2026))
    start = date(year, rng.randint(1, 12), 1)
    months = rng.choice((6, 12, 18, 24, 36))
    end_month = start.month - 1 + months
    end = date(start.year + end_month // 12, end_month % 12 + 1, 1) - timedelta(days=1)
    signed = start - timedelta(days=rng.randint(3, 40))
    amount = rng.randrange(60, 960) * 1000
    monthly = rng.randrange(8, 200) * 1000
    return {
        "year": str(year),
        "edition": rng.choice(("版A版", "版B版", "版C版", "(通用版)", "(修订版)")),
        "notice": rng.choice(("十五", "三十", "四十五", "六十", "九十")),
        "deliver": rng.choice(("二", "三", "五", "七")),
        "effect": rng.choice(("双方签字盖章", "双方法定代表人或授权代表签字并加盖公章", "甲方支付首期服务费")),
        "copies": rng.choice(("一式两份,双方各执一份", "一式四份,双方各执两份", "一式三份,甲方执两份、乙方执一份")),
        "court": rng.choice(("合同签订地", "甲方所在地", "乙方所在地", "服务履行地")),
        "docs_days": rng.choice(("3", "5", "7", "10")),
        "pay_days": rng.choice(("7", "10", "15", "30")),
        "trial": rng.choice(("一千", "两千", "三千", "五千")),
        "settle_day": rng.choice(("3", "5", "8", "10")),
        "cycle": rng.choice(("一个月", "两个月", "一个季度", "半年")),
        "sign_city": rng.choice(CITIES),
        "sign_date": _cn_date(signed),
        "response": rng.choice(("2", "4", "12", "24")),
        "resolve": rng.choice(("24", "48", "72")),
        "amount": str(amount),
        "amount_upper": _rmb_upper(amount),
        "periods": rng.choice(("2", "3", "4", "6", "12")),
        "rate": rng.choice(("5", "8", "10", "15", "20")),
        "start": _cn_date(start),
        "end": _cn_date(end),
        "months": str(months),
        "monthly": str(monthly),
        "monthly_upper": _rmb_upper(monthly),
        "pay_day": rng.choice(("5", "10", "15", "20", "25")),
        "invoice_days": rng.choice(("3", "5", "7", "10")),
        "daily_rate": rng.choice(("0.03", "0.05", "0.1", "0.3")),
        "overdue_days": rng.choice(("15", "30", "45", "60")),
        "secret_years": rng.choice(("1", "2", "3", "5")),
        "term_years": rng.choice(("1", "2", "3")),
        "renew_years": rng.choice(("1", "2")),
        "edition_004": rng.choice(("外包售后运营协议书", "售后运营外包服务协议书")),
    }


# Wording that drifts between copies of a template; each applies to a whole contract or not at all.
WORDING = (
    ("经友好协商", "经平等友好协商"),
    ("本合同未尽事宜", "本合同未尽之事宜"),
    ("具有同等法律效力", "具有同等的法律效力"),
    ("应承担违约责任", "应依法承担违约责任"),
    ("不得泄露给第三方", "不得向任何第三方泄露"),
    ("服务提供商应", "服务商应"),
)

_COURT = Slot(
    "向合同签订地人民法院提起诉讼",
    "向{court}人民法院提起诉讼",
    "向{court}人民法院提起诉讼",
    ("{who}{kind}发生争议协商不成,去哪个法院起诉?", "跟{who}的{kind}打官司归哪里的法院管?"),
)

TEMPLATES: tuple[Template, ...] = (
    Template(
        "000_cfb35bf3898c4559",
        ("外呼协议", "外呼服务协议"),
        (
            Slot("2024年标准外呼服务协议版A版", "{year}年标准外呼服务协议{edition}"),
            Slot(
                "应提前三十日书面通知对方",
                "应提前{notice}日书面通知对方",
                "应提前{notice}日书面通知对方",
                ("和{who}的{kind}提前终止要提前几天通知?", "{who}那份{kind}如果要提前解约,需要提前多久书面通知?"),
                truth=(("notice_days", "{notice}"),),
            ),
            Slot(
                "第三个工作日视为送达",
                "第{deliver}个工作日视为送达",
                "第{deliver}个工作日视为送达",
                ("{who}{kind}里书面通知发出后第几个工作日算送达?",),
            ),
            Slot(
                "本合同自双方签字盖章之日起生效",
                "本合同自{effect}之日起生效",
                "自{effect}之日起生效",
                ("我们和{who}签的{kind}从什么时候开始生效?",),
            ),
            Slot(
                "本合同一式两份,双方各执一份",
                "本合同{copies}",
                "{copies}",
                ("{who}的{kind}一式几份?各方拿几份?",),
            ),
            _COURT,
        ),
        header=True,
    ),
    Template(
        "001_94b3a754702e9508",
        ("电销外呼合同", "电销外呼系统合同"),
        (
            Slot("中国移动通信集团公司天津分公司", "{client}"),
            Slot("兴业银行股份有限公司天津分行", "{provider}"),
            Slot("甲方在天津对乙方服务人员", "甲方在{client_city}对乙方服务人员"),
            Slot("广州移动电话服务营销项目合作框架合同", "{sign_city}移动电话服务营销项目合作框架合同"),
            Slot("甲方:(服务使用方)", "甲方:{client}(服务使用方)"),
            Slot(
                "甲方需在7个工作日内提供",
                "甲方需在{docs_days}个工作日内提供",
                "甲方需在{docs_days}个工作日内提供",
                ("{who}的400外呼业务协议签订后,几个工作日内要交营业执照等证件?",),
            ),
            Slot(
                "甲方收到发票后15日内将款项支付给乙方",
                "甲方收到发票后{pay_days}日内将款项支付给乙方",
                "收到发票后{pay_days}日内将款项支付给乙方",
                ("和{who}的{kind},甲方收到发票后多久要付款?", "{who}{kind}的服务费发票开了以后几天内付钱?"),
            ),
            Slot(
                "试访的数据量不超过三千",
                "试访的数据量不超过{trial}",
                "试访的数据量不超过{trial}",
                ("{who}{kind}里乙方免费试访的数据量上限是多少?",),
            ),
            Slot(
                "甲方于每月5日前",
                "甲方于每月{settle_day}日前",
                "甲方于每月{settle_day}日前",
                ("{who}的{kind}每月几号前要提交外呼结算报表?",),
            ),
        ),
        header=False,
    ),
    Template(
        "002_7b130e11d304cc18",
        ("客服外包合同", "客服系统外包合同"),
        (
            Slot("2024年版湖州电商客服系统外包服务合同", "{year}年版{client_city}电商客服系统外包服务合同"),
            Slot(
                "服务考核周期为一个月",
                "服务考核周期为{cycle}",
                "服务考核周期为{cycle}",
                ("{who}的{kind}服务考核周期多长?", "和{who}签的{kind}多久考核一次?"),
            ),
            Slot(
                "本合同在____年____月____日于____(地点)签订",
                "本合同在{sign_date}于{sign_city}(地点)签订",
                "{sign_date}于{sign_city}",
                ("{who}的{kind}是哪天在哪里签订的?",),
                fill=0.8,
                truth=(("signing_date", "{sign_date}"),),
            ),
            Slot(
                "本合同自双方签字或盖章之日起生效",
                "本合同自{effect}之日起生效",
                "自{effect}之日起生效",
                ("{who}{kind}什么时候生效?",),
            ),
            Slot(
                "如24小时内响应、48小时内解决问题",
                "如{response}小时内响应、{resolve}小时内解决问题",
                "{response}小时内响应",
                ("{who}的{kind}里技术支持要求多少小时内响应?",),
            ),
            _COURT,
        ),
        header=True,
    ),
    Template(
        "003_41a70e96b16da91b",
        ("CRM外包合同", "客户关系管理外包合同"),
        (
            Slot("2025年度客户关系管理外包服务合同", "{year}年度客户关系管理外包服务合同"),
            Slot(
                "本合同服务费用为人民币____元整(大写:____元整),分____期支付",
                "本合同服务费用为人民币{amount}元整(大写:{amount_upper}),分{periods}期支付",
                "本合同服务费用为人民币{amount}元整",
                ("{who}的{kind}服务费总共多少钱?", "和{who}签的{kind}合同金额是多少?"),
                fill=0.85,
                truth=(("amount", "{amount}"), ("amount_basis", "total")),
            ),
            Slot(
                "支付____%的违约金",
                "支付{rate}%的违约金",
                "支付{rate}%的违约金",
                ("{who}{kind}里甲方逾期付款要付百分之几的违约金?",),
                fill=0.85,
            ),
            Slot(
                "自____年____月____日起至____年____月____日止,共计____个月",
                "自{start}起至{end}止,共计{months}个月",
                "至{end}止",
                ("和{who}的{kind}服务期限到哪天为止?", "{who}{kind}的服务期到什么时候结束?"),
                fill=0.85,
                truth=(("term_start", "{start}"), ("term_end", "{end}")),
            ),
            Slot(
                "甲方(盖章):乙方(盖章):签订日期:____年____月____日",
                "甲方(盖章):{client}乙方(盖章):{provider}签订日期:{sign_date}",
                truth=(("signing_date", "{sign_date}"),),
            ),
            _COURT,
        ),
        header=True,
    ),
    Template(
        "004_1c75762982aa1118",
        ("售后运营协议", "售后外包协议"),
        (
            Slot("外包售后运营协议书", "{edition_004}"),
            Slot("甲方(委托方):名称:______________________", "甲方(委托方):名称:{client}"),
            Slot("乙方(受托方):名称:______________________", "乙方(受托方):名称:{provider}"),
            Slot(
                "每月人民币[x]元(大写:[大写金额])",
                "每月人民币{monthly}元(大写:{monthly_upper})",
                "每月人民币{monthly}元",
                ("{who}的{kind}每月服务费是多少?", "和{who}签的{kind}月费多少钱?"),
                fill=0.85,
                truth=(("amount", "{monthly}"), ("amount_basis", "month")),
            ),
            Slot(
                "每月[具体支付日期]前",
                "每月{pay_day}日前",
                "每月{pay_day}日前",
                ("{who}{kind}的费用每月几号前支付?",),
                fill=0.85,
            ),
            Slot(
                "收到款项后的[x]个工作日内",
                "收到款项后的{invoice_days}个工作日内",
                "收到款项后的{invoice_days}个工作日内",
                ("{who}的{kind}乙方收款后几天内开发票?",),
                fill=0.85,
            ),
            Slot(
                "未支付金额的[x%]",
                "未支付金额的{daily_rate}%",
                "未支付金额的{daily_rate}%",
                ("和{who}的{kind}逾期付款每天违约金按多少算?",),
                fill=0.85,
            ),
            Slot(
                "保密期限为本协议生效之日起[x]年",
                "保密期限为本协议生效之日起{secret_years}年",
                "保密期限为本协议生效之日起{secret_years}年",
                ("{who}{kind}的保密期限是几年?",),
                fill=0.85,
            ),
            Slot(
                "有效期为[x]年。协议期满后,双方如无异议,则自动延续[x]年",
                "有效期为{term_years}年。协议期满后,双方如无异议,则自动延续{renew_years}年",
                "有效期为{term_years}年",
                ("{who}的{kind}有效期几年?",),
                fill=0.85,
            ),
            Slot("逾期超过[x]日", "逾期超过{overdue_days}日"),
        ),
        header=False,
    ),
)
