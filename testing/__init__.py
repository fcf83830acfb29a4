"""Test support shared by tests/ and bench/: a real Chroma server around a block, a fake Telegram Bot API on
loopback, the synthetic-corpus generator and hostile uploads (zip bombs, oversized text, odd names).

Both tests/ and bench/ import from here; this package imports neither, so the two never import each other
(tests/test_import_boundaries.py checks it).
"""
