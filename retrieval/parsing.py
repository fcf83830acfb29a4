"""File → clauses: read, normalise, segment. No index, no side effects."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from retrieval.layout import LayoutWords, party_table_rows
from retrieval.loaders import PAGE_BREAK, Progress, UnreadableContract, read_contract
from retrieval.metadata import FieldWords, extract_metadata
from retrieval.models import Clause, ContractInfo, ContractMetadata
from retrieval.normalize import nfkc, normalize_document, strip_pinyin, to_simplified
from retrieval.segment import document_title, segment

# The sharing site repeats the document title on every page: '2024年标准外呼服务协议版A版_第1页'.
_PAGE_TITLE = re.compile(r"(?m)^\s*(.{2,60}?)_第1页\s*$")

# Bounds on one contract, far above real ones (the largest shipped: ~7,000 characters, 93 passages) and
# low enough that one file cannot take minutes of embedding or segmenting: ~800 passages embed in under
# a minute on two busy cores (bench/hostile_inputs.py measures the whole upload).
MAX_CONTRACT_CHARS = 200_000
MAX_PASSAGES = 800


@dataclass(frozen=True)
class ParsedContract:
    info: ContractInfo
    clauses: list[Clause]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _title(raw: str, text: str, words: LayoutWords) -> str:
    page_title = _PAGE_TITLE.search(to_simplified(strip_pinyin(nfkc(raw))))
    return page_title.group(1).strip() if page_title else document_title(text, words)


def with_pages(clauses: list[Clause], text: str) -> list[Clause]:
    """Each passage's page: one more than the page breaks before its start. None for files without pages."""
    if PAGE_BREAK not in text:
        return clauses
    return [c.model_copy(update={"page": text.count(PAGE_BREAK, 0, c.span[0]) + 1}) for c in clauses]


def parse_contract(
    name: str, data: bytes, progress: Progress | None = None, *, words: LayoutWords, field_words: FieldWords | None = None
) -> ParsedContract:
    """Parse one contract file; raises UnreadableContract with the reason when it cannot.
    `words` are the layout word lists (knowledge/layout.yaml, via `Settings.layout_file`); with
    `field_words` its metadata (parties, dates, term, notice…) is read too.
    `progress` hears (pages done, pages to read) while scanned pages go through OCR."""
    contract_id = Path(name).stem
    raw = read_contract(name, data, progress)
    if len(raw) > MAX_CONTRACT_CHARS:
        raise UnreadableContract(f"文字过多（{len(raw):,} 字，上限 {MAX_CONTRACT_CHARS:,} 字）：请拆分后分别上传")
    text = normalize_document(raw, words)
    title = _title(raw, text, words)
    clauses = with_pages(segment(contract_id, text, title, words=words), text)
    if len(clauses) > MAX_PASSAGES:
        raise UnreadableContract(f"条款段落过多（{len(clauses):,} 段，上限 {MAX_PASSAGES:,} 段）：请拆分后分别上传")
    titles = list(dict.fromkeys(c.contract_title for c in clauses))
    metadata = (
        extract_metadata(text, title, clauses, field_words, party_table_rows(text, words)) if field_words else ContractMetadata()
    )
    info = ContractInfo(
        contract_id=contract_id,
        title=title,
        titles=titles if titles != [title] else [],
        parties=list(dict.fromkeys(metadata.party_names())),
        source=Path(name).name,
        sha256=sha256(data),
        clauses=len(clauses),
        metadata=metadata,
    )
    return ParsedContract(info=info, clauses=clauses)
