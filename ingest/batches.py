"""Staging files between stages: JSON lines under ``<data_dir>/runs/<run_id>/``.

Airflow tasks hand each other the path of a batch file, never its contents, so
XCom stays small and a retried task reads exactly what its upstream wrote.
Files are written atomically (temp file + rename).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any, Iterable, Iterator

from .article import Article
from .config import Settings

_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def run_dir(cfg: Settings, run_id: str) -> Path:
    path = cfg.data_dir / "runs" / _SAFE.sub("_", run_id)
    path.mkdir(parents=True, exist_ok=True)
    return path


def batch_path(cfg: Settings, run_id: str, name: str, stage: str) -> Path:
    return run_dir(cfg, run_id) / f"{_SAFE.sub('_', name)}.{stage}.jsonl"


def write_rows(path: Path, rows: Iterable[dict[str, Any]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    os.replace(tmp, path)
    return path


def read_rows(path: str | Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def write_articles(path: Path, articles: Iterable[Article]) -> Path:
    return write_rows(path, ({**a.to_doc(), "_origin": a.origin} for a in articles))


def read_articles(path: str | Path) -> list[Article]:
    out = []
    for row in read_rows(path):
        origin = row.pop("_origin", None)
        article = Article.from_doc(row)
        article.origin = origin
        out.append(article)
    return out
