"""Catalog entries for an archive of any size, without files or vectors: what pickers and lists see.

Each client has three contracts (different years and numbers) with one of a few providers, the way a
company's archive repeats its templates; a brand ("启航") recurs across cities, so part of a name can
match far more contracts than fit on the screen.
"""

from __future__ import annotations

from testing.make_corpus import parties

from retrieval.models import ContractInfo, ContractMetadata, MetaField, Party

TITLES = ("外呼服务协议", "售后运营服务协议", "保洁服务合同", "系统运维服务合同")
PROVIDERS = ("广州远景呼叫中心有限公司", "杭州青禾信息技术有限公司", "苏州远山数据有限公司")
CONTRACTS_PER_CLIENT = 3


def catalog_entry(index: int, client: str) -> ContractInfo:
    year = 2024 + index % CONTRACTS_PER_CLIENT
    metadata = ContractMetadata(
        parties=[
            Party(role="甲方(委托方)", side="A", name=client),
            Party(role="乙方(服务方)", side="B", name=PROVIDERS[index % len(PROVIDERS)]),
        ],
        number=MetaField(value=f"HT-{year}-{index:04d}"),
        signing_date=MetaField(value=f"{year}-{1 + index % 12:02d}-{1 + index % 28:02d}"),
    )
    return ContractInfo(
        contract_id=f"syn_{index:05d}",
        title=TITLES[index % len(TITLES)],
        source=f"syn_{index:05d}.txt",
        sha256=f"{index:064x}",
        clauses=12,
        parties=metadata.party_names(),
        metadata=metadata,
    )


def catalog(n: int, seed: int = 7) -> list[ContractInfo]:
    clients = [full for _, full, _ in parties(-(-n // CONTRACTS_PER_CLIENT), seed)]
    return [catalog_entry(i, clients[i // CONTRACTS_PER_CLIENT]) for i in range(n)]
