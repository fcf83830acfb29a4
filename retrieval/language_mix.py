"""Dense scores calibrated by the language of the text each vector embeds.

The model scores a text in the question's language higher for its language, not its topic: an English question
sits about as close to any English line ("ARTICLE VI. LIABILITY FOR BREACH", a payment clause's translation) as
to the Chinese clause that answers it, so in an archive of Chinese contracts with a few bilingual ones, an English
question about an office lease ranked a bilingual contract's breach clause first. Each vector's cosine is
therefore read against the question's mean cosine to the vectors of the same language mix (Chinese, mixed,
English): how much closer than the typical text of its language, which the question's language moves as a whole.

A group's mean says its language only when the group spans several contracts' topics: one English contract's
vectors are all about its own subject, and their mean is how related that subject is, so a question about that
very contract would be held down. Below MIN_CONTRACTS contracts in any group, nothing is calibrated.
"""

from __future__ import annotations

import re

import numpy as np

CHINESE, MIXED, ENGLISH = 0, 1, 2
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# A Chinese character carries about as much as three Latin letters (`text.chars.script`). A text whose Latin share
# (letters over letters plus three per character) is under the first bound is Chinese, over the second English,
# else mixed: a bilingual line, an English sentence under a Chinese title.
_LATIN_SHARE = (0.2, 0.8)
# Fewest contracts every language group must span for its mean to say the language rather than a topic. Measured
# on the in-sample sets (README): with no floor, rank-1 hits -4 (contracts-extra +5, but heldout3 unseen -9, whose
# bilingual patent licence is its mixed group alone); with 3, +4, and only contracts-extra (13 and 3 contracts in
# its mixed and English groups) is calibrated.
MIN_CONTRACTS = 3
_MIN_VECTORS = 5  # a group this small (a stray English line) is no group


def text_language(text: str) -> int:
    """CHINESE, MIXED or ENGLISH, by the share of Latin letters in TEXT (the title and headings included, as
    embedded: an English sentence under a Chinese title is read by the model as both)."""
    cjk = len(_CJK.findall(text))
    latin = sum(c.isascii() and c.isalpha() for c in text)
    share = latin / (3 * cjk + latin) if cjk + latin else 0.0
    return CHINESE if share < _LATIN_SHARE[0] else ENGLISH if share > _LATIN_SHARE[1] else MIXED


def calibrating_groups(languages: np.ndarray, contracts: np.ndarray) -> bool:
    """Whether a reference sample (each vector's language group and contract) can calibrate: two language groups
    or more, each spanning MIN_CONTRACTS contracts."""
    groups = [g for g in (CHINESE, MIXED, ENGLISH) if np.count_nonzero(languages == g) >= _MIN_VECTORS]
    return len(groups) > 1 and all(len(np.unique(contracts[languages == g])) >= MIN_CONTRACTS for g in groups)


def group_means(cosines: np.ndarray, languages: np.ndarray) -> np.ndarray:
    """The mean of COSINES (a question's, to a reference sample's vectors) in each language group, indexed by
    group; a group the sample lacks (or holds too few of) gets the mean of them all."""
    means = np.full(3, cosines.mean() if len(cosines) else 0.0, dtype=np.float32)
    for group in (CHINESE, MIXED, ENGLISH):
        inside = languages == group
        if np.count_nonzero(inside) >= _MIN_VECTORS:
            means[group] = cosines[inside].mean()
    return means
