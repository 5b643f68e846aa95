"""The same bytes give the same article under any hash seed (set iteration order must not decide)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests import ROOT

SEEDS = ("0", "1", "2", "12345")
PAGE_DIRS = (ROOT / "tests" / "fixtures" / "pages", ROOT / "bench" / "data" / "metadata" / "tune",
             ROOT / "bench" / "data" / "metadata" / "set3", ROOT / "bench" / "data" / "metadata" / "set4",
             ROOT / "bench" / "data" / "metadata" / "set5", ROOT / "bench" / "data" / "metadata" / "set6",
             ROOT / "bench" / "data" / "metadata" / "set7", ROOT / "bench" / "data" / "metadata" / "set8",
             ROOT / "bench" / "data" / "metadata" / "set9", ROOT / "bench" / "data" / "metadata" / "set10")

SCRIPT = r"""
import json, sys
from pathlib import Path
from ingest.extract import Rejected, extract
from ingest.extract.authors import authors
from ingest.extract.metadata import json_ld
from ingest.extract.text import parse_html
out = {}
for d in sys.argv[1:]:
    for p in sorted(Path(d).glob("*.html")):
        soup = parse_html(p.read_bytes().decode("utf-8", "replace"))
        out["authors:" + p.name] = authors(soup, json_ld(soup))  # the byline step on its own
        try:
            c = extract(p.read_bytes(), url="https://www.example.ru/news/1")
            out[p.name] = [c.title, c.body, c.summary, c.published_at.isoformat() if c.published_at else None,
                           getattr(c, "published_precision", None), c.authors, c.language, c.site_name,
                           c.canonical_url, getattr(c, "source", None)]
        except Rejected as exc:
            out[p.name] = ["rejected", str(exc)]
print(json.dumps(out, ensure_ascii=False, sort_keys=True))
"""


def _run(seed: str) -> dict:
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", SCRIPT, *map(str, PAGE_DIRS)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600, check=True)
    return json.loads(done.stdout)


def test_extraction_is_the_same_under_every_hash_seed():
    first = _run(SEEDS[0])
    assert len(first) >= 30
    for seed in SEEDS[1:]:
        other = _run(seed)
        diff = sorted(name for name in first if first[name] != other.get(name))
        assert not diff, f"PYTHONHASHSEED={seed} changed {diff}"
