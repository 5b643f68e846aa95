"""The run report: what one run did, as a document in ``ingest-runs`` and one screen of text.

:func:`aggregate` is pure: it folds the stage summaries (the small dicts the
pipeline functions return) into counts, reasons and durations.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from datetime import datetime, timezone
from typing import Any, Iterable

from . import es as es_mod
from .config import Settings

log = logging.getLogger(__name__)

COUNTS = (
    "discovered", "new", "fetched", "not_modified", "unchanged", "irrelevant", "rejected",
    "enriched", "indexed", "updated", "failed", "recovered", "seeds",
)


def aggregate(results: Iterable[dict[str, Any] | None]) -> dict[str, Any]:
    counts: Counter[str] = Counter({k: 0 for k in COUNTS})
    reasons: dict[str, Counter[str]] = defaultdict(Counter)
    durations: Counter[str] = Counter()
    sources: dict[str, dict[str, Any]] = {}
    for r in results:
        if not r:
            continue
        stage = r.get("stage", "?")
        durations[stage] += float(r.get("seconds") or 0)
        if stage == "discover":
            counts["discovered"] += r.get("discovered", 0)
            counts["new"] += r.get("new", 0)
            entry = sources.setdefault(r["source"], {})
            entry.update({"discovered": r.get("discovered", 0), "new": r.get("new", 0),
                          "not_modified": r.get("not_modified", False), "error": r.get("error")})
            if r.get("not_modified"):
                counts["not_modified"] += 1
            if r.get("error"):
                counts["failed"] += 1
                reasons["source_failed"][r["error"]] += 1
            for note in r.get("notes") or []:
                reasons["feed_notes"][str(note).split(":")[0]] += 1
        elif stage == "fetch":
            counts["fetched"] += r.get("fetched", 0)
            counts["not_modified"] += r.get("not_modified", 0)
            counts["unchanged"] += r.get("unchanged", 0)
            counts["failed"] += r.get("failed", 0)
            reasons["fetch_failed"].update(r.get("failed_reasons") or {})
            sources.setdefault(r["source"], {})["fetched"] = r.get("fetched", 0)
        elif stage == "recover":
            counts["recovered"] += r.get("fetched", 0)
        elif stage == "clean":
            counts["irrelevant"] += r.get("irrelevant", 0)
            counts["rejected"] += r.get("rejected", 0)
            reasons["irrelevant"].update(r.get("irrelevant_reasons") or {})
            reasons["rejected"].update(r.get("rejected_reasons") or {})
        elif stage == "enrich":
            counts["enriched"] += r.get("enriched", 0)
        elif stage in ("index", "seeds"):
            counts["indexed"] += r.get("indexed", 0)
            counts["updated"] += r.get("updated", 0)
            counts["unchanged"] += r.get("unchanged", 0)
            counts["failed"] += r.get("failed", 0)
            if stage == "seeds":
                counts["seeds"] += r.get("seeds", 0)
                counts["enriched"] += r.get("enriched", 0)
    return {
        "counts": dict(counts),
        "reasons": {k: dict(v) for k, v in reasons.items() if v},
        "durations": {k: round(v, 3) for k, v in durations.items()},
        "sources": sources,
    }


def summary_text(run_id: str, report: dict[str, Any]) -> str:
    c = report["counts"]
    lines = [
        f"run summary {run_id}: {c['indexed']} indexed, {c['updated']} updated, {c['unchanged']} unchanged, "
        f"{c['irrelevant']} irrelevant, {c['rejected']} rejected, {c['failed']} failed",
        f"  discovered {c['discovered']} ({c['new']} new) · fetched {c['fetched']} · not modified {c['not_modified']}"
        f" · recovered {c['recovered']} · enriched {c['enriched']} · seeds {c['seeds']}",
    ]
    for kind, counter in report["reasons"].items():
        lines.append(f"  {kind}: " + ", ".join(f"{k} {v}" for k, v in sorted(counter.items(), key=lambda kv: -kv[1])))
    lines.append("  seconds: " + ", ".join(f"{k} {v:.1f}" for k, v in report["durations"].items()))
    for name, s in sorted(report["sources"].items()):
        state = "error " + s["error"] if s.get("error") else ("304" if s.get("not_modified") else f"{s.get('new', 0)} new")
        lines.append(f"  {name:<24} {state}")
    return "\n".join(lines)


def write_report(
    cfg: Settings,
    run_id: str,
    results: Iterable[dict[str, Any] | None],
    started_at: datetime | None = None,
    client: Any = None,
) -> dict[str, Any]:
    """Store the run's report in ``ingest-runs`` (id = run id, so a retry overwrites) and log it."""
    report = aggregate(results)
    finished = datetime.now(timezone.utc)
    doc = {
        "run_id": run_id,
        "started_at": (started_at or finished).isoformat(),
        "finished_at": finished.isoformat(),
        "status": "partial" if report["counts"]["failed"] else "success",
        **report,
    }
    text = summary_text(run_id, report)
    doc["summary"] = text
    client = client or es_mod.client(cfg)
    client.index(index=cfg.runs_index, id=run_id, document=doc, refresh="wait_for")
    for line in text.splitlines():
        log.info(line)
    return doc
