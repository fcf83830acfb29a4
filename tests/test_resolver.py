"""The contract resolver and what the assistant does with it: one match is searched, several are asked
about (one question, numbered choices), none is said plainly; the chosen contract stays in focus."""

from __future__ import annotations


import pytest
from catalog_entries import catalog
from corpus import FIELD_WORDS, GLOSSARY, KNOWLEDGE_DIR, LAYOUT, index_at, index_contracts
from shared_parties import CONTRACTS, contract

from bot.assistant import Assistant
from bot.models import Intent, Session
from bot.settings import Settings
from retrieval.index import ClauseIndex
from retrieval.normalize import normalize_query
from retrieval.parsing import parse_contract
from retrieval.resolver import MAX_CHOICES, ContractResolver


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory, real_embedder) -> ClauseIndex:
    index = index_at(tmp_path_factory.mktemp("data"), real_embedder)
    return index_contracts(index, tmp_path_factory.mktemp("contracts"), CONTRACTS)


@pytest.fixture(scope="module")
def assistant(index: ClauseIndex, tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return Assistant(index, Settings(data_dir=tmp_path_factory.mktemp("core"), knowledge_dir=KNOWLEDGE_DIR))


def test_a_party_short_name_a_number_or_a_year_resolves_to_the_matching_contracts(index: ClauseIndex):
    assert index.resolve("和海岳的合同违约金怎么算?").contract_ids == ["c1_ops", "c2_ops"]
    assert index.resolve("宁波海岳物流有限公司那份合同").needs_choice
    assert index.resolve("YW-2025-017 的通知期").contract_ids == ["c2_ops"]
    assert index.resolve("2025年和海岳签的合同").contract_ids == ["c2_ops"]
    assert index.resolve("长帆那份提前终止要提前几天通知").contract_ids == ["c3_ops"]
    assert index.resolve("提前终止要提前几天通知?").contract_ids == []


def test_a_search_runs_inside_the_contract_the_question_names(index: ClauseIndex):
    hits = index.search("长帆那份合同提前终止要提前几天通知?", k=3)
    assert {h.clause.contract_id for h in hits} == {"c3_ops"}
    assert "提前十五日书面通知" in hits[0].clause.text


def test_an_ambiguous_party_gets_one_question_with_choices_then_the_answer_in_the_chosen_contract(
    assistant: Assistant,
):
    session = Session()
    question = assistant.reply("和海岳的合同提前终止要提前几天通知?", session)
    assert question.intent == Intent.CLAUSE and not question.citations
    assert [c.contract_id for c in question.choices] == ["c1_ops", "c2_ops"]
    assert "1. 《系统运维服务合同》" in question.text and "2. 《数据备份服务合同》" in question.text

    answer = assistant.reply("2", session)
    assert answer.citations and answer.citations[0].contract_id == "c2_ops"
    assert "提前六十日书面通知" in answer.citations[0].text
    assert session.contract_id == "c2_ops" and session.choices == []

    follow_up = assistant.reply("那逾期付款的违约金呢?", session)  # the choice stays in focus
    assert follow_up.citations[0].contract_id == "c2_ops" and "千分之一" in follow_up.citations[0].text


def test_a_button_choice_answers_in_that_contract(assistant: Assistant):
    session = Session()
    assistant.reply("海岳那份合同发生争议去哪个法院?", session)
    answer = assistant.choose_contract("c1_ops", session)
    assert answer.citations[0].contract_id == "c1_ops" and "人民法院" in answer.citations[0].text
    assert assistant.choose_contract("c1_ops", session).intent == Intent.UNKNOWN  # offered once, then spent


def test_one_shot_use_never_asks_back_but_searches_the_matches(assistant: Assistant):
    reply = assistant.reply("和海岳的合同提前终止要提前几天通知?", Session(interactive=False))
    assert not reply.choices and {c.contract_id for c in reply.citations} <= {"c1_ops", "c2_ops"}


def test_a_party_no_contract_has_is_said_plainly_with_the_closest_names(assistant: Assistant):
    reply = assistant.reply("和宁波海山物流有限公司签的合同争议怎么解决?", Session())
    assert reply.text.startswith("没有找到与宁波海山物流有限公司签订的合同")
    assert "宁波海岳物流有限公司" in reply.text and not reply.citations


def test_a_picker_takes_part_of_a_name_or_number_and_offers_at_most_eight(index: ClauseIndex):
    assert [c.contract_id for c in index.resolver.pick("海岳")] == ["c1_ops", "c2_ops"]
    assert [c.contract_id for c in index.resolver.pick("2025-020")] == ["c3_ops"]
    assert len(index.resolver.pick("合同", limit=8)) <= 8


def one_contract_resolver(stem: str, title: str, party_a: str, party_b: str) -> ContractResolver:
    text = contract(title, "HT-2024-003", party_a, party_b, "2024年5月6日", "三十", "万分之五")
    info = parse_contract(f"{stem}.txt", text.encode(), words=LAYOUT, field_words=FIELD_WORDS).info
    return ContractResolver([info], FIELD_WORDS, GLOSSARY)


def test_a_contract_is_cited_by_the_leading_number_of_its_id_beside_a_document_word():
    """The contract list shows each id (编号 003_41a70e96b16da91b): "003号合同", "合同003", "contract no. 003" cite it;
    the same digits inside a figure, or a number other ids start with too, cite nothing."""
    titles = {"003_41a70e96": "客户关系管理外包服务合同", "004_1c757629": "外包售后运营协议", "12_a": "运维合同", "12_b": "备份合同"}
    texts = {stem: contract(title, "", "北京启航科技有限公司", "宁波海岳物流有限公司", "2024年5月6日", "三十", "万分之五") for stem, title in titles.items()}
    infos = [parse_contract(f"{stem}.txt", text.encode(), words=LAYOUT, field_words=FIELD_WORDS).info for stem, text in texts.items()]
    resolver = ContractResolver(infos, FIELD_WORDS, GLOSSARY)
    for cited in ("003号合同要提前终止", "合同003，提前终止", "Early termination under contract no. 003, please", "编号003的合同"):
        assert resolver.resolve(cited).contract_ids == ["003_41a70e96"], cited
    assert resolver.resolve("提前终止004号协议").contract_ids == ["004_1c757629"]
    assert resolver.resolve("欠款 8,003 元的合同").contract_ids == []
    assert "12_a" not in resolver.resolve("12号合同").contract_ids


def test_a_number_with_a_unit_after_a_document_word_is_no_id():
    """An uploaded file's id can start with a year (2024-租赁合同) or a count: after 合同 such a number followed by
    年, 天 or 万 dates the contract or counts something, and cites no contract."""
    titles = {"2024-lease": "设备租赁合同", "30-ops": "运维服务合同", "003_crm": "客户关系管理外包服务合同"}
    texts = {stem: contract(title, "", "北京启航科技有限公司", "宁波海岳物流有限公司", "2024年5月6日", "三十", "万分之五") for stem, title in titles.items()}
    infos = [parse_contract(f"{stem}.txt", text.encode(), words=LAYOUT, field_words=FIELD_WORDS).info for stem, text in texts.items()]
    resolver = ContractResolver(infos, FIELD_WORDS, GLOSSARY)
    assert resolver.resolve("合同2024年到期吗").contract_ids == []
    assert resolver.resolve("合同30天内要付款吗").contract_ids == []
    assert resolver.resolve("合同2024的违约金").contract_ids == ["2024-lease"]


def test_a_party_named_with_an_everyday_word_is_not_named_by_that_word_in_passing():
    """Template contracts name parties like “需要”制造公司: "需要提前几天" names no contract, while a trade
    name that is no everyday word (启航) still names its party's contract."""
    resolver = one_contract_resolver("x_license", "软件许可合同", "北京启航科技有限公司", "“需要”制造公司")
    assert resolver.resolve("员工想走人需要提前几天提出？").contract_ids == []
    assert resolver.resolve("启航那份合同提前几天通知？").contract_ids == ["x_license"]


def test_a_party_is_named_only_by_the_words_typed_not_by_the_glossarys_appended_wording():
    """The glossary appends contract vocabulary to a question ("another vendor" → 卖方 供方 供应商); a party whose
    short name is such a word (供应商联盟) is not named by it, only by the words the user typed."""
    resolver = one_contract_resolver("x_alliance", "采购框架合同", "北京启航科技有限公司", "供应商联盟有限公司")
    question = "Can we buy the same parts from another vendor?"
    assert "供应商" in GLOSSARY.expand(question)
    assert resolver.resolve(GLOSSARY.expand(question), as_asked=question).contract_ids == []
    typed = "供应商联盟那份合同的付款期限?"
    assert resolver.resolve(GLOSSARY.expand(typed), as_asked=typed).contract_ids == ["x_alliance"]


def test_a_party_name_printed_with_spaces_is_not_named_by_a_space_and_one_character():
    resolver = one_contract_resolver("x_nda", "保密合约书", "兹有 文讯 基金会", "北京启航科技有限公司")
    assert resolver.resolve("中英文 文本 不一致时以哪个为准?").contract_ids == []
    assert resolver.resolve("文讯那份合同的保密期多久?").contract_ids == ["x_nda"]


def test_a_party_is_named_by_the_distinctive_part_of_its_name_not_by_its_trade_words():
    """A party read from a party table (云杉软件工坊有限公司) is named by 云杉 or 工坊, never by 软件, 杉软 or
    软件工: a question about another contract's 软件开发 stays that contract's, one about 软件工程 names no
    party; a name made only of trade and form words names nothing by a part of it."""
    table = "| 甲方 | 渝州理工学院 |\n| 乙方 | 云杉软件工坊有限公司 |\n| 地址 | 学府路8号 |\n"
    web = contract("网站运维服务合同", "HT-2024-007", "", "", "2024年5月6日", "三十", "万分之五")
    infos = [
        parse_contract("x_web.txt", web.replace("合同编号", table + "合同编号", 1).encode(), words=LAYOUT, field_words=FIELD_WORDS).info,
        one_contract_resolver("x_dev", "软件开发合同", "北京启航科技有限公司", "信息技术服务中心").contracts["x_dev"],
    ]
    assert "云杉软件工坊有限公司" in infos[0].parties
    resolver = ContractResolver(infos, FIELD_WORDS, GLOSSARY)
    assert resolver.resolve("软件开发合同的验收标准是什么?").contract_ids == ["x_dev"]
    assert "party" not in resolver.resolve("软件工程验收不合格怎么办?").named_by
    assert resolver.resolve("杉软那边的运维费多少?").contract_ids == []
    assert resolver.resolve("云杉那份合同的运维费多少?").contract_ids == ["x_web"]
    assert resolver.resolve("技术服务费什么时候付?").contract_ids == []


def test_a_picker_at_three_hundred_contracts_offers_at_most_eight_and_narrows_by_every_word_typed():
    archive = catalog(300)
    resolver = ContractResolver(archive, FIELD_WORDS, GLOSSARY)
    client = archive[120].parties[0]
    short = client[: len(client) - len("有限公司")]  # part of the name, as people type it

    provider = resolver.pick("远景")  # a hundred contracts share this provider
    assert len(provider) == MAX_CHOICES and all("广州远景呼叫中心有限公司" in c.parties for c in provider)
    assert [c.contract_id for c in resolver.pick(short)] == [c.contract_id for c in archive if client in c.parties]
    year = archive[121].metadata.signing_date.value[:4]
    assert [c.contract_id for c in resolver.pick(f"{short} {year}")] == ["syn_00121"]
    assert [c.contract_id for c in resolver.pick("ht 2025 0040")] == ["syn_00040"]
    assert resolver.pick("没有这家公司") == []


def test_the_assistants_picker_lists_all_when_they_fit_and_what_was_typed_otherwise(assistant: Assistant):
    everything = assistant.pick_contracts()
    assert everything.total == 3 and [c.contract_id for c in everything.choices] == ["c1_ops", "c2_ops", "c3_ops"]
    typed = assistant.pick_contracts(" 海岳 ")
    assert typed.typed == "海岳" and [c.contract_id for c in typed.choices] == ["c1_ops", "c2_ops"]
    assert "宁波海岳物流有限公司" in typed.choices[0].label and "《系统运维服务合同》" in typed.choices[0].label
    assert [c.contract_id for c in assistant.pick_contracts("長帆").choices] == ["c3_ops"]  # traditional characters


NOTICE_DAYS = ["五", "十", "十五", "二十", "二十五", "三十", "三十五", "四十", "四十五", "五十", "五十五", "六十"]


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory, real_embedder) -> Assistant:
    """Twelve contracts with one client, more than one question shows: three a year, each its own notice period."""
    contracts = {}
    for n, days in enumerate(NOTICE_DAYS):
        year = 2023 + n % 3
        contracts[f"h{n:02d}_ops"] = contract("系统运维服务合同", f"YW-{year}-{n:03d}", "宁波海岳物流有限公司",
                                              "杭州青禾信息技术有限公司", f"{year}年{n % 12 + 1}月1日", days, "万分之五")
    index = index_at(tmp_path_factory.mktemp("crowded-data"), real_embedder)
    index_contracts(index, tmp_path_factory.mktemp("crowded"), contracts)
    return Assistant(index, Settings(data_dir=tmp_path_factory.mktemp("crowded-core"), knowledge_dir=KNOWLEDGE_DIR))


