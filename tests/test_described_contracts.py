"""A question that describes its contract loosely ("顾问公司的…", "the residential lease") without naming it: the
contract whose title, type or party roles hold the description ranks its clause before a near-identical clause of a
sibling contract; a question describing no contract ranks as before (retrieval/descriptions.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

import retrieval.index
from retrieval.descriptions import ContractDescriptions
from retrieval.glossary import Glossary
from retrieval.index import ClauseIndex
from retrieval.models import ContractInfo, ContractMetadata, MetaField, Party

# Two service contracts with the same confidentiality clause but for the years; the technical one says 保密义务 twice,
# so on the clause's words alone it wins. Only the first one's party roles say 顾问 (the party block is no passage).
ADVISER = (
    "专家聘用合同\n甲方(单位方):\n乙方(顾问方):\n"
    "第一条 服务内容\n乙方为甲方提供经营管理方面的意见。\n"
    "第二条 保密\n乙方的保密义务在合同终止后三年内有效。\n"
)
TECHNICAL = (
    "技术服务合同\n委托方:\n服务方:\n"
    "第一条 服务内容\n服务方为委托方维护信息系统。\n"
    "第二条 保密\n保密义务:服务方的保密义务在合同终止后五年内有效。\n"
)
DESCRIBING = "顾问的保密义务在合同终止以后还要管几年?"  # 顾问: a word of one contract's party roles only
PLAIN = "保密义务在合同终止以后还要管几年?"  # describes neither contract


def first_contract(index: ClauseIndex, question: str) -> str:
    return index.search(question, k=4, mode="lexical", cached=False)[0].clause.contract_id


@pytest.fixture
def consulting_archive(fast_index: ClauseIndex, tmp_path: Path) -> ClauseIndex:
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "adviser.txt").write_text(ADVISER, encoding="utf-8")
    (folder / "technical.txt").write_text(TECHNICAL, encoding="utf-8")
    assert not fast_index.ingest([folder]).failed
    assert not fast_index.resolve(DESCRIBING).contract_ids  # the description names no contract for the resolver
    return fast_index


def test_the_described_contract_ranks_its_clause_before_the_siblings(consulting_archive: ClauseIndex):
    assert first_contract(consulting_archive, DESCRIBING) == "adviser"


def test_without_the_contract_step_the_siblings_clause_comes_first(
    consulting_archive: ClauseIndex, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(retrieval.index, "DESCRIBED_CONTRACT_BONUS", 0.0)
    assert first_contract(consulting_archive, DESCRIBING) == "technical"


def test_a_question_describing_no_contract_ranks_as_without_the_step(
    consulting_archive: ClauseIndex, monkeypatch: pytest.MonkeyPatch
):
    with_step = [(h.clause.id, h.score) for h in consulting_archive.search(PLAIN, k=4, mode="lexical", cached=False)]
    monkeypatch.setattr(retrieval.index, "DESCRIBED_CONTRACT_BONUS", 0.0)
    without = [(h.clause.id, h.score) for h in consulting_archive.search(PLAIN, k=4, mode="lexical", cached=False)]
    assert with_step == without


def contract(contract_id: str, title: str, *roles: str) -> ContractInfo:
    parties = [Party(role=role, side=side) for role, side in zip(roles, "ABC")]
    return ContractInfo(
        contract_id=contract_id, title=title, source=f"{contract_id}.txt", sha256="0", clauses=1,
        metadata=ContractMetadata(parties=parties, type=MetaField(value="")),
    )


GLOSSARY = Glossary(
    english={"lessee": "承租方 承租人", "lease": "租赁"}, aliases={"出租方 出租人": ["房东"]}, terms=("承租方", "出租方"),
    generic_title_words=("合同",), digest="test",
)
LEASES = [
    contract("office", "办公用房租赁合同", "出租方(甲方)", "承租方(乙方)"),
    contract("flat", "住宅租赁合同", "出租方(甲方)", "承租方(乙方)"),
    contract("english", "EQUIPMENT LEASE AGREEMENT", "Lessee"),
    contract("purchase", "设备采购合同", "买方(甲方)", "卖方(乙方)"),
]


def test_a_description_word_most_contracts_hold_describes_none():
    # 甲方 and 乙方 are in three of the four descriptions, 合同 is a kind word: only 住宅 tells.
    assert ContractDescriptions(LEASES, GLOSSARY).scores(["甲方", "合同", "住宅"]).keys() == {"flat"}


def test_a_role_counts_once_not_also_its_pieces():
    descriptions = ContractDescriptions(LEASES, GLOSSARY)
    whole = descriptions.scores(["承租方"])
    assert descriptions.scores(["承租", "租方", "承租方"]) == whole


def test_an_english_contract_is_described_by_the_glossarys_wording_of_its_roles():
    # A Chinese question's 承租人 (or a 租客 the glossary words so) describes the English lease, whose roles say Lessee.
    assert ContractDescriptions(LEASES, GLOSSARY).scores(["承租人"]).keys() == {"english"}


def test_an_english_word_describes_by_whole_words_only():
    descriptions = ContractDescriptions([*LEASES, contract("parent", "PARENT COMPANY GUARANTEE")], GLOSSARY)
    assert descriptions.scores(["lease"]).keys() == {"english"}
    assert not descriptions.scores(["rent"])  # no description says rent; 'parent' holds it only as letters


def test_copies_of_one_template_for_different_clients_are_described_alike():
    # Party names are the resolver's, not the description's: a description never picks one client's copy.
    copies = [contract("client_a", "外呼服务合同", "甲方(委托方)", "乙方(服务方)"),
              contract("client_b", "外呼服务合同", "甲方(委托方)", "乙方(服务方)"),
              contract("lease", "房屋租赁合同", "出租方(甲方)", "承租方(乙方)"),
              contract("purchase", "设备采购合同", "买方(甲方)", "卖方(乙方)")]
    copies[0].metadata.parties[0].name, copies[1].metadata.parties[0].name = "北京启航科技有限公司", "宁波海岳物流有限公司"
    scores = ContractDescriptions(copies, GLOSSARY).scores(["外呼", "启航", "委托方"])
    assert scores.keys() == {"client_a", "client_b"} and scores["client_a"] == scores["client_b"]
