"""The glossary bridges the words staff ask with and the words contracts are written in.

English questions get the Chinese contract wording appended ("landlord" → 出租方), everyday Chinese gets the
legal wording (房东 → 出租方, 押金 → 保证金); the lexical search uses both, the embedding the question as asked.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import yaml
from corpus import GLOSSARY, KNOWLEDGE_DIR, index_contracts

from retrieval.glossary import Glossary
from retrieval.lexical import passage_tokens, question_tokens, tokenize


def test_an_english_question_gets_the_chinese_contract_wording():
    added = GLOSSARY.additions("Can the landlord keep the security deposit?")
    assert {"出租方", "出租人", "保证金", "押金"} <= set(added)


def test_the_longest_english_phrase_wins_and_consumes_its_words():
    assert GLOSSARY.additions("early termination") == ["提前终止", "提前解除"]
    assert "违约金" in GLOSSARY.additions("what is the late payment penalty?")


def test_plurals_hyphens_and_case_match_the_entry():
    assert "第三方" in GLOSSARY.additions("claims by third parties")
    assert "发票" in GLOSSARY.additions("When are the invoices issued?")
    assert GLOSSARY.additions("NON-COMPETE") == GLOSSARY.additions("non compete")


def test_an_inflection_the_glossary_does_not_list_meets_its_entry():
    """Entries are base forms ('exclusive', 'install', 'warranty'); a question's other forms of the word reach
    them through a shared Snowball stem and a shared beginning."""
    assert {"独家", "排他"} <= set(GLOSSARY.additions("Is the agent appointed exclusively?"))
    assert "安装" in GLOSSARY.additions("Who pays for installing the equipment?")
    assert {"终止", "解除"} <= set(GLOSSARY.additions("terminating the contract early"))
    assert GLOSSARY.in_chinese("developed software") == "开发软件"


def test_a_word_sharing_only_a_stem_with_an_entry_is_not_matched():
    """'received' and 'receivable' share the stem 'receiv' but not a meaning; 'installation' (安装) and
    'instalment' (分期) likewise: a stem alone never pairs them."""
    glossary = Glossary(english={"receivable": "应收账款", "instalment": "分期"}, aliases={}, terms=(),
                        generic_title_words=(), digest="t")
    assert glossary.additions("when is a notice deemed received?") == []
    assert glossary.additions("the installation date") == []
    assert glossary.additions("two receivables in instalments") == ["应收账款", "分期"]


def test_everyday_contract_english_reaches_the_contract_wording():
    """Words of performance, notice, data and staffing that English questions use and contracts write in
    Chinese."""
    assert "保密" in GLOSSARY.additions("how long do the secrecy obligations last?")
    assert "隐瞒" in GLOSSARY.additions("if the agent hides facts from the tenant")
    assert "联系方式" in GLOSSARY.additions("what counts as contact details?")
    assert {"保洁员", "晚班"} <= set(GLOSSARY.additions("How many cleaners work the evening shift?"))
    assert "主合同" in GLOSSARY.additions("if the main contract ends")
    assert {"周期", "频次"} <= set(GLOSSARY.additions("How often are the figures reconciled?"))
    assert "超过" in GLOSSARY.additions("paid more than a month late")
    assert "违约" in GLOSSARY.additions("if the supplier breaks the contract")


def test_everyday_chinese_reaches_the_contract_wording():
    """Staff say 扣钱, 涨价, 换人 and 受伤 where contracts write 扣减, 调整, 更换 and 工伤; English asks who the
    author is where a Taiwan agreement names the 著作人, and for uptime where a SaaS contract writes 可用率."""
    assert "扣减" in GLOSSARY.additions("迟到了会扣钱吗")
    assert "调整" in GLOSSARY.additions("明年房租会涨价吗")
    assert "更换" in GLOSSARY.additions("司机不靠谱能换人吗")
    assert "工伤" in GLOSSARY.additions("搬运工受伤了谁出医药费")
    assert "著作人" in GLOSSARY.additions("does the author keep any rights to the manual?")
    assert "可用率" in GLOSSARY.additions("what uptime is promised?")


def test_everyday_words_for_night_noise_travel_costs_interest_and_objections_reach_the_contract_wording():
    """Staff say 晚上, 吵人, 路费, 年息, 马上 and 没说话 where contracts write 夜间, 噪声, 旅费, 年利率, 立即 and (未提出)
    异议; in English they ask what to hand back, whether someone is on the hook, and how fast one must reply."""
    assert {"夜间", "噪声"} <= set(GLOSSARY.additions("工地晚上几点以后不能施工吵人"))
    assert "旅费" in GLOSSARY.additions("换人多出来的路费谁掏")
    assert "承担" in GLOSSARY.additions("换人多出来的路费谁掏")
    assert "年利率" in GLOSSARY.additions("这笔借款年息几个点")
    assert {"立即", "归还"} <= set(GLOSSARY.additions("什么情况下要马上还清"))
    assert "异议" in GLOSSARY.additions("合同到期双方都没说话会怎样")
    assert "职务" in GLOSSARY.additions("员工上班时写的文章归谁")
    assert "归还" in GLOSSARY.additions("What do we have to hand back when the deal ends?")
    assert {"承担", "损失"} <= set(GLOSSARY.additions("If the decision loses money, is the consultant on the hook?"))
    assert "回复" in GLOSSARY.additions("How fast must the merchant reply to complaints?")


def test_a_word_with_everyday_meanings_tells_only_inside_a_phrase():
    """'fine', 'break', 'store', 'serve', 'cover' and 'raise' mean other things in everyday English: alone they
    add nothing, and the phrases that fix their contract meaning add its wording."""
    assert "罚款" not in GLOSSARY.additions("Is it fine if we pay late?")
    assert "罚款" in GLOSSARY.additions("Do we have to pay a fine if we pay late?")
    assert not {"违反", "违约"} & set(GLOSSARY.additions("lunch break for the cleaners"))
    assert "门店" not in GLOSSARY.additions("store the signed copies")
    assert "门店" in GLOSSARY.additions("Are the retail stores open on holidays?")
    assert "送达" not in GLOSSARY.additions("serving the customers")
    assert "送达" in GLOSSARY.additions("How is notice served?")
    assert "送达" in GLOSSARY.additions("serving notice by email")
    assert "范围" not in GLOSSARY.additions("does the insurance cover the cost?")
    assert "范围" in GLOSSARY.additions("what does the contract cover?")
    assert "上调" not in GLOSSARY.additions("Can we raise a claim?")
    assert "上调" in GLOSSARY.additions("Can the supplier raise the price?")


def test_an_acronym_matches_only_as_typed_in_upper_case_and_is_never_stemmed():
    """SOW is a statement of work; 'sow' and 'sowing' are farming ('sowing' stems to 'sow')."""
    assert {"工作说明书"} <= set(GLOSSARY.additions("Does the SOW define the deliverables?"))
    assert "工作说明书" not in GLOSSARY.additions("sowing season")
    assert "工作说明书" not in GLOSSARY.additions("as you sow, so shall you reap")
    assert GLOSSARY.additions("the MSAs") == ["框架协议", "主协议"]
    assert GLOSSARY.additions("special VAT invoices") == ["增值税专用发票"]
    glossary = Glossary(english={"IT": "信息技术", "item": "项目"}, aliases={}, terms=(), generic_title_words=(),
                        digest="t")
    assert glossary.additions("Is it an IT item?") == ["信息技术", "项目"]
    assert glossary.additions("is it an item?") == ["项目"]


def test_an_english_word_inside_another_word_is_not_matched():
    glossary = Glossary(english={"rent": "租金"}, aliases={}, terms=(), generic_title_words=(), digest="t")
    assert glossary.additions("the current parent company") == []
    assert glossary.additions("monthly rent") == ["租金"]


def test_an_english_phrase_reads_as_its_chinese_wording_in_order():
    """What a kind phrase ("software development agreement") is named in a Chinese title: each known phrase's
    first wording, longest phrase first, joined in the phrase's order; unknown words are left out."""
    assert GLOSSARY.in_chinese("technical service") == "技术服务"
    assert GLOSSARY.in_chinese("Software-Development") == "软件开发"
    assert GLOSSARY.in_chinese("equipment lease") == "设备租赁"
    assert GLOSSARY.in_chinese("zebra") == ""


