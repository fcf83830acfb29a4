"""Contract metadata read at ingest, checked field by field against a ground truth.

    python -m bench.metadata_accuracy 200 [--seed 0] [--out bench/out/corpus-200-seed0]
    python -m bench.metadata_accuracy --real bench/questions/metadata_truth.real.jsonl [--show-misses 50]

With N, generates the synthetic archive (testing/make_corpus.py) unless OUT already holds it and checks it against
the generator's truth. With --real, checks real contracts against a hand-written truth file (one JSON line per
contract, `file` relative to the repository root; bench/questions/README.md). Either way every file is parsed the
way ingest does (no embedding needed) and per-field accuracy is printed as JSON. A field the contract leaves blank
counts as right only when it is read as blank.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from bot.settings import Settings
from testing.make_corpus import TRUTH_FIELDS, make_corpus
from retrieval.parsing import parse_contract
from retrieval.layout import layout_words
from retrieval.metadata import load_field_words
from retrieval.models import ContractMetadata
from text.chars import nfkc, to_simplified

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = Settings(knowledge_dir=ROOT / "knowledge")
REAL_FIELDS = (
    "party_a", "party_a_role", "party_b", "party_b_role", "number", "signing_date", "term_start", "term_end",
    "notice", "amount", "amount_basis",
)


def read_fields(metadata: ContractMetadata) -> dict[str, str]:
    """The product's metadata in the ground truths' terms."""
    by_side = {p.side: p for p in reversed(metadata.parties)}  # the first party of a side
    notice = metadata.notice_period
    amount = metadata.amount.value
    return {
        "party_a": by_side["A"].name if "A" in by_side else "",
        "party_a_role": by_side["A"].role if "A" in by_side else "",
        "party_b": by_side["B"].name if "B" in by_side else "",
        "party_b_role": by_side["B"].role if "B" in by_side else "",
        "number": metadata.number.value,
        "signing_date": metadata.signing_date.value,
        "term_start": metadata.term_start.value,
        "term_end": metadata.term_end.value,
        "notice_days": str(notice.count) if notice.count is not None and notice.unit == "day" else "",
        "notice": f"{notice.count} {notice.unit}" if notice.count is not None else "",
        "amount": format(Decimal(amount).normalize(), "f") if amount else "",
        "amount_basis": metadata.amount.basis,
    }


def _plain(text: str) -> str:
    """Script, width, case and spacing aside: names and roles are compared as the normalised document has them."""
    return re.sub(r"\s+", "", to_simplified(nfkc(text))).lower()


def _same(field: str, truth: str, read: str) -> bool:
    if field == "amount" and truth and read:
        return Decimal(truth) == Decimal(read)
    if field.endswith("_role"):  # the printed role word is in the role read ('委托方' in '甲方(委托方)')
        return _plain(truth) in _plain(read) if truth else True
    if field.startswith("party_"):
        return _plain(truth) == _plain(read)
    return truth == read


def _real_truth(truth_file: Path) -> Iterable[tuple[str, Path, dict[str, str]]]:
    for line in truth_file.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        notice = f"{row['notice_count']} {row['notice_unit']}" if row["notice_count"] else ""
        yield Path(row["file"]).stem, ROOT / row["file"], row | {"notice": notice}


def _generated_truth(out: Path) -> Iterable[tuple[str, Path, dict[str, str]]]:
    for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        yield record["contract_id"], out / "contracts" / record["file"], record["truth"]


def score(cases: Iterable[tuple[str, Path, dict[str, str]]], fields: tuple[str, ...], show_misses: int) -> dict:
    """Per-field accuracy of the product's metadata over (contract id, file, truth) cases, and up to
    `show_misses` misses a field."""
    words, layout = load_field_words(SHIPPED.contract_fields_file), layout_words(SHIPPED.layout_file)
    right, filled, misses = Counter(), Counter(), {f: [] for f in fields}
    contracts = 0
    for contract_id, path, truth in cases:
        contracts += 1
        parsed = parse_contract(path.name, path.read_bytes(), words=layout, field_words=words)
        read = read_fields(parsed.info.metadata)
        for field in fields:
            filled[field] += bool(truth[field])
            if _same(field, truth[field], read[field]):
                right[field] += 1
            elif len(misses[field]) < show_misses:
                misses[field].append({"contract": contract_id, "truth": truth[field], "read": read[field]})
    result = {
        "contracts": contracts,
        "accuracy": {f: round(right[f] / contracts, 3) for f in fields},
        "filled_in_truth": dict(filled),
    }
    if show_misses:
        result["misses"] = {f: m for f, m in misses.items() if m}
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int, nargs="?", help="size of the generated archive")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--real", type=Path, help="a hand-written truth file of real contracts")
    parser.add_argument("--show-misses", type=int, default=0, help="print up to this many misses per field")
    args = parser.parse_args(argv)
    if args.real:
        result = score(_real_truth(args.real), REAL_FIELDS, args.show_misses)
    elif args.n:
        out = args.out or Path("bench/out") / f"corpus-{args.n}-seed{args.seed}"
        if not (out / "manifest.jsonl").exists():
            make_corpus(args.n, args.seed, out)
        result = score(_generated_truth(out), TRUTH_FIELDS, args.show_misses)
    else:
        parser.error("give N (a generated archive) or --real FILE")
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
