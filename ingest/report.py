"""Run reports built from the stages' results (:mod:`ingest.results`): one document in ``ingest-runs`` and one screen of text.

:func:`build` is pure: it adds up the stages' typed counts, reasons and
durations. A stage that failed as a whole (a task that raised) is passed in
``failed_stages`` (with its error in ``errors``) and makes the run ``failed``; a source or page that failed
while the run went on makes it ``partial``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime, timezone
from typing import Any, Iterable

from ingest.models import Counts, RunStatus
from ingest.results import Discovered, Fetched, StageResult


@dataclass
class RunReport:
    run_id: str
    started_at: datetime
    finished_at: datetime
    status: RunStatus
    counts: Counts
    reasons: dict[str, dict[str, int]] = field(default_factory=dict)
    durations: dict[str, float] = field(default_factory=dict)
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    failed_stages: list[str] = field(default_factory=list)
    # counts.failed split: sources that could not be read, and pages that could not be fetched or kept
    failed_sources: int = 0
    failed_pages: int = 0

    def to_doc(self) -> dict[str, Any]:
        doc = asdict(self)
        doc.update(started_at=self.started_at.isoformat(), finished_at=self.finished_at.isoformat(),
                   status=str(self.status), counts=self.counts.to_dict(), summary=summary_text(self))
        return doc


def _source_entry(sources: dict[str, dict[str, Any]], r: Discovered | Fetched) -> dict[str, Any]:
    return sources.setdefault(r.source or "?", {"discovered": 0, "new": 0, "fetched": 0, "not_modified": False, "error": None})


def build(
    run_id: str,
    results: Iterable[StageResult | dict[str, Any] | None],
    started_at: datetime | None = None,
    failed_stages: Iterable[str] = (),
    errors: dict[str, str] | None = None,
) -> RunReport:
    """The report of one run; ``errors`` maps a failed stage to its one-line error (the reason it failed)."""
    total = Counts()
    reasons: dict[str, Counter[str]] = defaultdict(Counter)
    durations: Counter[str] = Counter()
    sources: dict[str, dict[str, Any]] = {}
    failed_sources = failed_pages = 0
    for item in results:
        if not item:
            continue
        r = item if isinstance(item, StageResult) else StageResult.from_dict(item)
        for f in fields(r.counts):  # the stage's own counts, by name
            setattr(total, f.name, getattr(total, f.name) + getattr(r.counts, f.name))
        if isinstance(r, Discovered):
            failed_sources += r.counts.failed
        else:
            failed_pages += getattr(r.counts, "failed", 0)
        durations[str(r.stage)] += r.seconds
        for kind, counter in r.reasons.items():
            reasons[kind].update(counter)
        for note in getattr(r, "notes", ()):
            reasons["feed_notes"][str(note).split(":")[0]] += 1
        if isinstance(r, Discovered):
            entry = _source_entry(sources, r)
            entry.update(discovered=r.counts.discovered, new=r.counts.new,
                         not_modified=bool(r.counts.not_modified), error=r.error)
        elif isinstance(r, Fetched):
            _source_entry(sources, r)["fetched"] = r.counts.fetched
    for stage, message in (errors or {}).items():
        reasons["stage_failed"][f"{stage}: {message}"[:300]] += 1
    failed = sorted(set(failed_stages))
    partial = total.failed or total.delivery_failed  # a failed alert delivery never fails the run
    status = RunStatus.FAILED if failed else RunStatus.PARTIAL if partial else RunStatus.SUCCESS
    finished = datetime.now(timezone.utc)
    return RunReport(
        run_id=run_id, started_at=started_at or finished, finished_at=finished, status=status, counts=total,
        reasons={k: dict(v) for k, v in reasons.items() if v},
        durations={k: round(v, 3) for k, v in durations.items()}, sources=sources, failed_stages=failed,
        failed_sources=failed_sources, failed_pages=failed_pages,
    )


def partial_note(doc: dict[str, Any]) -> str:
    """One line for an operator about a partial run (from its report document): what failed, and why."""
    parts = []
    failed = [f"{name} ({s['error']})" for name, s in sorted((doc.get("sources") or {}).items()) if s.get("error")]
    if failed:
        parts.append(f"{len(failed)} source{'s' * (len(failed) != 1)} failed: " + ", ".join(failed))
    pages = doc.get("failed_pages", 0)
    if pages:
        why = ", ".join(f"{k} {v}" for kind, counter in (doc.get("reasons") or {}).items()
                        if kind.endswith("_failed") and kind not in ("stage_failed", "source_failed")
                        for k, v in counter.items())
        parts.append(f"{pages} page{'s' * (pages != 1)} failed" + (f" ({why})" if why else ""))
    undelivered = (doc.get("counts") or {}).get("delivery_failed", 0)
    if undelivered:
        why = ", ".join(f"{k} {v}" for k, v in ((doc.get("reasons") or {}).get("alert_failed") or {}).items())
        parts.append(f"{undelivered} alert deliver{'y' if undelivered == 1 else 'ies'} failed, retried next run"
                     + (f" ({why})" if why else ""))
    return f"partial: {'; '.join(parts) or 'some sources or pages failed'} (ingest report --json {doc.get('run_id', '')})"[:1000]


def summary_text(report: RunReport) -> str:
    c = report.counts
    lines = [
        f"run {report.run_id}: {report.status} · {c.indexed} indexed, {c.updated} updated, {c.unchanged} unchanged, "
        f"{c.irrelevant} irrelevant, {c.rejected} rejected, "
        f"{report.failed_pages} page{'s' * (report.failed_pages != 1)} failed, "
        f"{report.failed_sources} source{'s' * (report.failed_sources != 1)} failed",
        f"  discovered {c.discovered} ({c.new} new) · fetched {c.fetched} · not modified {c.not_modified}"
        f" · recovered {c.recovered} · enriched {c.enriched} · seeds {c.seeds}",
    ]
    if c.watches:
        lines.append(f"  alerts: {c.watches} saved searches ({c.invalid_watches} invalid) · {c.matched} matched · "
                     f"{c.stories} new stories · {c.delivered} delivered · {c.queued} queued · {c.delivery_failed} failed")
    if report.failed_stages:
        lines.append("  failed stages: " + ", ".join(report.failed_stages))
    for kind, counter in report.reasons.items():
        lines.append(f"  {kind}: " + ", ".join(f"{k} {v}" for k, v in sorted(counter.items(), key=lambda kv: -kv[1])))
    lines.append("  seconds: " + ", ".join(f"{k} {v:.1f}" for k, v in report.durations.items()))
    for name, s in sorted(report.sources.items()):
        shown = "error " + s["error"] if s.get("error") else ("304" if s.get("not_modified") else f"{s.get('new', 0)} new")
        lines.append(f"  {name:<24} {shown}")
    return "\n".join(lines)
