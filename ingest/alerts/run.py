"""One alerts pass: match every saved search against the new articles, record, deliver, report.

Called after every indexing (the DAG's ``alerts`` task, ``ingest run``, ``ingest add``) through
:func:`ingest.stages.alerts`. Never raises for a delivery: a channel that fails leaves its records
``failed`` (sent again by the next pass) and is counted in ``delivery_failed`` with its reason, which
makes the run ``partial``. A saved search that cannot run is counted in ``invalid_watches`` and skipped.

The window is the articles indexed since the last pass started (a watermark in ``ingest-alerts``),
or since ``since`` when that is earlier, and never more than :data:`MAX_WINDOW` back.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from elasticsearch import NotFoundError, helpers

from ingest.alerts import deliver, match, watches
from ingest.alerts.deliver import DeliveryError, Mailer
from ingest.models import parse_time, utcnow
from ingest.settings import AlertSettings, FetchSettings
from ingest.store.es.elastic import Elastic

log = logging.getLogger(__name__)
MAX_WINDOW = timedelta(days=7)
WATERMARK = "_watermark"


@dataclass
class Outcome:
    watches: int = 0
    invalid: dict[str, str] = field(default_factory=dict)  # name -> why
    matched: int = 0
    stories: int = 0  # new stories recorded this pass
    queued: int = 0  # waiting for a daily digest
    delivered: int = 0  # stories delivered this pass (on every channel of their saved search)
    failed: dict[str, str] = field(default_factory=dict)  # record id -> why (no URL, no secret)
    failed_by: dict[str, int] = field(default_factory=dict)  # "<watch>: <reason>" -> n


def _window(es: Elastic, since: datetime, now: datetime) -> datetime:
    try:
        mark = es.client.get(index=es.alerts_index, id=WATERMARK)["_source"].get("updated_at")
    except NotFoundError:  # no watermark yet
        mark = None
    start = min(since, parse_time(mark)) if mark else since
    return max(start, now - MAX_WINDOW)


def _records(es: Elastic, ids: list[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    resp = es.client.mget(index=es.alerts_index, ids=ids)
    return {d["_id"]: d["_source"] for d in resp["docs"] if d.get("found")}


def _outstanding(es: Elastic, today: str) -> list[dict[str, Any]]:
    """Records still to send: pending or failed, and queued ones of a finished day (digests)."""
    es.client.indices.refresh(index=es.alerts_index)
    due = {"bool": {"filter": [{"term": {"status": "queued"}}, {"range": {"day": {"lt": today}}}]}}
    query = {"bool": {"should": [{"terms": {"status": ["pending", "failed"]}}, due],
                      "minimum_should_match": 1}}
    return [{**h["_source"], "_id": h["_id"]} for h in
            helpers.scan(es.client, index=es.alerts_index, query={"query": query}, size=500)]


def _mark(es: Elastic, recs: list[dict[str, Any]], **changes: Any) -> None:
    """Write records with ``changes`` (one request: a bulk for several)."""
    now = utcnow().isoformat()
    for rec in recs:
        rec.update(changes, updated_at=now)
    docs = [{"_index": es.alerts_index, "_id": r["_id"], "_source": {k: v for k, v in r.items() if k != "_id"}}
            for r in recs]
    if len(docs) == 1:
        es.client.index(index=docs[0]["_index"], id=docs[0]["_id"], document=docs[0]["_source"])
    elif docs:
        helpers.bulk(es.client, docs)


def run_alerts(es: Elastic, alerts: AlertSettings, fetch: FetchSettings, since: datetime, run_id: str,
               mailer: Mailer | None = None) -> Outcome:
    """One pass (see the module). ``mailer``: Airflow's ``smtp_default`` inside the DAG, else the smtp_* settings."""
    out = Outcome()
    now = utcnow()
    today = now.date().isoformat()
    saved = watches.all_watches(es)
    out.watches = len(saved)
    if not saved:
        return out
    mailer = mailer or deliver.SmtpMailer.from_settings(alerts)
    start = _window(es, since, now)
    es.client.indices.refresh(index=es.articles_alias)  # this run's articles visible to the search
    by_name = {w.name: w for w in saved}
    found = match.match(es, saved, start, base_url=alerts.alert_base_url, max_stories=alerts.alert_max_stories)
    for m in found:
        if m.error:
            out.invalid[m.watch.name] = m.error
            log.warning("saved search %r skipped: %s", m.watch.name, m.error)
        out.matched += m.matched
    # 1. every new (saved search, story) recorded before anything is sent
    wanted = {deliver.record_id(m.watch.name, s.key): (m.watch, s) for m in found for s in m.stories}
    known = _records(es, list(wanted))
    new = []
    for rid, (w, s) in wanted.items():
        if rid in known:
            continue
        status = "delivered" if not w.channels else "queued" if w.digest == "daily" else "pending"
        new.append({"_op_type": "create", "_index": es.alerts_index, "_id": rid, "_source": {
            "watch": w.name, "story": s.key, "status": status, "channels": [], "day": today, "run_id": run_id,
            "attempts": 0, "created_at": now.isoformat(), "updated_at": now.isoformat(), "item": s.item}})
        out.stories += 1
        out.queued += status == "queued"
        out.delivered += status == "delivered"  # a saved search without a channel: recorded, nothing to send
    if new:
        for ok, item in helpers.streaming_bulk(es.client, new, raise_on_error=False):  # refreshed once below
            if not ok and item["create"].get("status") != 409:  # 409: another pass recorded it first
                log.warning("alert record not written: %s", item["create"].get("error"))
    # 2. everything outstanding, this pass's and earlier ones', by saved search
    todo: dict[str, list[dict[str, Any]]] = {}
    for rec in _outstanding(es, today):
        if rec.get("watch") in by_name and rec.get("watch") not in out.invalid:
            todo.setdefault(rec["watch"], []).append(rec)
    for name, recs in sorted(todo.items()):
        _deliver(es, by_name[name], recs, alerts, fetch, mailer, out)
    mark = {"status": "watermark", "updated_at": now.isoformat()}
    es.client.index(index=es.alerts_index, id=WATERMARK, document=mark)
    return out


