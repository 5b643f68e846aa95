"""Enrichment: linked entities, quotes with speakers, topics."""
