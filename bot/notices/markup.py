"""The small line markup notice templates are written in, shared by the preview and the .docx.

"# " centred title · "@ " addressee · "> " quoted clause · ">> " right-aligned (signature, date)
· "! " drafting note for staff · anything else a body paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

BlockKind = Literal["title", "addressee", "quote", "right", "note", "body"]

# Longest prefix first: ">> " must not be read as a quote.
_PREFIXES: list[tuple[str, BlockKind]] = [
    (">> ", "right"),
    ("> ", "quote"),
    ("# ", "title"),
    ("@ ", "addressee"),
    ("! ", "note"),
]


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str


def parse(rendered: str) -> list[Block]:
    blocks = []
    for line in rendered.splitlines():
        if not line.strip():
            continue
        kind, text = next(((k, line[len(p) :]) for p, k in _PREFIXES if line.startswith(p)), ("body", line))
        blocks.append(Block(kind, text.strip()))
    return blocks


def to_plain(rendered: str) -> str:
    """The preview sent in chat: the same lines without markup."""
    return "\n".join(block.text for block in parse(rendered))
