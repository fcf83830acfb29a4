"""The contract resolver on the generated questions (each names its client): how often it resolves to
exactly the right contract, to several including it, or misses. No embedding needed.

    python -m bench.resolver_accuracy 200 [--seed 0] [--out bench/out/corpus-200-seed0]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from bot.settings import Settings
from retrieval.glossary import load_glossary
from retrieval.parsing import parse_contract
from retrieval.layout import layout_words
from retrieval.metadata import load_field_words
from retrieval.normalize import normalize_query
from retrieval.resolver import ContractResolver
from testing.make_corpus import make_corpus

SHIPPED = Settings(knowledge_dir=Path(__file__).resolve().parents[1] / "knowledge")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    out = args.out or Path("bench/out") / f"corpus-{args.n}-seed{args.seed}"
    if not (out / "manifest.jsonl").exists():
        make_corpus(args.n, args.seed, out)
    glossary, fields, layout = (
        load_glossary(SHIPPED.glossary_file), load_field_words(SHIPPED.contract_fields_file), layout_words(SHIPPED.layout_file)
    )
    files = sorted((out / "contracts").iterdir())
    infos = [parse_contract(f.name, f.read_bytes(), words=layout, field_words=fields).info for f in files]
    resolver = ContractResolver(infos, fields, glossary)
    outcome: Counter[str] = Counter()
    for line in (out / "questions.jsonl").read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        found = resolver.resolve(glossary.expand(normalize_query(case["question"]))).contract_ids
        wanted = case["answers"][0]["contract_id"]
        outcome["exactly the right one" if found == [wanted] else "several, right among them" if wanted in found
                else "none" if not found else "wrong"] += 1
    total = sum(outcome.values())
    print(json.dumps({"contracts": len(infos), "questions": total,
                      "share": {k: round(v / total, 3) for k, v in outcome.items()}}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
