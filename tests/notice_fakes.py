"""A tiny in-memory stand-in for retrieval.index.ClauseIndex, for the notice drafter's unit tests."""

from functools import cached_property

from corpus import FIELD_WORDS, GLOSSARY

from retrieval.models import Clause, ContractInfo, SearchHit
from retrieval.resolver import ContractResolver

OUTBOUND = "000_outbound"
CRM = "003_crm"


def clause(contract_id: str, title: str, article: str, number: str, text: str) -> Clause:
    return Clause(
        id=f"{contract_id}#{number}", contract_id=contract_id, contract_title=title,
        article=article, clause=number, text=text, span=(0, len(text)),
    )  # fmt: skip


OUTBOUND_TITLE = "2024年标准外呼服务协议"
CRM_TITLE = "2025年度客户关系管理外包服务合同"
CLAUSES = [
    clause(OUTBOUND, OUTBOUND_TITLE, "第八条 合同的生效、变更与终止", "8.3.1.1",
           "在合同履行期间,任何一方提前终止合同的,应提前三十日书面通知对方。"),
    clause(OUTBOUND, OUTBOUND_TITLE, "第八条 合同的生效、变更与终止", "8.3.2.1",
           "如一方严重违约,对方有权立即终止合同,并追究违约方的违约责任。"),
    clause(OUTBOUND, OUTBOUND_TITLE, "第六条 违约责任", "6.2.3", "如客户迟延支付费用,应承担违约责任。"),
    clause(OUTBOUND, OUTBOUND_TITLE, "第九条 一般条款", "9.4.1", "双方之间的通知应以书面形式进行,并送达对方指定的联系地址。"),
    clause(OUTBOUND, OUTBOUND_TITLE, "第九条 一般条款", "9.4.2", "通知应在发送之日起第三个工作日视为送达。"),
    clause(CRM, CRM_TITLE, "二、服务期限", "2.2", "如双方协商一致,可提前终止或延长本合同服务期限。"),
    clause(CRM, CRM_TITLE, "三、服务费用", "3.3", "如甲方未按时支付费用,乙方有权暂停或终止服务,并要求甲方支付违约金。"),
]  # fmt: skip


class FakeIndex:
    """Ranks a contract's clauses by characters shared with the query: enough to exercise the drafter."""

    def __init__(self, clauses: list[Clause] = CLAUSES) -> None:
        self._clauses = list(clauses)
        self.queries: list[str] = []

    def contracts(self) -> list[ContractInfo]:
        titles = dict.fromkeys((c.contract_id, c.contract_title) for c in self._clauses)
        return [
            ContractInfo(contract_id=cid, title=title, source=f"{cid}.txt", sha256="0" * 64,
                         clauses=len(self.clauses(cid)))
            for cid, title in titles
        ]  # fmt: skip

    def contract(self, contract_id: str | None) -> ContractInfo | None:
        return next((c for c in self.contracts() if c.contract_id == contract_id), None)

    def clauses(self, contract_id: str | None = None) -> list[Clause]:
        return [c for c in self._clauses if contract_id in (None, c.contract_id)]

    @cached_property
    def resolver(self) -> ContractResolver:
        return ContractResolver(self.contracts(), FIELD_WORDS, GLOSSARY)

    def search(self, query: str, k: int = 5, contract_id: str | None = None) -> list[SearchHit]:
        self.queries.append(query)
        scored = [(len(set(query) & set(c.text)), c) for c in self.clauses(contract_id)]
        ranked = sorted(scored, key=lambda pair: -pair[0])[:k]
        return [SearchHit(clause=c, score=float(score)) for score, c in ranked]
