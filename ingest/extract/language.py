"""Language detection (placeholder until the extract split lands)."""
from __future__ import annotations


def detect(text: str) -> str | None:
    sample = text[:5000]
    if len(sample.strip()) < 20:
        return None
    import py3langid

    lang, _ = py3langid.classify(sample)
    return lang or None
