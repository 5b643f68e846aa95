"""The seed articles shipped in ``data/seed/``: read them into Article records.

The text files are verbatim copies; ``seeds.yaml`` beside them says what is
known about each (source, language, where the title comes from). Unknown dates
and URLs stay empty; a date a public report attests (``date_source: attested``,
with its evidence in the file) becomes the article's publication date. Ids are stable, so indexing the seeds twice leaves exactly
two documents.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from pathlib import Path

import yaml

from ingest.models import Article
from ingest.settings import StoreSettings
from ingest.errors import ConfigError

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def seed_title_and_body(text: str, title_from: str) -> tuple[str, str]:
    """(title, body) from a seed's text, as its metadata says."""
    text = text.strip()
    if title_from == "first_line":
        title, _, body = text.partition("\n")
        return title.strip(), body.strip()
    if title_from == "first_sentence":
        first = _SENTENCE_END.split(text, maxsplit=1)[0]
        # drop an agency dateline such as "OREANDA-NEWS " from the headline
        title = re.sub(r"^[A-Z][A-Z-]+(?:\s+[A-Z][A-Z-]+)*\s+(?=[A-Z][a-z])", "", first).strip()
        return title.rstrip("."), text
    raise ConfigError(f"unknown title_from {title_from!r}")


def _attested_date(entry: dict) -> datetime | None:
    """The publication date seeds.yaml records, only when attested by evidence; noon UTC of that day."""
    raw = entry.get("published_at")
    if not raw:
        return None
    if entry.get("date_source") != "attested" or not entry.get("evidence"):
        raise ConfigError(f"seed {entry.get('id')}: a published_at needs date_source: attested and its evidence")
    try:
        day = date.fromisoformat(str(raw))
    except ValueError as exc:
        raise ConfigError(f"seed {entry.get('id')}: published_at {raw!r} is not a date") from exc
    return datetime(day.year, day.month, day.day, 12, tzinfo=timezone.utc)


def load_seeds(cfg: StoreSettings) -> list[Article]:
    meta_path = cfg.seed_path / "seeds.yaml"
    if not meta_path.is_file():
        raise ConfigError(f"no seed metadata at {meta_path}")
    meta = yaml.safe_load(meta_path.read_text(encoding="utf-8")) or {}
    articles = []
    for entry in meta.get("seeds") or []:
        path: Path = cfg.seed_path / entry["file"]
        if not path.is_file():
            raise ConfigError(f"seed file missing: {path}")
        title, body = seed_title_and_body(path.read_text(encoding="utf-8"), entry.get("title_from", "first_line"))
        articles.append(
            Article(
                id=entry["id"],
                url=entry.get("url") or "",
                title=title,
                body=body,
                source=entry["source"],
                site_name=entry.get("site_name"),
                language=entry.get("language"),
                authors=list(entry.get("authors") or []),
                published_at=_attested_date(entry),
                seed=True,
            )
        )
    return articles
