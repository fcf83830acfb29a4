"""A letter under a contract goes between its parties: a request that names them by a short name or by the role word
the contract gives them gets the names the contract prints, on the side the words around them say."""

from corpus import GLOSSARY, index_contracts

from bot.notices.contracts import ContractPicker
from bot.notices.draft_updates import keep_own_company_ours, name_mentioned_parties, side_of_mention
from bot.notices.fields import RECIPIENT, SENDER

CLEANING = [("甲方", "苏州启明生物科技有限公司", "启明"), ("乙方", "苏州洁美物业服务有限公司", "洁美")]


def sides(message: str, mentions: list[tuple[str, str, str]]) -> dict:
    fields: dict = {}
    name_mentioned_parties(fields, message, mentions)
    return {side: (fields[side]["name"], fields[side]["role"]) for side in (SENDER, RECIPIENT) if fields.get(side)}


def test_our_short_name_after_we_and_theirs_after_a_word_of_dealing() -> None:
    assert sides("我们启明生物要提前解除和洁美物业的保洁服务协议", CLEANING) == {
        SENDER: ("苏州启明生物科技有限公司", "甲方"),
        RECIPIENT: ("苏州洁美物业服务有限公司", "乙方"),
    }


def test_a_party_said_to_owe_is_written_to() -> None:
    message = "启明生物10月份的保洁费42000元到现在还没付，帮我们洁美物业写个催款函"
    assert sides(message, CLEANING) == {
        SENDER: ("苏州洁美物业服务有限公司", "乙方"),
        RECIPIENT: ("苏州启明生物科技有限公司", "甲方"),
    }


def test_the_role_word_a_contract_gives_a_party_names_it_too() -> None:
    message = "冷链运输合同我们（托运方）打算提前解除"
    fields: dict = {}
    notes = name_mentioned_parties(fields, message, [("甲方", "武汉鲜达食品供应链有限公司", "托运方")])
    assert fields[SENDER] == {"name": "武汉鲜达食品供应链有限公司", "role": "甲方"}
    assert fields[RECIPIENT] == {"name": None, "role": "乙方"}  # named from the contract's other party next
    assert notes == ["消息中的“托运方”按合同所载甲方名称填写为“武汉鲜达食品供应链有限公司”，请核对。"]


def test_a_name_of_our_own_stays_unless_it_is_part_of_the_contracts() -> None:
    fields = {SENDER: {"name": "兴业银行天津分行", "role": None}}
    name_mentioned_parties(fields, "我们是兴业银行天津分行", [("乙方", "兴业银行股份有限公司天津分行", "兴业银行天津分行")])
    assert fields[SENDER] == {"name": "兴业银行股份有限公司天津分行", "role": "乙方"}


def test_a_party_named_with_nothing_to_say_whose_it_is_is_left_alone() -> None:
    assert side_of_mention("洁美物业的合同", 0, 4) is None
    assert sides("洁美物业的合同", CLEANING[1:]) == {}


def test_this_side_means_ours() -> None:
    message = "蓝湾餐饮这边要提前终止订阅协议"
    assert side_of_mention(message, 0, 2) == SENDER


def test_a_registered_name_of_our_own_stays_though_it_shares_a_city_with_the_contracts() -> None:
    """天津河西…有限公司 is a company of its own: the 天津 it shares with the contract's 天津分公司 names no party."""
    fields = {SENDER: {"name": "天津河西金融服务外包有限公司", "role": "乙方"}}
    name_mentioned_parties(fields, "我们天津河西金融服务外包有限公司", [("甲方", "中国移动通信集团公司天津分公司", "天津")])
    assert fields[SENDER] == {"name": "天津河西金融服务外包有限公司", "role": "乙方"}


def test_in_english_the_sentence_of_a_role_word_says_whose_it_is() -> None:
    message = "We are Hubei Lingchuan Cold Chain, the carrier. The shipper still hasn't paid the October freight."
    assert side_of_mention(message, message.find("carrier"), message.find("carrier") + 7) == SENDER
    assert side_of_mention(message, message.find("shipper"), message.find("shipper") + 7) == RECIPIENT
    tenant = "We, the tenant under the lease, want to give early notice."
    assert side_of_mention(tenant, tenant.find("tenant"), tenant.find("tenant") + 6) == SENDER


SIGN_MAKERS = [("甲方", "绍兴青石广告有限公司", "青石"), ("乙方", "宁波白帆印务有限公司", "白帆")]


def test_a_name_heading_the_message_as_its_speaker_is_ours() -> None:
    assert sides("白帆印务：青石的印刷费到现在没交，发个催款函", SIGN_MAKERS) == {
        SENDER: ("宁波白帆印务有限公司", "乙方"),
        RECIPIENT: ("绍兴青石广告有限公司", "甲方"),
    }


def test_the_party_that_acts_is_ours() -> None:
    assert side_of_mention("青石要解除和对方的印刷合同", 0, 2) == SENDER


def test_a_party_called_the_other_side_is_theirs_though_it_acts() -> None:
    message = "对方青石要终止印刷合同，我们不同意，发函要求继续履行"
    assert side_of_mention(message, 2, 4) == RECIPIENT


def test_the_first_mention_that_says_whose_it_is_decides() -> None:
    # The first 印务 names the contract; the second, said to be late, names the party written to.
    message = "印务合同那边，印务这周又没按时交货，发整改通知"
    fields: dict = {}
    name_mentioned_parties(fields, message, [("乙方", "宁波白帆印务有限公司", "印务")])
    assert fields[RECIPIENT] == {"name": "宁波白帆印务有限公司", "role": "乙方"}