def test_everyday_words_get_the_legal_wording_in_both_scripts():
    for question in ("房东什么时候退押金？", "房東什麼時候退押金？"):
        added = GLOSSARY.additions(question)
        assert {"出租方", "出租人", "保证金"} <= set(added), question
    assert "解除劳动合同" in GLOSSARY.additions("辞职要提前多久说")
    assert "劳动报酬" in GLOSSARY.additions("工资每月几号发")


def test_words_that_differ_across_the_strait_reach_the_other_sides_wording():
    """A contract written in Taiwan says 软体, 品质, 价金, 保固, 延展 where a mainland one says 软件, 质量, 价款, 保修, 续约;
    a question in either wording gets the other side's word. 合同 stays unexpanded (nearly every mainland question has
    it), while a Taiwan 合约 or 契约 gets 合同."""
    assert "软体" in GLOSSARY.additions("软件出了问题谁负责")
    assert "软件" in GLOSSARY.additions("軟體出了問題誰負責")
    assert "保固" in GLOSSARY.additions("保修期多长")
    assert "延展" in GLOSSARY.additions("到期会自动续约吗")
    assert "合同" in GLOSSARY.additions("這份契約何時生效")
    assert not {"合约", "契约"} & set(GLOSSARY.additions("这份合同何时生效"))


