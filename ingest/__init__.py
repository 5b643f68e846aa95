"""Korea–Russia news ingestion: discover, fetch, clean, enrich and index articles."""

__version__ = "0.1.0"
