"""Where extraction and enrichment spend their time (pyinstrument, sampling).

    python -m bench.profile [--pages 150] [--articles 200] [--top 12] [--html DIR]

Prints, for each stage, the functions with the most time (self time summed
over every call site, and time including callees under the stage's own
modules), plus pyinstrument's call tree. Needs ``pyinstrument`` (5.1.3).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable

from .generate import synth_articles, synth_pages
from .stages import plain_article, warm_enrichment

SEED = 20250101


def _walk(frame, selfs: dict, totals: dict, stack: frozenset, parent: str = "<root>") -> None:
    """Self time per function (synthetic "[self]" frames count for their parent) and inclusive time."""
    if frame.is_synthetic:
        selfs[parent] += frame.time - sum(c.time for c in frame.children)
        key = parent
    else:
        where = f" ({'/'.join(Path(frame.file_path).parts[-2:])}:{frame.line_no})" if frame.file_path and frame.file_path != "<thread>" else ""
        key = f"{frame.function}{where}"
        selfs[key] += frame.time - sum(c.time for c in frame.children)
        if key not in stack:  # recursion counts once
            totals[key] += frame.time
    for child in frame.children:
        _walk(child, selfs, totals, stack | {key}, key)


def profile(fn: Callable[[], Any], top: int, html: Path | None, name: str) -> dict[str, Any]:
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.001)
    profiler.start()
    fn()
    session = profiler.stop()
    root = session.root_frame()
    selfs: dict[str, float] = defaultdict(float)
    totals: dict[str, float] = defaultdict(float)
    _walk(root, selfs, totals, frozenset())
    if html:
        html.mkdir(parents=True, exist_ok=True)
        (html / f"{name}.html").write_text(profiler.output_html(), encoding="utf-8")
    return {
        "duration": session.duration,
        "self": sorted(selfs.items(), key=lambda kv: -kv[1])[:top],
        "inclusive_ingest": sorted(((k, v) for k, v in totals.items() if "ingest" in k or any(
            mod in k for mod in ("extract/", "link.py", "quotes.py", "topics.py", "terms.py", "pipeline.py", "ner.py"))),
            key=lambda kv: -kv[1])[:top],
        "tree": profiler.output_text(unicode=False, color=False, show_all=False),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Profile extraction and enrichment with pyinstrument.")
    ap.add_argument("--pages", type=int, default=150)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--top", type=int, default=12)
    ap.add_argument("--html", type=Path, default=None, help="also write pyinstrument HTML reports here")
    args = ap.parse_args(argv)
    try:
        import pyinstrument  # noqa: F401
    except ImportError:
        print("error: pyinstrument is not installed (pip install pyinstrument==5.1.3)", file=sys.stderr)
        return 1
    from ingest.extract import Rejected, extract
    from ingest.settings import Settings
    from ingest.enrich.enrich import enrich_articles

    pages = synth_pages(args.pages, SEED)
    articles = [plain_article(a) for a in synth_articles(args.articles, SEED + 1)]
    cfg = Settings.from_env()
    warm_enrichment(cfg)
    extract(pages[0].html, pages[0].url, "text/html; charset=utf-8")  # one-time loads (langid model) out of the profile

    def run_extract() -> None:
        for p in pages:
            try:
                extract(p.html, p.url, "text/html; charset=utf-8")
            except Rejected:
                pass

    for name, fn, n in (("extraction", run_extract, len(pages)), ("enrichment", lambda: enrich_articles(articles, cfg), len(articles))):
        res = profile(fn, args.top, args.html, name)
        dur = res["duration"]
        print(f"\n=== {name}: {n} items in {dur:.1f} s ({n / dur:.1f}/s)")
        print("-- self time (summed over call sites)")
        for key, t in res["self"]:
            print(f"  {t:7.2f} s  {100 * t / dur:5.1f}%  {key}")
        print("-- inclusive time, project code")
        for key, t in res["inclusive_ingest"]:
            print(f"  {t:7.2f} s  {100 * t / dur:5.1f}%  {key}")
        print(res["tree"][:8000])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
