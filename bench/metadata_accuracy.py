"""Contract metadata read at ingest, checked field by field against the generator's ground truth.

    python -m bench.metadata_accuracy 200 [--seed 0] [--out bench/out/corpus-200-seed0]

Generates the synthetic archive (testing/make_corpus.py) unless OUT already holds it, parses every file
the way ingest does (no embedding needed), and prints per-field accuracy as JSON. A field the contract
leaves blank counts as right only when it is read as blank.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

from bot.settings import Settings
from testing.make_corpus import TRUTH_FIELDS, make_corpus
from retrieval.parsing import parse_contract
from retrieval.layout import layout_words
from retrieval.metadata import load_field_words
from retrieval.models import ContractMetadata

SHIPPED = Settings(knowledge_dir=Path(__file__).resolve().parents[1] / "knowledge")


def read_fields(metadata: ContractMetadata) -> dict[str, str]:
    """The product's metadata in the ground truth's terms."""
    by_side = {p.side: p.name for p in metadata.parties}
    notice = metadata.notice_period
    amount = metadata.amount.value
    return {
        "party_a": by_side.get("A", ""),
        "party_b": by_side.get("B", ""),
        "number": metadata.number.value,
        "signing_date": metadata.signing_date.value,
        "term_start": metadata.term_start.value,
        "term_end": metadata.term_end.value,
        "notice_days": str(notice.count) if notice.count is not None and notice.unit == "day" else "",
        "amount": str(Decimal(amount).normalize()) if amount else "",
        "amount_basis": metadata.amount.basis,
    }


def _same(field: str, truth: str, read: str) -> bool:
    if field == "amount" and truth and read:
        return Decimal(truth) == Decimal(read)
    return truth == read


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--show-misses", type=int, default=0, help="print up to this many misses per field")
    args = parser.parse_args(argv)
    out = args.out or Path("bench/out") / f"corpus-{args.n}-seed{args.seed}"
    if not (out / "manifest.jsonl").exists():
        make_corpus(args.n, args.seed, out)
    words, layout = load_field_words(SHIPPED.contract_fields_file), layout_words(SHIPPED.layout_file)
    right, filled, misses = Counter(), Counter(), {f: [] for f in TRUTH_FIELDS}
    records = [json.loads(line) for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    for record in records:
        path = out / "contracts" / record["file"]
        read = read_fields(parse_contract(path.name, path.read_bytes(), words=layout, field_words=words).info.metadata)
        for field in TRUTH_FIELDS:
            truth = record["truth"][field]
            filled[field] += bool(truth)
            if _same(field, truth, read[field]):
                right[field] += 1
            elif len(misses[field]) < args.show_misses:
                misses[field].append({"contract": record["contract_id"], "truth": truth, "read": read[field]})
    result = {
        "contracts": len(records),
        "accuracy": {f: round(right[f] / len(records), 3) for f in TRUTH_FIELDS},
        "filled_in_truth": dict(filled),
    }
    if args.show_misses:
        result["misses"] = {f: m for f, m in misses.items() if m}
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