def test_more_matches_than_fit_show_eight_and_a_typed_year_or_number_narrows_them(crowded: Assistant):
    session = Session()
    question = crowded.reply("和海岳的合同提前终止要提前几天通知？", session)
    assert len(question.choices) == MAX_CHOICES and "找到 12 份相关合同" in question.text and not question.citations
    assert len(session.choices) == len(NOTICE_DAYS)

    narrowed = crowded.reply("2025", session)  # a year: the four contracts signed in 2025, asked again
    assert [c.contract_id for c in narrowed.choices] == ["h02_ops", "h05_ops", "h08_ops", "h11_ops"]
    assert "找到 4 份相关合同" in narrowed.text and not narrowed.citations

    answer = crowded.reply("3", session)
    assert [c.contract_id for c in answer.citations][:1] == ["h08_ops"]
    assert "提前四十五日书面通知" in answer.citations[0].text

    by_number = Session()
    crowded.reply("和海岳的合同提前终止要提前几天通知？", by_number)
    answer = crowded.reply("YW-2024-010", by_number)  # one not among the eight shown
    assert answer.citations[0].contract_id == "h10_ops" and "提前五十五日书面通知" in answer.citations[0].text


def test_the_contract_list_of_a_long_archive_lists_the_first_and_says_how_to_name_one(
    assistant: Assistant, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr("bot.assistant.LISTED_CONTRACTS", 2)  # three contracts stand in for thousands
    reply = assistant.reply("有哪些合同", Session())
    assert reply.intent == Intent.CONTRACTS and reply.text.startswith("共 3 份合同，列出前 2 份：")
    assert reply.text.count("· ") == 2 and "对方名称、合同编号或签订年份" in reply.text


def test_the_other_contracts_rules_search_only_the_contracts_shown(assistant: Assistant, monkeypatch: pytest.MonkeyPatch):
    searched: list[str] = []
    rule_in = assistant.answerer.rule_in
    monkeypatch.setattr(assistant.answerer, "rule_in", lambda topic, cid: searched.append(cid) or rule_in(topic, cid))
    rules = assistant.rules_elsewhere("争议解决", "c1_ops", limit=1)
    assert searched == ["c2_ops"] and [title for title, _ in rules] == ["数据备份服务合同"]
    assert rules[0][1] is not None and "人民法院" in rules[0][1].text


def test_a_notice_draft_asks_for_its_contract_among_eight_and_a_typed_year_narrows_them(crowded: Assistant):
    session = Session()
    asked = crowded.reply("帮我起草一份提前终止通知书", session)
    assert "共 12 份，先列出 8 份" in asked.text and asked.text.count("《系统运维服务合同》 宁波海岳物流有限公司") == MAX_CHOICES
    narrowed = crowded.reply("2025", session)
    assert "与“2025”相符的合同有 4 份" in narrowed.text and "没能识别" not in narrowed.text
    assert session.draft.options == ["h02_ops", "h05_ops", "h08_ops", "h11_ops"]
    crowded.reply("3", session)
    assert session.draft.fields["contract_id"] == "h08_ops" and session.draft.awaiting != "contract"


def titled(titles: dict[str, str]) -> list:
    """The parsed contracts' infos of one template under each of these titles (id → title)."""
    return [
        parse_contract(f"{cid}.txt", contract(title, f"NO-{i}", "", "", "", "三十", "万分之五").encode(),
                       words=LAYOUT, field_words=FIELD_WORDS).info
        for i, (cid, title) in enumerate(titles.items())
    ]


def named_in(resolver: ContractResolver, question: str) -> list[str]:
    """The contracts RESOLVER names for QUESTION, asked as the index asks: normalised, with the glossary's wording
    appended, and the words as typed beside them (sorted: the order names nothing)."""
    plain = normalize_query(question)
    return sorted(resolver.resolve(GLOSSARY.expand(plain), as_asked=plain).contract_ids)



def test_a_kind_of_contract_names_every_title_of_that_kind_and_a_verb_before_合同_names_none():
    """"咨询合同" is every consulting contract (咨询服务合同 too), not only the title that puts 咨询 next to 合同;
    "无故撤销合同" and a lone shared word ("单位") name no kind at all."""
    titles = {"k_tech": "技术咨询合同", "k_intl": "国际工程咨询服务合同", "k_work": "大学生单位实习劳动合同",
              "k_ads": "体验广告商品委托行销合约书"}
    infos = titled(titles)
    resolver = ContractResolver(infos, FIELD_WORDS, GLOSSARY)
    assert sorted(resolver.resolve("咨询合同约定的争议怎么解决?").contract_ids) == ["k_intl", "k_tech"]
    assert resolver.resolve("对方单位中途无故撤销合同,预付款能要回来吗?").contract_ids == []
    assert resolver.resolve("实习劳动合同的试用期多长?").contract_ids == ["k_work"]


def test_合约_and_契约_name_a_合同_title_as_合同_does_and_协议_stays_a_kind_of_its_own():
    """Taiwan writes 合约 or 契约 for 合同: "技術服務契約" names the 技术服务合同, a Taiwan 行销合约书 is named by "行销合同",
    and 协议 still tells the agreement from the contract. The 合同 the glossary appends to a 合约 question does not
    swallow the phrase before it ("保密合约的期限 合同" was read as one phrase ending in that 合同, naming nothing)."""
    titles = {"t_service": "技术服务合同", "t_agreement": "技术服务协议", "t_ads": "体验广告商品委托行销合约书",
              "t_secret": "保密合约书", "t_lease": "房屋租赁合同"}
    resolver = ContractResolver(titled(titles), FIELD_WORDS, GLOSSARY)

    assert named_in(resolver, "技術服務契約的付款方式是什麼?") == ["t_service"]
    assert named_in(resolver, "技术服务协议的付款方式是什么?") == ["t_agreement"]
    assert named_in(resolver, "委托行销合同的佣金怎么算?") == ["t_ads"]
    assert named_in(resolver, "保密合約的期限") == ["t_secret"]


def test_a_company_legal_form_in_a_title_names_no_contract():
    """Every employer is a 公司: a title holding one (杭州某某有限公司劳动合同) is not named by a question about what
    "公司" may do, which with 员工's wording (劳动者) shared two of that title's words and no other's."""
    titles = {"w_firm": "杭州某某有限公司劳动合同", "w_plain": "劳动合同书", "w_intern": "学生实习劳动合同"}
    resolver = ContractResolver(titled(titles), FIELD_WORDS, GLOSSARY)
    question = GLOSSARY.expand("公司能不能让员工周末加班?")
    assert resolver.resolve(question).contract_ids == []
    assert resolver.resolve(GLOSSARY.expand("杭州某某劳动合同的试用期多长?")).contract_ids == ["w_firm"]


def test_an_english_kind_phrase_names_what_its_chinese_wording_names_and_english_titles_count():
    """"under the technical service agreement" names the 技术服务协议 as "技术服务协议" would (the glossary's
    wording, the words before it up to a function word), not every 技术 title; the English words of a bilingual
    contract's title count like a Chinese title's; "this agreement" names nothing."""
    titles = {"e_tech": "技术服务协议", "e_consult": "技术咨询合同", "e_store": "Cold Chain Warehousing Agreement",
              "e_lease": "房屋租赁合同"}
    infos = titled(titles)
    assert {info.contract_id: info.title for info in infos} == titles
    resolver = ContractResolver(infos, FIELD_WORDS, GLOSSARY)

    def named(question: str) -> list[str]:
        return resolver.resolve(GLOSSARY.expand(question)).contract_ids  # as the index asks: with the glossary's wording

    assert named("Under the technical service agreement, when is the fee due?") == ["e_tech"]
    assert named("技术服务协议的费用什么时候付?") == ["e_tech"]
    assert named("Who insures the goods under the cold chain agreement?") == ["e_store"]
    assert named("How much notice does the lease contract require?") == ["e_lease"]
    assert named("What does this agreement say about notices?") == []


def test_an_english_kind_phrase_names_the_title_holding_a_wording_of_most_of_its_terms():
    """A term's wording may be any of its alternatives: "product trial marketing" is 体验 and 行销 in a contract
    written in Taiwan, 推广 in another. The title holding a wording of most terms is named; one holding a single
    term's is not. An acronym the glossary knows (CRM) names its title as the words would."""
    titles = {"m_trial": "体验广告商品委托行销合约书", "m_media": "媒体推广服务合同", "m_ad": "新媒体宣传合作协议",
              "c_crm": "2025年度客户关系管理外包服务合同", "c_desk": "电商客服系统外包服务合同"}
    resolver = ContractResolver(titled(titles), FIELD_WORDS, GLOSSARY)

    def named(question: str) -> list[str]:
        return resolver.resolve(GLOSSARY.expand(question)).contract_ids

    assert named("If the merchant breaks the product-trial marketing contract, how long to fix it?") == ["m_trial"]
    assert named("What does the CRM outsourcing agreement say about fees?") == ["c_crm"]
    assert named("Under the customer service outsourcing contract, who trains the staff?") == ["c_desk"]
    assert named("What does the service agreement say about notices?") == []


def test_template_made_contracts_with_the_same_rule_are_answered_once_with_whose_rule_it_is(crowded: Assistant):
    reply = crowded.reply("发生争议去哪个法院起诉？", Session(interactive=False))
    assert reply.intent == Intent.CLAUSE
    assert "约定相同" in reply.text and reply.text.count("所在地人民法院") == 1
    infos = {c.contract_id: c for c in crowded.index.contracts()}
    cited = {c.contract_id for c in reply.citations}
    assert len(cited) >= 2
    assert all(infos[cid].metadata.signing_date.value in reply.text for cid in cited)


def test_template_made_contracts_whose_rules_differ_are_told_apart_by_more_than_their_title(crowded: Assistant):
    reply = crowded.reply("提前终止合同要提前几天通知？", Session(interactive=False))
    assert reply.text.startswith("各合同规定不同")
    infos = {c.contract_id: c for c in crowded.index.contracts()}
    cited = {c.contract_id for c in reply.citations}
    assert len(cited) >= 2
    assert all(infos[cid].metadata.signing_date.value in reply.text for cid in cited)


def test_a_kind_phrase_in_everyday_words_names_the_title_worded_as_contracts_word_it():
    """"三方租房合同" is how staff say 房屋租赁三方合同: 租房 is read as 租赁 (the glossary's everyday word), and the phrase's
    words are looked for in the titles of its kind apart from the kind word, so 三方 between 租赁 and 合同 still counts;
    "住宅租房合同" names a word no title has, so it names every 租赁 title, and never the agency agreement."""
    titles = {"l_three": "房屋租赁三方合同", "l_home": "房屋租赁合同", "l_office": "租赁合同", "l_agency": "委托招商协议"}
    resolver = ContractResolver(titled(titles), FIELD_WORDS, GLOSSARY)

    assert named_in(resolver, "三方租房合同里中介费最多收多少?") == ["l_three"]
    assert named_in(resolver, "住宅租房合同里房东想提前收房怎么办?") == ["l_home", "l_office", "l_three"]


def test_a_title_written_in_english_only_is_named_by_its_chinese_wording():
    """An English-titled contract ("EQUIPMENT LEASE AGREEMENT") is named by a Chinese question the way a Chinese title
    is: the glossary's wording of its words (设备租赁协议) counts as a title of it, so "設備租賃" names it and not the
    factory lease, and "厂房租赁" still names only the factory lease."""
    titles = {"e_lease": "EQUIPMENT LEASE AGREEMENT", "f_lease": "厂房租赁合同", "e_buy": "设备采购合同"}
    resolver = ContractResolver(titled(titles), FIELD_WORDS, GLOSSARY)

    assert named_in(resolver, "設備租賃的租金按月付嗎？") == ["e_lease"]
    assert named_in(resolver, "设备租赁协议的租金怎么付?") == ["e_lease"]
    assert named_in(resolver, "厂房租赁合同的押金是多少?") == ["f_lease"]


DISTRIBUTION = """EXCLUSIVE DISTRIBUTION AGREEMENT

This Agreement is made on 3 March 2026 between:

Brennwald Feinmechanik GmbH, a company registered in Germany (the "Supplier"); and

Heron Trading Co., Ltd., a company incorporated in the People's Republic of China (the "Distributor").

Section 1 Payment

1.1 The Distributor shall pay each invoice within thirty (30) days after the invoice date.
"""


def test_a_party_written_in_latin_letters_is_named_by_its_own_words_typed_in_any_question():
    """A Latin name has no short name the way 北京启航科技有限公司 has 北京启航: people say one of its own words. Typed
    inside a Chinese question in any case, or capitalised in an English one, Brennwald or Heron names the contract;
    its legal form (GmbH) and trade words (Trading) name nothing, nor does an everyday word in lower case."""
    english = parse_contract("d_dist.txt", DISTRIBUTION.encode(), words=LAYOUT, field_words=FIELD_WORDS).info
    chinese = one_contract_resolver("c_ops", "系统运维服务合同", "北京启航科技有限公司", "宁波海岳物流有限公司").contracts["c_ops"]
    resolver = ContractResolver([english, chinese], FIELD_WORDS, GLOSSARY)

    assert named_in(resolver, "Brennwald收到发票以后最晚几天得付款？") == ["d_dist"]
    assert named_in(resolver, "brennwald那份合同怎么终止?") == ["d_dist"]
    assert named_in(resolver, "How do we get out of the Brennwald deal?") == ["d_dist"]
    assert named_in(resolver, "Heron那边的货款什么时候付?") == ["d_dist"]
    assert named_in(resolver, "启航那份合同提前几天通知？") == ["c_ops"]
    assert named_in(resolver, "Which GmbH or trading company do we pay within thirty days?") == []
    assert named_in(resolver, "Can the heron colony by the warehouse stop deliveries?") == []


TUTORING = """PRIVATE TUTORING SERVICE AGREEMENT

This Agreement is made on 9 June 2026 between:

Quillmere Learning Pte. Ltd., a company registered in Singapore (the "Tutor"); and

Corvath Holdings Ltd., a company incorporated in Hong Kong (the "Family").

1. Fees are paid monthly in advance.
"""


def test_a_capital_that_opens_a_sentence_names_no_party():
    """In English every sentence opens with a capital, so a word there is no name for being capitalised: "Learning
    costs: …" asks about learning, not about Quillmere Learning. Mid-sentence any own word of the name names it, and
    at a sentence's start the name's first word does, as people shorten a company's name ("Quillmere deal: …")."""
    english = parse_contract("t_tutor.txt", TUTORING.encode(), words=LAYOUT, field_words=FIELD_WORDS).info
    other = one_contract_resolver("c_ops", "系统运维服务合同", "北京启航科技有限公司", "宁波海岳物流有限公司").contracts["c_ops"]
    resolver = ContractResolver([english, other], FIELD_WORDS, GLOSSARY)

    assert named_in(resolver, "Learning costs: who pays them?") == []
    assert named_in(resolver, "Fees first. Learning materials, are they included?") == []
    assert named_in(resolver, "What does Quillmere Learning charge a month?") == ["t_tutor"]
    assert named_in(resolver, "When does Corvath pay the fees?") == ["t_tutor"]
    assert named_in(resolver, "Quillmere deal: are fees paid in advance?") == ["t_tutor"]


def test_a_kind_phrase_in_one_language_names_a_title_in_the_other_through_the_glossary():
    """Staff name an English-only contract by its kind in Chinese, and a Chinese one by its kind in English: "分销协议"
    and the Taiwan "代理合約" name the EXCLUSIVE DISTRIBUTION AGREEMENT (经销, 分销 and 代理 are the glossary's wordings of
    distribution), "the building security contract" names the Taiwan 驻卫保全服务契约书 (保全 is how Taiwan says security),
    and neither names the outsourcing contract beside them."""
    titles = {"d_dist": "EXCLUSIVE DISTRIBUTION AGREEMENT", "g_guard": "驻卫保全服务契约书", "c_desk": "客服外包服务合同"}
    resolver = ContractResolver(titled(titles), FIELD_WORDS, GLOSSARY)

    assert named_in(resolver, "分销协议要是闹翻了，去哪里仲裁？") == ["d_dist"]
    assert named_in(resolver, "代理合約到期以後，倉庫裡剩的貨怎麼辦？") == ["d_dist"]
    assert named_in(resolver, "经销协议每年最少要进多少货？") == ["d_dist"]
    assert named_in(resolver, "Under the building security contract, what is the most the guards can be paid?") == ["g_guard"]
    assert named_in(resolver, "保全合约提前多久说不续？") == ["g_guard"]
    assert named_in(resolver, "客服外包合同的服务费多少?") == ["c_desk"]


def test_a_company_described_by_its_trade_or_place_is_no_party_the_contracts_lack():
    """A registered name carries its legal form (有限公司, 股份有限公司): "物业公司", "对方公司" or "买房的银行" describe a
    company, so the question is searched, not refused with "没有找到与物业公司签订的合同". A registered name no contract
    has, or any name typed as the other side of a signing (和…签的), is still said plainly."""
    resolver = one_contract_resolver("p_mgmt", "物业服务合同", "富丽华厦业主委员会", "北京启航物业管理有限公司")
    for described in ("业主家里自用部分坏了，物业公司接不接维修？", "能不能去挖对方公司的人?", "买房的银行贷款批不下来怎么办"):
        assert not resolver.resolve(described).not_found, described
    for stranger in ("和宁波海山物流有限公司签的合同争议怎么解决?", "合同对方的宁波海山物流有限公司要涨价", "和南京飞马科技公司签的合同"):
        assert resolver.resolve(stranger).not_found, stranger


def test_a_party_word_its_contracts_title_also_holds_stays_in_what_is_searched():
    """A question names a contract by its party's short name (捷安保全 → 保全), and the naming words are taken out of
    what is searched inside it; a word the title also holds (保全服务合同) is the contract's topic too, and stays."""
    resolver = one_contract_resolver("g_guard", "保全服务合同", "富丽华厦管理委员会", "捷安保全股份有限公司")
    topic = resolver.resolve("保全人员上班时间在睡觉，管委会可以怎样？")
    assert topic.contract_ids == ["g_guard"] and "保全人员" in topic.rest
    name = resolver.resolve("捷安那边的服务费每月多少？")
    assert name.contract_ids == ["g_guard"] and "捷安" not in name.rest


def test_a_latin_name_is_mentioned_by_any_of_its_own_words():
    """"We're Fernhollow" names Fernhollow Robotics Pte. Ltd.; a word all names share (Robotics is its own here, Ltd.
    is a legal form) or a lower-case word in English running text names no one."""
    resolver = one_contract_resolver("x_latin", "设备维护合同", "Fernhollow Robotics Pte. Ltd.", "北京启航科技有限公司")
    assert resolver.party_mention("We're Fernhollow. Send the notice today.", "Fernhollow Robotics Pte. Ltd.") == "Fernhollow"
    assert resolver.party_mention("Send it to the Ltd. they use.", "Fernhollow Robotics Pte. Ltd.") == ""
