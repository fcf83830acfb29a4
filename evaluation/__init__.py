"""One home for scoring the product on the JSONL case files (the format of ../shared/eval): used by
`contractbot eval`, by the tests and by the benchmarks alike, so they all judge a reply the same way.

    cases     the case formats (clause questions; penalty and notice messages) and their loaders
    clauses   clause retrieval: hit@1, hit@3, MRR@10, and the answer check (the reply's first citation)
    replies   penalty and notice checks: each case is one turn in a fresh, one-shot session
"""
