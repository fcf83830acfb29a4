"""The document title: the whole title line, in whatever language it is written. Chinese titles are short, English
ones run longer ('MASTER SERVICES AND DATA PROCESSING AGREEMENT' is 45 characters); a title is never cut inside a
word, and a long first line that is a sentence is no title."""

from __future__ import annotations

import pytest
from corpus import LAYOUT

from retrieval.normalize import normalize_document
from retrieval.parsing import parse_contract

BODY = {  # paragraphs a line each, as a word processor saves them (longer than any title line)
    "en": "This Agreement is made on the date of the last signature below between Alpha Ltd (the Customer) and Beta "
    "Ltd (the Supplier), each a company registered in England.\n\n"
    "1. Services\nThe Supplier shall provide the services described in Schedule 1 with reasonable skill and care and "
    "in accordance with good industry practice.\n"
    "2. Fees\nThe Customer shall pay the fees set out in Schedule 2 within thirty days of receiving each correct and "
    "undisputed invoice.\n"
    "3. Term\nThis Agreement starts on the date of the last signature and runs for two years unless terminated "
    "earlier under clause 9.\n",
    "zh": "甲方：某甲科技有限公司\n乙方：某乙信息技术有限公司\n\n"
    "第一条 服务内容\n乙方按附件一所列范围与标准向甲方提供系统运维、故障处理及技术咨询服务，并指派专人负责对接。\n"
    "第二条 费用\n甲方应于每季度结束后十五日内按乙方开具的合法有效发票支付当季服务费，逾期按日万分之五计付违约金。\n"
    "第三条 期限\n本合同有效期两年，自双方签字盖章之日起算；期满前三十日内双方可协商续签，未续签的本合同自动终止。\n",
}
TITLES = [  # (title line, language of the body)
    ("MASTER SERVICES AND DATA PROCESSING AGREEMENT", "en"),
    ("Master Services and Data Processing Agreement", "en"),
    ("DATA CENTRE COLOCATION SERVICES AGREEMENT FOR THE HONG KONG FACILITY", "en"),
    ("软件开发合同", "zh"),
    ("北京某某科技有限公司与上海某某信息技术有限公司之软件开发与技术服务合同", "zh"),
    ("軟體授權使用合約書", "zh"),
    ("數據中心託管服務協議 Data Centre Colocation Services Agreement", "zh"),
    ("数据中心托管服务协议 DATA CENTRE COLOCATION SERVICES AGREEMENT", "en"),
]


def _title(raw: str) -> str:
    return parse_contract("doc.txt", raw.encode(), words=LAYOUT).info.title


@pytest.mark.parametrize(("line", "body"), TITLES, ids=["en", "en-title-case", "en-long", "zh", "zh-long", "zh-traditional", "bilingual-traditional", "bilingual"])
def test_the_title_is_the_whole_title_line(line, body):
    assert _title(f"{line}\n\n{BODY[body]}") == normalize_document(line)


@pytest.mark.parametrize(("line", "body"), TITLES[:3], ids=["upper", "title-case", "long"])
def test_an_english_title_under_a_cover_line_is_still_found_whole(line, body):
    """The title need not be the first line: a short reference line above it is no title."""
    assert _title(f"EXECUTION VERSION\n{line}\n\n{BODY[body]}") == line


def test_a_long_first_line_that_is_a_sentence_is_no_title_and_no_word_is_cut():
    sentence = "This Master Services Agreement is made on 1 March 2026 by Alpha Ltd and Beta Ltd"
    title = _title(f"{sentence}\n\n{BODY['en']}")
    assert title != sentence
    assert sentence.startswith(title) and sentence[len(title)] == " "  # whole words only


def test_a_long_chinese_line_is_no_title():
    """Chinese titles stay within 40 characters: a longer line naming a contract is a sentence of the preamble."""
    line = "本合同系甲乙双方根据中华人民共和国民法典及有关法律法规的规定在平等自愿的基础上经协商一致订立的技术服务合同"
    raw = f"技术服务合同\n{line}\n\n{BODY['zh']}"
    assert _title(raw) == "技术服务合同"
    assert _title(f"{line}\n\n{BODY['zh']}") != line
