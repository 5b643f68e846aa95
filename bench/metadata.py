"""Metadata benchmark on Korean and Russian pages: ``ingest.extract.extract`` beside
trafilatura's ``bare_extraction`` on the same bytes.

Pages and gold: ``bench/gold/metadata/<set>.yaml`` (rendered by :mod:`bench.metadata_pages`
into ``bench/data/metadata/<set>/``). Scores, over the article pages of a set:

* headline: the title equals the gold headline (whitespace squashed);
* day: the publication day in the outlet's timezone equals the gold day;
* moment: the same instant as the gold, with an offset (a date-only gold needs a date-only
  answer: no invented midnight);
* byline recall: gold authors found / gold authors; pages given a non-author: pages with an
  author that is not in the gold (a role word such as "기자" after a name is ignored);
* must-have: gold sentences found in the body / gold sentences;
* chrome absent: pages whose title and body contain none of the gold's ``absent`` strings
  (a chrome-only page counts when it is rejected, for us, or given no text, for trafilatura);
* language: the detected language equals the gold.

    python -m bench.metadata [--set tune|heldout|heldout2|set3-tune|set3-heldout|set4-tune|set4-heldout|
                              set5-tune|set5-heldout|set6-tune|set6-heldout|set7-tune|set7-heldout|set8-tune|set8-heldout|
                              set9-tune|set9-heldout|set10-tune|set10-heldout]
                             [--json OUT] [--pages]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from bench.metadata_pages import PAGE_DIR, load_set

_ROLE = re.compile(r"\s*(?:기자|특파원|선임기자|객원기자)$")


def squash(text: str | None) -> str:
    return " ".join((text or "").split())


def person_key(name: str) -> str:
    return _ROLE.sub("", squash(name)).replace(" ", "").casefold()


@dataclass
class Answer:
    rejected: bool = False
    reason: str = ""
    title: str = ""
    body: str = ""
    published: datetime | date | None = None
    local_day: str | None = None
    precision: str | None = None
    authors: list[str] = field(default_factory=list)
    language: str | None = None
    source: str | None = None


def ours(raw: bytes, url: str) -> Answer:
    from ingest.extract import Rejected, extract

    try:
        c = extract(raw, url=url, content_type="text/html; charset=utf-8")
    except Rejected as exc:
        return Answer(rejected=True, reason=f"{exc.reason}: {exc.detail}" if hasattr(exc, "detail") else str(exc))
    local_day = getattr(c, "published_local_date", None)
    if local_day is None and c.published_at is not None:
        local_day = c.published_at.date().isoformat()  # the day in whatever offset it carries
    return Answer(title=c.title, body=c.body, published=c.published_at, local_day=local_day,
                  precision=getattr(c, "published_precision", None), authors=list(c.authors),
                  language=c.language, source=getattr(c, "source", None))


def trafilatura_answer(raw: bytes, url: str) -> Answer:
    import trafilatura

    doc = trafilatura.bare_extraction(raw.decode("utf-8"), url=url, with_metadata=True)
    if doc is None or not squash(doc.text):
        return Answer(rejected=True, reason="no text")
    day = doc.date or None
    authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
    return Answer(title=doc.title or "", body=doc.text or "", published=date.fromisoformat(day) if day else None,
                  local_day=day, precision="day" if day else None, authors=authors, language=doc.language)


EXTRACTORS = {"ours": ours, "trafilatura": trafilatura_answer}


def _moment_ok(ans: Answer, gold: dict) -> bool | None:
    want = str(gold["published"])
    if gold.get("precision") == "day":
        return ans.precision == "day" and ans.local_day == want
    if not isinstance(ans.published, datetime) or ans.published.tzinfo is None:
        return False
    # the same instant at the precision the page states (a CMS's milliseconds are not shown)
    drop = {"microsecond": 0} if gold.get("precision") == "second" else {"second": 0, "microsecond": 0}
    return ans.published.replace(**drop) == datetime.fromisoformat(want).replace(**drop)


def score_page(ans: Answer, gold: dict) -> dict:
    absent = gold.get("absent", [])
    text = f"{ans.title}\n{ans.body}"
    chrome_ok = ans.rejected if gold.get("reject") else not any(s in text for s in absent)
    if gold.get("reject"):
        return {"reject": True, "rejected": ans.rejected, "chrome_absent": chrome_ok, "reason": ans.reason}
    want_authors = [person_key(a) for a in gold.get("authors", [])]
    got_authors = [person_key(a) for a in ans.authors]
    body = squash(ans.body)
    want = str(gold["published"])
    return {
        "headline": squash(ans.title) == squash(gold["headline"]),
        "day": ans.local_day == want[:10],
        "moment": _moment_ok(ans, gold),
        "authors_found": sum(1 for a in want_authors if a in got_authors),
        "authors_gold": len(want_authors),
        "non_author": any(a not in want_authors for a in got_authors),
        "must_have_found": sum(1 for s in gold.get("must_have", []) if squash(s) in body),
        "must_have": len(gold.get("must_have", [])),
        "chrome_absent": chrome_ok,
        "language": ans.language == gold.get("language"),
        "rejected": ans.rejected, "reason": ans.reason,
        "got": {"title": ans.title, "published": ans.published.isoformat() if ans.published else None,
                "local_day": ans.local_day, "precision": ans.precision, "authors": ans.authors,
                "source": ans.source, "language": ans.language},
    }


def summarise(per_page: dict[str, dict]) -> dict:
    arts = [p for p in per_page.values() if not p.get("reject")]
    n = len(arts)
    gold_authors = sum(p["authors_gold"] for p in arts)
    must = sum(p["must_have"] for p in arts)
    return {
        "pages": len(per_page), "article_pages": n,
        "headline": sum(p["headline"] for p in arts) / n,
        "day": sum(p["day"] for p in arts) / n,
        "moment": sum(bool(p["moment"]) for p in arts) / n,
        "byline_recall": sum(p["authors_found"] for p in arts) / gold_authors if gold_authors else 1.0,
        "non_author_pages": sum(p["non_author"] for p in arts),
        "must_have": sum(p["must_have_found"] for p in arts) / must if must else 1.0,
        "chrome_absent": sum(p["chrome_absent"] for p in per_page.values()) / len(per_page),
        "language": sum(p["language"] for p in arts) / n,
        "chrome_pages_rejected": sum(p["rejected"] for p in per_page.values() if p.get("reject")),
        "chrome_pages": sum(1 for p in per_page.values() if p.get("reject")),
    }


def pages_of(set_name: str) -> tuple[list[dict], Path]:
    """The specs of a set and the folder of its rendered pages (``set3-tune``/``set3-heldout``,
    ``set4-tune``/``set4-heldout``: the third and fourth sets' two parts, see
    :mod:`bench.metadata_pages3` and :mod:`bench.metadata_pages4`)."""
    if set_name.startswith("set3-"):
        from bench.metadata_pages3 import SET, load_split

        return load_split(set_name.split("-", 1)[1]), PAGE_DIR / SET
    if set_name.startswith("set4-"):
        from bench.metadata_pages4 import SET as SET4, load_split as load_split4

        return load_split4(set_name.split("-", 1)[1]), PAGE_DIR / SET4
    if set_name.startswith("set5-"):
        from bench.metadata_pages5 import SET as SET5, load_split as load_split5

        return load_split5(set_name.split("-", 1)[1]), PAGE_DIR / SET5
    if set_name.startswith("set6-"):
        from bench.metadata_pages6 import SET as SET6, load_split as load_split6

        return load_split6(set_name.split("-", 1)[1]), PAGE_DIR / SET6
    if set_name.startswith("set7-"):
        from bench.metadata_pages7 import SET as SET7, load_split as load_split7

        return load_split7(set_name.split("-", 1)[1]), PAGE_DIR / SET7
    if set_name.startswith("set8-"):
        from bench.metadata_pages8 import SET as SET8, load_split as load_split8

        return load_split8(set_name.split("-", 1)[1]), PAGE_DIR / SET8
    if set_name.startswith("set9-"):
        from bench.metadata_pages9 import SET as SET9, load_split as load_split9

        return load_split9(set_name.split("-", 1)[1]), PAGE_DIR / SET9
    if set_name.startswith("set10-"):
        from bench.metadata_pages10 import SET as SET10, load_split as load_split10

        return load_split10(set_name.split("-", 1)[1]), PAGE_DIR / SET10
    return load_set(set_name), PAGE_DIR / set_name


def run(set_name: str, extractors=None) -> dict:
    extractors = extractors or EXTRACTORS
    out = {}
    specs, folder = pages_of(set_name)
    for name, fn in extractors.items():
        per_page = {}
        for spec in specs:
            raw = (folder / f"{spec['name']}.html").read_bytes()
            per_page[spec["name"]] = score_page(fn(raw, spec["url"]), spec["gold"])
        out[name] = {"summary": summarise(per_page), "pages": per_page}
    return out


ROWS = (("headline", "headline right", "{:.0%}"), ("day", "publication day right", "{:.0%}"),
        ("moment", "moment right, with offset", "{:.0%}"), ("byline_recall", "byline recall", "{:.2f}"),
        ("non_author_pages", "pages given a non-author", "{}"), ("must_have", "must-have sentences found", "{:.2f}"),
        ("chrome_absent", "chrome absent", "{:.2f}"), ("language", "language right", "{:.0%}"))


def table(result: dict) -> str:
    names = list(result)
    lines = ["| | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for key, label, fmt in ROWS:
        cells = []
        for n in names:
            s = result[n]["summary"]
            cells.append("–" if n == "trafilatura" and key == "moment" else fmt.format(s[key]))
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Score headline, date, byline and text on Korean/Russian pages.")
    ap.add_argument("--set", default="tune", choices=("tune", "heldout", "heldout2", "set3-tune", "set3-heldout",
                                                          "set4-tune", "set4-heldout", "set5-tune", "set5-heldout",
                                                          "set6-tune", "set6-heldout", "set7-tune", "set7-heldout",
                                                          "set8-tune", "set8-heldout", "set9-tune", "set9-heldout",
                                                          "set10-tune", "set10-heldout"))
    ap.add_argument("--json", type=Path, help="write the results as JSON here")
    ap.add_argument("--pages", action="store_true", help="print each page's misses")
    args = ap.parse_args(argv)
    result = run(args.set)
    pages = result["ours"]["summary"]["pages"]
    print(f"{args.set}: {pages} pages")
    print(table(result))
    if args.pages:
        for name, p in result["ours"]["pages"].items():
            misses = [k for k in ("headline", "day", "moment", "chrome_absent", "language", "rejected") if k in p and
                      (p[k] is False if k != "rejected" else p[k] and not p.get("reject"))]
            if p.get("non_author"):
                misses.append("non_author")
            if p.get("authors_found", 0) < p.get("authors_gold", 0):
                misses.append("byline")
            if p.get("must_have_found", 0) < p.get("must_have", 0):
                misses.append("must_have")
            if p.get("reject") and not p["rejected"]:
                misses.append("not_rejected")
            if misses:
                print(f"  {name}: {', '.join(misses)}  {json.dumps(p.get('got', p.get('reason')), ensure_ascii=False)}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"set": args.set, **result}, ensure_ascii=False, indent=1, default=str),
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
