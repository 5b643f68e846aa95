"""Entity and quote-speaker accuracy of enrichment against gold annotations.

Usage: python -m bench.entities [--gold DIR] [--json OUT] [-v]

Without --gold: English (bench/gold/*.txt), Korean (bench/gold/ko) and Russian
(bench/gold/ru) side by side. Each row also scores the naive baseline: the
English pipeline (spaCy NER, English linking and quotes) run on every article
whatever its language.

A gold set is a folder of NAME.txt (the article as plain text, read the way
``ingest enrich FILE`` reads it) and NAME.json::

    {"entities": [{"name": ..., "type": ...}], "quotes": [{"speaker": ..., "text": ...}]}

Entities match on (name, type), names compared with the KB's spelling-
insensitive key after mapping KB aliases to their canonical name; scores are
micro-averaged over articles. Raw spaCy (its entity texts as they stand, labels
mapped PERSON->person, ORG->organization, GPE/LOC/FAC->location, others left
out) is scored on the same articles. A gold quote counts as found when a
predicted quote covers at least 60% of its words; speaker accuracy is the
share of gold quotes found with the right speaker.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ingest.settings import Settings
from ingest.enrich.kb import KB, alias_key, get_kb
from ingest.enrich.link import LABEL_TYPES
from ingest.enrich.ner import load_nlp
from ingest.enrich.enrich import article_text, enrich_text, read_article_file

GOLD_DIR = Path(__file__).resolve().parent / "gold"
# Speaker accuracy per outlet style of the rules before the wire work, measured on bench/gold/wire.
BASELINE = Path(__file__).resolve().parent / "data" / "wire_speakers_baseline.json"
QUOTE_OVERLAP = 0.6


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set, pred: set) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    def scores(self) -> dict[str, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class QuoteCounts:
    gold: int = 0
    found: int = 0
    right_speaker: int = 0
    predicted: int = 0
    predicted_matched: int = 0
    errors: list[dict] = field(default_factory=list)

    def scores(self) -> dict[str, float]:
        return {
            "gold_quotes": self.gold,
            "found": self.found,
            "speaker_accuracy": round(self.right_speaker / self.gold, 4) if self.gold else 0.0,
            "quote_recall": round(self.found / self.gold, 4) if self.gold else 0.0,
            "quote_precision": round(self.predicted_matched / self.predicted, 4) if self.predicted else 0.0,
        }


def canonical_key(name: str | None, kb: KB) -> str:
    if not name:
        return ""
    hit = kb.lookup(name)
    return alias_key(hit.name if hit else name)


def predicted_key(e, gold_set: set) -> tuple[str, str]:
    """(key, type) of a predicted entity; a name romanised from the text (``e.native``) also matches
    gold that wrote it in its own script, the convention of the earlier Korean and Russian gold."""
    if e.native and (alias_key(e.native), e.type) in gold_set:
        return alias_key(e.native), e.type
    return alias_key(e.name), e.type


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def match_quotes(gold: list[dict], pred: list[dict], kb: KB, counts: QuoteCounts, article: str) -> None:
    counts.gold += len(gold)
    counts.predicted += len(pred)
    used: set[int] = set()
    for g in gold:
        gw = _words(g["text"])
        best, best_score = None, 0.0
        for k, p in enumerate(pred):
            if k in used:
                continue
            pw = set(_words(p["text"]))
            score = sum(w in pw for w in gw) / max(1, len(gw))
            if score > best_score:
                best, best_score = k, score
        if best is None or best_score < QUOTE_OVERLAP:
            counts.errors.append({"article": article, "missing": g["text"][:80], "gold_speaker": g.get("speaker")})
            continue
        used.add(best)
        counts.found += 1
        # a speaker outside the KB is also right when written the same in the text (gold and output native: 전하규)
        if canonical_key(g.get("speaker"), kb) in (canonical_key(pred[best].get("speaker"), kb), alias_key(pred[best].get("native") or "-")) \
                or (g.get("native") and alias_key(g["native"]) == alias_key(pred[best].get("native") or "-")):
            counts.right_speaker += 1
        else:
            counts.errors.append(
                {"article": article, "quote": g["text"][:80], "gold_speaker": g.get("speaker"), "speaker": pred[best].get("speaker")}
            )
    counts.predicted_matched += len(used)


def load_gold(folder: Path) -> list[tuple[str, Path, dict]]:
    items = []
    for txt in sorted(folder.glob("*.txt")):
        ann = txt.with_suffix(".json")
        if not ann.exists():
            print(f"skip {txt.name}: no {ann.name}", file=sys.stderr)
            continue
        try:
            items.append((txt.stem, txt, json.loads(ann.read_text(encoding="utf-8"))))
        except ValueError as exc:
            print(f"skip {txt.name}: {ann.name} is not valid JSON ({exc})", file=sys.stderr)
    return items


def evaluate(folder: Path) -> dict:
    cfg = Settings.from_env()
    kb = get_kb()
    nlp = load_nlp(cfg.spacy_model)
    ours, raw = Counts(), Counts()
    quotes = QuoteCounts()
    per_style: dict[str, QuoteCounts] = {}
    per_article = []
    naive, naive_quotes = Counts(), QuoteCounts()
    for name, path, gold in load_gold(folder):
        title, body = read_article_file(path)
        gold_set = {(canonical_key(e["name"], kb), e["type"]) for e in gold.get("entities", [])}
        entities, found_quotes, _ = enrich_text(title, body, cfg)
        pred = {predicted_key(e, gold_set) for e in entities}
        natives = {e.name: e.native for e in entities if e.native}
        n_entities, n_quotes, _ = enrich_text(title, body, cfg, "en")  # the English pipeline on everything
        naive.add(gold_set, {(alias_key(e.name), e.type) for e in n_entities})
        match_quotes(gold.get("quotes", []), [{"speaker": q.speaker, "text": q.text} for q in n_quotes], kb, naive_quotes, name)
        raw_pred = {
            (alias_key(ent.text), LABEL_TYPES[ent.label_])
            for ent in nlp(article_text(title, body)).ents
            if ent.label_ in LABEL_TYPES
        }
        ours.add(gold_set, pred)
        raw.add(gold_set, raw_pred)
        found = [{"speaker": q.speaker, "text": q.text, "native": natives.get(q.speaker)} for q in found_quotes]
        match_quotes(gold.get("quotes", []), found, kb, quotes, name)
        if gold.get("style"):
            match_quotes(gold.get("quotes", []), found, kb, per_style.setdefault(gold["style"], QuoteCounts()), name)
        per_article.append(
            {
                "article": name,
                "missed": sorted(f"{n}/{t}" for n, t in gold_set - pred),
                "spurious": sorted(f"{n}/{t}" for n, t in pred - gold_set),
            }
        )
    return {
        "articles": len(per_article),
        "entities": {"ours": ours.scores(), "naive": naive.scores(), "raw_spacy": raw.scores()},
        "quotes": quotes.scores(),
        "naive_quotes": naive_quotes.scores(),
        "quotes_by_style": {k: {**v.scores(), "right_speaker": v.right_speaker} for k, v in sorted(per_style.items())},
        "quote_errors": quotes.errors,
        "per_article": per_article,
    }


LANGUAGE_SETS = {"en": GOLD_DIR, "wire": GOLD_DIR / "wire", "ko": GOLD_DIR / "ko", "ru": GOLD_DIR / "ru"}


def render(results: dict[str, dict]) -> str:
    """One row per gold set: ours against the naive baseline, entities and quote speakers."""
    head = f"{'set':10}{'articles':>9}{'P':>7}{'R':>7}{'F1':>7}{'naive F1':>10}{'raw spaCy F1':>14}{'speakers':>10}{'naive':>8}{'quotes found':>14}"
    lines = [head]
    for label, r in results.items():
        o, n, raw, q, nq = r["entities"]["ours"], r["entities"]["naive"], r["entities"]["raw_spacy"], r["quotes"], r["naive_quotes"]
        lines.append(
            f"{label:10}{r['articles']:>9}{o['precision']:>7.3f}{o['recall']:>7.3f}{o['f1']:>7.3f}{n['f1']:>10.3f}{raw['f1']:>14.3f}"
            f"{q['speaker_accuracy']:>10.3f}{nq['speaker_accuracy']:>8.3f}{q['found']:>7}/{q['gold_quotes']:<6}"
        )
    return "\n".join(lines)


def style_table(by_style: dict[str, dict]) -> str:
    """Speaker accuracy per outlet style, beside the baseline rules' (bench/data/wire_speakers_baseline.json)."""
    base = json.loads(BASELINE.read_text(encoding="utf-8"))["styles"] if BASELINE.exists() else {}
    lines = [f"{'style':12}{'quotes':>8}{'baseline':>10}{'now':>8}"]
    for style, now in by_style.items():
        b = base.get(style)
        before = f"{b['right_speaker'] / b['quotes']:.3f}" if b and b["quotes"] == now["gold_quotes"] else "-"
        lines.append(f"{style:12}{now['gold_quotes']:>8}{before:>10}{now['speaker_accuracy']:>8.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=None, help="one folder of NAME.txt + NAME.json (default: en, ko and ru side by side)")
    ap.add_argument("--json", type=Path, help="also write the full result here")
    ap.add_argument("--verbose", "-v", action="store_true", help="list misses and quote errors per article")
    args = ap.parse_args(argv)
    sets = {str(args.gold): args.gold} if args.gold else LANGUAGE_SETS
    results = {}
    for label, folder in sets.items():
        if not folder.is_dir():
            print(f"error: gold folder {folder} does not exist", file=sys.stderr)
            return 2
        result = evaluate(folder)
        if not result["articles"]:
            print(f"error: no annotated articles in {folder}", file=sys.stderr)
            return 2
        results[label] = result
    print(render(results))
    print("naive = the English pipeline (spaCy NER, English linking and quotes) on every article; speakers = share of gold quotes found with the right speaker")
    for label, result in results.items():
        if result["quotes_by_style"]:
            print(f"speaker accuracy per outlet style ({label}):")
            print(style_table(result["quotes_by_style"]))
    if args.verbose:
        for label, result in results.items():
            for art in result["per_article"]:
                if art["missed"] or art["spurious"]:
                    print(f"  {label} {art['article']}: missed {art['missed']} spurious {art['spurious']}")
            for err in result["quote_errors"]:
                print(f"  {label} quote: {err}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
