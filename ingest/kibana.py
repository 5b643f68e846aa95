"""Puts the Kibana saved objects (data view, searches, Lens, dashboard) into Kibana.

``setup`` waits until Kibana reports itself available, imports every NDJSON file
of ``mappings/kibana/`` in one request through the saved-objects import API with
``overwrite=true`` (so running it again changes nothing), and makes the article
data view the default. Every failure is a :class:`KibanaError` with a one-line
message: Kibana unreachable after the wait, credentials refused, or objects
rejected (each named with its error type).
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from ingest.resources import path as resource_path
from ingest.settings import KibanaSettings
from ingest.errors import KibanaError

log = logging.getLogger(__name__)

OBJECTS_DIR = resource_path("mappings/kibana")
DATA_VIEW_TYPE = "index-pattern"
DASHBOARD_TYPE = "dashboard"


@dataclass(frozen=True)
class SavedObjects:
    """The NDJSON to upload and what it contains."""

    ndjson: bytes
    objects: list[tuple[str, str, str]]  # (type, id, title)

    @property
    def ids(self) -> list[str]:
        return [oid for _, oid, _ in self.objects]

    def first(self, kind: str) -> str | None:
        return next((oid for t, oid, _ in self.objects if t == kind), None)


def load_objects(objects_dir: Path) -> SavedObjects:
    """Read every ``*.ndjson`` of the folder (sorted by name) into one upload.

    One upload, not one per file, so references between files (dashboard -> lens)
    resolve within the same import.
    """
    files = sorted(Path(objects_dir).glob("*.ndjson"))
    if not files:
        raise KibanaError(f"no saved objects (*.ndjson) in {objects_dir}")
    lines: list[str] = []
    objects: list[tuple[str, str, str]] = []
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                kind, oid = obj["type"], obj["id"]
            except (ValueError, KeyError, TypeError):
                raise KibanaError(f"{path.name} line {number}: not a saved object (JSON with type and id)") from None
            objects.append((kind, oid, str((obj.get("attributes") or {}).get("title", ""))))
            lines.append(line.strip())
    return SavedObjects(("\n".join(lines) + "\n").encode("utf-8"), objects)


def _client(url: str, username: str, password: str, timeout: float) -> httpx.Client:
    auth = httpx.BasicAuth(username, password) if username else None
    return httpx.Client(base_url=url.rstrip("/"), auth=auth, timeout=timeout, headers={"kbn-xsrf": "true"})


def _message(response: httpx.Response) -> str:
    try:
        body = response.json()
        text = body.get("message") or body.get("error") or response.text
    except ValueError:
        text = response.text
    return " ".join(str(text).split())[:300]


def _check_auth(response: httpx.Response, url: str, username: str) -> None:
    if response.status_code == 401:
        who = f"user {username!r}" if username else "no credentials"
        raise KibanaError(f"Kibana at {url} refused the credentials ({who}): HTTP 401; set INGEST_KIBANA_USERNAME/INGEST_KIBANA_PASSWORD")
    if response.status_code == 403:
        raise KibanaError(f"Kibana at {url}: user {username!r} lacks the privilege for this (HTTP 403): {_message(response)}")


# `degraded` means some plugin is unwell; the saved-objects and settings APIs still serve.
READY_LEVELS = frozenset({"available", "degraded"})


def overall_level(body: Any) -> str:
    """The overall status level from ``GET /api/status`` (``available``, ``degraded``, ...)."""
    status = body.get("status") if isinstance(body, dict) else None
    overall = status.get("overall") if isinstance(status, dict) else None
    if isinstance(overall, dict):
        level = overall.get("level") or overall.get("state")  # `state: green` before Kibana 8
        return "available" if level == "green" else str(level or "unknown")
    return "unknown"


def wait_ready(client: httpx.Client, url: str, username: str, wait: float, poll: float = 2.0) -> None:
    """Poll the status API until Kibana is available (or degraded); give up after ``wait`` seconds."""
    deadline = time.monotonic() + wait
    last = "no answer yet"
    next_note = 0.0
    while True:
        try:
            response = client.get("/api/status")
            _check_auth(response, url, username)
            if response.status_code == 200:
                level = overall_level(response.json())
                if level in READY_LEVELS:
                    log.info("Kibana at %s is %s", url, level)
                    return
                last = f"status {level}"
            else:
                last = f"HTTP {response.status_code} {_message(response)}".strip()
        except httpx.HTTPError as exc:
            last = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        except ValueError:
            last = "status answer is not JSON"
        now = time.monotonic()
        if now >= deadline:
            raise KibanaError(f"Kibana at {url} was not available within {wait:g}s ({last})")
        if now >= next_note:
            log.info("waiting for Kibana at %s (%s; %.0fs left)", url, last, deadline - now)
            next_note = now + 10.0
        time.sleep(max(0.0, min(poll, deadline - now)))


def import_objects(client: httpx.Client, url: str, username: str, saved: SavedObjects) -> int:
    """Import with overwrite; returns the number of objects Kibana accepted."""
    try:
        response = client.post(
            "/api/saved_objects/_import",
            params={"overwrite": "true"},
            files={"file": ("korea-russia-kibana.ndjson", saved.ndjson, "application/ndjson")},
        )
    except httpx.HTTPError as exc:
        raise KibanaError(f"Kibana at {url}: import request failed: {type(exc).__name__}: {exc}") from None
    _check_auth(response, url, username)
    if response.status_code != 200:
        raise KibanaError(f"Kibana at {url} rejected the import: HTTP {response.status_code} {_message(response)}")
    try:
        body = response.json()
    except ValueError:
        raise KibanaError(f"Kibana at {url}: import answer is not JSON") from None
    errors = body.get("errors") or []
    if not body.get("success") or errors:
        failed = "; ".join(
            f"{e.get('type', '?')}/{e.get('id', '?')}: {(e.get('error') or {}).get('type', 'unknown')}"
            + (f" ({(e.get('error') or {}).get('message')})" if (e.get("error") or {}).get("message") else "")
            for e in errors
        )
        raise KibanaError(f"Kibana at {url} rejected {len(errors)} saved object(s): {failed or 'no details given'}")
    return int(body.get("successCount", 0))


def set_default_data_view(client: httpx.Client, url: str, username: str, data_view_id: str) -> None:
    try:
        response = client.post("/api/data_views/default", json={"data_view_id": data_view_id, "force": True})
    except httpx.HTTPError as exc:
        raise KibanaError(f"Kibana at {url}: setting the default data view failed: {type(exc).__name__}: {exc}") from None
    _check_auth(response, url, username)
    if response.status_code != 200:
        raise KibanaError(
            f"Kibana at {url} refused the default data view {data_view_id}: HTTP {response.status_code} {_message(response)}"
        )


def setup(
    cfg: KibanaSettings,
    *,
    url: str | None = None,
    username: str | None = None,
    password: str | None = None,
    objects_dir: Path | None = None,
    timeout: float = 30.0,
    wait: float = 300.0,
    poll: float = 2.0,
) -> dict[str, Any]:
    """Wait for Kibana, import the saved objects (idempotent), set the default data view.

    Arguments left as None come from settings (``INGEST_KIBANA_URL``,
    ``INGEST_KIBANA_USERNAME``, ``INGEST_KIBANA_PASSWORD``). Returns a summary.
    """
    url = (url or cfg.kibana_url).rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise KibanaError(f"Kibana URL {url!r} must start with http:// or https://")
    username = cfg.kibana_username if username is None else username
    password = cfg.kibana_password if password is None else password
    saved = load_objects(Path(objects_dir) if objects_dir else OBJECTS_DIR)
    data_view_id = saved.first(DATA_VIEW_TYPE)
    with _client(url, username, password, timeout) as client:
        wait_ready(client, url, username, wait, poll)
        imported = import_objects(client, url, username, saved)
        log.info("imported %d saved objects into Kibana at %s", imported, url)
        if data_view_id:
            set_default_data_view(client, url, username, data_view_id)
    dashboard_id = saved.first(DASHBOARD_TYPE)
    return {
        "url": url,
        "imported": imported,
        "objects": len(saved.objects),
        "ids": saved.ids,
        "default_data_view": data_view_id,
        "dashboard_url": f"{url}/app/dashboards#/view/{dashboard_id}" if dashboard_id else None,
    }


def format_summary(summary: dict[str, Any]) -> str:
    """The one-line human form of :func:`setup`'s result, for the CLI."""
    line = f"Kibana {summary['url']}: imported {summary['imported']}/{summary['objects']} saved objects"
    if summary.get("default_data_view"):
        line += f", default data view {summary['default_data_view']}"
    if summary.get("dashboard_url"):
        line += f"; dashboard: {summary['dashboard_url']}"
    return line


__all__ = ["KibanaError", "SavedObjects", "load_objects", "overall_level", "setup", "format_summary", "OBJECTS_DIR"]