def test_only_words_the_question_lacks_are_added_each_once():
    added = GLOSSARY.additions("出租方的押金，房东和房主都说不退")
    assert "出租方" not in added
    assert Counter(added).most_common(1)[0][1] == 1
    assert GLOSSARY.expand("合同编号是多少") == "合同编号是多少"


def test_fang_dong_finds_the_chu_zu_fang_clause(fast_index, tmp_path, fake_embedder):
    """A question in everyday words reaches the clause written in legal wording. The embedding ranks with the
    question as it was asked, and only an English question's worded form is embedded too (to report each
    hit's closeness): a Chinese question costs one embedding."""
    lease = (
        "房屋租赁合同\n第一条 出租方义务\n出租方应保证房屋结构安全，并负责主体结构的维修。\n"
        "第二条 承租方义务\n承租方应按时缴纳水电费，合理使用房屋。\n"
    )
    index_contracts(fast_index, tmp_path / "lease", {"lease": lease})

    hits = fast_index.search("房东有哪些义务", k=2, mode="lexical")
    assert hits[0].clause.article == "第一条 出租方义务"
    without = replace(GLOSSARY, aliases={})
    assert without.additions("房东有哪些义务") == []  # the alias, not some other word, made the link

    before = len(fake_embedder.queries)
    fast_index.search("房东有哪些义务", k=2, cached=False)
    assert fake_embedder.queries[before:] == ["房东有哪些义务"]
    english = "What must the landlord repair?"
    before = len(fake_embedder.queries)
    fast_index.search(english, k=2, cached=False)
    assert fake_embedder.queries[before:] == [english, GLOSSARY.expand(english)]


def test_everyday_words_for_loss_competition_copyright_and_subcontracting_reach_the_legal_wording(fast_index, tmp_path):
    """Everyday words for what contracts write in legal terms: 丢了 for 丢失/灭失, 做同行 for 竞业限制, 版权 for the
    知识产权 a contract settles, 亏钱 for 损失, 外包给别人 for 转包/第三人, and the Taiwan words 行销 (marketing) and 支援
    (support). In a made-up contract each question's clause comes first on the lexical side."""
    assert {"丢失", "灭失"} <= set(GLOSSARY.additions("快递在路上丢了谁负责"))
    assert "竞业限制" in GLOSSARY.additions("离职后多久不能做同行")
    assert "知识产权" in GLOSSARY.additions("做出来的东西版权归谁")
    assert "损失" in GLOSSARY.additions("按方案执行结果亏钱了")
    assert {"转包", "第三人"} <= set(GLOSSARY.additions("能不能把活外包给别人"))
    assert "行销" in GLOSSARY.additions("the marketing plan") and "支援" in GLOSSARY.additions("who gives support")
    storage = (
        "冷库租用合同\n第一条 保管责任\n货物在保管期间丢失的，乙方按货物进货价赔偿。\n"
        "第二条 成果归属\n合作期间形成的知识产权归甲方所有。\n"
        "第三条 竞业限制\n乙方人员离职后一年内不得到经营同类业务的单位任职。\n"
        "第四条 转包\n乙方不得将本合同义务交由第三人履行，亦不得转包。\n"
        "第五条 费用\n甲方每月支付租用费。\n"
    )
    index_contracts(fast_index, tmp_path / "storage", {"storage": storage})
    for question, article in [("冷库里的货丢了怎么赔", "第一条 保管责任"), ("冷库合作期间做出来的版权归谁", "第二条 成果归属"),
                              ("冷库的人离职后多久不能做同行", "第三条 竞业限制"), ("冷库能不能外包给别人做", "第四条 转包")]:
        assert fast_index.search(question, k=1, mode="lexical")[0].clause.article == article, question


