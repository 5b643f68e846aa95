"""Who said what, and who is who: the quality figures, per language, as one JSON file.

Usage: python -m bench.quality [--json bench/results/quality.json] [--sets NAME=DIR ...]

Per gold folder (see ``bench/entities.py`` for the format), split by the
language each article is detected in:

- English quote speakers, and Korean + Russian quote speakers (share of gold
  quotes found with the right speaker);
- Korean + Russian key entities (share of gold entities found, by canonical
  name and type);
- English entity precision and recall;
- persons absent from the KB: share that come out as exactly one person in
  Latin letters (``bench/gold/round5/README.md`` says how a name is compared).

The default sets are the round-13 held-back set first, then its dev set, then
the earlier gold sets (rounds 5 and 6 among them) as regression.
"""

from __future__ import annotations

import argparse
from datetime import date
import json
import re
import sys
from pathlib import Path

from ingest.settings import Settings
from ingest.enrich.kb import alias_key, get_kb
from ingest.enrich.enrich import enrich_text, language_of
from ingest.extract.plaintext import read_article_file

from bench.entities import Counts, QuoteCounts, canonical_key, load_gold, match_quotes, predicted_key

GOLD = Path(__file__).resolve().parent / "gold"
RESULTS = Path(__file__).resolve().parent / "results" / "quality.json"
LATEST_ROUND = 13  # the round whose held-back third comes first


def _rounds(latest: int) -> dict[str, Path]:
    """The latest round's held-back third and dev part, then every earlier round's (5 on) as regression sets."""
    sets = {f"round{latest} held back": GOLD / "heldout" / f"round{latest}", f"round{latest} dev": GOLD / f"round{latest}"}
    for n in range(latest - 1, 4, -1):
        sets[f"round{n} held back (earlier)"] = GOLD / "heldout" / f"round{n}"
        sets[f"round{n} dev (earlier)"] = GOLD / f"round{n}"
    return sets


DEFAULT_SETS = {
    **_rounds(LATEST_ROUND),
    "en (earlier)": GOLD,
    "ko (earlier)": GOLD / "ko",
    "ru (earlier)": GOLD / "ru",
    "held-out ko (earlier)": GOLD / "heldout" / "ko",
    "held-out ru (earlier)": GOLD / "heldout" / "ru",
    "wire (earlier)": GOLD / "wire",
    "held-out wire4 (earlier)": GOLD / "heldout" / "wire4",
}

_CLASSES = [("bpfv", "P"), ("dt", "T"), ("gkcq", "K"), ("szjx", "S"), ("lr", "R"), ("m", "M"), ("n", "N")]
_CLASS = {ch: cls for letters, cls in _CLASSES for ch in letters}


def phonetic_key(name: str) -> str:
    """Consonant classes per word, vowels and h/w/y dropped: 'Andrey Lankov' == 'Andrei Lankov'."""
    words = re.findall(r"[a-z]+", alias_key_words(name))
    words = [w.replace("ch", "s").replace("sh", "s").replace("x", "ks") for w in words]  # Alexander = Aleksandr
    return " ".join("".join(_CLASS.get(ch, "") for ch in re.sub(r"(.)\1+", r"\1", w)) for w in words)


def alias_key_words(name: str) -> str:
    return " ".join(alias_key(w) for w in re.split(r"[\s\-]+", name) if w)


def is_latin(name: str) -> bool:
    return bool(re.search(r"[A-Za-z]", name)) and not re.search(r"[\u0400-\u04ff\uac00-\ud7a3]", name)


def unknown_person_right(gold: dict, predicted: list, kb) -> bool:
    """Exactly one person entity stands for the gold person, and it is in Latin letters."""
    keys = {alias_key(gold["name"])}
    if gold.get("native"):
        keys.add(alias_key(gold["native"]))
    phon = phonetic_key(gold["name"])
    surname = alias_key(gold["name"].split()[-1])
    native_surname = alias_key(gold["native"].split()[-1 if re.search(r"[\u0400-\u04ff]", gold["native"]) else 0]) if gold.get("native") else None

    first = alias_key(gold["name"].split()[0])

    def stands_for(e) -> bool:
        k = alias_key(e.name)
        words = e.name.split()
        return (k in keys or (e.native and alias_key(e.native) in keys) or (is_latin(e.name) and phonetic_key(e.name) == phon)
                or (len(words) == 1 and k in {surname, native_surname}))

    def a_piece(e) -> bool:  # a cut or split form of the same unknown name ("Kim Khyon" beside "Kim Hyon-uk")
        return e.in_kb is False and len(e.name.split()) > 1 and alias_key(e.name.split()[0]) == first

    hits = [e for e in predicted if e.type == "person" and stands_for(e)]
    pieces = [e for e in predicted if e.type == "person" and e not in hits and a_piece(e)]
    return len(hits) == 1 and not pieces and is_latin(hits[0].name)


