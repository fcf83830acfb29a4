"""A made-up bilingual trademark licence that gives every article whole in each language: '第三条 许可费', the Chinese
text, then 'Article 3 Licence Fees' and the English text (or the English first, or both side by side on each line).
Shared by the tests that read this layout (tests/test_bilingual.py, tests/test_structure.py)."""

from __future__ import annotations

CN_NUMERALS = "一二三四五"
# (Chinese title, English title, Chinese paragraphs, English paragraphs) of each article.
ARTICLES = [
    ("定义", "Definitions",
     ["本合同中，“许可商标”指附件一所列的注册商标；“许可产品”指被许可方使用许可商标生产和销售的产品。"],
     ["In this Contract, “Licensed Marks” means the registered trademarks listed in Annex 1, and “Licensed "
      "Products” means the products made and sold by the Licensee under the Licensed Marks."]),
    ("许可范围", "Scope of Licence",
     ["许可方授予被许可方在中国大陆使用许可商标的普通许可，许可期限为三年。", "被许可方不得再许可任何第三方使用许可商标。"],
     ["The Licensor grants the Licensee a non-exclusive licence to use the Licensed Marks in mainland China for "
      "three years.", "The Licensee shall not sublicense the Licensed Marks to any third party."]),
    ("许可费", "Licence Fees",
     ["被许可方应于每年一月三十一日前向许可方支付年度许可费人民币十万元。"],
     ["The Licensee shall pay the Licensor an annual licence fee of RMB 100,000 before 31 January of each year."]),
    ("质量控制", "Quality Control",
     ["被许可方应保证许可产品的质量不低于许可方的标准，并接受许可方每年两次的质量检查。"],
     ["The Licensee shall keep the quality of the Licensed Products up to the Licensor's standards and accept two "
      "quality inspections by the Licensor each year."]),
    ("违约责任", "Liability for Breach",
     ["被许可方逾期支付许可费的，每逾期一日，应按应付金额的万分之五向许可方支付违约金。"],
     ["If the Licensee pays a licence fee late, it shall pay the Licensor liquidated damages of 0.05% of the "
      "amount due for each day of delay."]),
]  # fmt: skip
LONG_ARTICLE = 3  # the article `licence(…, long=True)` makes long: each language under 800 characters, both over
ORDERS = ["chinese_first", "english_first", "side_by_side"]


def zh_heading(a: int) -> str:
    return f"第{CN_NUMERALS[a - 1]}条 {ARTICLES[a - 1][0]}"


def en_heading(a: int) -> str:
    return f"Article {a} {ARTICLES[a - 1][1]}"


def paragraphs(a: int, long: bool = False) -> tuple[list[str], list[str]]:
    """Article a's Chinese and English paragraphs; the long article's repeated (a long schedule of duties)."""
    _, _, zh, en = ARTICLES[a - 1]
    times = 6 if long and a == LONG_ARTICLE else 1
    return zh * times, en * times


def licence(order: str, long: bool = False) -> str:
    lines = ["商标使用许可合同", "Trademark Licence Agreement", "", "许可方：某甲品牌管理有限公司", "被许可方：某乙服饰有限公司", ""]
    for a in range(1, len(ARTICLES) + 1):
        zh, en = paragraphs(a, long)
        chinese, english = [zh_heading(a), *zh], [en_heading(a), *en]
        if order == "chinese_first":
            lines += chinese + english
        elif order == "english_first":
            lines += english + chinese
        else:  # each line holds both languages: the heading pair, then each paragraph with its translation
            lines += [f"{zh_heading(a)} {en_heading(a)}", *(f"{z} {e}" for z, e in zip(zh, en))]
    lines += ["", "许可方（盖章）：", "被许可方（盖章）：", "签订日期：2026年3月1日"]
    return "\n".join(lines) + "\n"
