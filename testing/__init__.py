"""Test support shared by tests/ and bench/: a real Chroma server around a block, a fake Telegram Bot API on
loopback, the synthetic-corpus generator, hostile uploads (zip bombs, oversized text, odd names) and
scanned pages (contract text drawn as page images, for OCR).

Both tests/ and bench/ import from here; this package imports neither, so the two never import each other
(tests/test_import_boundaries.py checks it).
"""