def test_the_glossary_file_is_well_formed():
    """YAML keeps the last of two equal keys without a word, so a duplicate would silently drop an entry;
    a one-character variant would match inside unrelated words."""

    class Strict(yaml.SafeLoader):
        pass

    def no_duplicates(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict:
        keys = [loader.construct_object(key) for key, _ in node.value]
        duplicated = [key for key, count in Counter(keys).items() if count > 1]
        assert not duplicated, duplicated
        return loader.construct_mapping(node)

    Strict.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, no_duplicates)
    data = yaml.load((KNOWLEDGE_DIR / "glossary.yaml").read_text(encoding="utf-8"), Strict)
    assert set(data) == {"english", "aliases", "terms", "generic_title_words", "dictionary"}
    assert (KNOWLEDGE_DIR / data["dictionary"]).is_file()
    assert all(isinstance(p, str) and isinstance(w, str) and w.split() for p, w in data["english"].items())
    assert all(len(v) >= 2 for variants in data["aliases"].values() for v in variants)
    assert len(set(data["terms"])) == len(data["terms"])


def test_everyday_words_are_reworded_in_place_as_a_title_would_word_them():
    """The resolver reads a kind phrase typed in everyday words as contracts word it: 租房 is 租赁, 房东 is 出租方."""
    assert GLOSSARY.reworded("三方租房") == "三方租赁"
    assert GLOSSARY.reworded("房东的保证金") == "出租方的保证金"
    assert GLOSSARY.reworded("技术服务") == "技术服务"


def test_the_people_and_subjects_that_name_a_contract_in_english_get_its_wording():
    """"the expert adviser" is the 专家顾问 an engagement names, "the shareholder" its 股东, "the builder" the 承包人."""
    assert {"专家", "顾问"} <= set(GLOSSARY.additions("Is the expert adviser counted as our employee?"))
    assert "股东" in GLOSSARY.additions("If a shareholder breaches the confidentiality deal")
    assert "承包人" in GLOSSARY.additions("How much does the builder get upfront?")


DISTRIBUTION_EN = (
    "DISTRIBUTION AGREEMENT\nSection 1 Payment\n1.1 The Distributor shall pay each invoice within thirty (30) days "
    "after receipt.\nSection 2 Delivery\n2.1 The Supplier shall deliver the goods to the Distributor's warehouse.\n"
)


def test_an_english_passage_is_found_by_a_chinese_question_through_the_glossarys_wording_of_its_english():
    """An English passage also holds the glossary's Chinese wording of its phrases (invoice → 发票, pay → 付款), which
    only a question asked in Chinese looks for: an English question finds the passage by its English words once, not
    by the same meaning a second time in Chinese (that outranked the Chinese contracts' clauses, which match its
    wording once). A bilingual passage holds its own Chinese and gets no wording."""
    english = "1.1 The Distributor shall pay each invoice within thirty (30) days after receipt."
    asked_in_chinese = question_tokens("收到发票以后最晚几天得付款", GLOSSARY.terms, in_english=False)
    assert set(passage_tokens(english, GLOSSARY)) & set(asked_in_chinese)
    assert not set(tokenize(english, GLOSSARY.terms)) & set(asked_in_chinese)  # its English words alone share none

    asked = GLOSSARY.expand("How soon must the distributor pay an invoice?")
    asked_in_english = question_tokens(asked, GLOSSARY.terms, in_english=True)
    shared = set(passage_tokens(english, GLOSSARY)) & set(asked_in_english)
    assert shared == set(tokenize(english, GLOSSARY.terms)) & set(asked_in_english)  # its English words only

    bilingual = "1.1 经销商应在收到发票后三十日内付款。The Distributor shall pay each invoice within thirty (30) days."
    assert passage_tokens(bilingual, GLOSSARY) == tokenize(bilingual, GLOSSARY.terms)


def test_a_chinese_question_ranks_an_english_contracts_clause_on_the_lexical_side(fast_index, tmp_path):
    folder = tmp_path / "english"
    folder.mkdir()
    (folder / "distribution_en.txt").write_text(DISTRIBUTION_EN, encoding="utf-8")
    assert not fast_index.ingest([folder]).failed
    hits = fast_index.search("收到发票以后最晚几天得付款？", k=2, contract_id="distribution_en", mode="lexical")
    assert hits and "pay each invoice" in hits[0].clause.text
