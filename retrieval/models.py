"""The data that crosses retrieval's boundary: clauses in, search hits out."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

# The heading the segmenter files the text before a document's first numbered clause under (its recitals and party
# block): retrieval/segment.py and retrieval/outline.py write it.
PREAMBLE = "前言"


class Clause(BaseModel):
    """One answerable passage: a clause (or a ≤800-character piece of one) with where it sits."""

    id: str = Field(description="Stable id: contract_id + part + clause number, e.g. 000_…#p1/8.3.1.1")
    contract_id: str
    contract_title: str
    part: str = Field("", description="篇/部分 the clause sits in, e.g. '第二部分' or '篇二 › 第一部分'")
    article: str = Field("", description="The article heading, e.g. '第八条 合同的生效、变更与终止', 'ARTICLE IV PAYMENT'")
    article_no: str = Field("", description="The article's number as printed, without its title: '第八条', 'ARTICLE IV'")
    clause: str = Field("", description="The clause number as printed, e.g. '8.3.1.1', '(一)', '2.'")
    heading_path: list[str] = Field(default_factory=list)
    text: str
    span: tuple[int, int] = Field(description="[start, end) in the normalised document")
    blanks: list[str] = Field(default_factory=list, description="Unfilled placeholders: [x%], ____ …")
    page: int | None = Field(None, description="1-based page the passage starts on, for files with pages (PDF, scans)")

    @property
    def label(self) -> str:
        """How a lawyer cites it: '第八条 8.3.1.1', 'ARTICLE IV 4.2' (article number plus clause number). A
        passage stored before article numbers were kept apart reads the number off the heading's first word."""
        article_no = self.article_no or (self.article.split(" ")[0] if self.article else "")
        return " ".join(p for p in (self.part, article_no, self.clause) if p) or self.contract_title

    @property
    def page_note(self) -> str:
        """'第3页' for a passage from a paged file, '' otherwise."""
        return f"第{self.page}页" if self.page else ""

    @property
    def heading(self) -> str:
        return " › ".join(self.heading_path)


class SearchHit(BaseModel):
    clause: Clause
    score: float = Field(description="Fused score; higher is better")
    dense: float | None = Field(None, description="Cosine similarity of the dense side, when it ranked the clause")
    lexical: float | None = Field(None, description="BM25 score, when it ranked the clause")


class MetaField(BaseModel):
    """One metadata value and where it came from. An empty value is a field the contract leaves blank
    (or does not have); clause_id is None when the value sits outside every clause (the title, a cover)."""

    value: str = ""
    clause_id: str | None = None
    quote: str = Field("", description="The words the value was read from, as printed (normalised)")


class Party(BaseModel):
    role: str = Field(description="The role as printed, e.g. '甲方(委托方)', '出租方', 'Party A'")
    side: Literal["A", "B", "C"] = Field(description="A: the 甲方 side, B: the 乙方 side, C: a third party")
    name: str = Field("", description="Empty when the contract leaves the name blank")
    clause_id: str | None = None


class NoticePeriod(MetaField):
    count: int | None = None
    unit: Literal["day", "working_day", "week", "month", ""] = ""


class Amount(MetaField):
    basis: Literal["total", "month", "quarter", "year", ""] = Field("", description="What the amount pays for")
    currency: str = Field("", description="The currency as written before a figure in another (USD, NT$); empty: yuan")


class ContractMetadata(BaseModel):
    """What identifies a contract and when it runs out, read at ingest (retrieval/metadata.py)."""

    parties: list[Party] = Field(default_factory=list)
    number: MetaField = Field(default_factory=MetaField)
    type: MetaField = Field(default_factory=MetaField)
    signing_date: MetaField = Field(default_factory=MetaField, description="ISO date")
    term_start: MetaField = Field(default_factory=MetaField, description="ISO date")
    term_end: MetaField = Field(default_factory=MetaField, description="ISO date")
    renewal: MetaField = Field(default_factory=MetaField, description="The renewal rule as written")
    notice_period: NoticePeriod = Field(default_factory=NoticePeriod, description="For termination or non-renewal")
    amount: Amount = Field(default_factory=Amount, description="Decimal string, CNY")
    governing_law: MetaField = Field(default_factory=MetaField, description="The dispute/court clause")

    def party_names(self) -> list[str]:
        return [p.name for p in self.parties if p.name]


class ContractInfo(BaseModel):
    """One ingested contract file (which may hold several 篇, each with its own title)."""

    contract_id: str = Field(description="The file stem, e.g. 000_cfb35bf3898c4559")
    title: str
    titles: list[str] = Field(default_factory=list, description="Title of each 篇, when the file holds several")
    parties: list[str] = Field(default_factory=list, description="Named parties (甲方/乙方), when filled in")
    source: str = Field(description="File name under the contracts directory")
    sha256: str
    clauses: int
    pipeline: str = Field("", description="Fingerprint of the parsing code that made the passages; a new one re-parses")
    metadata: ContractMetadata = Field(default_factory=ContractMetadata)


class IngestReport(BaseModel):
    added: list[ContractInfo] = Field(default_factory=list, description="New or changed contracts")
    unchanged: list[str] = Field(default_factory=list)
    removed: list[str] = Field(default_factory=list)
    failed: dict[str, str] = Field(default_factory=dict, description="File name → why it could not be read")
