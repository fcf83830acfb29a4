"""Contract ingestion, clause segmentation and hybrid (dense + BM25) clause search."""
