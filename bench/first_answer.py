"""Start-up probe: answer one clause question from a built index, then exit. The bench times it from outside."""

from __future__ import annotations

import sys

from bot.settings import Settings
from retrieval.index import ClauseIndex


def main() -> None:
    settings = Settings()
    index = ClauseIndex.open(settings.data_dir, chroma_url=settings.chroma_url)
    hits = index.search(sys.argv[1] if len(sys.argv) > 1 else "外呼协议提前终止要提前几天通知?", k=3)
    print(hits[0].clause.text if hits else "", flush=True)


if __name__ == "__main__":
    main()