def test_a_role_is_said_by_its_own_word_or_by_its_stem_with_another_role_suffix() -> None:
    from bot.notices.contracts import _said_alone, _said_by_stem

    roles = ["委印方", "承印单位"]
    assert _said_by_stem("承印方拖着不交货", ["承印单位"], roles) == "承印方"
    assert _said_by_stem("对方拖着不交货", ["承印单位"], roles) == ""
    # 许可方 said inside 被许可方 names the licensor no more than the licensee's word does.
    assert not _said_alone("许可方", "被许可方逾期付款", ["许可方", "被许可方"])
    assert _said_alone("许可方", "我们许可方要解除", ["许可方", "被许可方"])


def test_a_party_over_there_is_theirs() -> None:
    assert side_of_mention("青石那边的印刷合同我们不想做了，提前30天通知", 0, 2) == RECIPIENT


def test_a_party_that_writes_to_the_other_is_ours_though_lateness_follows() -> None:
    # 逾期未付 is said of 青石, the one written to, not of 白帆 who writes.
    assert sides("白帆印务给青石发一份催收函：印刷费逾期未付", SIGN_MAKERS) == {
        SENDER: ("宁波白帆印务有限公司", "乙方"),
        RECIPIENT: ("绍兴青石广告有限公司", "甲方"),
    }


def test_a_party_followed_by_gei_or_xiang_but_sending_nothing_is_not_made_ours() -> None:
    # 给出 / 给的 / 向法院起诉 write no letter: the 我们 of the message (or nothing) decides, never the 给 or 向.
    quote = "松岭物业给出的报价太高，我们要提前终止保洁合同"
    assert side_of_mention(quote, 0, 4) != SENDER
    assert side_of_mention("松岭物业给的整改期限已经过了，发违约通知", 0, 4) != SENDER
    assert side_of_mention("松岭物业向法院起诉了我们", 0, 4) != SENDER
    assert side_of_mention("松岭物业向柏川贸易催收保洁费", 0, 4) == SENDER  # a demand sent: the one who sends it
    assert side_of_mention("松岭物业给柏川贸易写一份催款函", 0, 4) == SENDER


def test_a_party_to_be_chased_or_absent_from_work_is_written_to() -> None:
    assert side_of_mention("青石和它的担保人都要一起催，今天寄出", 0, 2) == RECIPIENT
    assert sides("青石的人这周频繁缺岗，白帆要求他们三日内整改", SIGN_MAKERS) == {
        SENDER: ("宁波白帆印务有限公司", "乙方"),
        RECIPIENT: ("绍兴青石广告有限公司", "甲方"),
    }


def test_the_party_notified_is_written_to() -> None:
    assert side_of_mention("白帆要提前终止印刷合同，通知青石，下周三发", 14, 16) == RECIPIENT


def test_our_own_company_sends_though_the_request_has_the_other_party_act() -> None:
    # Said at the printer's (our own company is 白帆): 青石要提前终止 puts 青石 on our side by its words alone.
    lease = [("甲方", "绍兴青石广告有限公司"), ("乙方", "宁波白帆印务有限公司")]
    fields: dict = {}
    name_mentioned_parties(fields, "青石要提前终止印刷合同，帮忙起草通知", [("甲方", "绍兴青石广告有限公司", "青石")])
    assert fields[SENDER]["name"] == "绍兴青石广告有限公司"
    notes = keep_own_company_ours(fields, lease, ["宁波白帆印务有限公司"])
    assert fields[SENDER] == {"name": "宁波白帆印务有限公司", "role": "乙方"}
    assert fields[RECIPIENT] == {"name": "绍兴青石广告有限公司", "role": "甲方"}
    assert notes and "宁波白帆印务有限公司" in notes[0]
    # Without our own company, or when it is no party of the contract, the words decide as before.
    assert keep_own_company_ours(fields, lease, []) == [] and keep_own_company_ours(fields, lease, ["杭州别家有限公司"]) == []


# An English licence prints its parties' roles in English; a message names them in Chinese, as the glossary reads them.
ENGLISH_LICENCE = """SOFTWARE LICENSE AGREEMENT
Licensor: Amberly Vane Software Ltd.
Licensee: Torrow Quay Freight Co., Ltd.
1. Grant
The Licensor grants the Licensee a licence to run the software at one site.
2. Termination
Either party may end this agreement on thirty days' written notice.
"""


def test_an_english_role_said_inside_the_other_partys_chinese_role_names_that_party_alone(fast_index, tmp_path) -> None:
    """被许可方 holds 许可方: the licensee's word names the licensee alone, and 许可方 said alone the licensor alone."""
    index_contracts(fast_index, tmp_path / "contracts", {"licence": ENGLISH_LICENCE})
    licence = fast_index.contract("licence")
    assert [party.role for party in licence.metadata.parties] == ["Licensor", "Licensee"]
    picker = ContractPicker(fast_index, GLOSSARY)
    assert picker.party_mentions(licence, "被许可方要提前终止这份软件许可协议") == [
        ("乙方", "Torrow Quay Freight Co., Ltd.", "被许可方")
    ]
    assert picker.party_mentions(licence, "许可方要提前终止这份软件许可协议") == [("甲方", "Amberly Vane Software Ltd.", "许可方")]