def evaluate(folder: Path, cfg: Settings) -> dict:
    kb = get_kb()
    ent = {"en": Counts(), "koru": Counts()}
    quotes = {"en": QuoteCounts(), "koru": QuoteCounts()}
    unknown = {"gold": 0, "right": 0, "misses": []}
    marked = {"gold": 0, "right": 0}  # the persons the gold marks as absent from the KB when it was written
    misses = []
    articles = 0
    for name, path, gold in load_gold(folder):
        title, body = read_article_file(path)
        language = language_of(title, body, None)
        side = "en" if language == "en" else "koru"
        day = date.fromisoformat(gold["date"]) if gold.get("date") else None  # the page's day, as the pipeline has it
        entities, found, _ = enrich_text(title, body, cfg, language, day)
        gold_set = {(canonical_key(e["name"], kb), e["type"]) for e in gold.get("entities", [])}
        # a person outside the KB whose native form the gold gives (전하규) is right in that form too
        by_native = {(alias_key(e["native"]), e["type"]): (canonical_key(e["name"], kb), e["type"])
                     for e in gold.get("entities", []) if e.get("native")}
        pred = {by_native.get((alias_key(e.native), e.type), predicted_key(e, gold_set)) if e.native else predicted_key(e, gold_set)
                for e in entities}
        ent[side].add(gold_set, pred)
        natives = {e.name: e.native for e in entities if e.native}
        gold_native = {e["name"]: e["native"] for e in gold.get("entities", []) if e.get("native")}
        gold_quotes = [{**q, "native": gold_native.get(q.get("speaker"))} for q in gold.get("quotes", [])]
        match_quotes(gold_quotes, [{"speaker": q.speaker, "text": q.text, "native": natives.get(q.speaker)} for q in found],
                     kb, quotes[side], name)
        for g in gold.get("entities", []):
            if g["type"] == "person" and g.get("kb") is False:
                marked["gold"] += 1
                marked["right"] += unknown_person_right(g, entities, kb)
            if g["type"] == "person" and kb.lookup(g["name"]) is None:
                unknown["gold"] += 1
                if unknown_person_right(g, entities, kb):
                    unknown["right"] += 1
                else:
                    unknown["misses"].append({"article": name, "person": g["name"],
                                              "persons_out": sorted(e.name for e in entities if e.type == "person")})
        misses.append({"article": name, "language": language, "missed": sorted(f"{n}/{t}" for n, t in gold_set - pred),
                       "spurious": sorted(f"{n}/{t}" for n, t in pred - gold_set)})
        articles += 1
    out = {"articles": articles}
    for side in ("en", "koru"):
        q, c = quotes[side].scores(), ent[side].scores()
        out[side] = {"quote_speakers": {"right": quotes[side].right_speaker, "gold": quotes[side].gold,
                                         "share": q["speaker_accuracy"], "found": q["found"]},
                     "entities": c}
    out["unknown_persons"] = {"gold": unknown["gold"], "right": unknown["right"],
                              "share": round(unknown["right"] / unknown["gold"], 4) if unknown["gold"] else None,
                              "misses": unknown["misses"]}
    out["persons_marked_absent"] = {**marked, "share": round(marked["right"] / marked["gold"], 4) if marked["gold"] else None}
    out["quote_errors"] = quotes["en"].errors + quotes["koru"].errors
    out["per_article"] = misses
    return out


def _pct(right: int, total: int) -> str:
    return f"{right}/{total} ({right / total:.0%})" if total else "–"


def render(results: dict[str, dict]) -> str:
    """The Markdown table of docs/quality.md."""
    head = ("| set | articles | EN quote speakers | KO+RU quote speakers | KO+RU key entities | "
            "EN entity P / R | persons absent from the KB | marked absent in the gold |")
    lines = [head, "|" + "---|" * 8]
    for label, r in results.items():
        en, koru, u = r["en"], r["koru"], r["unknown_persons"]
        ke = koru["entities"]
        ee = en["entities"]
        lines.append(
            f"| {label} | {r['articles']} | {_pct(en['quote_speakers']['right'], en['quote_speakers']['gold'])} | "
            f"{_pct(koru['quote_speakers']['right'], koru['quote_speakers']['gold'])} | "
            f"{_pct(ke['tp'], ke['tp'] + ke['fn'])} | "
            + (f"{ee['precision']:.3f} / {ee['recall']:.3f}" if ee["tp"] + ee["fp"] + ee["fn"] else "–")
            + f" | {_pct(u['right'], u['gold'])} | {_pct(r['persons_marked_absent']['right'], r['persons_marked_absent']['gold'])} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", type=Path, default=RESULTS)
    ap.add_argument("--render", type=Path, help="only print the table of an earlier results file")
    ap.add_argument("--sets", nargs="*", help="LABEL=DIR pairs (default: round-13 held back, dev, earlier sets)")
    args = ap.parse_args(argv)
    if args.render:
        print(render(json.loads(args.render.read_text(encoding="utf-8"))))
        return 0
    sets = dict(s.split("=", 1) for s in args.sets) if args.sets else DEFAULT_SETS
    cfg = Settings.from_env()
    results = {}
    for label, folder in sets.items():
        folder = Path(folder)
        if not folder.is_dir():
            print(f"error: gold folder {folder} does not exist", file=sys.stderr)
            return 2
        results[label] = evaluate(folder, cfg)
    print(render(results))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