def alerted(out: Any, es: Elastic, alerts: AlertSettings, fetch: FetchSettings, since: datetime | None, run_id: str,
            mailer: Mailer | None = None) -> None:
    """One pass into the stage's result (:class:`ingest.results.Alerted`): its counts and reasons (the indices
    are the setup stage's: without saved searches, nothing is asked but whether there are any)."""
    start = since or utcnow()
    out.since = start.isoformat()
    done = run_alerts(es, alerts, fetch, start, run_id, mailer)
    c = out.counts
    c.watches, c.invalid_watches, c.matched = done.watches, len(done.invalid), done.matched
    c.stories, c.queued, c.delivered, c.delivery_failed = done.stories, done.queued, done.delivered, len(done.failed)
    for name, why in done.invalid.items():
        out.reason("watch_invalid", f"{name}: {why}"[:200])
    for key, n in done.failed_by.items():
        out.reason("alert_failed", key, n)


def _fail(out: Outcome, w: watches.Watch, recs: list[dict[str, Any]], es: Elastic, exc: DeliveryError) -> None:
    for rec in recs:
        rec["attempts"] = int(rec.get("attempts") or 0) + 1
        out.failed[rec["_id"]] = str(exc)
    _mark(es, recs, status="failed", last_error=str(exc)[:300])
    key = f"{w.name}: {exc}"[:200]
    out.failed_by[key] = out.failed_by.get(key, 0) + len(recs)
    log.warning("saved search %r: %d deliver%s failed: %s (retried next run)", w.name, len(recs),
                "y" if len(recs) == 1 else "ies", exc)


def _deliver(es: Elastic, w: watches.Watch, recs: list[dict[str, Any]], alerts: AlertSettings, fetch: FetchSettings,
             mailer: Mailer | None, out: Outcome) -> None:
    """Send one saved search's outstanding records on each of its channels not yet done."""
    groups: list[tuple[str | None, list[dict[str, Any]]]]
    if w.digest == "daily":  # one message per finished day
        days: dict[str, list[dict[str, Any]]] = {}
        for rec in recs:
            days.setdefault(str(rec.get("day")), []).append(rec)
        groups = sorted(days.items())
    else:
        groups = [(None, [r]) for r in recs]  # the webhook takes one story per POST
    for channel in w.channels:
        if channel == "webhook":
            for day, part in groups:
                part = [r for r in part if "webhook" not in (r.get("channels") or [])]
                if not part:
                    continue
                key = deliver.record_id(w.name, f"digest:{day}") if day else part[0]["_id"]
                sent = deliver.payload(w, [r["item"] for r in part], kind="digest" if day else "story", day=day)
                body = deliver.encode(sent)
                try:
                    deliver.post_webhook(w.webhook, body, key, alerts, fetch)
                except DeliveryError as exc:
                    _fail(out, w, part, es, exc)
                    continue
                for rec in part:  # at once: a worker killed after this never sends it again
                    rec["channels"] = [*(rec.get("channels") or []), "webhook"]
                _mark(es, part)
        elif channel == "email":
            by_day: dict[str | None, list[dict[str, Any]]] = {}
            for day, part in groups:
                by_day.setdefault(day, []).extend(r for r in part if "email" not in (r.get("channels") or []))
            for day, part in by_day.items():
                if not part:
                    continue
                try:
                    if mailer is None:
                        raise DeliveryError("e-mail failed: no SMTP server (INGEST_SMTP_HOST or smtp_default)",
                                            reason="email_failed")
                    mailer.send(w.emails, *deliver.render_email(w, [r["item"] for r in part], day))
                except DeliveryError as exc:
                    _fail(out, w, part, es, exc)
                    continue
                for rec in part:
                    rec["channels"] = [*(rec.get("channels") or []), "email"]
                _mark(es, part)
    done = [rec for rec in recs if set(w.channels) <= set(rec.get("channels") or [])]
    _mark(es, done, status="delivered", delivered_at=utcnow().isoformat(), last_error=None)
    for rec in done:
        out.delivered += 1
        out.failed.pop(rec["_id"], None)


__all__ = ["Outcome", "alerted", "run_alerts"]
