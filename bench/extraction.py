"""Main-text extraction benchmark: ``ingest.extract.extract`` vs trafilatura's defaults.

Data: a folder of NAME.html + NAME.txt (the true body text). Score: 4-gram word
shingles (multisets, lower-cased, Unicode words) per page: precision = shared /
extracted, recall = shared / true. A page where an extractor returns nothing
(or rejects the page) scores P = R = 0. Reported: P and R averaged over pages,
"F1" = harmonic mean of those averages, and "mean F1" = per-page F1 averaged.

    python -m bench.extraction [--data DIR] [--json OUT] [--pages]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

DEFAULT_DATA = Path(__file__).resolve().parent / "data" / "extraction"
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    words = _WORD.findall((text or "").lower())
    if len(words) < n:
        return Counter([tuple(words)]) if words else Counter()
    return Counter(tuple(words[i:i + n]) for i in range(len(words) - n + 1))


def score(extracted: str, true: str) -> tuple[float, float, float]:
    got, want = shingles(extracted), shingles(true)
    if not got or not want:
        return 0.0, 0.0, 0.0
    shared = sum((got & want).values())
    p = shared / sum(got.values())
    r = shared / sum(want.values())
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


@dataclass
class Result:
    name: str
    pages: int = 0
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0  # harmonic mean of averaged P and R
    mean_f1: float = 0.0  # per-page F1, averaged
    seconds: float = 0.0
    failures: int = 0  # pages with empty output or a rejection
    per_page: dict[str, dict[str, float]] = field(default_factory=dict)


def ours(html: bytes) -> str:
    from ingest.extract import Rejected, extract

    try:
        return extract(html).body
    except Rejected:
        return ""


def trafilatura_default(html: bytes) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


EXTRACTORS: dict[str, Callable[[bytes], str]] = {"ours": ours, "trafilatura": trafilatura_default}


def load(data: Path) -> list[tuple[str, bytes, str]]:
    pages = []
    for html_path in sorted(data.glob("*.html")):
        txt = html_path.with_suffix(".txt")
        if not txt.exists():
            print(f"skip {html_path.name}: no {txt.name}", file=sys.stderr)
            continue
        pages.append((html_path.stem, html_path.read_bytes(), txt.read_text(encoding="utf-8")))
    return pages


def run(data: Path, extractors: dict[str, Callable[[bytes], str]] = EXTRACTORS) -> list[Result]:
    pages = load(data)
    results = []
    for name, fn in extractors.items():
        res = Result(name=name, pages=len(pages))
        start = time.perf_counter()
        for page, html, true in pages:
            try:
                out = fn(html)
            except Exception as exc:  # noqa: BLE001 - a crash scores zero and is counted, not fatal
                print(f"{name} crashed on {page}: {type(exc).__name__}: {exc}", file=sys.stderr)
                out = ""
            p, r, f = score(out, true)
            res.failures += not out
            res.per_page[page] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
        res.seconds = round(time.perf_counter() - start, 2)
        if pages:
            n = len(pages)
            res.precision = sum(v["precision"] for v in res.per_page.values()) / n
            res.recall = sum(v["recall"] for v in res.per_page.values()) / n
            res.mean_f1 = sum(v["f1"] for v in res.per_page.values()) / n
            s = res.precision + res.recall
            res.f1 = 2 * res.precision * res.recall / s if s else 0.0
        results.append(res)
    return results


def table(results: list[Result]) -> str:
    lines = [f"{'extractor':<12} {'pages':>5} {'P':>7} {'R':>7} {'F1':>7} {'meanF1':>7} {'empty':>5} {'sec':>6}"]
    for r in results:
        lines.append(f"{r.name:<12} {r.pages:>5} {r.precision:>7.4f} {r.recall:>7.4f} {r.f1:>7.4f} "
                     f"{r.mean_f1:>7.4f} {r.failures:>5} {r.seconds:>6.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Score main-text extraction (4-gram shingle P/R/F1).")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of NAME.html + NAME.txt")
    ap.add_argument("--json", type=Path, help="write the results as JSON here")
    ap.add_argument("--pages", action="store_true", help="also print per-page F1")
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"error: no such folder: {args.data}", file=sys.stderr)
        return 2
    results = run(args.data)
    if not results or not results[0].pages:
        print(f"error: no NAME.html + NAME.txt pairs in {args.data}", file=sys.stderr)
        return 2
    print(table(results))
    if args.pages:
        names = sorted(results[0].per_page)
        print(f"\n{'page':<40} " + " ".join(f"{r.name:>12}" for r in results))
        for page in names:
            print(f"{page:<40} " + " ".join(f"{r.per_page[page]['f1']:>12.3f}" for r in results))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        payload = {"data": str(args.data), "shingle": 4,
                   "f1": "harmonic mean of page-averaged P and R; mean_f1 = average of per-page F1",
                   "results": [asdict(r) for r in results]}
        args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
